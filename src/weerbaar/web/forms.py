"""The form mixin of every page, and domain errors shown on the form they came from."""

from __future__ import annotations

from django import forms

from weerbaar.core.errors import Conflict, DomainError, InvalidInput

_WIDGET_CLASSES: list[tuple[type[forms.Widget], str, str]] = [
    (forms.CheckboxSelectMultiple, "utrecht-checkbox utrecht-checkbox--html-input", "utrecht-checkbox--invalid"),
    (forms.RadioSelect, "utrecht-radio-button utrecht-radio-button--html-input", "utrecht-radio-button--invalid"),
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input", "utrecht-checkbox--invalid"),
    (forms.Select, "utrecht-select utrecht-select--html-select", "utrecht-select--invalid"),
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea", "utrecht-textarea--invalid"),
    (forms.widgets.Input, "utrecht-textbox utrecht-textbox--html-input", "utrecht-textbox--invalid"),
]


def _classes_for(widget: forms.Widget) -> tuple[str, str]:
    for widget_type, base, invalid in _WIDGET_CLASSES:
        if isinstance(widget, widget_type):
            return base, invalid
    return "", ""


class UtrechtFormMixin:
    """NL Design System classes on every widget, the ``--invalid`` modifier on fields with errors, and a service's
    domain error shown on the form that was sent (``add_domain_error``).

    Shared by the forms of every page. Error and help texts are linked to their inputs by Django's
    ``aria-describedby`` (ids ``<id>_error`` and ``<id>_helptext``, rendered by ``workspace/_field.html``).
    """

    fields: dict[str, forms.Field]
    # No browser validation: the NL Design System styles :invalid red before anyone typed, and the
    # server's messages (linked with aria-describedby) are clearer. "(verplicht)" marks required fields.
    use_required_attribute = False

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.style_widgets()

    def style_widgets(self) -> None:
        """Add the component classes (idempotent; call again after adding fields)."""
        for field in self.fields.values():
            base, _invalid = _classes_for(field.widget)
            existing = field.widget.attrs.get("class", "")
            if base and base not in existing:
                field.widget.attrs["class"] = f"{existing} {base}".strip()

    def add_error(self, field: str | None, error: object) -> None:
        super().add_error(field, error)  # type: ignore[misc]  # a mixin: the form class after it has add_error
        if field and field in self.fields:
            widget = self.fields[field].widget
            _base, invalid = _classes_for(widget)
            if invalid and invalid not in widget.attrs.get("class", ""):
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {invalid}".strip()

    def add_invalid_params(self, invalid_params: list[dict[str, str]], mapping: dict[str, str] | None = None) -> None:
        """Show a service's ``InvalidInput`` on the right fields (API names mapped to form fields); a name that is
        no field of this form goes above the form."""
        mapping = mapping or {}
        for item in invalid_params:
            name = mapping.get(item.get("name", ""), item.get("name", ""))
            target = name if name in self.fields else None
            self.add_error(target, item.get("reason", ""))

    def add_domain_error(
        self, exc: DomainError, mapping: dict[str, str] | None = None, *, one_field_message: bool = False
    ) -> None:
        """Show a service's refusal on this form: an ``InvalidInput`` with fields on those fields (see
        ``add_invalid_params``), anything else (a ``Conflict``, an ``InvalidInput`` without fields) as its message
        above the form.

        ``one_field_message``: when exactly one field is invalid, that field shows the error's own sentence rather
        than the field's reason (the case services give a short reason per field and the full sentence in the
        message).
        """
        if isinstance(exc, InvalidInput) and exc.invalid_params:
            params = exc.invalid_params
            if one_field_message and len(params) == 1:
                params = [{**params[0], "reason": exc.message}]
            self.add_invalid_params(params, mapping)
        else:
            self.add_error(None, exc.message)


def error_status(exc: DomainError) -> int:
    """The status of a page that comes back with a domain error on it: 409 for a step that is not possible now,
    400 for anything else."""
    return 409 if isinstance(exc, Conflict) else 400


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's field ``name`` as the choice field it is, for a form that fills in its choices when it is made
    (``form.fields`` only says ``Field``)."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is no choice field")
    return field
