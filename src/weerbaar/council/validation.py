"""One rule set for council requests and workflow steps: the public web form, the workspace and the API.

Input is the API's JSON shape (lowerCamelCase names); the web forms build the same shape and map
the ``invalidParams`` names back to their inputs. Nothing is written when anything is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from weerbaar.core.errors import Errors
from weerbaar.core.validation import text_field
from weerbaar.council.choices import MUNICIPAL_BODIES, PROVINCIAL_BODIES, Body, Presence, RequesterRole, Status

MAX_NAME = 150
MAX_FUNCTION = 150
MAX_PERIOD = 200
MAX_WATER_BOARD = 120
MAX_TEXT = 5_000
MAX_PLACE = 200
MAX_EXPERTS = 10
MAX_EMAIL = 254
MAX_PHONE = 30
MAX_MUNICIPALITY_CODE = 6  # GMxxxx
MAX_PROVINCE_CODE = 4  # PVxx
MAX_USERNAME = 150  # a facilitator is named by a staff member's user name
PHONE_RE = re.compile(r"^\+?[0-9][0-9 \-()]{5,22}$")
DATE_RE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")


def _choice(raw: dict[str, Any], name: str, choices: Any, errors: Errors) -> str:
    value = raw.get(name)
    if value is None or value == "":
        errors.add(name, _("Maak een keuze."))
        return ""
    if value not in choices.values:
        errors.add(name, _("Kies een van de mogelijkheden."))
        return ""
    return str(value)


def _yes_no(raw: dict[str, Any], name: str, errors: Errors) -> bool | None:
    value = raw.get(name)
    if value is None or value == "":
        errors.add(name, _("Kies ja of nee."))
        return None
    if not isinstance(value, bool):
        errors.add(name, _("Moet waar of onwaar zijn."))
        return None
    return value


@dataclass(frozen=True)
class CouncilRequestData:
    requester_role: str
    body: str
    municipality_code: str
    province_code: str
    water_board: str
    aggression_protocol: str
    code_of_conduct: str
    contact_name: str
    contact_function: str
    contact_email: str
    contact_phone: str
    preferred_period: str
    situation: str

    def sealed(self) -> dict[str, str]:
        """What is sealed under the request's key: the contact person and everything in free words."""
        return {
            "contactName": self.contact_name,
            "contactFunction": self.contact_function,
            "contactEmail": self.contact_email,
            "contactPhone": self.contact_phone,
            "preferredPeriod": self.preferred_period,
            "situation": self.situation,
        }


