"""One rule set for incidents, police reports, damage items and evidence details: API and web alike.

Input is the API's JSON shape (lowerCamelCase names); the web forms build the same
shape from their fields and map the ``invalidParams`` names back to inputs.
Messages are Dutch first (gettext).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from weerbaar.core import clock
from weerbaar.core.errors import Errors, InvalidInput
from weerbaar.core.validation import text_field
from weerbaar.guidance import rules
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

MAX_DESCRIPTION = 10_000
MAX_WITNESSES = 2_000
MAX_PLATFORM = 100
MAX_IDENTIFIERS = 20
MAX_IDENTIFIER = 200
MAX_SHORT = 200
MAX_NOTES = 2_000
MAX_URL = 2_000
MAX_AMOUNT_CENTS = 100_000_000_00  # one hundred million euros: beyond that it is a typing error
DATE_RE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")
TIME_RE = re.compile(r"\A\d{2}:\d{2}(:\d{2})?\Z")
AMOUNT_RE = re.compile(r"\A\d{1,12}([.,]\d{1,2})?\Z")
EARLIEST = date(2000, 1, 1)


def _bool(raw: dict[str, Any], name: str, errors: Errors, *, required: bool = False) -> bool:
    value = raw.get(name)
    if value is None:
        if required:
            errors.add(name, _("Kies ja of nee."))
        return False
    if not isinstance(value, bool):
        errors.add(name, _("Moet waar of onwaar zijn."))
        return False
    return value


def _choice(raw: dict[str, Any], name: str, choices: Any, errors: Errors, *, default: str | None = None) -> str:
    value = raw.get(name)
    if value is None or value == "":
        if default is None:
            errors.add(name, _("Maak een keuze."))
            return ""
        return default
    if value not in choices.values:
        errors.add(name, _("Kies een van de mogelijkheden."))
        return ""
    return str(value)


def _optional_choice(raw: dict[str, Any], name: str, choices: Any, errors: Errors) -> str | None:
    """One of ``choices``, or None when not given (null or empty): "not said" is a fact the rules use."""
    value = raw.get(name)
    if value is None or value == "":
        return None
    if value not in choices.values:
        errors.add(name, _("Kies een van de mogelijkheden."))
        return None
    return str(value)


def _choice_list(raw: dict[str, Any], name: str, allowed: Any, errors: Errors, *, required: bool) -> list[str]:
    value = raw.get(name)
    if value is None:
        value = []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors.add(name, _("Moet een lijst zijn."))
        return []
    unknown = [v for v in value if v not in allowed]
    if unknown:
        errors.add(name, _("Onbekende keuze."))
        return []
    if required and not value:
        errors.add(name, _("Kies er minstens één."))
    return list(dict.fromkeys(value))  # unique, order kept


def _date(raw: dict[str, Any], name: str, errors: Errors, *, today: date, required: bool = False) -> date | None:
    value = raw.get(name)
    if value is None or value == "":
        if required:
            errors.add(name, _("Vul een datum in."))
        return None
    parsed = None
    if isinstance(value, str) and DATE_RE.match(value):
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            parsed = None
    if parsed is None:
        errors.add(name, _("Geen geldige datum (JJJJ-MM-DD)."))
        return None
    if parsed > today:
        errors.add(name, _("Deze datum ligt in de toekomst: vandaag is het %(today)s.") % {"today": today.isoformat()})
        return None
    if parsed < EARLIEST:
        errors.add(name, _("Deze datum ligt te ver terug."))
        return None
    return parsed


def _time(raw: dict[str, Any], name: str, errors: Errors) -> time | None:
    value = raw.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, str) and TIME_RE.match(value):
        try:
            return time.fromisoformat(value)
        except ValueError:
            pass
    errors.add(name, _("Geen geldige tijd (UU:MM)."))
    return None


# --- incidents -----------------------------------------------------------------------


@dataclass(frozen=True)
class IncidentData:
    occurred_on: date
    occurred_at: time | None
    learned_on: date
    channel: str
    platform: str
    acts: list[str]
    related_to_office: bool
    description: str
    affected: list[str]
    perpetrator_known: bool
    perpetrator_identifiers: list[dict[str, str]] = field(default_factory=list)
    witnesses: str = ""
    # The other facts the legal rules need (plain columns); each is kept only for the acts it is asked for.
    victim: str = Victim.OFFICE_HOLDER.value
    last_learned_on: date | None = None
    threatened: str | None = None
    demand: bool = False
    perpetrators: str | None = None
    serious_injury: bool = False

    def sealed(self) -> dict[str, Any]:
        return {
            "platform": self.platform,
            "description": self.description,
            "perpetratorIdentifiers": self.perpetrator_identifiers,
            "witnesses": self.witnesses,
        }

    def facts(self) -> dict[str, Any]:
        """What happened and how, sealed apart from the account (``models.Incident.sealed_facts``)."""
        return {"channel": str(self.channel), "acts": list(self.acts)}


def _identifiers(raw: dict[str, Any], errors: Errors) -> list[dict[str, str]]:
    value = raw.get("perpetratorIdentifiers")
    if value is None:
        return []
    if not isinstance(value, list):
        errors.add("perpetratorIdentifiers", _("Moet een lijst zijn."))
        return []
    if len(value) > MAX_IDENTIFIERS:
        errors.add("perpetratorIdentifiers", _("Maximaal %(n)s gegevens.") % {"n": MAX_IDENTIFIERS})
        return []
    result = []
    for index, item in enumerate(value):
        name = f"perpetratorIdentifiers[{index}]"
        if not isinstance(item, dict):
            errors.add(name, _("Moet een object zijn met kind en value."))
            continue
        kind = item.get("kind")
        if kind not in IdentifierKind.values:
            errors.add(f"{name}.kind", _("Kies een van de mogelijkheden."))
            continue
        text = item.get("value")
        if not isinstance(text, str) or not text.strip() or "\x00" in text:
            errors.add(f"{name}.value", _("Vul dit in."))
            continue
        if len(text.strip()) > MAX_IDENTIFIER:
            errors.add(f"{name}.value", _("Maximaal %(n)s tekens.") % {"n": MAX_IDENTIFIER})
            continue
        result.append({"kind": str(kind), "value": text.strip()})
    return result


def validate_incident(raw: Any, *, today: date | None = None, now: datetime | None = None) -> IncidentData:
    """``now``: the moment nothing may lie after (default ``clock.now()``), read in Europe/Amsterdam: a date after
    today, or a time later today, is refused naming its field. ``today`` alone (tests, recomputations) lets any
    time of that day pass."""
    if not isinstance(raw, dict):
        raise InvalidInput(
            _("Verwacht een JSON-object."), invalid_params=[{"name": "body", "reason": _("Verwacht een JSON-object.")}]
        )
    if today is not None and now is None:
        moment = datetime.combine(today, time.max, clock.AMSTERDAM)
    else:
        moment = (now or clock.now()).astimezone(clock.AMSTERDAM)
    today = moment.date()
    errors = Errors()
    occurred_on = _date(raw, "occurredOn", errors, today=today, required=True)
    learned_on = _date(raw, "learnedOn", errors, today=today, required=True)
    if occurred_on and learned_on and learned_on < occurred_on:
        errors.add("learnedOn", _("U kunt er niet eerder van gehoord hebben dan het gebeurde."))
    occurred_at = _time(raw, "occurredAt", errors)
    if occurred_on == today and occurred_at and occurred_at > moment.time().replace(second=0, microsecond=0):
        errors.add(
            "occurredAt",
            _(
                "Dit tijdstip ligt in de toekomst: het is nu %(now)s. Gebeurde het gisteren of eerder? "
                "Kies dan die datum bij 'Wanneer gebeurde het?'."
            )
            % {"now": moment.strftime("%H:%M")},
        )
        occurred_at = None
    channel = _choice(raw, "channel", IncidentChannel, errors)
    platform = text_field(raw, "platform", errors, max_length=MAX_PLATFORM)
    acts = _choice_list(raw, "acts", rules.ACTS, errors, required=True)
    related = _bool(raw, "relatedToOffice", errors, required=True)
    description = text_field(raw, "description", errors, max_length=MAX_DESCRIPTION)
    affected = _choice_list(raw, "affected", AffectedPerson.values, errors, required=False)
    known = _bool(raw, "perpetratorKnown", errors)
    identifiers = _identifiers(raw, errors)
    witnesses = text_field(raw, "witnesses", errors, max_length=MAX_WITNESSES)
    victim = _choice(raw, "victim", Victim, errors, default=Victim.OFFICE_HOLDER)
    last_learned_on = _date(raw, "lastLearnedOn", errors, today=today)
    if last_learned_on and learned_on and last_learned_on < learned_on:
        errors.add("lastLearnedOn", _("Het laatste voorval kan niet eerder zijn dan het eerste (ervan gehoord op)."))
    threatened = _optional_choice(raw, "threatened", Threatened, errors)
    demand = _bool(raw, "demand", errors)
    perpetrators = _optional_choice(raw, "perpetrators", Perpetrators, errors)
    serious_injury = _bool(raw, "seriousInjury", errors)
    errors.raise_if_any()
    assert occurred_on is not None
    assert learned_on is not None
    chosen = set(acts)
    threat = bool(chosen & THREAT_ACTS)
    return IncidentData(
        occurred_on=occurred_on,
        occurred_at=occurred_at,
        learned_on=learned_on,
        channel=channel,
        platform=platform if channel == IncidentChannel.ONLINE else "",
        acts=acts,
        related_to_office=related,
        description=description,
        affected=affected or [AffectedPerson.SELF.value],
        perpetrator_known=known or bool(identifiers),
        perpetrator_identifiers=identifiers,
        witnesses=witnesses,
        victim=victim,
        # Asked only for the acts they matter to (the form hides them otherwise): an answer left from acts that
        # were corrected away is not kept, so it cannot change the analysis unseen.
        last_learned_on=last_learned_on if chosen & SERIES_ACTS and last_learned_on != learned_on else None,
        threatened=threatened if threat else None,
        demand=demand if threat else False,
        perpetrators=perpetrators if chosen & PERPETRATOR_ACTS else None,
        serious_injury=serious_injury if chosen & INJURY_ACTS else False,
    )


def validate_series(raw: Any) -> bool:
    """The body of ``PUT …/incidents/{id}/series``: ``{"inSeries": true|false}``."""
    if not isinstance(raw, dict):
        raise InvalidInput(
            _("Verwacht een JSON-object."), invalid_params=[{"name": "body", "reason": _("Verwacht een JSON-object.")}]
        )
    errors = Errors()
    value = _bool(raw, "inSeries", errors, required=True)
    errors.raise_if_any()
    return value


# --- police reports ------------------------------------------------------------------------


@dataclass(frozen=True)
class PoliceReportData:
    kind: str
    reported_on: date | None
    police_unit: str
    police_reference: str
    vpt_code: str
    address_protection: str
    prosecution_decision: str
    decision_on: date | None
    article12: str
    notes: str

    def sealed(self) -> dict[str, Any]:
        """All of it, sealed (``models.PoliceReport``): the report's facts as well as what was written."""
        return {
            "kind": self.kind,
            "reportedOn": self.reported_on.isoformat() if self.reported_on else None,
            "vptCode": self.vpt_code,
            "addressProtection": self.address_protection,
            "prosecutionDecision": self.prosecution_decision,
            "decisionOn": self.decision_on.isoformat() if self.decision_on else None,
            "article12": self.article12,
            "policeUnit": self.police_unit,
            "policeReference": self.police_reference,
            "notes": self.notes,
        }


