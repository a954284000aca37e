"""The items a referral can share, named by stable keys that hold ids only (never content).

Always shared once consent is given (the minimum): first name, office, region, the question and the
one way of contact the office holder chose. Optional, chosen one by one: the help request's free text,
each incident (``incident:<id>``) and each exhibit of evidence (``evidence:<id>``). For an image exhibit the
partner gets the metadata-free preview (no EXIF: no GPS position, camera or owner); the original file, with
everything in it, only with ``original:<id>`` consented as well.
"""

from __future__ import annotations

import re

FIRST_NAME = "first_name"
OFFICE = "office"
REGION = "region"
QUESTION = "question"
CONTACT = "contact"
MINIMUM = (FIRST_NAME, OFFICE, REGION, QUESTION, CONTACT)

REQUEST_TEXT = "request_text"
_OPTIONAL_RE = re.compile(r"^(?:request_text|(?:incident|evidence|original):[1-9][0-9]{0,17})$")


def incident_item(pk: int) -> str:
    return f"incident:{pk}"


def evidence_item(pk: int) -> str:
    return f"evidence:{pk}"


def original_item(pk: int) -> str:
    """The original file of an image exhibit (with its metadata), on top of ``evidence_item``."""
    return f"original:{pk}"


def is_optional_item(key: object) -> bool:
    return isinstance(key, str) and bool(_OPTIONAL_RE.fullmatch(key))


def ids_of(items: list[str], kind: str) -> list[int]:
    """The ids of one kind (``incident``, ``evidence`` or ``original``) among item keys."""
    prefix = f"{kind}:"
    return [int(k[len(prefix) :]) for k in items if isinstance(k, str) and k.startswith(prefix)]
