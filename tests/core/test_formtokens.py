"""One-time form tokens: a form is sent once; tampered, foreign or expired tokens never pass."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from weerbaar.core.formtokens import OneTimeFormToken

A = OneTimeFormToken("test.a", "test-a", 3600)
B = OneTimeFormToken("test.b", "test-b", 3600)


def test_a_token_is_claimed_once_and_can_be_given_back():
    token = A.new()
    assert A.state(token) == "valid"
    assert A.claim(token)
    assert A.state(token) == "used"
    assert not A.claim(token)  # the double click
    A.release(token)
    assert A.state(token) == "valid"
    assert A.claim(token)


def test_a_token_of_one_form_is_invalid_for_another():
    token = A.new()
    assert B.state(token) == "invalid"
    assert not B.claim(token)


def test_an_expired_token_is_invalid():
    token = A.new()
    assert OneTimeFormToken("test.a", "test-a", -1).state(token) == "invalid"


@given(st.text(max_size=200))
def test_any_other_text_is_invalid(text):
    assert A.state(text) == "invalid"
    assert not A.claim(text)


@given(st.integers(min_value=0, max_value=200), st.characters(codec="ascii"))
def test_a_changed_character_makes_it_invalid(position, character):
    token = A.new()
    position %= len(token)
    changed = token[:position] + character + token[position + 1 :]
    if changed != token:
        assert A.state(changed) == "invalid"
