"""One rule set for a network partner: the API (JSON, lowerCamelCase) and the web form alike.

The web form builds the same dictionary from its fields and maps ``invalidParams`` names back to inputs.
Messages are Dutch first (gettext).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from weerbaar.core.errors import Errors
from weerbaar.core.validation import text_field
from weerbaar.directory.choices import CAPACITY_MAX, CAPACITY_MIN, PartnerKind
from weerbaar.directory.languages import ISO_639_1
from weerbaar.directory.models import Province

MAX_NAME = 150
MAX_ORGANISATION = 200
MAX_PHONE = 40
MAX_EMAIL = 254
MAX_NOTES = 2_000
MAX_LANGUAGES = 20
PHONE_RE = re.compile(r"\A\+?[0-9][0-9 ()\-]{5,38}\Z")

#: API names of every field, in the order of the form.
FIELDS = (
    "name",
    "organisation",
    "kind",
    "provinces",
    "nationwide",
    "languages",
    "capacity",
    "available",
    "contactName",
    "email",
    "phone",
    "notes",
)


@dataclass
class PartnerInput:
    """Checked values; ``present`` lists the API names that were given (for a partial update)."""

    values: dict[str, Any] = field(default_factory=dict)
    provinces: list[Province] | None = None
    present: frozenset[str] = frozenset()


def _bool(raw: dict[str, Any], name: str, errors: Errors) -> bool:
    value = raw.get(name)
    if not isinstance(value, bool):
        errors.add(name, _("Moet waar of onwaar zijn."))
        return False
    return value


def _kind(raw: dict[str, Any], errors: Errors) -> str:
    value = raw.get("kind")
    if value in (None, ""):
        errors.add("kind", _("Kies een soort partner."))
        return ""
    if not isinstance(value, str) or value not in PartnerKind.values:
        errors.add("kind", _("Kies een van de soorten uit de lijst."))
        return ""
    return value


def _capacity(raw: dict[str, Any], errors: Errors) -> int:
    value = raw.get("capacity")
    message = _("Vul een heel getal in van %(min)s tot en met %(max)s.") % {"min": CAPACITY_MIN, "max": CAPACITY_MAX}
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 4:
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not CAPACITY_MIN <= value <= CAPACITY_MAX:
        errors.add("capacity", message)
        return CAPACITY_MIN
    return value


def _languages(raw: dict[str, Any], errors: Errors) -> list[str]:
    value = raw.get("languages")
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        errors.add("languages", _("Geef een lijst met taalcodes."))
        return []
    codes: list[str] = []
    for item in value:
        code = item.strip().lower()
        if not code:
            continue
        if code not in ISO_639_1:
            errors.add("languages", _("Gebruik taalcodes van twee letters (ISO 639-1), zoals nl, en, tr."))
            return []
        if code not in codes:
            codes.append(code)
    if len(codes) > MAX_LANGUAGES:
        errors.add("languages", _("Maximaal %(n)s talen.") % {"n": MAX_LANGUAGES})
        return []
    return codes


def _provinces(raw: dict[str, Any], errors: Errors) -> list[Province]:
    value = raw.get("provinces")
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        errors.add("provinces", _("Geef een lijst met provinciecodes."))
        return []
    wanted = list(dict.fromkeys(item.strip().upper() for item in value if item.strip()))
    found = {p.code: p for p in Province.objects.filter(code__in=wanted)}
    if len(found) != len(wanted):
        errors.add("provinces", _("Onbekende provincie; gebruik de CBS-code, zoals PV26."))
        return []
    return [found[code] for code in wanted]


def _email(raw: dict[str, Any], errors: Errors) -> str:
    value = text_field(raw, "email", errors, max_length=MAX_EMAIL)
    if value:
        try:
            validate_email(value)
        except ValidationError:
            errors.add("email", _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."))
    return value


def _phone(raw: dict[str, Any], errors: Errors) -> str:
    value = text_field(raw, "phone", errors, max_length=MAX_PHONE)
    if value and not PHONE_RE.fullmatch(value):
        errors.add("phone", _("Vul een telefoonnummer in met alleen cijfers, spaties en eventueel een +."))
    return value


def partner_input(raw: Any, *, partial: bool = False) -> PartnerInput:
    """Check a partner's fields; with ``partial`` only the fields given (PATCH). Raises ``InvalidInput``."""
    errors = Errors()
    if not isinstance(raw, dict):
        errors.add("body", _("Verwacht een JSON-object."))
        errors.raise_if_any()
    unknown = sorted(set(raw) - set(FIELDS))
    for name in unknown:
        errors.add(name, _("Onbekend veld."))
    present = frozenset(name for name in FIELDS if name in raw) if partial else frozenset(FIELDS)
    result = PartnerInput(present=present)
    values = result.values
    if "name" in present:
        values["name"] = text_field(raw, "name", errors, max_length=MAX_NAME, required=True)
    if "organisation" in present:
        values["organisation"] = text_field(raw, "organisation", errors, max_length=MAX_ORGANISATION)
    if "kind" in present:
        values["kind"] = _kind(raw, errors)
    if "nationwide" in present:
        values["nationwide"] = _bool(raw, "nationwide", errors) if "nationwide" in raw else False
    if "available" in present:
        values["available"] = _bool(raw, "available", errors) if "available" in raw else True
    if "languages" in present:
        values["languages"] = _languages(raw, errors)
    if "capacity" in present:
        values["capacity"] = _capacity(raw, errors)
    if "contactName" in present:
        values["contact_name"] = text_field(raw, "contactName", errors, max_length=MAX_NAME)
    if "email" in present:
        values["email"] = _email(raw, errors)
    if "phone" in present:
        values["phone"] = _phone(raw, errors)
    if "notes" in present:
        values["notes"] = text_field(raw, "notes", errors, max_length=MAX_NOTES)
    if "provinces" in present:
        result.provinces = _provinces(raw, errors)
    if (
        not partial
        and not values.get("nationwide")
        and not result.provinces
        and "provinces" not in {item["name"] for item in errors.items}
    ):
        errors.add("provinces", _("Kies minstens één provincie, of kies landelijk."))
    errors.raise_if_any()
    return result
