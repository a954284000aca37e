"""The webhook's authentication: ``X-Weerbaar-Signature: sha256=<hex HMAC-SHA256 of the raw body>``.

The secret comes from ``WEERBAAR_TELEPHONY_SECRET``. During a rotation it may hold two secrets separated
by a comma: a signature made with either is accepted. The body is checked exactly as it arrived, before
anything parses it; every comparison is constant-time (``hmac.compare_digest``).
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

HEADER = "X-Weerbaar-Signature"
PREFIX = "sha256="


def secrets_configured() -> list[bytes]:
    raw = settings.WEERBAAR.get("TELEPHONY_SECRET", "") or ""
    return [part.strip().encode() for part in raw.split(",") if part.strip()]


def sign(body: bytes, secret: bytes | str) -> str:
    """The header value for ``body`` (what the provider sends; used by tests and the docs' example)."""
    key = secret.encode() if isinstance(secret, str) else secret
    return PREFIX + hmac.new(key, body, hashlib.sha256).hexdigest()


def signature_valid(body: bytes, header: str | None, secrets: list[bytes]) -> bool:
    """True when ``header`` is ``sha256=<hex>`` of ``body`` under one of ``secrets``."""
    if not header or not secrets or not header.startswith(PREFIX):
        return False
    given = header[len(PREFIX) :].strip().lower().encode("ascii", "replace")
    valid = False
    for secret in secrets:  # no early exit: the time does not tell which secret matched
        expected = hmac.new(secret, body, hashlib.sha256).hexdigest().encode()
        valid |= hmac.compare_digest(expected, given)
    return valid
