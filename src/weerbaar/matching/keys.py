"""The matching key: what the perpetrator-identifier tokens are keyed with (HMAC-SHA-256), read from the environment.

``WEERBAAR_MATCHING_KEYS`` is a JSON object of key epoch -> base64 of 32 random bytes, newest first (as the
key-encryption keys): ``{"2026-12": "…"}``. The first epoch tokenises; ``weerbaar matching rotate`` tokenises every
identifier again under it from the sealed values, after which an older epoch can be removed. The key is never
stored in the database and must differ from every key-encryption key and from the audit key: whoever holds a copy
of the database cannot compute a token for a guessed phone number (docs/security.md, "DPIA: perpetrator matching").

Only the standard library here: the settings import this module.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from collections import OrderedDict
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

ENV = "WEERBAAR_MATCHING_KEYS"


def parse_matching_keys(raw: str) -> OrderedDict[str, bytes]:
    """Epoch -> 32-byte key, in the order given (the first is the current epoch)."""
    try:
        pairs = json.loads(raw, object_pairs_hook=list)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{ENV} must be a JSON object of epoch -> base64 key") from exc
    if not isinstance(pairs, list):
        raise ImproperlyConfigured(f"{ENV} must be a JSON object of epoch -> base64 key")
    keys: OrderedDict[str, bytes] = OrderedDict()
    for epoch, value in pairs:
        if not isinstance(epoch, str) or not 1 <= len(epoch) <= 32:
            raise ImproperlyConfigured(f"{ENV}: an epoch is 1-32 characters")
        try:
            key = base64.b64decode(str(value), validate=True)
        except (ValueError, TypeError) as exc:
            raise ImproperlyConfigured(f"{ENV}: the key of epoch {epoch!r} is not valid base64") from exc
        if len(key) != 32:
            raise ImproperlyConfigured(f"{ENV}: the key of epoch {epoch!r} must be 32 bytes (256 bits)")
        keys[epoch] = key
    if not keys:
        raise ImproperlyConfigured(f"{ENV} holds no keys")
    return keys


def check_apart(matching: dict[str, bytes], *others: bytes) -> None:
    """A matching key is none of the other keys (a key-encryption key, the audit key)."""
    if any(key in others for key in matching.values()):
        raise ImproperlyConfigured(f"{ENV} must not reuse a key-encryption key or the audit key")


def load_or_create_dev_matching_keys(data_dir: Path) -> str:
    """A matching key for development: its own file, apart from the key-encryption keys and the audit key."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "matching-keys"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(json.dumps({"dev1": base64.b64encode(secrets.token_bytes(32)).decode()}))
    return path.read_text().strip()
