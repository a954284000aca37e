from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.notifications import kinds
from weerbaar.web.forms import choice_field


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
