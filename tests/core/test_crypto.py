"""Envelope encryption (core/crypto.py): round trips, context binding, tamper detection, key rotation."""

from __future__ import annotations

import base64
import json
from collections import OrderedDict

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from weerbaar.core import crypto
from weerbaar.core.crypto import DecryptionError, WrappedKey

KEY_A = base64.b64encode(b"A" * 32).decode()
DATA_KEY = bytes(range(32))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False, allow_infinity=False),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=20,
)


@given(st.binary(max_size=4096), st.text(max_size=50))
def test_sealed_bytes_round_trip(plaintext, aad):
    assert crypto.open_sealed(DATA_KEY, crypto.seal(DATA_KEY, plaintext, aad=aad), aad=aad) == plaintext


@given(st.text(max_size=2000))
def test_sealed_text_round_trip(text):
    assert crypto.open_text(DATA_KEY, crypto.seal_text(DATA_KEY, text, aad="case:X|note"), aad="case:X|note") == text


@given(json_values)
def test_sealed_json_round_trip(value):
    blob = crypto.seal_json(DATA_KEY, value, aad="case:X|request")
    assert crypto.open_json(DATA_KEY, blob, aad="case:X|request") == value


@given(st.text(min_size=1, max_size=200))
def test_sealed_text_does_not_contain_the_plaintext(text):
    blob = crypto.seal_text(DATA_KEY, text, aad="a")
    encoded = text.encode()
    if len(encoded) >= 4:
        assert encoded not in blob


def test_sealing_twice_gives_different_ciphertexts():
    assert crypto.seal(DATA_KEY, b"same", aad="x") != crypto.seal(DATA_KEY, b"same", aad="x")


@pytest.mark.parametrize(
    "wrong_aad",
    [
        "case:WB-BBBB-BBBB|note",  # same field, other case
        "case:WB-AAAA-AAAA|message",  # same case, other field
        "case:WB-AAAA-AAAA|",
        "",
    ],
)
def test_ciphertext_bound_to_its_case_and_field(wrong_aad):
    blob = crypto.seal_text(DATA_KEY, "geheim", aad="case:WB-AAAA-AAAA|note")
    with pytest.raises(DecryptionError):
        crypto.open_text(DATA_KEY, blob, aad=wrong_aad)


def test_other_data_key_cannot_open():
    blob = crypto.seal_text(DATA_KEY, "geheim", aad="a")
    with pytest.raises(DecryptionError):
        crypto.open_text(crypto.new_data_key(), blob, aad="a")


@given(st.binary(min_size=1, max_size=64), st.data())
def test_any_flipped_byte_in_ciphertext_is_detected(plaintext, data):
    blob = bytearray(crypto.seal(DATA_KEY, plaintext, aad="ctx"))
    # Position covers the format byte, the nonce, the body and the tag.
    position = data.draw(st.integers(min_value=0, max_value=len(blob) - 1), label="position")
    flip = data.draw(st.integers(min_value=1, max_value=255), label="xor")
    blob[position] ^= flip
    with pytest.raises(DecryptionError):
        crypto.open_sealed(DATA_KEY, bytes(blob), aad="ctx")


@given(st.binary(max_size=64), st.integers(min_value=1, max_value=40))
def test_truncated_ciphertext_is_detected(plaintext, cut):
    blob = crypto.seal(DATA_KEY, plaintext, aad="ctx")
    with pytest.raises(DecryptionError):
        crypto.open_sealed(DATA_KEY, blob[: max(len(blob) - cut, 0)], aad="ctx")


@given(st.data())
def test_any_flipped_byte_in_wrapped_key_is_detected(data):
    wrapped = crypto.wrap_data_key(DATA_KEY, context="case:WB-AAAA-AAAA")
    blob = bytearray(wrapped.wrapped)
    position = data.draw(st.integers(min_value=0, max_value=len(blob) - 1))
    blob[position] ^= data.draw(st.integers(min_value=1, max_value=255))
    with pytest.raises(DecryptionError):
        crypto.unwrap_data_key(WrappedKey(wrapped.key_id, bytes(blob)), context="case:WB-AAAA-AAAA")


