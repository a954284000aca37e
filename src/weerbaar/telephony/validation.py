"""The rules for a call event body (``POST /api/v1/call-events``), after its signature was checked."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime

from weerbaar.core.errors import Errors, InvalidInput
from weerbaar.telephony.models import CallEventKind
from weerbaar.telephony.numbers import normalise_phone

CALL_ID_RE = re.compile(r"^[A-Za-z0-9._:@\-]{1,100}$")
USERNAME_MAX = 150
# RFC 3339 date-time with a zone (Z or an offset); fractions of a second allowed.
RFC3339_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$")
FIELDS = ("event", "callId", "from", "advisor", "at")
# What providers send for a caller who withheld their number (compared case-insensitively); JSON null and ""
# mean the same. The ``from`` key itself must still be present.
WITHHELD_MARKERS = frozenset({"anonymous", "withheld", "private", "unknown", "restricted"})


@dataclass(frozen=True)
class CallEventData:
    event: str
    call_id: str
    number: str | None  # E.164, or None when the caller withheld their number
    advisor_username: str
    at: datetime


def parse_rfc3339(value: str) -> datetime | None:
    if not RFC3339_RE.fullmatch(value):
        return None
    text = value.upper().replace("Z", "+00:00")
    fraction = re.search(r"\.(\d+)", text)
    if fraction and len(fraction.group(1)) > 6:  # Python keeps microseconds: cut nanoseconds
        text = text.replace(fraction.group(0), "." + fraction.group(1)[:6])
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def is_withheld(value: object) -> bool:
    """True for a withheld caller id as providers send it: null, "" or one of ``WITHHELD_MARKERS`` (any case)."""
    return value is None or value == "" or (isinstance(value, str) and value.strip().lower() in WITHHELD_MARKERS)


def validate_call_event(body: bytes) -> CallEventData:
    """Parse and check a raw body; every problem is an ``InvalidInput`` naming the field."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InvalidInput(
            "The request body is not valid JSON.", invalid_params=[{"name": "body", "reason": "Not valid JSON."}]
        ) from exc
    if not isinstance(data, dict):
        raise InvalidInput(
            "Expected a JSON object.", invalid_params=[{"name": "body", "reason": "Expected a JSON object."}]
        )
    errors = Errors()
    values: dict[str, str] = {}
    withheld = False
    for name in FIELDS:
        value = data.get(name)
        if name == "from" and name in data and is_withheld(value):
            withheld = True
        elif value is None or value == "":
            errors.add(name, "Required.")
        elif not isinstance(value, str):
            errors.add(name, "Must be a string.")
        else:
            values[name] = value
    event = values.get("event")
    if event is not None and event not in CallEventKind.values:
        errors.add("event", "Must be one of: " + ", ".join(CallEventKind.values) + ".")
    call_id = values.get("callId")
    if call_id is not None and not CALL_ID_RE.fullmatch(call_id):
        errors.add("callId", "1 to 100 characters: letters, digits and . _ : @ -")
    number = normalise_phone(values["from"]) if "from" in values else None
    if "from" in values and number is None:
        errors.add("from", "Not a phone number (E.164 like +31612345678, or a Dutch number).")
    advisor = values.get("advisor")
    if advisor is not None and len(advisor) > USERNAME_MAX:
        errors.add("advisor", f"At most {USERNAME_MAX} characters.")
    at = parse_rfc3339(values["at"]) if "at" in values else None
    if "at" in values and at is None:
        errors.add("at", "Must be an RFC 3339 date-time with a zone, like 2026-03-01T10:15:00+01:00.")
    if errors.items:
        raise InvalidInput("One or more fields are invalid.", invalid_params=errors.items)
    assert at is not None  # "at" is required: errors holds it otherwise
    return CallEventData(
        event=str(event),
        call_id=str(call_id),
        number=None if withheld else str(number),
        advisor_username=str(advisor),
        at=at,
    )
