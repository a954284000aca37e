"""One-time recovery codes for the second sign-in step: for a lost or broken authenticator app.

Ten codes are issued when TOTP is set up (and anew on request); each is shown once, stored only as an
HMAC-SHA256 under a key derived from the server secret (``core.references.keyed_hash``: a database copy does
not reveal them, checking one stays fast), and works once. A code is ten characters from an alphabet without
look-alikes (no 0/o, 1/i/l), printed as two groups of five: ``k7m2p-x9qrt``. 31^10 ≈ 8 x 10^14 possibilities;
django-otp's throttling and django-axes limit guessing on the sign-in page.

``normalise`` is the one parser of typed input: case, spaces and dashes do not matter; anything else that is
not a code gives ``""`` (and is never looked up).
"""

from __future__ import annotations

import re
import secrets

from weerbaar.core.references import keyed_hash

ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # 31 characters: no 0, 1, i, l, o
LENGTH = 10
COUNT = 10
_SEPARATORS = re.compile(r"[\s\-]")
_CODE = re.compile(f"[{ALPHABET}]{{{LENGTH}}}")


def generate() -> str:
    """A new code in its normal form (ten characters)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(code: str) -> str:
    """As shown to the user: two groups of five."""
    return f"{code[:5]}-{code[5:]}"


def normalise(value: str) -> str:
    """The code typed in ``value`` (any case, with spaces or dashes), or ``""`` when it is not one."""
    cleaned = _SEPARATORS.sub("", value or "").lower()
    return cleaned if _CODE.fullmatch(cleaned) else ""


def code_hash(code: str) -> str:
    return keyed_hash(code, purpose="staff-recovery-code")
