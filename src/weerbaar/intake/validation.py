"""One set of rules for a help request, used by the web form, the phone intake and the API.

Field names in errors are the API's lowerCamelCase names; the web form maps them
back to its inputs. Messages are in Dutch first (translated with gettext).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from weerbaar.cases.choices import (
    MUNICIPAL_ROLES,
    PROVINCIAL_ROLES,
    Affected,
    Channel,
    Concern,
    OfficeRole,
    PreferredContact,
)
from weerbaar.cases.services import NewCase
from weerbaar.core.errors import Errors, InvalidInput
from weerbaar.core.lean import LeanRead
from weerbaar.directory.models import Association, Municipality, Province
from weerbaar.intake.routing import association_code_for

MAX_DESCRIPTION = 10_000
MAX_NAME = 150
MAX_EMAIL = 254
MAX_PHONE = 30
MAX_MUNICIPALITY_CODE = 6  # GMxxxx
MAX_PROVINCE_CODE = 4  # PVxx
PHONE_RE = re.compile(r"^\+?[0-9][0-9 \-()]{5,22}$")
MUNICIPALITY_CODE_RE = re.compile(r"\AGM[0-9]{4}\Z")
PROVINCE_CODE_RE = re.compile(r"\APV[0-9]{2}\Z")

# Every help request reads its municipality (with its province), province and association by code: composed
# once per process (``core.lean``), the same rows and instances as ``Municipality.objects.select_related(…)``.
MUNICIPALITY_BY_CODE = LeanRead(Municipality, where=["code"], related="province")
PROVINCE_BY_CODE = LeanRead(Province, where=["code"])
ASSOCIATION_BY_CODE = LeanRead(Association, where=["code"])


def _string(raw: dict[str, Any], name: str, errors: Errors, *, max_length: int) -> str:
    value = raw.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.add(name, _("Moet tekst zijn."))
        return ""
    value = value.strip()
    if len(value) > max_length:
        errors.add(name, _("Maximaal %(n)s tekens.") % {"n": max_length})
    if "\x00" in value:
        errors.add(name, _("Bevat ongeldige tekens."))
    return value


def _bool(raw: dict[str, Any], name: str, errors: Errors) -> bool:
    value = raw.get(name, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        errors.add(name, _("Moet waar of onwaar zijn."))
        return False
    return value


def _choice_list(raw: dict[str, Any], name: str, choices: list[str], errors: Errors, *, required: bool) -> list[str]:
    value = raw.get(name)
    if value is None:
        value = []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors.add(name, _("Moet een lijst zijn."))
        return []
    unknown = [v for v in value if v not in choices]
    if unknown:
        errors.add(name, _("Onbekende waarde; kies uit: %(c)s.") % {"c": ", ".join(choices)})
    if required and not value:
        errors.add(name, _("Kies ten minste één onderwerp."))
    return list(dict.fromkeys(v for v in value if v in choices))


def validate_help_request(raw: dict[str, Any], *, channel: Channel) -> NewCase:
    """Check every field and return a routed ``NewCase``; raise ``InvalidInput`` naming each bad field."""
    errors = Errors()
    if not isinstance(raw, dict):
        raise InvalidInput(
            _("Verwacht een JSON-object."), invalid_params=[{"name": "body", "reason": _("Verwacht een object.")}]
        )

    role = raw.get("role")
    if role not in OfficeRole.values:
        errors.add("role", _("Kies uw functie: %(c)s.") % {"c": ", ".join(OfficeRole.values)})
        role = None

    municipality = province = None
    municipality_code = _string(raw, "municipalityCode", errors, max_length=MAX_MUNICIPALITY_CODE).upper()
    province_code = _string(raw, "provinceCode", errors, max_length=MAX_PROVINCE_CODE).upper()
    if municipality_code:
        # Only well-formed codes reach the database (PostgreSQL refuses NUL bytes in a query with a 500).
        if MUNICIPALITY_CODE_RE.match(municipality_code):
            municipality = MUNICIPALITY_BY_CODE.first(municipality_code)
        if municipality is None:
            errors.add("municipalityCode", _("Onbekende gemeente (CBS-code GMxxxx)."))
    if province_code:
        if PROVINCE_CODE_RE.match(province_code):
            province = PROVINCE_BY_CODE.first(province_code)
        if province is None:
            errors.add("provinceCode", _("Onbekende provincie (CBS-code PVxx)."))
    if role in MUNICIPAL_ROLES and not municipality_code:
        errors.add("municipalityCode", _("Kies uw gemeente."))
    if role in PROVINCIAL_ROLES and not province_code:
        errors.add("provinceCode", _("Kies uw provincie."))
    if role in MUNICIPAL_ROLES and municipality and province and municipality.province_id != province.pk:
        errors.add("provinceCode", _("Deze gemeente ligt niet in deze provincie."))
    if role in PROVINCIAL_ROLES:
        municipality = None  # a provincial role is routed and counted by province only

    name = _string(raw, "name", errors, max_length=MAX_NAME)
    if not name:
        errors.add("name", _("Vul uw naam in (een voornaam is genoeg)."))
    email = _string(raw, "email", errors, max_length=MAX_EMAIL)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.add("email", _("Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl."))
    phone = _string(raw, "phone", errors, max_length=MAX_PHONE)
    if phone and (not PHONE_RE.match(phone) or sum(c.isdigit() for c in phone) < 8):
        errors.add("phone", _("Vul een geldig telefoonnummer in, bijvoorbeeld 06 12345678."))
    preferred = raw.get("preferredContact")
    # "Alleen via Weerbaar": replies come only in Mijn zaak, so neither a phone number nor an e-mail is needed.
    if not email and not phone and preferred != PreferredContact.PORTAL:
        errors.add("phone", _("Vul een telefoonnummer of een e-mailadres in, zodat de adviseur u kan bereiken."))

    if preferred not in PreferredContact.values:
        errors.add(
            "preferredContact", _("Kies hoe u bereikt wilt worden: %(c)s.") % {"c": ", ".join(PreferredContact.values)}
        )
    elif preferred == PreferredContact.PHONE and not phone:
        errors.add("phone", _("U koos voor telefoon: vul uw telefoonnummer in."))
    elif preferred == PreferredContact.EMAIL and not email:
        errors.add("email", _("U koos voor e-mail: vul uw e-mailadres in."))

    concerns = _choice_list(raw, "concerns", list(Concern.values), errors, required=True)
    affected = _choice_list(raw, "affected", list(Affected.values), errors, required=False)

    description_raw = raw.get("description")
    description = description_raw.strip() if isinstance(description_raw, str) else ""
    if description_raw is not None and not isinstance(description_raw, str):
        errors.add("description", _("Moet tekst zijn."))
    elif not description:
        errors.add("description", _("Beschrijf kort wat er is gebeurd."))
    elif len(description) > MAX_DESCRIPTION:
        errors.add(
            "description", _("Maximaal %(n)s tekens (nu %(m)s).") % {"n": MAX_DESCRIPTION, "m": len(description)}
        )
    elif "\x00" in description:
        errors.add("description", _("Bevat ongeldige tekens."))

    acute_danger = _bool(raw, "acuteDanger", errors)
    consent = _bool(raw, "consentToShare", errors)
    notify_by_email = _bool(raw, "notifyByEmail", errors)
    if notify_by_email and not email:
        errors.add("email", _("U wilt een e-mail als er iets nieuws is: vul uw e-mailadres in."))
    errors.raise_if_any()

    assert role is not None
    association = ASSOCIATION_BY_CODE.first(association_code_for(role))
    if association is None:
        raise Association.DoesNotExist(f"no association {association_code_for(role)!r}: reference data not loaded")
    return NewCase(
        channel=channel,
        role=role,
        association=association,
        municipality=municipality,
        province=province,
        name=name,
        email=email,
        phone=phone,
        preferred_contact=str(preferred),
        concerns=concerns,
        affected=affected,
        description=description,
        acute_danger=acute_danger,
        consent_to_share=consent,
        notify_by_email=notify_by_email,
    )


@dataclass(frozen=True)
class EmailChoice:
    """The office holder's choice of a content-free e-mail when something is new in Mijn zaak."""

    notify_by_email: bool
    email: str  # "" when not wanted


def validate_email_choice(raw: dict[str, Any]) -> EmailChoice:
    """The choice as Mijn zaak (``/mijn-zaak/e-mail``) and the API (``PUT …/email-notification``) send it:
    ``notifyByEmail`` (required: a missing one never withdraws by accident) and, when it is true, an ``email``."""
    errors = Errors()
    if "notifyByEmail" not in raw:
        errors.add("notifyByEmail", _("Kies of u een e-mail wilt (true of false)."))
    notify = _bool(raw, "notifyByEmail", errors)
    email = ""
    if notify:
        email = _string(raw, "email", errors, max_length=MAX_EMAIL)
        if not email:
            errors.add("email", _("U wilt een e-mail als er iets nieuws is: vul uw e-mailadres in."))
        else:
            try:
                validate_email(email)
            except ValidationError:
                errors.add("email", _("Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl."))
    errors.raise_if_any()
    return EmailChoice(notify_by_email=notify, email=email)
