"""Phone numbers of callers: normalised to E.164 (default region NL) and turned into a keyed hash.

The hash is HMAC-SHA256 under a key derived from the server secret (``core.references.keyed_hash``, as
follow-up codes are hashed): a copy of the database does not reveal which numbers called, while the same
number always gives the same hash, so a caller can be matched to a case.
"""

from __future__ import annotations

from weerbaar.core.references import keyed_hash

DEFAULT_REGION = "NL"
MAX_INPUT = 40
MIN_E164_LENGTH = 9  # "+" and at least eight digits, as the intake form asks
HASH_PURPOSE = "telephony-phone"


def normalise_phone(value: str, *, region: str = DEFAULT_REGION) -> str | None:
    """``value`` as E.164 (``+31612345678``), or None when it is not a valid phone number."""
    import phonenumbers  # its metadata is large: loaded by the first call, not when a worker starts

    if not isinstance(value, str) or not value.strip() or len(value) > MAX_INPUT:
        return None
    try:
        parsed = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None
    # Possible (right length for its country) rather than valid: is_valid_number refuses new or reserved ranges.
    if not phonenumbers.is_possible_number(parsed):
        return None
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return e164 if len(e164) >= MIN_E164_LENGTH else None


def phone_hash(e164: str) -> str:
    return keyed_hash(e164, purpose=HASH_PURPOSE)


def display_phone(e164: str) -> str:
    """For people: national format for Dutch numbers (``06 12345678``), international for others."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if phonenumbers.region_code_for_number(parsed) == DEFAULT_REGION
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(parsed, fmt)
