"""References of council requests: ``RG-XXXX-XXXX``, random like case references but with their own prefix.

A distinct prefix means a council request reference can never be mistaken for (or tried as) a case reference.
"""

from __future__ import annotations

import re
import secrets

from weerbaar.core.references import ALPHABET

PREFIX = "RG"
COUNCIL_REFERENCE_RE = re.compile(r"^RG-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


def new_council_reference() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{PREFIX}-{chars[:4]}-{chars[4:]}"


def is_council_reference(value: object) -> bool:
    return isinstance(value, str) and COUNCIL_REFERENCE_RE.fullmatch(value) is not None
