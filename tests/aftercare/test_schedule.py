"""When check-ins fall: working days at 10:00 Amsterdam, months that are shorter, public holidays."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from weerbaar.aftercare import schedule
from weerbaar.core.clock import AMSTERDAM, WorkingTime


def test_add_months_clamps_to_the_end_of_a_shorter_month():
    assert schedule.add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert schedule.add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert schedule.add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert schedule.add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


@pytest.mark.django_db
def test_a_check_in_on_a_holiday_moves_to_the_next_working_day_at_ten():
    # Tweede Kerstdag 2026 is a Saturday; Monday 28 December is the next working day.
    assert schedule.due_at_on(date(2026, 12, 25)) == datetime(2026, 12, 28, 10, 0, tzinfo=AMSTERDAM)
    # Koningsdag 27 April 2027 is a Tuesday.
    assert schedule.due_at_on(date(2027, 4, 27)) == datetime(2027, 4, 28, 10, 0, tzinfo=AMSTERDAM)


@pytest.mark.django_db
def test_defaults_are_one_week_one_month_and_three_months_later():
    start = datetime(2026, 11, 18, 15, 30, tzinfo=AMSTERDAM)  # a Wednesday
    assert schedule.default_moments(start) == [
        datetime(2026, 11, 25, 10, 0, tzinfo=AMSTERDAM),
        datetime(2026, 12, 18, 10, 0, tzinfo=AMSTERDAM),
        datetime(2027, 2, 18, 10, 0, tzinfo=AMSTERDAM),
    ]


@pytest.mark.django_db
@given(st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2035, 12, 31)))
def test_every_default_moment_is_a_working_day_at_ten_and_after_the_start(naive):
    start = naive.replace(tzinfo=AMSTERDAM)
    moments = schedule.default_moments(start)
    working_time = WorkingTime.from_settings()
    assert moments == sorted(moments)
    for moment in moments:
        assert moment > start + timedelta(days=6)
        assert moment.astimezone(AMSTERDAM).hour == 10
        assert working_time.is_working_day(moment.astimezone(AMSTERDAM).date())
