"""Sealing and opening case content under the case's own data key."""

from __future__ import annotations

from typing import Any

from weerbaar.cases.models import Case
from weerbaar.core import crypto


def _context(case: Case) -> str:
    # The reference is fixed for the case's life, so it binds the key to this case.
    return f"case:{case.reference}"


def case_keys_new(case: Case) -> bytes:
    """Give a new (unsaved) case a fresh data key; returns the plain key for immediate use."""
    data_key = crypto.new_data_key()
    wrapped = crypto.wrap_data_key(data_key, context=_context(case))
    case.key_id = wrapped.key_id
    case.wrapped_key = wrapped.wrapped
    return data_key


def case_data_key(case: Case) -> bytes:
    cached = getattr(case, "_data_key", None)
    if cached is not None:
        return cached
    key = crypto.unwrap_data_key(crypto.WrappedKey(case.key_id, bytes(case.wrapped_key)), context=_context(case))
    case._data_key = key  # type: ignore[attr-defined]
    return key


def seal_text(case: Case, field: str, text: str) -> bytes:
    return crypto.seal_text(case_data_key(case), text, aad=f"{_context(case)}|{field}")


def open_text(case: Case, field: str, blob: bytes | memoryview | None) -> str:
    if not blob:
        return ""
    return crypto.open_text(case_data_key(case), bytes(blob), aad=f"{_context(case)}|{field}")


def seal_request(case: Case, payload: dict[str, Any]) -> bytes:
    return crypto.seal_json(case_data_key(case), payload, aad=f"{_context(case)}|request")


def open_request(case: Case) -> dict[str, Any]:
    return dict(crypto.open_json(case_data_key(case), case.sealed_request, aad=f"{_context(case)}|request"))


def case_rewrap_key(case: Case) -> bool:
    """Re-wrap the case key under the newest key-encryption key; True when it changed."""
    return crypto.rewrap_key_of(case, context=_context(case))


def seal_json(case: Case, field: str, value: Any) -> bytes:
    return crypto.seal_json(case_data_key(case), value, aad=f"{_context(case)}|{field}")


def open_json(case: Case, field: str, blob: bytes | memoryview | None) -> Any:
    if not blob:
        return {}
    return crypto.open_json(case_data_key(case), bytes(blob), aad=f"{_context(case)}|{field}")


def seal_bytes(case: Case, field: str, data: bytes) -> bytes:
    return crypto.seal(case_data_key(case), data, aad=f"{_context(case)}|{field}")


def open_bytes(case: Case, field: str, blob: bytes) -> bytes:
    return crypto.open_sealed(case_data_key(case), blob, aad=f"{_context(case)}|{field}")
