"""Web forms of the incident log, evidence, police reports, damage and the dossier.

They only parse: every field is optional and kept as typed, ``raw()`` builds the
API's camelCase shape, and the one rule set in ``incidents.validation`` decides.
Its ``invalidParams`` names are mapped back to the inputs with ``PARAMS``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.core import clock
from weerbaar.guidance.forms import ACTS
from weerbaar.incidents import validation
from weerbaar.incidents.choices import (
    INJURY_ACTS,
    PERPETRATOR_ACTS,
    SERIES_ACTS,
    THREAT_ACTS,
    AddressProtection,
    AffectedPerson,
    Article12Status,
    DamageKind,
    IdentifierKind,
    IncidentChannel,
    Perpetrators,
    ProsecutionDecision,
    ReportKind,
    Threatened,
    TriState,
    Victim,
)
from weerbaar.web.forms import UtrechtFormMixin, choice_field

#: How many perpetrator details the form offers (fixed rows: the page works without JavaScript).
IDENTIFIER_ROWS = 3
YES_NO = [("yes", _("Ja")), ("no", _("Nee"))]


def _date_input() -> forms.TextInput:
    return forms.TextInput(attrs={"type": "date", "class": "weerbaar-input-date"})


def _flag(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _yes_no(value: Any) -> str:
    return {True: "yes", False: "no"}.get(value, "")


class RawFileField(forms.FileField):
    """The file goes to ``services.evidence_add`` untouched: its checks (name, size, type) give the messages."""

    widget = forms.FileInput

    def clean(self, data: Any, initial: Any = None) -> Any:
        return data


class IncidentForm(UtrechtFormMixin, forms.Form):
    occurred_on = forms.CharField(label=_("Wanneer gebeurde het?"), required=False, widget=_date_input())
    occurred_at = forms.CharField(
        label=_("Hoe laat ongeveer?"),
        required=False,
        help_text=_("Weet u het niet precies, laat dit dan leeg."),
        widget=forms.TextInput(attrs={"type": "time", "class": "weerbaar-input-time"}),
    )
    learned_on = forms.CharField(
        label=_("Wanneer hoorde of zag u het?"),
        required=False,
        help_text=_("Vanaf deze dag loopt de termijn voor een klacht (drie maanden)."),
        widget=_date_input(),
    )
    channel = forms.ChoiceField(
        label=_("Waar of hoe gebeurde het?"), choices=IncidentChannel.choices, required=False, widget=forms.RadioSelect
    )
    platform = forms.CharField(
        label=_("Welk platform of welke website?"),
        required=False,
        max_length=validation.MAX_PLATFORM,
        help_text=_("Alleen bij online, bijvoorbeeld X, Facebook, Instagram of WhatsApp."),
    )
    acts = forms.MultipleChoiceField(
        label=_("Wat is er gebeurd?"),
        choices=[(key, label) for key, (label, _hint) in ACTS.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies alles wat past."),
    )
    related_to_office = forms.ChoiceField(
        label=_("Heeft het te maken met de uitoefening van het ambt?"),
        choices=YES_NO,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Ja als het gaat om wat de ambtsdrager als bestuurder of volksvertegenwoordiger doet of deed: een "
            "besluit, een stemming, een uitspraak in de raad, een werkbezoek. Alleen de titel is niet genoeg."
        ),
    )
    last_learned_on = forms.CharField(
        label=_("Wanneer hoorde of zag u het laatste voorval?"),
        required=False,
        help_text=_(
            "Alleen bij belaging die uit meer voorvallen bestaat. De termijn voor een klacht loopt vanaf het laatste "
            "voorval. Laat leeg als het één voorval was."
        ),
        widget=_date_input(),
    )
    threatened = forms.ChoiceField(
        label=_("Waarmee werd er gedreigd?"),
        choices=[*Threatened.choices, ("", _("Weet ik niet"))],
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Alleen bij bedreiging, dwang of afpersing. Dreigen met openbaar maken kan een klacht vragen."),
    )
    demand = forms.ChoiceField(
        label=_("Werd er iets geëist?"),
        choices=YES_NO,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Bijvoorbeeld: 'trek uw besluit in, anders …', of geld. Alleen bij bedreiging, dwang of afpersing."
        ),
    )
    perpetrators = forms.ChoiceField(
        label=_("Door één persoon of door een groep?"),
        choices=[*Perpetrators.choices, ("", _("Weet ik niet"))],
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Alleen bij mishandeling, vernieling of brandstichting."),
    )
    serious_injury = forms.ChoiceField(
        label=_("Is er zwaar lichamelijk letsel?"),
        choices=YES_NO,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Bijvoorbeeld een botbreuk, blijvend letsel of een opname in het ziekenhuis. Alleen bij mishandeling."
        ),
    )
    description = forms.CharField(
        label=_("Wat is er gebeurd, in eigen woorden?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Schrijf op wat er gezegd, geschreven of gedaan werd, zo letterlijk als u kunt."),
    )
    affected = forms.MultipleChoiceField(
        label=_("Wie werden geraakt?"),
        choices=AffectedPerson.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kiest u niets, dan gaan we uit van uzelf."),
    )
    victim = forms.ChoiceField(
        label=_("Tegen wie was het gericht?"),
        choices=Victim.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Wie is het slachtoffer? Dat bepaalt wie een klacht moet doen: die persoon zelf (of iemand met een "
            "schriftelijke volmacht). Kiest u niets, dan gaan we uit van de ambtsdrager."
        ),
    )
    perpetrator_known = forms.ChoiceField(
        label=_("Is bekend wie het deed?"), choices=YES_NO, required=False, widget=forms.RadioSelect
    )
    witnesses = forms.CharField(
        label=_("Getuigen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wie heeft het gezien of gehoord? Naam en hoe de politie hen kan bereiken, als u dat weet."),
    )

    PARAMS = {
        "occurredOn": "occurred_on",
        "occurredAt": "occurred_at",
        "learnedOn": "learned_on",
        "channel": "channel",
        "platform": "platform",
        "acts": "acts",
        "relatedToOffice": "related_to_office",
        "description": "description",
        "affected": "affected",
        "perpetratorKnown": "perpetrator_known",
        "perpetratorIdentifiers": "ident_value_0",
        "witnesses": "witnesses",
        "victim": "victim",
        "lastLearnedOn": "last_learned_on",
        "threatened": "threatened",
        "demand": "demand",
        "perpetrators": "perpetrators",
        "seriousInjury": "serious_injury",
    }
    # The questions shown only for some acts (``incident-form.js``; without JavaScript all are shown with hints).
    SHOWN_FOR = {
        "last_learned_on": SERIES_ACTS,
        "threatened": THREAT_ACTS,
        "demand": THREAT_ACTS,
        "perpetrators": PERPETRATOR_ACTS,
        "serious_injury": INJURY_ACTS,
    }
    for _row in range(IDENTIFIER_ROWS):
        PARAMS[f"perpetratorIdentifiers[{_row}]"] = f"ident_value_{_row}"
        PARAMS[f"perpetratorIdentifiers[{_row}].kind"] = f"ident_kind_{_row}"
        PARAMS[f"perpetratorIdentifiers[{_row}].value"] = f"ident_value_{_row}"
    del _row

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # No date after today (the rule set refuses one too); with JavaScript, "Vandaag" and "Gisteren" buttons
        # beside each date (static/weerbaar/incident-form.js), the days in Europe/Amsterdam.
        today = clock.now().astimezone(clock.AMSTERDAM).date()
        for name in ("occurred_on", "learned_on", "last_learned_on"):
            self.fields[name].widget.attrs.update(
                {
                    "max": today.isoformat(),
                    "data-weerbaar-today": today.isoformat(),
                    "data-weerbaar-yesterday": (today - timedelta(days=1)).isoformat(),
                    "data-weerbaar-today-label": str(_("Vandaag")),
                    "data-weerbaar-yesterday-label": str(_("Gisteren")),
                }
            )
        for row in range(IDENTIFIER_ROWS):
            self.fields[f"ident_kind_{row}"] = forms.ChoiceField(
                label=_("Soort gegeven %(n)s") % {"n": row + 1},
                choices=[("", _("Kies een soort")), *IdentifierKind.choices],
                required=False,
            )
            self.fields[f"ident_value_{row}"] = forms.CharField(
                label=_("Gegeven %(n)s") % {"n": row + 1},
                required=False,
                max_length=validation.MAX_IDENTIFIER,
                widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            )
        self.style_widgets()

    def act_choices(self) -> list[dict[str, Any]]:
        """The acts with their hints (as in the wizard), for a checkbox list with descriptions."""
        chosen = set(self["acts"].value() or [])
        return [
            {"value": key, "label": label, "hint": hint, "checked": key in chosen, "index": index}
            for index, (key, (label, hint)) in enumerate(ACTS.items())
        ]

    def identifier_rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"ident_kind_{row}"], self[f"ident_value_{row}"]) for row in range(IDENTIFIER_ROWS)]

    def raw(self) -> dict[str, Any]:
        """The incident in the API's shape, for ``validate_incident``."""
        d = self.cleaned_data
        identifiers = []
        for row in range(IDENTIFIER_ROWS):
            kind, value = d.get(f"ident_kind_{row}", ""), d.get(f"ident_value_{row}", "")
            if kind or value.strip():
                identifiers.append({"kind": kind or None, "value": value})
        return {
            "occurredOn": d.get("occurred_on") or None,
            "occurredAt": d.get("occurred_at") or None,
            "learnedOn": d.get("learned_on") or None,
            "channel": d.get("channel") or None,
            "platform": d.get("platform", ""),
            "acts": list(d.get("acts") or []),
            "relatedToOffice": _flag(d.get("related_to_office", "")),
            "description": d.get("description", ""),
            "affected": list(d.get("affected") or []),
            "perpetratorKnown": bool(_flag(d.get("perpetrator_known", ""))),
            "perpetratorIdentifiers": identifiers,
            "witnesses": d.get("witnesses", ""),
            "victim": d.get("victim") or None,
            "lastLearnedOn": d.get("last_learned_on") or None,
            "threatened": d.get("threatened") or None,
            "demand": bool(_flag(d.get("demand", ""))),
            "perpetrators": d.get("perpetrators") or None,
            "seriousInjury": bool(_flag(d.get("serious_injury", ""))),
        }

    def shown_for(self) -> dict[str, str]:
        """Per progressive question the acts it belongs to (space-separated), for ``data-weerbaar-show-for-acts``."""
        return {name: " ".join(sorted(acts)) for name, acts in self.SHOWN_FOR.items()}

    @classmethod
    def initial_from(cls, incident: Any) -> dict[str, Any]:
        """The form's initial values from an ``IncidentView`` (to correct it)."""
        initial: dict[str, Any] = {
            "occurred_on": incident.occurred_on.isoformat(),
            "occurred_at": incident.occurred_at.strftime("%H:%M") if incident.occurred_at else "",
            "learned_on": incident.learned_on.isoformat(),
            "channel": incident.channel,
            "platform": incident.platform,
            "acts": list(incident.acts),
            "related_to_office": _yes_no(incident.related_to_office),
            "description": incident.description,
            "affected": list(incident.affected),
            "perpetrator_known": _yes_no(incident.perpetrator_known),
            "witnesses": incident.witnesses,
            "victim": incident.victim,
            "last_learned_on": incident.last_learned_on.isoformat() if incident.last_learned_on else "",
            "threatened": incident.threatened or "",
            "demand": _yes_no(incident.demand) if set(incident.acts) & THREAT_ACTS else "",
            "perpetrators": incident.perpetrators or "",
            "serious_injury": _yes_no(incident.serious_injury) if set(incident.acts) & INJURY_ACTS else "",
        }
        for row, item in enumerate(incident.perpetrator_identifiers[:IDENTIFIER_ROWS]):
            initial[f"ident_kind_{row}"] = item.get("kind", "")
            initial[f"ident_value_{row}"] = item.get("value", "")
        return initial


