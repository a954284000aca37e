"""Keyed tokens: HMAC-SHA-256 under the matching key of an epoch (``settings.MATCHING_KEYS``, newest first).

An unkeyed hash of a phone number or a licence plate is no protection: the space of values is small enough to
hash every one of them (Callisto's issue #100; Hagen et al., NDSS 2021). Under a key that is not in the database a
token says nothing to whoever copies the database, and the key can be rotated (a new epoch first; then
``weerbaar matching rotate`` tokenises every identifier again from its sealed value).
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.utils.translation import gettext as _

from weerbaar.core.errors import Conflict
from weerbaar.matching.normalise import Form


def keys() -> dict[str, bytes]:
    return dict(getattr(settings, "MATCHING_KEYS", {}) or {})


def current_epoch() -> tuple[str, bytes]:
    """The epoch and key new tokens are made under; ``Conflict`` when no matching key is configured."""
    configured = keys()
    if not configured:
        raise Conflict(
            _("Er is geen koppelsleutel ingesteld (WEERBAAR_MATCHING_KEYS); koppelen kan niet aan."),
            code="matching_key_missing",
        )
    epoch = next(iter(configured))
    return epoch, configured[epoch]


def token(key: bytes, form: Form) -> str:
    return hmac.new(key, form.token_input(), hashlib.sha256).hexdigest()


def holder_token(key: bytes, holder: str) -> str:
    """The office holder, keyed: only ever compared for equality within one epoch."""
    return hmac.new(key, f"holder|{holder}".encode(), hashlib.sha256).hexdigest()