def validate_police_report(raw: Any, *, today: date | None = None) -> PoliceReportData:
    if not isinstance(raw, dict):
        raise InvalidInput(
            _("Verwacht een JSON-object."), invalid_params=[{"name": "body", "reason": _("Verwacht een JSON-object.")}]
        )
    today = today or timezone.localdate()
    errors = Errors()
    kind = _choice(raw, "kind", ReportKind, errors)
    reported_on = _date(raw, "reportedOn", errors, today=today)
    if (
        kind in {ReportKind.COMPLAINT, ReportKind.REGISTRATION}
        and reported_on is None
        and not any(e["name"] == "reportedOn" for e in errors.items)
    ):
        errors.add("reportedOn", _("Vul de datum van de aangifte of melding in."))
    decision_on = _date(raw, "decisionOn", errors, today=today)
    if reported_on and decision_on and decision_on < reported_on:
        errors.add("decisionOn", _("De beslissing kan niet eerder zijn dan de aangifte of melding."))
    data = PoliceReportData(
        kind=kind,
        reported_on=reported_on if kind != ReportKind.NONE else None,
        police_unit=text_field(raw, "policeUnit", errors, max_length=MAX_SHORT),
        police_reference=text_field(raw, "policeReference", errors, max_length=MAX_SHORT),
        vpt_code=_choice(raw, "vptCode", TriState, errors, default=TriState.UNKNOWN),
        address_protection=_choice(
            raw, "addressProtection", AddressProtection, errors, default=AddressProtection.UNKNOWN
        ),
        prosecution_decision=_choice(
            raw, "prosecutionDecision", ProsecutionDecision, errors, default=ProsecutionDecision.UNKNOWN
        ),
        decision_on=decision_on,
        article12=_choice(raw, "article12", Article12Status, errors, default=Article12Status.NONE),
        notes=text_field(raw, "notes", errors, max_length=MAX_NOTES),
    )
    errors.raise_if_any()
    return data


