"""The clock services read, and working time: respond-by deadlines in Dutch business hours.

Services take "now" from ``now()``: the real time, unless a caller fixed the moment with ``fixed_at`` — the
demo data does, so cases, their history, notes and messages are written at moments in the past by the
services themselves instead of being moved there afterwards. The audit log always stamps the real time.

A working day is Monday to Friday, not a Dutch public holiday (the ``holidays``
package's NL calendar: Nieuwjaarsdag, Pasen, Koningsdag, Bevrijdingsdag in
lustrum years, Hemelvaart, Pinksteren, Kerst) and not one of the configured
extra non-working days. Working hours are configurable (default 09:00-17:00,
Europe/Amsterdam).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

if TYPE_CHECKING:
    import holidays

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

_fixed: ContextVar[datetime | None] = ContextVar("weerbaar_clock_fixed", default=None)


def now() -> datetime:
    """The current moment for services: the real time, or the moment fixed by ``fixed_at``."""
    return _fixed.get() or timezone.now()


@contextmanager
def fixed_at(moment: datetime) -> Iterator[None]:
    """Let services see ``moment`` as now inside the block (this thread or task only). Development only: demo
    data uses it to write a lived-in past through the real services; it is refused unless DEBUG is on."""
    if not settings.DEBUG:
        raise RuntimeError("A fixed clock is only for development (WEERBAAR_DEBUG=1).")
    if timezone.is_naive(moment):
        raise ValueError("fixed_at needs an aware datetime")
    token = _fixed.set(moment)
    try:
        yield
    finally:
        _fixed.reset(token)


@dataclass(frozen=True)
class WorkingTime:
    start: time
    end: time
    extra_non_working: frozenset[date]

    @classmethod
    def from_settings(cls) -> WorkingTime:
        conf: dict[str, Any] = settings.WEERBAAR
        return cls(
            start=time.fromisoformat(conf["WORKDAY_START"]),
            end=time.fromisoformat(conf["WORKDAY_END"]),
            extra_non_working=frozenset(date.fromisoformat(d) for d in conf["EXTRA_NON_WORKING_DAYS"]),
        )

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in _dutch_holidays(day.year) and day not in self.extra_non_working

    def next_working_day(self, day: date) -> date:
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def is_working_moment(self, moment: datetime) -> bool:
        """Whether ``moment`` falls within working hours on a working day (Amsterdam time)."""
        local = moment.astimezone(AMSTERDAM)
        return self.is_working_day(local.date()) and self.start <= local.time() < self.end

    def first_working_instant(self, moment: datetime) -> datetime:
        """``moment`` itself within working hours, else the start of the next working period (Amsterdam)."""
        local = moment.astimezone(AMSTERDAM)
        day = local.date()
        if not self.is_working_day(day) or local.time() >= self.end:
            return datetime.combine(self.next_working_day(day), self.start, AMSTERDAM)
        if local.time() < self.start:
            return datetime.combine(day, self.start, AMSTERDAM)
        return local

    def add_working_hours(self, moment: datetime, hours: float) -> datetime:
        """The moment ``hours`` of working time after ``moment`` (aware datetime in, Amsterdam out)."""
        remaining = timedelta(hours=hours)
        cursor = self.first_working_instant(moment)
        while True:
            day_end = datetime.combine(cursor.date(), self.end, AMSTERDAM)
            available = day_end - cursor
            if remaining <= available:
                return cursor + remaining
            remaining -= available
            cursor = datetime.combine(self.next_working_day(cursor.date()), self.start, AMSTERDAM)

    def end_of_working_days_after(self, moment: datetime, days: int) -> datetime:
        """The end of the ``days``-th working day after the day of ``moment``."""
        local = moment.astimezone(AMSTERDAM)
        day = local.date()
        for _ in range(max(days, 0)):
            day = self.next_working_day(day)
        # "0 days" means the end of the current working day; after closing time that is the next one.
        if days <= 0 and (not self.is_working_day(day) or local.time() >= self.end):
            day = self.next_working_day(day)
        return datetime.combine(day, self.end, AMSTERDAM)


@lru_cache(maxsize=64)
def _dutch_holidays(year: int) -> holidays.HolidayBase:
    import holidays  # a calendar per country: loaded by the first date computed, not when a worker starts

    return holidays.country_holidays("NL", years=year)


def respond_by(*, received_at: datetime, urgent: bool) -> datetime:
    """The respond-by moment of a new case: urgent within working hours, otherwise the next working day."""
    working_time = WorkingTime.from_settings()
    conf: dict[str, Any] = settings.WEERBAAR
    normal = working_time.end_of_working_days_after(received_at, conf["NORMAL_RESPONSE_WORKING_DAYS"])
    if urgent:
        # However the hours are configured, an urgent case never waits longer than a normal one.
        return min(working_time.add_working_hours(received_at, conf["URGENT_RESPONSE_WORKING_HOURS"]), normal)
    return normal


def read_from(moment: datetime) -> datetime | None:
    """When a request sent at ``moment`` is first read online: ``None`` within working hours (now), else the start
    of the next working period. The phone line is answered day and night; online requests wait for this."""
    working_time = WorkingTime.from_settings()
    if working_time.is_working_moment(moment):
        return None
    return working_time.first_working_instant(moment)
