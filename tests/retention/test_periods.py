"""The pure rules of retention: month arithmetic, the result of a closed case, and the periods' rule set."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from weerbaar.core.errors import InvalidInput
from weerbaar.retention.periods import (
    DEFAULTS,
    RESULTS,
    Periods,
    add_months,
    case_dates,
    case_result,
    validate_periods,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
months = st.integers(min_value=0, max_value=1200)


@given(days, months)
def test_add_months_lands_in_the_right_month_on_the_same_or_last_day(day, n):
    later = add_months(day, n)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == n
    assert later.day == min(day.day, calendar.monthrange(later.year, later.month)[1])
    assert later >= day


def test_add_months_examples():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 12, 7), 24) == date(2028, 12, 7)
    assert add_months(date(2026, 12, 7), 0) == date(2026, 12, 7)


def test_every_result_has_a_built_in_default_that_its_own_rules_accept():
    assert set(DEFAULTS) == set(RESULTS)
    for periods in DEFAULTS.values():
        assert validate_periods(periods.as_dict()) == periods


def test_the_result_is_the_outcome_else_the_close_reason_else_other():
    assert case_result("referred", "") == "referred"
    assert case_result("", "duplicate") == "duplicate"
    assert case_result("", "") == "other"
    assert case_result("bogus", "also-bogus") == "other"


def test_a_case_is_destroyed_on_its_content_date_and_its_contact_details_erased_earlier():
    dates = case_dates(date(2026, 3, 31), Periods(6, 12, 60))
    assert dates.contact_until == date(2026, 9, 30)
    assert dates.content_until == date(2027, 3, 31)
    assert dates.metadata_until == date(2031, 3, 31)
    assert dates.destroy_on == date(2027, 3, 31)
    assert dates.contact_erase_on == date(2026, 9, 30)
    assert case_dates(date(2026, 3, 31), Periods(12, 12, 60)).contact_erase_on is None


@given(months, months, months)
def test_validate_accepts_exactly_ordered_whole_months(a, b, c):
    raw = {"contact_months": str(a), "content_months": b, "metadata_months": f" {c} "}
    if a <= b <= c:
        assert validate_periods(raw) == Periods(a, b, c)
    else:
        with pytest.raises(InvalidInput) as caught:
            validate_periods(raw)
        names = {p["name"] for p in caught.value.invalid_params}
        assert names == ({"contactMonths"} if a > b else set()) | ({"metadataMonths"} if b > c else set())


@given(st.one_of(st.text(max_size=6), st.integers(max_value=-1), st.integers(min_value=1201), st.none(), st.booleans()))
def test_validate_refuses_what_is_no_number_of_months_naming_the_field(bad):
    text = str(bad).strip() if bad is not None and not isinstance(bad, bool) else ""
    if text.isascii() and text.isdigit() and int(text) <= 1200:
        return  # a valid number after all (e.g. the text "7")
    with pytest.raises(InvalidInput) as caught:
        validate_periods({"contact_months": bad, "content_months": "1", "metadata_months": "2"})
    assert [p["name"] for p in caught.value.invalid_params] == ["contactMonths"]
    assert caught.value.invalid_params[0]["reason"]