class PoliceReportForm(UtrechtFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Aangifte of melding gedaan?"), choices=ReportKind.choices, required=False, widget=forms.RadioSelect
    )
    reported_on = forms.CharField(label=_("Op welke datum?"), required=False, widget=_date_input())
    police_unit = forms.CharField(
        label=_("Bij welk politiebureau of welke eenheid?"), required=False, max_length=validation.MAX_SHORT
    )
    police_reference = forms.CharField(
        label=_("Registratienummer van de politie"),
        required=False,
        max_length=validation.MAX_SHORT,
        help_text=_("Staat op het bewijs van aangifte of in de bevestiging."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    vpt_code = forms.ChoiceField(
        label=_("Is de VPT-code gebruikt?"),
        choices=TriState.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("De code Veilige Publieke Taak zorgt dat de politie en het OM de zaak met voorrang oppakken."),
    )
    address_protection = forms.ChoiceField(
        label=_("Hoe is het huisadres buiten het dossier gehouden?"),
        choices=AddressProtection.choices,
        required=False,
    )
    prosecution_decision = forms.ChoiceField(
        label=_("Wat heeft het OM besloten?"), choices=ProsecutionDecision.choices, required=False
    )
    decision_on = forms.CharField(label=_("Datum van de beslissing"), required=False, widget=_date_input())
    article12 = forms.ChoiceField(
        label=_("Artikel 12-klacht (beklag bij het hof over niet vervolgen)"),
        choices=Article12Status.choices,
        required=False,
    )
    notes = forms.CharField(label=_("Aantekeningen"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    PARAMS = {
        "kind": "kind",
        "reportedOn": "reported_on",
        "policeUnit": "police_unit",
        "policeReference": "police_reference",
        "vptCode": "vpt_code",
        "addressProtection": "address_protection",
        "prosecutionDecision": "prosecution_decision",
        "decisionOn": "decision_on",
        "article12": "article12",
        "notes": "notes",
    }

    def raw(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {api: d.get(name) or None for api, name in self.PARAMS.items()}

    @classmethod
    def initial_from(cls, report: Any) -> dict[str, Any]:
        if report is None:
            return {"kind": ReportKind.NONE}
        return {
            "kind": report.kind,
            "reported_on": report.reported_on.isoformat() if report.reported_on else "",
            "police_unit": report.police_unit,
            "police_reference": report.police_reference,
            "vpt_code": report.vpt_code,
            "address_protection": report.address_protection,
            "prosecution_decision": report.prosecution_decision,
            "decision_on": report.decision_on.isoformat() if report.decision_on else "",
            "article12": report.article12,
            "notes": report.notes,
        }


class EvidenceForm(UtrechtFormMixin, forms.Form):
    file = RawFileField(
        label=_("Bestand"),
        required=False,
        help_text=_(
            "Foto, schermafbeelding, pdf, e-mail (.eml/.msg), tekst, geluid of video; maximaal %(max)s MB per bestand."
        ),
    )
    source_url = forms.CharField(
        label=_("Webadres waar u het vond"),
        required=False,
        max_length=validation.MAX_URL,
        help_text=_("Niet verplicht. Bijvoorbeeld de link naar het bericht: https://…"),
        widget=forms.TextInput(attrs={"type": "url", "autocomplete": "off", "spellcheck": "false"}),
    )
    captured_at = forms.CharField(
        label=_("Wanneer gemaakt of bewaard?"),
        required=False,
        help_text=_("Niet verplicht. Het moment van de schermafbeelding of opname."),
        widget=forms.TextInput(attrs={"type": "datetime-local"}),
    )

    PARAMS = {"file": "file", "sourceUrl": "source_url", "capturedAt": "captured_at"}

    def __init__(self, *args: Any, max_mb: int = 25, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.fields["file"].help_text % {"max": max_mb}


class DamageForm(UtrechtFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort schade"), choices=[("", _("Kies een soort")), *DamageKind.choices], required=False
    )
    amount = forms.CharField(
        label=_("Bedrag in euro"),
        required=False,
        max_length=30,
        help_text=_("Bijvoorbeeld 149,95. Weet u het nog niet, laat dit dan leeg."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    incurred_on = forms.CharField(label=_("Datum"), required=False, widget=_date_input())
    description = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: nieuwe ruit voordeur, camera bij de voordeur, dagen niet kunnen werken."),
    )
    incident = forms.ChoiceField(label=_("Bij welk incident?"), required=False)

    PARAMS = {
        "kind": "kind",
        "amount": "amount",
        "incurredOn": "incurred_on",
        "description": "description",
        "incidentId": "incident",
    }

    def __init__(self, *args: Any, incidents: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "incident").choices = [("", _("Niet bij één incident")), *(incidents or [])]
        self.style_widgets()

    def raw(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "kind": d.get("kind") or None,
            "amount": d.get("amount") or None,
            "incurredOn": d.get("incurred_on") or None,
            "description": d.get("description", ""),
            "incidentId": d.get("incident") or None,
        }


class DossierForm(UtrechtFormMixin, forms.Form):
    # Only on the office holder's side (policy.can_put_home_address_in_dossier); used for this one dossier.
    home_address = forms.CharField(
        label=_("Huisadres op het dossier (niet verplicht)"),
        required=False,
        max_length=200,
        help_text=_(
            "Laat dit leeg, tenzij u zelf wilt dat de politie uw huisadres in het dossier ziet. Sinds 1 juli 2025 "
            "hoeft uw huisadres niet in het politiedossier: de verdachte en zijn advocaat kunnen dat dossier later "
            "lezen. Weerbaar bewaart dit adres niet; het komt alleen op dit ene dossier."
        ),
    )
    format = forms.ChoiceField(choices=[("pdf", "PDF"), ("zip", "ZIP")], required=False)