# --- damage ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DamageItemData:
    kind: str
    amount_cents: int | None
    incurred_on: date | None
    description: str
    incident_id: int | None


def parse_amount(value: Any) -> int | None:
    """Euros as text ("149,95", "149.95", "1200") to cents; None when not a valid amount."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = value.strip().replace("€", "").replace(" ", "")
    if not AMOUNT_RE.match(text):
        return None
    try:
        cents = int((Decimal(text.replace(",", ".")) * 100).to_integral_exact())
    except (InvalidOperation, ValueError):
        return None
    return cents if 0 <= cents <= MAX_AMOUNT_CENTS else None


def validate_damage_item(raw: Any, *, today: date | None = None) -> DamageItemData:
    if not isinstance(raw, dict):
        raise InvalidInput(
            _("Verwacht een JSON-object."), invalid_params=[{"name": "body", "reason": _("Verwacht een JSON-object.")}]
        )
    today = today or timezone.localdate()
    errors = Errors()
    kind = _choice(raw, "kind", DamageKind, errors)
    amount = None
    if raw.get("amount") not in (None, ""):
        amount = parse_amount(raw.get("amount"))
        if amount is None:
            errors.add("amount", _("Vul een bedrag in euro's in, bijvoorbeeld 149,95."))
    incurred_on = _date(raw, "incurredOn", errors, today=today)
    description = text_field(raw, "description", errors, max_length=MAX_NOTES, required=True)
    incident_id = raw.get("incidentId")
    if incident_id in ("", None):
        incident_id = None
    elif isinstance(incident_id, str) and incident_id.isdigit():
        incident_id = int(incident_id)
    elif not isinstance(incident_id, int) or isinstance(incident_id, bool):
        errors.add("incidentId", _("Kies een incident uit de lijst."))
        incident_id = None
    errors.raise_if_any()
    return DamageItemData(kind, amount, incurred_on, description, incident_id)


# --- evidence details ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceDetails:
    source_url: str
    captured_at: datetime | None


def validate_evidence_details(source_url: Any, captured_at: Any, *, now: datetime | None = None) -> EvidenceDetails:
    now = now or timezone.now()
    errors = Errors()
    url = text_field({"sourceUrl": source_url}, "sourceUrl", errors, max_length=MAX_URL)
    if url:
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.netloc or any(c.isspace() for c in url):
            errors.add("sourceUrl", _("Vul een volledig webadres in dat begint met https:// of http://."))
    moment = None
    if captured_at not in (None, ""):
        if isinstance(captured_at, str):
            try:
                moment = parse_datetime(captured_at.strip())
            except ValueError:
                moment = None
        if moment is None:
            errors.add("capturedAt", _("Geen geldig moment (datum en tijd)."))
        else:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            if moment > now + timedelta(minutes=5):
                errors.add("capturedAt", _("Dit moment ligt in de toekomst."))
                moment = None
    errors.raise_if_any()
    return EvidenceDetails(url, moment)