def validate_council_request(raw: Any) -> CouncilRequestData:
    from weerbaar.core.errors import InvalidInput
    from weerbaar.directory.models import Municipality, Province

    if not isinstance(raw, dict):
        raise InvalidInput(
            _("Verwacht een JSON-object."), invalid_params=[{"name": "body", "reason": _("Verwacht een JSON-object.")}]
        )
    errors = Errors()
    requester_role = _choice(raw, "requesterRole", RequesterRole, errors)
    body = _choice(raw, "body", Body, errors)
    # The shape of every place field that is given (text, not too long) whatever the body, so an object or an
    # over-long value never slips through beside a body that does not use it; only the body's own place counts.
    places = {
        "municipalityCode": text_field(raw, "municipalityCode", errors, max_length=MAX_MUNICIPALITY_CODE),
        "provinceCode": text_field(raw, "provinceCode", errors, max_length=MAX_PROVINCE_CODE),
        "waterBoard": text_field(raw, "waterBoard", errors, max_length=MAX_WATER_BOARD),
    }
    municipality_code = province_code = water_board = ""
    if body in MUNICIPAL_BODIES:
        municipality_code = places["municipalityCode"]
        if not municipality_code:
            errors.add("municipalityCode", _("Kies de gemeente."))
        elif not Municipality.objects.filter(code=municipality_code).exists():
            errors.add("municipalityCode", _("Onbekende gemeente."))
    elif body in PROVINCIAL_BODIES:
        province_code = places["provinceCode"]
        if not province_code:
            errors.add("provinceCode", _("Kies de provincie."))
        elif not Province.objects.filter(code=province_code).exists():
            errors.add("provinceCode", _("Onbekende provincie."))
    elif body == Body.WATER_BOARD:
        water_board = places["waterBoard"]
        if not water_board:
            errors.add("waterBoard", _("Vul de naam van het waterschap in."))
    aggression_protocol = _choice(raw, "aggressionProtocol", Presence, errors)
    code_of_conduct = _choice(raw, "codeOfConduct", Presence, errors)
    contact_name = text_field(raw, "contactName", errors, max_length=MAX_NAME, required=True)
    contact_function = text_field(raw, "contactFunction", errors, max_length=MAX_FUNCTION, required=True)
    contact_email = text_field(raw, "contactEmail", errors, max_length=MAX_EMAIL, required=True)
    if contact_email:
        try:
            validate_email(contact_email)
        except ValidationError:
            errors.add("contactEmail", _("Vul een geldig e-mailadres in, bijvoorbeeld griffie@gemeente.nl."))
    contact_phone = text_field(raw, "contactPhone", errors, max_length=MAX_PHONE)
    if contact_phone and (not PHONE_RE.match(contact_phone) or sum(c.isdigit() for c in contact_phone) < 8):
        errors.add("contactPhone", _("Vul een geldig telefoonnummer in, bijvoorbeeld 030 1234567."))
    preferred_period = text_field(raw, "preferredPeriod", errors, max_length=MAX_PERIOD, required=True)
    situation = text_field(raw, "situation", errors, max_length=MAX_TEXT)
    errors.raise_if_any()
    return CouncilRequestData(
        requester_role=requester_role,
        body=body,
        municipality_code=municipality_code,
        province_code=province_code,
        water_board=water_board,
        aggression_protocol=aggression_protocol,
        code_of_conduct=code_of_conduct,
        contact_name=contact_name,
        contact_function=contact_function,
        contact_email=contact_email,
        contact_phone=contact_phone,
        preferred_period=preferred_period,
        situation=situation,
    )


# --- workflow steps ------------------------------------------------------------------------


@dataclass(frozen=True)
class Notes:
    local_situation: str
    protocol: str
    code_of_conduct: str

    def sealed(self) -> dict[str, str]:
        return {
            "localSituation": self.local_situation,
            "protocol": self.protocol,
            "codeOfConduct": self.code_of_conduct,
        }


@dataclass(frozen=True)
class StepData:
    """What a status change carries; only the parts its transition needs are checked and used."""

    target: str
    notes: Notes | None = None
    session_date: date | None = None
    place: str = ""
    facilitators: tuple[str, ...] = ()  # usernames of staff
    experts: tuple[str, ...] = ()  # names of experts from the network (free text)
    partner_ids: tuple[int, ...] = ()  # directory partners, when that list exists
    follow_up_offered: bool | None = None
    follow_up_accepted: bool | None = None
    reason: str = ""  # why the request is cancelled (sealed)
    extra: dict[str, Any] = field(default_factory=dict)


NOTE_FIELDS = ("localSituation", "protocol", "codeOfConduct")


def has_notes(raw: dict[str, Any]) -> bool:
    return any(isinstance(raw.get(n), str) and raw.get(n, "").strip() for n in NOTE_FIELDS)


def validate_notes(raw: dict[str, Any], errors: Errors) -> Notes:
    local = text_field(raw, "localSituation", errors, max_length=MAX_TEXT)
    protocol = text_field(raw, "protocol", errors, max_length=MAX_TEXT)
    conduct = text_field(raw, "codeOfConduct", errors, max_length=MAX_TEXT)
    if not (local or protocol or conduct) and not any(e["name"] in NOTE_FIELDS for e in errors.items):
        errors.add("localSituation", _("Schrijf op wat u in het verkennende gesprek hoorde."))
    return Notes(local_situation=local, protocol=protocol, code_of_conduct=conduct)


def _string_list(raw: dict[str, Any], name: str, errors: Errors, *, max_items: int, max_length: int) -> tuple[str, ...]:
    value = raw.get(name)
    if value is None or value == "":
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors.add(name, _("Moet een lijst zijn."))
        return ()
    items = [v.strip() for v in value if v.strip()]
    if len(items) > max_items:
        errors.add(name, _("Maximaal %(n)s.") % {"n": max_items})
        return ()
    if any(len(v) > max_length or "\x00" in v for v in items):
        errors.add(name, _("Maximaal %(n)s tekens.") % {"n": max_length})
        return ()
    return tuple(dict.fromkeys(items))


