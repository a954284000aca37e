"""Envelope encryption: one data key per case, wrapped by a key-encryption key.

Every case gets a fresh random 256-bit data key. Case content (free text,
names, contact details, notes, messages) is sealed with AES-256-GCM under that
key, with the case id and the field name as associated data so a ciphertext
cannot be moved to another case or field unnoticed. The data key itself is
stored wrapped (AES-256-GCM) by the newest key-encryption key from
configuration; the key id is kept beside it so keys can be rotated.
Destroying the wrapped key (crypto-shredding) makes the content unreadable.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

NONCE_BYTES = 12
FORMAT_VERSION = b"\x01"


class DecryptionError(Exception):
    """Ciphertext could not be authenticated: wrong key, wrong context or tampering."""


@dataclass(frozen=True)
class WrappedKey:
    key_id: str
    wrapped: bytes


def key_ids() -> list[str]:
    """The ids of the configured key-encryption keys, newest first (the first wraps every new data key)."""
    return list(settings.KEY_ENCRYPTION_KEYS)


def newest_key_id() -> str:
    return next(iter(settings.KEY_ENCRYPTION_KEYS))


def _kek(key_id: str | None = None) -> tuple[str, bytes]:
    keys = settings.KEY_ENCRYPTION_KEYS
    if key_id is None:
        key_id = next(iter(keys))
    try:
        return key_id, keys[key_id]
    except KeyError as exc:
        raise DecryptionError(f"unknown key-encryption key id {key_id!r}") from exc


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def wrap_data_key(data_key: bytes, *, context: str) -> WrappedKey:
    key_id, kek = _kek()
    nonce = os.urandom(NONCE_BYTES)
    wrapped = nonce + AESGCM(kek).encrypt(nonce, data_key, f"dek|{key_id}|{context}".encode())
    return WrappedKey(key_id=key_id, wrapped=wrapped)


def unwrap_data_key(wrapped: WrappedKey, *, context: str) -> bytes:
    key_id, kek = _kek(wrapped.key_id)
    blob = bytes(wrapped.wrapped)
    try:
        return AESGCM(kek).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], f"dek|{key_id}|{context}".encode())
    except (InvalidTag, ValueError) as exc:  # ValueError: truncated blob (nonce too short)
        raise DecryptionError("data key could not be unwrapped") from exc


def seal(data_key: bytes, plaintext: bytes, *, aad: str) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return FORMAT_VERSION + nonce + AESGCM(data_key).encrypt(nonce, plaintext, aad.encode())


def open_sealed(data_key: bytes, blob: bytes, *, aad: str) -> bytes:
    blob = bytes(blob)
    if not blob or blob[:1] != FORMAT_VERSION:
        raise DecryptionError("unknown ciphertext format")
    nonce, body = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
    try:
        return AESGCM(data_key).decrypt(nonce, body, aad.encode())
    except (InvalidTag, ValueError) as exc:  # ValueError: truncated blob (nonce too short)
        raise DecryptionError("ciphertext could not be authenticated") from exc


def seal_text(data_key: bytes, text: str, *, aad: str) -> bytes:
    return seal(data_key, text.encode("utf-8"), aad=aad)


def open_text(data_key: bytes, blob: bytes, *, aad: str) -> str:
    return open_sealed(data_key, blob, aad=aad).decode("utf-8")


def seal_json(data_key: bytes, value: Any, *, aad: str) -> bytes:
    return seal(data_key, json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode(), aad=aad)


def open_json(data_key: bytes, blob: bytes, *, aad: str) -> Any:
    return json.loads(open_sealed(data_key, blob, aad=aad))


def rewrap_data_key(wrapped: WrappedKey, *, context: str) -> WrappedKey:
    """Re-wrap a data key under the newest key-encryption key (key rotation)."""
    return wrap_data_key(unwrap_data_key(wrapped, context=context), context=context)


def rewrap_key_of(holder: Any, *, context: str) -> bool:
    """Re-wrap the data key of a record with ``key_id`` + ``wrapped_key`` (a case, a council request, a call)
    under the newest key-encryption key, in place; True when it changed (then the caller saves it)."""
    current = WrappedKey(holder.key_id, bytes(holder.wrapped_key))
    newest = rewrap_data_key(current, context=context)
    if newest.key_id == current.key_id:
        return False
    holder.key_id, holder.wrapped_key = newest.key_id, newest.wrapped
    return True
