"""The caller's number sealed under the call's own data key (wrapped by the key-encryption key)."""

from __future__ import annotations

from weerbaar.core import crypto
from weerbaar.telephony.models import Call


def _context(call: Call) -> str:
    return f"call:{call.call_id}"


def give_data_key(call: Call) -> bytes:
    """Give a new (unsaved) call a fresh data key (also when the number is withheld); returns the plain key."""
    data_key = crypto.new_data_key()
    wrapped = crypto.wrap_data_key(data_key, context=_context(call))
    call.key_id, call.wrapped_key = wrapped.key_id, wrapped.wrapped
    return data_key


def seal_number(call: Call, e164: str) -> None:
    """Seal the caller's number under the call's data key (a new call without one gets a fresh key first)."""
    data_key = call_data_key(call) if call.key_id else give_data_key(call)
    call.sealed_from = crypto.seal_text(data_key, e164, aad=f"{_context(call)}|from")


def call_data_key(call: Call) -> bytes:
    return crypto.unwrap_data_key(crypto.WrappedKey(call.key_id, bytes(call.wrapped_key)), context=_context(call))


def open_number(call: Call) -> str | None:
    """The caller's number (E.164), or None when it was withheld."""
    if call.sealed_from is None:
        return None
    return crypto.open_text(call_data_key(call), bytes(call.sealed_from), aad=f"{_context(call)}|from")


def call_rewrap_key(call: Call) -> bool:
    """Re-wrap the call's data key under the newest key-encryption key; True when it changed."""
    return crypto.rewrap_key_of(call, context=_context(call))