def _int_list(raw: dict[str, Any], name: str, errors: Errors) -> tuple[int, ...]:
    value = raw.get(name)
    if value is None or value == "":
        return ()
    if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        errors.add(name, _("Moet een lijst van nummers zijn."))
        return ()
    return tuple(dict.fromkeys(value))


def validate_step(
    raw: Any, *, needs_notes: bool, needs_session: bool, needs_follow_up: bool, needs_reason: bool = False
) -> StepData:
    """Check a status change's body for what its transition needs (the service decides which)."""
    from weerbaar.core.errors import InvalidInput

    if not isinstance(raw, dict):
        raise InvalidInput(
            _("Verwacht een JSON-object."), invalid_params=[{"name": "body", "reason": _("Verwacht een JSON-object.")}]
        )
    errors = Errors()
    target = _choice(raw, "status", Status, errors)
    notes = validate_notes(raw, errors) if needs_notes else None
    session_date = None
    place = ""
    # The lists are checked whatever the target (the document's limits hold for every body; found by the fuzzer,
    # issue 12), and used only for a session.
    facilitators = _string_list(raw, "facilitators", errors, max_items=MAX_EXPERTS, max_length=MAX_USERNAME)
    experts = _string_list(raw, "experts", errors, max_items=MAX_EXPERTS, max_length=MAX_NAME)
    partner_ids = _int_list(raw, "partnerIds", errors)
    if needs_session:
        value = raw.get("sessionDate")
        if value in (None, ""):
            errors.add("sessionDate", _("Vul een datum in."))
        elif not isinstance(value, str) or not DATE_RE.match(value):
            errors.add("sessionDate", _("Geen geldige datum (JJJJ-MM-DD)."))
        else:
            try:
                session_date = date.fromisoformat(value)
            except ValueError:
                errors.add("sessionDate", _("Geen geldige datum (JJJJ-MM-DD)."))
        place = text_field(raw, "place", errors, max_length=MAX_PLACE, required=True)
        if not facilitators and not any(e["name"] == "facilitators" for e in errors.items):
            errors.add("facilitators", _("Kies minstens één begeleider uit het team."))
    else:
        facilitators, experts, partner_ids = (), (), ()
    offered = accepted = None
    if needs_follow_up:
        offered = _yes_no(raw, "followUpOffered", errors)
        if offered:
            accepted = _yes_no(raw, "followUpAccepted", errors)
        elif raw.get("followUpAccepted") is True:
            errors.add("followUpAccepted", _("Een vervolg dat niet is aangeboden, kan niet zijn aangenomen."))
        elif offered is False:
            accepted = False
    reason = text_field(raw, "reason", errors, max_length=MAX_TEXT) if needs_reason else ""
    if needs_reason and not reason and not any(e["name"] == "reason" for e in errors.items):
        errors.add("reason", _("Schrijf op waarom het team de aanvraag annuleert."))
    errors.raise_if_any()
    return StepData(
        target=target,
        notes=notes,
        session_date=session_date,
        place=place,
        facilitators=facilitators,
        experts=experts,
        partner_ids=partner_ids,
        follow_up_offered=offered,
        follow_up_accepted=accepted,
        reason=reason,
    )


def validate_target(raw: Any) -> tuple[int, int]:
    """The yearly target: ``{"year": 2026, "sessions": 40}`` -> ``(year, sessions)``."""
    from weerbaar.core.errors import InvalidInput

    errors = Errors()
    if not isinstance(raw, dict):
        raise InvalidInput(
            _("Verwacht een JSON-object."), invalid_params=[{"name": "body", "reason": _("Verwacht een JSON-object.")}]
        )
    for name, low, high in (("year", 2000, 2100), ("sessions", 0, 10_000)):
        value = raw.get(name)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if not isinstance(value, int) or isinstance(value, bool):
            errors.add(name, _("Vul een geheel getal in."))
        elif not low <= value <= high:
            errors.add(name, _("Tussen %(low)s en %(high)s.") % {"low": low, "high": high})
    errors.raise_if_any()
    return int(raw["year"]), int(raw["sessions"])
