"""Case references and follow-up codes (core/references.py)."""

from __future__ import annotations

import hmac
import math

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from weerbaar.core import references
from weerbaar.core.references import (
    ALPHABET,
    FOLLOW_UP_CODE_CHARS,
    REFERENCE_RE,
    follow_up_code_hash,
    follow_up_code_matches,
    keyed_hash,
    new_follow_up_code,
    new_reference,
    normalise_follow_up_code,
    normalise_reference,
)

reference_chars = st.text(alphabet=ALPHABET, min_size=8, max_size=8)
code_chars = st.text(alphabet=ALPHABET, min_size=FOLLOW_UP_CODE_CHARS, max_size=FOLLOW_UP_CODE_CHARS)
CONFUSABLE = {"0": ["O", "o"], "1": ["I", "i", "L", "l"]}


@st.composite
def typed_variant(draw, canonical_chars: str, *, prefix: bool | None = None) -> str:
    """How a person might type the characters: case, confusables, spaces, dashes or none."""
    out = []
    for char in canonical_chars:
        options = [char, char.lower(), *CONFUSABLE.get(char, [])]
        out.append(draw(st.sampled_from(options)))
        out.append(draw(st.sampled_from(["", "", "", " ", "-", "  "])))
    body = "".join(out)
    with_prefix = draw(st.booleans()) if prefix is None else prefix
    if with_prefix:
        body = draw(st.sampled_from(["WB-", "wb-", "WB", "wb ", "Wb - "])) + body
    return draw(st.sampled_from(["", " ", "\t"])) + body + draw(st.sampled_from(["", " ", "\n"]))


@pytest.mark.django_db  # a new reference is checked against the registered claims (destroyed cases' tombstones)
def test_new_reference_has_the_published_format():
    for _ in range(200):
        assert REFERENCE_RE.match(new_reference())


def test_references_use_no_confusable_letters():
    assert not set("ILOU") & set(ALPHABET)
    assert len(ALPHABET) == 32


@given(reference_chars, st.data())
def test_normalise_reference_undoes_how_people_type_it(chars, data):
    reference = f"WB-{chars[:4]}-{chars[4:]}"
    variant = data.draw(typed_variant(chars))
    assert normalise_reference(variant) == reference


@given(reference_chars)
def test_normalise_reference_is_idempotent(chars):
    reference = f"WB-{chars[:4]}-{chars[4:]}"
    assert normalise_reference(reference) == reference
    assert normalise_reference(normalise_reference(reference.lower())) == reference


def test_reference_whose_characters_start_with_wb_survives_typing_without_prefix():
    assert normalise_reference("WB12-3456") == "WB-WB12-3456"
    assert normalise_reference("wb-wb12-3456") == "WB-WB12-3456"


def test_malformed_references_normalise_to_empty():
    for value in ["", None, "WB", "WB-1234", "WB-1234-56789", "123456789", "WB-WB-WB-WB-WB-WB"]:
        assert normalise_reference(value) == "", value


def test_follow_up_code_has_at_least_128_bits():
    assert FOLLOW_UP_CODE_CHARS * math.log2(len(ALPHABET)) >= 128
    code = new_follow_up_code()
    assert len(normalise_follow_up_code(code)) == FOLLOW_UP_CODE_CHARS
    assert set(normalise_follow_up_code(code)) <= set(ALPHABET)


def test_follow_up_codes_are_unique_and_use_the_whole_alphabet():
    codes = [normalise_follow_up_code(new_follow_up_code()) for _ in range(5000)]
    assert len(set(codes)) == len(codes)
    seen = set("".join(codes))
    assert seen == set(ALPHABET)
    # Every position varies (no fixed characters hiding inside the 26).
    for position in range(FOLLOW_UP_CODE_CHARS):
        assert len({c[position] for c in codes}) > 20


@given(code_chars, st.data())
def test_follow_up_code_normalisation_round_trips(chars, data):
    variant = data.draw(typed_variant(chars, prefix=False))
    assert normalise_follow_up_code(variant) == chars
    assert follow_up_code_matches(variant, follow_up_code_hash(chars))


def test_follow_up_code_as_shown_matches_its_hash():
    code = new_follow_up_code()
    assert follow_up_code_matches(code, follow_up_code_hash(code))
    assert follow_up_code_matches(code.lower().replace("-", " "), follow_up_code_hash(code))


@given(code_chars, code_chars)
def test_wrong_follow_up_code_does_not_match(a, b):
    if a != b:
        assert not follow_up_code_matches(b, follow_up_code_hash(a))


def test_one_character_off_does_not_match():
    code = normalise_follow_up_code(new_follow_up_code())
    stored = follow_up_code_hash(code)
    for position in range(len(code)):
        other = ALPHABET[(ALPHABET.index(code[position]) + 1) % len(ALPHABET)]
        assert not follow_up_code_matches(code[:position] + other + code[position + 1 :], stored)
    assert not follow_up_code_matches("", stored)
    assert not follow_up_code_matches(code[:-1], stored)


def test_stored_hash_never_contains_the_code():
    for _ in range(50):
        code = new_follow_up_code()
        stored = follow_up_code_hash(code)
        assert len(stored) == 64
        assert normalise_follow_up_code(code).lower() not in stored.lower()
        assert code not in stored


def test_code_hash_is_keyed_with_the_server_secret():
    code = new_follow_up_code()
    with override_settings(SECRET_KEY="a" * 60):
        first = follow_up_code_hash(code)
    with override_settings(SECRET_KEY="b" * 60):
        second = follow_up_code_hash(code)
        assert not follow_up_code_matches(code, first)
    assert first != second
    # Not a plain (unkeyed) SHA-256 of the code either.
    import hashlib

    assert first != hashlib.sha256(normalise_follow_up_code(code).encode()).hexdigest()


def test_keyed_hash_separates_purposes():
    assert keyed_hash("x", purpose="follow-up-code") != keyed_hash("x", purpose="perpetrator")


def test_code_comparison_is_constant_time(monkeypatch):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(references.hmac, "compare_digest", spy)
    follow_up_code_matches("x", follow_up_code_hash("y"))
    assert calls
