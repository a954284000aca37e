"""Incident data in words: one formatting for pages and PDFs."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from weerbaar.incidents.choices import DamageKind
from weerbaar.incidents.display import euros, label, plan_with_dates
from weerbaar.incidents.validation import parse_amount


def test_euros_in_both_languages():
    assert euros(154995, "nl") == "€ 1.549,95"
    assert euros(154995, "en") == "€1,549.95"
    assert euros(0, "nl") == "€ 0,00"
    assert euros(None, "nl") == ""


@given(st.integers(min_value=0, max_value=10**10))  # up to the largest amount accepted
def test_dutch_amounts_read_back_as_typed(cents):
    shown = euros(cents, "nl").removeprefix("€ ").replace(".", "")
    assert parse_amount(shown) == cents


def test_label_falls_back_to_the_code():
    assert label(DamageKind, "material") == "Materiële schade"
    assert label(DamageKind, "retired_kind") == "retired_kind"


def test_plan_with_dates_parses_deadlines_and_leaves_the_rest():
    plan = {"route": "complaint", "offences": [{"article": "266", "complaintDeadline": "2027-02-27"}]}
    shown = plan_with_dates(plan)
    assert shown["offences"][0]["complaintDeadline"] == date(2027, 2, 27)
    assert shown["route"] == "complaint"
    assert plan["offences"][0]["complaintDeadline"] == "2027-02-27"  # the stored plan is not changed
