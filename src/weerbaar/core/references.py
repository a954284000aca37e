"""Case references and follow-up codes.

References are random (they reveal neither volume nor order) and readable on
the phone: Crockford base32 without I, L, O and U. Follow-up codes carry 130
bits of randomness and are stored only as HMAC-SHA256 under a key derived from
the server secret, so a database copy does not reveal them, while checking one
stays a fast constant-time comparison.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from weerbaar.core.registry import Registry

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
_TRANSLATE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
REFERENCE_RE = re.compile(r"^WB-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")
FOLLOW_UP_CODE_CHARS = 26  # 26 x 5 bits = 130 bits of randomness


def _random_chars(count: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(count))


@dataclass(frozen=True)
class ReferenceClaim:
    """A kind of reference that may never be issued again although no case holds it any more: an app says
    which references it keeps (``taken``: the destroyed cases' tombstones). Registered in ``AppConfig.ready()``."""

    name: str
    position: int
    taken: Callable[[str], bool]


REFERENCE_CLAIMS: Registry[ReferenceClaim] = Registry("reference claim")


def reference_claimed(reference: str) -> bool:
    """Whether a registered claim keeps ``reference`` (a live case's is checked by the caller, ``case_open``)."""
    return any(claim.taken(reference) for claim in REFERENCE_CLAIMS)


def random_reference() -> str:
    """A well-formed random reference, unchecked (tests and the bench's bulk data; cases use ``new_reference``)."""
    chars = _random_chars(8)
    return f"WB-{chars[:4]}-{chars[4:]}"


def new_reference() -> str:
    """A random reference that no registered claim keeps (a destroyed case's is never issued again)."""
    for _ in range(20):
        reference = random_reference()
        if not reference_claimed(reference):
            return reference
    raise RuntimeError("no free case reference after 20 tries")  # 32^8 references: a broken claim, not bad luck


def normalise_reference(value: str) -> str:
    cleaned = re.sub(r"[\s\-_.]", "", (value or "").upper()).translate(_TRANSLATE)
    if len(cleaned) == 10 and cleaned.startswith("WB"):  # "WB12-3456" (8 characters) keeps its own WB
        cleaned = cleaned[2:]
    if len(cleaned) != 8:
        return ""
    reference = f"WB-{cleaned[:4]}-{cleaned[4:]}"
    return reference if REFERENCE_RE.fullmatch(reference) else ""  # never pass junk (or NUL bytes) to a query


def new_follow_up_code() -> str:
    chars = _random_chars(FOLLOW_UP_CODE_CHARS)
    groups = [chars[i : i + 5] for i in range(0, 25, 5)]
    groups[-1] += chars[25:]
    return "-".join(groups)


def normalise_follow_up_code(value: str) -> str:
    return re.sub(r"[\s\-_.]", "", (value or "").upper()).translate(_TRANSLATE)


def _hmac_key(purpose: str) -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), f"weerbaar:{purpose}".encode(), hashlib.sha256).digest()


def keyed_hash(value: str, *, purpose: str) -> str:
    return hmac.new(_hmac_key(purpose), value.encode(), hashlib.sha256).hexdigest()


def follow_up_code_hash(code: str) -> str:
    return keyed_hash(normalise_follow_up_code(code), purpose="follow-up-code")


def follow_up_code_matches(code: str, stored_hash: str) -> bool:
    return hmac.compare_digest(follow_up_code_hash(code), stored_hash)
