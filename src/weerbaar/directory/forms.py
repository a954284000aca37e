"""Forms of the directory management page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.directory.choices import PartnerKind
from weerbaar.directory.models import Association, Partner, Province
from weerbaar.directory.validation import MAX_EMAIL, MAX_NAME, MAX_NOTES, MAX_ORGANISATION, MAX_PHONE
from weerbaar.web.forms import UtrechtFormMixin, choice_field


class ContactAddForm(UtrechtFormMixin, forms.Form):
    prefix = "contact"
    association = forms.ChoiceField(label=_("Vereniging"), error_messages={"required": _("Kies een vereniging.")})
    name = forms.CharField(
        label=_("Naam van de contactpersoon"),
        max_length=150,
        help_text=_("Zoals die publiek op de website staat."),
        error_messages={"required": _("Vul een naam in.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "association").choices = [("", _("Kies een vereniging"))] + [
            (a.code, a.short_name) for a in Association.objects.order_by("order")
        ]


class ContactVisibilityForm(forms.Form):
    active = forms.BooleanField(required=False)


# --- the partner network -------------------------------------------------------------

#: API field names of the partner rule set mapped to this form's fields. A refused language code can only
#: come from the free "Andere taal (code)" field: the checkboxes offer valid codes only.
PARTNER_FIELD_MAP = {"contactName": "contact_name", "languages": "other_languages"}

#: The languages offered as checkboxes, by name (the API keeps ISO 639-1 codes). Papiamento has no
#: two-letter code (only ``pap``), so the shared rule set cannot store it yet.
COMMON_LANGUAGES: list[tuple[str, Any]] = [
    ("nl", _("Nederlands")),
    ("en", _("Engels")),
    ("fy", _("Fries")),
    ("de", _("Duits")),
    ("fr", _("Frans")),
    ("ar", _("Arabisch")),
    ("tr", _("Turks")),
    ("pl", _("Pools")),
    ("es", _("Spaans")),
    ("uk", _("Oekraïens")),
]
COMMON_LANGUAGE_CODES = frozenset(code for code, _name in COMMON_LANGUAGES)
#: Names of languages often asked for in the Netherlands that Django's own list lacks.
EXTRA_LANGUAGE_NAMES: dict[str, Any] = {"so": _("Somalisch"), "ti": _("Tigrinya"), "ku": _("Koerdisch")}


def language_name(code: str) -> str:
    """A language's name in the active language: the short list first, then Django's list, else the code."""
    from django.utils.translation import get_language_info

    names = {**dict(COMMON_LANGUAGES), **EXTRA_LANGUAGE_NAMES}
    if code in names:
        return str(names[code])
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


class PartnerForm(UtrechtFormMixin, forms.Form):
    prefix = "partner"
    name = forms.CharField(label=_("Naam"), max_length=MAX_NAME, error_messages={"required": _("Vul een naam in.")})
    organisation = forms.CharField(label=_("Organisatie"), max_length=MAX_ORGANISATION, required=False)
    kind = forms.ChoiceField(
        label=_("Soort partner"),
        choices=[("", _("Kies een soort")), *list(PartnerKind.choices)],
        error_messages={"required": _("Kies een soort partner.")},
    )
    nationwide = forms.BooleanField(label=_("Werkt landelijk (in alle provincies)"), required=False)
    provinces = forms.MultipleChoiceField(
        label=_("Provincies"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Waar de partner werkt. Niet nodig als de partner landelijk werkt."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Talen"),
        required=False,
        choices=COMMON_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De talen waarin de partner een ambtsdrager kan helpen."),
    )
    other_languages = forms.CharField(
        label=_("Andere taal (code)"),
        max_length=200,
        required=False,
        help_text=_(
            "Voor een taal die hierboven niet staat: de taalcode van twee letters (ISO 639-1), bijvoorbeeld so "
            "voor Somalisch. Meer talen gescheiden door komma's."
        ),
        widget=forms.TextInput(attrs={"autocapitalize": "none", "spellcheck": "false"}),
    )
    capacity = forms.CharField(
        label=_("Capaciteit"),
        max_length=4,
        help_text=_("Hoeveel verwijzingen de partner tegelijk kan oppakken (1 tot en met 100)."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": "4"}),
        error_messages={"required": _("Vul de capaciteit in.")},
    )
    available = forms.BooleanField(label=_("Nu beschikbaar voor nieuwe verwijzingen"), required=False)
    contact_name = forms.CharField(label=_("Contactpersoon"), max_length=MAX_NAME, required=False)
    email = forms.CharField(
        label=_("E-mailadres"),
        max_length=MAX_EMAIL,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"), max_length=MAX_PHONE, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    notes = forms.CharField(
        label=_("Notities voor coördinatoren"),
        max_length=MAX_NOTES,
        required=False,
        help_text=_("Bijvoorbeeld specialismen of wanneer de partner bereikbaar is. Nooit iets over een zaak."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "provinces").choices = [(p.code, p.name) for p in Province.objects.order_by("name")]

    @classmethod
    def initial_for(cls, partner: Partner) -> dict[str, Any]:
        return {
            "name": partner.name,
            "organisation": partner.organisation,
            "kind": partner.kind,
            "nationwide": partner.nationwide,
            "provinces": [p.code for p in partner.provinces.all()],
            "languages": [code for code in partner.languages if code in COMMON_LANGUAGE_CODES],
            "other_languages": ", ".join(code for code in partner.languages if code not in COMMON_LANGUAGE_CODES),
            "capacity": str(partner.capacity),
            "available": partner.available,
            "contact_name": partner.contact_name,
            "email": partner.email,
            "phone": partner.phone,
            "notes": partner.notes,
        }

    def payload(self) -> dict[str, Any]:
        """The API-shaped input for ``validation.partner_input`` (call after ``is_valid``)."""
        data = self.cleaned_data
        return {
            "name": data.get("name", ""),
            "organisation": data.get("organisation", ""),
            "kind": data.get("kind", ""),
            "nationwide": bool(data.get("nationwide")),
            "provinces": list(data.get("provinces") or []),
            "languages": [
                *(data.get("languages") or []),
                *(code for code in (data.get("other_languages") or "").replace(";", ",").split(",") if code.strip()),
            ],
            "capacity": data.get("capacity", ""),
            "available": bool(data.get("available")),
            "contactName": data.get("contact_name", ""),
            "email": data.get("email", ""),
            "phone": data.get("phone", ""),
            "notes": data.get("notes", ""),
        }


class PartnerFilterForm(UtrechtFormMixin, forms.Form):
    """The list's filters (GET); invalid values are ignored, not errors."""

    kind = forms.ChoiceField(label=_("Soort"), required=False)
    province = forms.ChoiceField(label=_("Provincie"), required=False)
    available = forms.ChoiceField(
        label=_("Beschikbaarheid"),
        required=False,
        choices=[("", _("Alle")), ("yes", _("Beschikbaar")), ("no", _("Niet beschikbaar"))],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Actief")), ("inactive", _("Gedeactiveerd")), ("all", _("Alle"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "kind").choices = [("", _("Alle soorten")), *list(PartnerKind.choices)]
        choice_field(self, "province").choices = [("", _("Alle provincies"))] + [
            (p.code, p.name) for p in Province.objects.order_by("name")
        ]

    def filters(self) -> dict[str, str]:
        """The chosen filters; an unknown value counts as "all"."""
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class PartnerSwitchForm(forms.Form):
    """Deactivate/reactivate and the availability switch: one checkbox-like value."""

    value = forms.BooleanField(required=False)


class PartnerAccountForm(UtrechtFormMixin, forms.Form):
    prefix = "account"
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}),
        error_messages={"required": _("Vul een gebruikersnaam in.")},
    )
    name = forms.CharField(label=_("Naam"), max_length=150, error_messages={"required": _("Vul een naam in.")})
    email = forms.CharField(
        label=_("E-mailadres"), max_length=254, required=False, widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
