"""One rule set for proposing a referral, giving or recording consent and a partner's answer: API and web.

Input is the API's JSON shape (lowerCamelCase names); the web forms build the same shape and map the
``invalidParams`` names back to their fields. Messages are Dutch first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from weerbaar.core.errors import Errors
from weerbaar.core.validation import text_field
from weerbaar.network import items as item_keys
from weerbaar.network.choices import RECORDED_METHODS, ContactMethod

MAX_QUESTION = 2_000
MAX_ANSWER = 4_000
MAX_CONTACT = 200
PHONE_RE = re.compile(r"\A\+?[0-9][0-9 ()-]{5,30}\Z")


@dataclass(frozen=True)
class Proposal:
    partner_id: int
    question: str
    items: list[str]


@dataclass(frozen=True)
class ConsentData:
    items: list[str]
    contact_method: str
    contact: str
    method: str
    given_at: datetime | None  # None: now (consent given in the portal)


def _text(raw: dict[str, Any], name: str, errors: Errors, *, max_length: int, required: bool = True) -> str:
    return text_field(raw, name, errors, max_length=max_length, required=required)


def _items(raw: dict[str, Any], errors: Errors, *, allowed: set[str]) -> list[str]:
    value = raw.get("items", [])
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors.add("items", _("Moet een lijst van onderdelen zijn."))
        return []
    chosen: list[str] = []
    for key in value:
        if not item_keys.is_optional_item(key) or key not in allowed:
            errors.add("items", _("Dit onderdeel kan hier niet gedeeld worden."))
            return []
        if key not in chosen:
            chosen.append(key)
    return sorted(chosen)


def validate_proposal(raw: dict[str, Any], *, allowed_items: set[str], partner_ids: set[int]) -> Proposal:
    """``allowed_items``: the case's optional items; ``partner_ids``: the active partners."""
    errors = Errors()
    partner = raw.get("partnerId")
    if partner is None or partner == "":
        errors.add("partnerId", _("Kies een netwerkpartner."))
        partner_id = 0
    elif isinstance(partner, bool) or not isinstance(partner, int) or partner not in partner_ids:
        errors.add("partnerId", _("Kies een actieve netwerkpartner uit de lijst."))
        partner_id = 0
    else:
        partner_id = partner
    question = _text(raw, "question", errors, max_length=MAX_QUESTION)
    chosen = _items(raw, errors, allowed=allowed_items)
    errors.raise_if_any()
    return Proposal(partner_id, question, chosen)


def validate_consent(
    raw: dict[str, Any], *, proposed_items: set[str], recorded: bool, not_before: datetime | None = None
) -> ConsentData:
    """Consent in the portal (``recorded=False``) or recorded by the advisor with how and when it was given."""
    errors = Errors()
    chosen = _items(raw, errors, allowed=proposed_items)
    method_of_contact = raw.get("contactMethod")
    if method_of_contact not in ContactMethod.values:
        errors.add("contactMethod", _("Kies hoe de netwerkpartner contact met u opneemt: telefoon of e-mail."))
        method_of_contact = ""
    contact = _text(raw, "contact", errors, max_length=MAX_CONTACT)
    if contact and method_of_contact == ContactMethod.EMAIL:
        try:
            validate_email(contact)
        except ValidationError:
            errors.add("contact", _("Vul een geldig e-mailadres in."))
    elif contact and method_of_contact == ContactMethod.PHONE and not PHONE_RE.fullmatch(contact):
        errors.add("contact", _("Vul een geldig telefoonnummer in."))
    method = "portal"
    given_at: datetime | None = None
    if recorded:
        method = raw.get("method") or ""
        if method not in {m.value for m in RECORDED_METHODS}:
            errors.add("method", _("Kies hoe de toestemming is gegeven."))
        value = raw.get("givenAt")
        parsed = parse_datetime(value) if isinstance(value, str) else None
        if parsed is None:
            errors.add("givenAt", _("Vul een datum en tijd in."))
        else:
            if timezone.is_naive(parsed):
                parsed = timezone.make_aware(parsed)
            if parsed > timezone.now():
                errors.add("givenAt", _("Dit moment ligt in de toekomst."))
            elif not_before is not None and parsed < not_before.replace(second=0, microsecond=0):
                errors.add(
                    "givenAt", _("Toestemming kan niet gegeven zijn voordat de doorverwijzing werd voorgesteld.")
                )
            given_at = parsed
    errors.raise_if_any()
    return ConsentData(chosen, str(method_of_contact), contact, str(method), given_at)


def validate_answer(raw: dict[str, Any], *, action: str) -> str:
    """The partner's text: a reason when declining, a report when completing; none when accepting."""
    errors = Errors()
    text = ""
    if action in ("decline", "complete"):
        text = _text(raw, "text", errors, max_length=MAX_ANSWER)
    errors.raise_if_any()
    return text
