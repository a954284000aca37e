"""Forms of the staff sign-in: password first, then a six-digit TOTP code."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

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
    """NL Design System classes on every widget, and the ``--invalid`` modifier on fields with errors.

    Shared by the staff pages' forms (accounts, cases, directory). Error and help
    texts are linked to their inputs by Django's ``aria-describedby`` (ids
    ``<id>_error`` and ``<id>_helptext``, rendered by ``workspace/_field.html``).
    """

    fields: dict[str, forms.Field]
    # No browser validation: the NL Design System styles :invalid red before anyone typed, and the
    # server's messages (linked with aria-describedby) are clearer. "(verplicht)" marks required fields.
    use_required_attribute = False

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self.style_widgets()

    def style_widgets(self) -> None:
        """Add the component classes (idempotent; call again after adding fields)."""
        for field in self.fields.values():
            base, _invalid = _classes_for(field.widget)
            existing = field.widget.attrs.get("class", "")
            if base and base not in existing:
                field.widget.attrs["class"] = f"{existing} {base}".strip()

    def add_error(self, field: str | None, error: object) -> None:
        super().add_error(field, error)  # type: ignore[misc]
        if field and field in self.fields:
            widget = self.fields[field].widget
            _base, invalid = _classes_for(widget)
            if invalid and invalid not in widget.attrs.get("class", ""):
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {invalid}".strip()

    def add_invalid_params(self, invalid_params: list[dict[str, str]], mapping: dict[str, str] | None = None) -> None:
        """Show a service's ``InvalidInput`` on the right fields (API names mapped to form fields)."""
        mapping = mapping or {}
        for item in invalid_params:
            name = mapping.get(item.get("name", ""), item.get("name", ""))
            target = name if name in self.fields else None
            self.add_error(target, item.get("reason", ""))


_six_digits = RegexValidator(r"^[0-9]{6}$", _("Vul de zes cijfers uit uw authenticator-app in."))


class LoginForm(UtrechtFormMixin, forms.Form):
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
        error_messages={"required": _("Vul uw gebruikersnaam in.")},
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Vul uw wachtwoord in.")},
    )


class TokenForm(UtrechtFormMixin, forms.Form):
    token = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        help_text=_("Zes cijfers, bijvoorbeeld 123456."),
        max_length=6,
        min_length=6,
        validators=[_six_digits],
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]{6}", "size": "6"}
        ),
        error_messages={
            "required": _("Vul de code in."),
            "min_length": _("Vul de zes cijfers uit uw authenticator-app in."),
            "max_length": _("Vul de zes cijfers uit uw authenticator-app in."),
        },
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].replace(" ", "")
