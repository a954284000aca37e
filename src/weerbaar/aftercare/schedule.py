"""When check-ins fall: on a working day (Dutch public holidays and configured days off excluded) at 10:00
Europe/Amsterdam. The defaults are one week, one month and three months after the case moved to aftercare."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta

from weerbaar.core.clock import AMSTERDAM, WorkingTime

CHECK_IN_TIME = time(10, 0)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the last day of that month when it is shorter (31 Jan + 1 -> 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_at_on(day: date, working_time: WorkingTime | None = None) -> datetime:
    """10:00 Amsterdam on ``day``, or on the next working day when ``day`` is not one."""
    working_time = working_time or WorkingTime.from_settings()
    if not working_time.is_working_day(day):
        day = working_time.next_working_day(day)
    return datetime.combine(day, CHECK_IN_TIME, AMSTERDAM)


def default_moments(start: datetime) -> list[datetime]:
    """The default check-ins after ``start``: one week, one month and three months later."""
    working_time = WorkingTime.from_settings()
    day = start.astimezone(AMSTERDAM).date()
    return [
        due_at_on(day + timedelta(days=7), working_time),
        due_at_on(add_months(day, 1), working_time),
        due_at_on(add_months(day, 3), working_time),
    ]


def task_due_at(check_in_due_at: datetime) -> datetime:
    """The advisor's task for a check-in: done by the end of the second working day after it became due."""
    return WorkingTime.from_settings().end_of_working_days_after(check_in_due_at, 2)
