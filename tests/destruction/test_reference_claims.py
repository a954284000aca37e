"""The reference generator never issues a claimed reference (a destroyed case's), whatever the random draws."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from weerbaar.core import references
from weerbaar.core.registry import Registry

CHARS = st.text(alphabet=references.ALPHABET, min_size=8, max_size=8)


def _only(taken) -> Registry[references.ReferenceClaim]:
    """A registry with one claim (the app's claim asks the database; these are rules only)."""
    registry: Registry[references.ReferenceClaim] = Registry("reference claim")
    registry.register(references.ReferenceClaim(name="test", position=1, taken=taken))
    return registry


def _reference(chars: str) -> str:
    return f"WB-{chars[:4]}-{chars[4:]}"


@given(claimed=st.lists(CHARS, min_size=0, max_size=19, unique=True), free=CHARS)
def test_claimed_references_are_skipped(claimed, free):
    if free in claimed:
        return
    taken = {_reference(chars) for chars in claimed}
    draws = iter([*claimed, free])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(references, "REFERENCE_CLAIMS", _only(taken.__contains__))
        patch.setattr(references, "_random_chars", lambda count: next(draws))
        assert references.new_reference() == _reference(free)
        assert all(references.reference_claimed(reference) for reference in taken)
        assert not references.reference_claimed(_reference(free))


def test_a_claim_that_takes_everything_ends_in_an_error_not_a_loop(monkeypatch):
    monkeypatch.setattr(references, "REFERENCE_CLAIMS", _only(lambda reference: True))
    with pytest.raises(RuntimeError, match="no free case reference"):
        references.new_reference()