def test_wrapped_key_bound_to_its_case():
    wrapped = crypto.wrap_data_key(DATA_KEY, context="case:WB-AAAA-AAAA")
    assert crypto.unwrap_data_key(wrapped, context="case:WB-AAAA-AAAA") == DATA_KEY
    with pytest.raises(DecryptionError):
        crypto.unwrap_data_key(wrapped, context="case:WB-BBBB-BBBB")


def test_wrapped_key_does_not_contain_the_data_key():
    wrapped = crypto.wrap_data_key(DATA_KEY, context="c")
    assert DATA_KEY not in wrapped.wrapped


def _keys(*pairs: tuple[str, bytes]) -> OrderedDict[str, bytes]:
    return OrderedDict(pairs)


def test_key_wrapped_under_old_kek_unwraps_after_rotation():
    with override_settings(KEY_ENCRYPTION_KEYS=_keys(("old", b"o" * 32))):
        wrapped = crypto.wrap_data_key(DATA_KEY, context="case:R")
    assert wrapped.key_id == "old"
    with override_settings(KEY_ENCRYPTION_KEYS=_keys(("new", b"n" * 32), ("old", b"o" * 32))):
        assert crypto.unwrap_data_key(wrapped, context="case:R") == DATA_KEY
        # New keys are wrapped under the newest key; rewrapping moves old ones over.
        assert crypto.wrap_data_key(DATA_KEY, context="case:R").key_id == "new"
        rewrapped = crypto.rewrap_data_key(wrapped, context="case:R")
        assert rewrapped.key_id == "new"
    # Once the old key is retired, the rewrapped key still opens and the old one cannot.
    with override_settings(KEY_ENCRYPTION_KEYS=_keys(("new", b"n" * 32))):
        assert crypto.unwrap_data_key(rewrapped, context="case:R") == DATA_KEY
        with pytest.raises(DecryptionError):
            crypto.unwrap_data_key(wrapped, context="case:R")


def test_unknown_key_id_fails():
    wrapped = crypto.wrap_data_key(DATA_KEY, context="c")
    with pytest.raises(DecryptionError):
        crypto.unwrap_data_key(WrappedKey("no-such-key", wrapped.wrapped), context="c")


def test_same_key_id_with_different_key_material_fails():
    with override_settings(KEY_ENCRYPTION_KEYS=_keys(("k", b"1" * 32))):
        wrapped = crypto.wrap_data_key(DATA_KEY, context="c")
    with override_settings(KEY_ENCRYPTION_KEYS=_keys(("k", b"2" * 32))), pytest.raises(DecryptionError):
        crypto.unwrap_data_key(wrapped, context="c")


def test_wrapped_key_cannot_be_relabelled_to_another_key_id():
    with override_settings(KEY_ENCRYPTION_KEYS=_keys(("a", b"1" * 32), ("b", b"1" * 32))):
        wrapped = crypto.wrap_data_key(DATA_KEY, context="c")
        assert wrapped.key_id == "a"
        # Same key material under another id: the key id is authenticated too.
        with pytest.raises(DecryptionError):
            crypto.unwrap_data_key(WrappedKey("b", wrapped.wrapped), context="c")


def test_unknown_ciphertext_format_fails():
    blob = crypto.seal(DATA_KEY, b"x", aad="a")
    with pytest.raises(DecryptionError):
        crypto.open_sealed(DATA_KEY, b"\x02" + blob[1:], aad="a")
    with pytest.raises(DecryptionError):
        crypto.open_sealed(DATA_KEY, b"", aad="a")


def test_json_form_is_compact_and_keeps_unicode():
    value = {"naam": "Zoë \u2019t Hart", "n": [1, 2]}
    blob = crypto.seal_json(DATA_KEY, value, aad="a")
    assert json.loads(crypto.open_sealed(DATA_KEY, blob, aad="a")) == value


@given(st.integers(min_value=1, max_value=40))
def test_truncated_wrapped_key_is_detected(cut):
    wrapped = crypto.wrap_data_key(DATA_KEY, context="c")
    short = WrappedKey(wrapped.key_id, wrapped.wrapped[: max(len(wrapped.wrapped) - cut, 0)])
    with pytest.raises(DecryptionError):
        crypto.unwrap_data_key(short, context="c")
