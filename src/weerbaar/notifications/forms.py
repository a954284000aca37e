from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.models import Role, User
from weerbaar.directory.models import Association
from weerbaar.notifications import kinds
from weerbaar.web.forms import UtrechtFormMixin, choice_field

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M", "%d-%m-%Y %H.%M"]


class PreferencesForm(forms.Form):
    email_groups = forms.MultipleChoiceField(
        label=_("E-mail ontvangen over"),
        help_text=_(
            "In Weerbaar ziet u altijd al uw meldingen. Kies waarover u ook een e-mail wilt. Een e-mail zegt "
            "alleen dat er iets nieuws is, met een link; nooit wat er in een zaak staat."
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "email_groups").choices = [(g.code, g.label) for g in kinds.GROUPS.values()]


class OnDutyForm(UtrechtFormMixin, forms.Form):
    """A coordinator puts an advisor of an association on duty for a period (checked again by the service)."""

    association = forms.ChoiceField(label=_("Vereniging"), error_messages={"required": _("Kies een vereniging.")})
    advisor = forms.ChoiceField(
        label=_("Adviseur"),
        help_text=_("Een adviseur van deze vereniging."),
        error_messages={"required": _("Kies een adviseur.")},
    )
    starts_at = forms.DateTimeField(
        label=_("Begin"),
        help_text=_("Datum en tijd, bijvoorbeeld 07-12-2026 17:00."),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"required": _("Vul het begin in."), "invalid": _("Vul een datum en tijd in.")},
    )
    ends_at = forms.DateTimeField(
        label=_("Einde"),
        help_text=_("Hoogstens 31 dagen na het begin."),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"required": _("Vul het einde in."), "invalid": _("Vul een datum en tijd in.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        associations: list[tuple[str, Any]] = [(str(a.pk), a.name) for a in Association.objects.order_by("name")]
        choice_field(self, "association").choices = [("", _("Kies een vereniging")), *associations]
        advisors = User.objects.filter(role=Role.ADVISOR, is_active=True, association__isnull=False).select_related(
            "association"
        )
        people: list[tuple[str, Any]] = [
            (str(u.pk), f"{u.label} ({u.association.short_name})")  # type: ignore[union-attr]
            for u in advisors.order_by("association__name", "username")
        ]
        choice_field(self, "advisor").choices = [("", _("Kies een adviseur")), *people]
