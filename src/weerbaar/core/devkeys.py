"""Development-only key material, generated once into the data directory.

Production never reaches this module's ``load_or_create_dev_keys``: settings
refuse to start without explicit keys when debug is off.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class DevKeys:
    secret_key: str
    key_encryption_keys: str


def load_or_create_dev_keys(data_dir: Path) -> DevKeys:
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = data_dir / "dev-keys.json"
    if not path.exists():
        content = {
            "secret_key": secrets.token_urlsafe(50),
            "key_encryption_keys": {"dev1": base64.b64encode(secrets.token_bytes(32)).decode()},
        }
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(content, handle)
    content = json.loads(path.read_text())
    return DevKeys(
        secret_key=content["secret_key"],
        key_encryption_keys=json.dumps(content["key_encryption_keys"]),
    )


def parse_key_encryption_keys(raw: str) -> OrderedDict[str, bytes]:
    """Parse ``{"id": "base64key", ...}`` (newest first) or ``id:base64,id:base64``."""
    raw = raw.strip()
    pairs: list[tuple[str, str]]
    if raw.startswith("{"):
        try:
            pairs = list(json.loads(raw).items())
        except json.JSONDecodeError as exc:
            raise ImproperlyConfigured("WEERBAAR_KEY_ENCRYPTION_KEYS is not valid JSON") from exc
    else:
        pairs = []
        for item in raw.split(","):
            key_id, sep, value = item.strip().partition(":")
            if not sep:
                raise ImproperlyConfigured("WEERBAAR_KEY_ENCRYPTION_KEYS entries must look like id:base64key")
            pairs.append((key_id.strip(), value.strip()))
    keys: OrderedDict[str, bytes] = OrderedDict()
    for key_id, value in pairs:
        try:
            key = base64.b64decode(value, validate=True)
        except (ValueError, TypeError) as exc:
            raise ImproperlyConfigured(f"Key encryption key {key_id!r} is not valid base64") from exc
        if len(key) != 32:
            raise ImproperlyConfigured(f"Key encryption key {key_id!r} must be 32 bytes (256 bits)")
        if not key_id or len(key_id) > 32:
            raise ImproperlyConfigured("Key ids must be 1-32 characters")
        keys[key_id] = key
    if not keys:
        raise ImproperlyConfigured("WEERBAAR_KEY_ENCRYPTION_KEYS holds no keys")
    return keys


def load_or_create_dev_audit_key(data_dir: Path) -> str:
    """The audit log's MAC key for development: its own file, apart from the key-encryption keys."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "audit-key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(base64.b64encode(secrets.token_bytes(32)).decode())
    return path.read_text().strip()


def parse_audit_key(raw: str) -> bytes:
    """``WEERBAAR_AUDIT_KEY``: base64 of at least 32 random bytes (``openssl rand -base64 32``)."""
    try:
        key = base64.b64decode(raw.strip(), validate=True)
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured("WEERBAAR_AUDIT_KEY is not valid base64") from exc
    if len(key) < 32:
        raise ImproperlyConfigured("WEERBAAR_AUDIT_KEY must hold at least 32 bytes (256 bits)")
    return key
