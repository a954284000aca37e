"""Forms of matching's pages. They only parse; ``matching.normalise`` and ``services`` hold the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.matching.choices import Decision, IdentifierKind, Platform
from weerbaar.matching.services import MAX_REASON
from weerbaar.web.forms import UtrechtFormMixin


class IdentifierForm(UtrechtFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort kenmerk"),
        choices=[("", _("Kies een soort")), *IdentifierKind.choices],
        error_messages={"required": _("Kies een soort.")},
    )
    value = forms.CharField(
        label=_("Kenmerk"),
        max_length=200,
        help_text=_(
            "Zoals bekend: telefoonnummer, e-mailadres, gebruikersnaam of account-id, Nederlands kenteken, of een "
            "naam met geboortejaar of -datum (Jan de Vries, 1975). Een naam alleen kan niet."
        ),
        error_messages={"required": _("Vul het kenmerk in.")},
    )
    platform = forms.ChoiceField(
        label=_("Platform"),
        choices=[("", "—"), *Platform.choices],
        required=False,
        help_text=_("Alleen bij een account op een platform, en dan verplicht."),
    )


class ReviewForm(UtrechtFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies: bevestigen of afwijzen.")},
    )
    reason = forms.CharField(
        label=_("Reden"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom u bevestigt of afwijst; zonder inhoud van de zaken."),
        error_messages={"required": _("Geef de reden van uw besluit.")},
    )


class SwitchForm(UtrechtFormMixin, forms.Form):
    enabled = forms.ChoiceField(
        label=_("Koppelen"),
        choices=[("on", _("Aan")), ("off", _("Uit"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies aan of uit.")},
    )
