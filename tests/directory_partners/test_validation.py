"""The partner rule set (shared by the web form and the API)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from weerbaar.core.errors import InvalidInput
from weerbaar.directory.languages import ISO_639_1
from weerbaar.directory.validation import partner_input

pytestmark = pytest.mark.django_db

# The rule set only reads the database for province codes; these examples give none, so nothing leaks between them.
FIXTURE_SAFE = settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
BASE = {"name": "Partner", "kind": "peer", "nationwide": True, "capacity": 5}


def names(exc: InvalidInput) -> set[str]:
    return {item["name"] for item in exc.invalid_params}


def test_minimal_nationwide_partner_is_accepted(reference_data):
    checked = partner_input(BASE)
    assert checked.values["name"] == "Partner"
    assert checked.values["available"] is True
    assert checked.values["languages"] == []
    assert checked.provinces == []


def test_every_error_is_reported_at_once(reference_data):
    with pytest.raises(InvalidInput) as exc:
        partner_input({"name": "", "kind": "x", "capacity": 0, "languages": ["xx"], "email": "no"})
    assert names(exc.value) == {"name", "kind", "capacity", "languages", "email", "provinces"}


def test_partial_checks_only_what_is_given(reference_data):
    checked = partner_input({"capacity": "7"}, partial=True)
    assert checked.values == {"capacity": 7}
    assert checked.present == frozenset({"capacity"})
    assert checked.provinces is None


@FIXTURE_SAFE
@given(code=st.sampled_from(sorted(ISO_639_1)))
def test_every_iso_639_1_code_is_accepted_and_normalised(code):
    checked = partner_input({**BASE, "languages": [f" {code.upper()} ", code]})
    assert checked.values["languages"] == [code]


@FIXTURE_SAFE
@given(code=st.text(min_size=1, max_size=5).filter(lambda c: c.strip().lower() not in ISO_639_1 and c.strip()))
def test_anything_else_is_refused(code):
    with pytest.raises(InvalidInput) as exc:
        partner_input({**BASE, "languages": [code]})
    assert names(exc.value) == {"languages"}


@FIXTURE_SAFE
@given(capacity=st.integers(min_value=-1000, max_value=1000))
def test_capacity_bounds(capacity):
    if 1 <= capacity <= 100:
        assert partner_input({**BASE, "capacity": capacity}).values["capacity"] == capacity
    else:
        with pytest.raises(InvalidInput):
            partner_input({**BASE, "capacity": capacity})
