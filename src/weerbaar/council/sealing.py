"""Sealing and opening a council request's content under its own data key (as ``cases.sealing`` for cases)."""

from __future__ import annotations

from typing import Any

from weerbaar.core import crypto
from weerbaar.council.models import CouncilRequest


def _context(request: CouncilRequest) -> str:
    # The reference is fixed for the request's life, so it binds the key to this request.
    return f"council:{request.reference}"


def request_keys_new(request: CouncilRequest) -> bytes:
    """Give a new (unsaved) request a fresh data key; returns the plain key for immediate use."""
    data_key = crypto.new_data_key()
    wrapped = crypto.wrap_data_key(data_key, context=_context(request))
    request.key_id = wrapped.key_id
    request.wrapped_key = wrapped.wrapped
    request._data_key = data_key  # type: ignore[attr-defined]
    return data_key


def request_data_key(request: CouncilRequest) -> bytes:
    cached = getattr(request, "_data_key", None)
    if cached is not None:
        return cached
    key = crypto.unwrap_data_key(
        crypto.WrappedKey(request.key_id, bytes(request.wrapped_key)), context=_context(request)
    )
    request._data_key = key  # type: ignore[attr-defined]
    return key


def seal_json(request: CouncilRequest, field: str, value: Any) -> bytes:
    return crypto.seal_json(request_data_key(request), value, aad=f"{_context(request)}|{field}")


def open_json(request: CouncilRequest, field: str, blob: bytes | memoryview | None) -> dict[str, Any]:
    if not blob:
        return {}
    return dict(crypto.open_json(request_data_key(request), bytes(blob), aad=f"{_context(request)}|{field}"))


def request_rewrap_key(request: CouncilRequest) -> bool:
    """Re-wrap the data key under the newest key-encryption key; True when it changed."""
    return crypto.rewrap_key_of(request, context=_context(request))
