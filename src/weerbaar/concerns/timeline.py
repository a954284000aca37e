"""The timeline of a case's incidents, to support the advisor's judgement: how often (per week, per month), by
which way (online, at a distance, in person, at the home), and when contact first moved from online to offline.

Counts and dates only: nothing is weighed, scored or coloured by severity. The chart is a plain SVG drawn on the
server (the table beside it holds the same figures for screen readers and print).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _

# How an incident reached the office holder (``incidents.choices.IncidentChannel`` values).
ONLINE = "online"
DISTANCE = "distance"
IN_PERSON = "in_person"
HOME = "home"
WAYS = {
    "online": ONLINE,
    "email": ONLINE,
    "phone": DISTANCE,
    "letter": DISTANCE,
    "in_person_work": IN_PERSON,
    "elsewhere": IN_PERSON,
    "at_home": HOME,
}
WAY_LABELS = {
    ONLINE: _("Online of e-mail"),
    DISTANCE: _("Telefoon of brief"),
    IN_PERSON: _("Persoonlijk (werk of elders)"),
    HOME: _("Bij de woning"),
}
OFFLINE = frozenset({IN_PERSON, HOME})
MAX_WEEKS = 52


@dataclass
class Period:
    label: str
    start: date
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def count(self, way: str) -> int:
        return self.counts.get(way, 0)

    @property
    def cells(self) -> list[int]:
        return [self.count(way) for way in WAY_LABELS]


@dataclass
class Bar:
    x: int
    label: str
    total: int
    segments: list[dict[str, Any]]


@dataclass
class Timeline:
    incidents: int
    first_on: date | None
    last_on: date | None
    months: list[Period]
    weeks: list[Period]
    weeks_cut: bool
    first_online_on: date | None
    first_offline_on: date | None
    home_approaches: list[tuple[int, date]]
    chart: dict[str, Any]

    @property
    def moved_offline(self) -> bool:
        """Online contact came first, and contact in person or at the home followed."""
        return (
            self.first_online_on is not None
            and self.first_offline_on is not None
            and self.first_offline_on > self.first_online_on
        )


def way_of(channel: str) -> str:
    return WAYS.get(channel, DISTANCE)


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _months(rows: Sequence[Any]) -> list[Period]:
    if not rows:
        return []
    periods: dict[date, Period] = {}
    month, last = _month_start(rows[0].occurred_on), _month_start(rows[-1].occurred_on)
    while month <= last:
        periods[month] = Period(label=month.strftime("%Y-%m"), start=month)
        month = _next_month(month)
    for row in rows:
        counts = periods[_month_start(row.occurred_on)].counts
        counts[way_of(row.channel)] = counts.get(way_of(row.channel), 0) + 1
    return list(periods.values())


def _weeks(rows: Sequence[Any]) -> tuple[list[Period], bool]:
    """Every week from the first incident to the last (the last 52 when the span is longer), zeros included."""
    if not rows:
        return [], False
    last = _week_start(rows[-1].occurred_on)
    first = max(_week_start(rows[0].occurred_on), last - timedelta(weeks=MAX_WEEKS - 1))
    cut = first > _week_start(rows[0].occurred_on)
    periods: dict[date, Period] = {}
    week = first
    while week <= last:
        year, number, _day = week.isocalendar()
        periods[week] = Period(label=f"{year}-W{number:02d}", start=week)
        week += timedelta(weeks=1)
    for row in rows:
        start = _week_start(row.occurred_on)
        if start in periods:
            counts = periods[start].counts
            counts[way_of(row.channel)] = counts.get(way_of(row.channel), 0) + 1
    return list(periods.values()), cut


def _chart(months: list[Period]) -> dict[str, Any]:
    """Stacked bars per month, in SVG user units: one bar per month, one segment per way (bottom to top)."""
    bar, gap, height, top = 30, 18, 160, 20
    highest = max((p.total for p in months), default=0) or 1
    bars = []
    for index, period in enumerate(months):
        x = 40 + index * (bar + gap)
        y = top + height
        segments = []
        for way in WAY_LABELS:
            n = period.count(way)
            if not n:
                continue
            h = round(n * height / highest)
            y -= h
            segments.append({"way": way, "y": y, "height": h, "count": n})
        bars.append(Bar(x=x, label=period.label, total=period.total, segments=segments))
    return {
        "bars": bars,
        "bar_width": bar,
        "width": 40 + max(len(months), 1) * (bar + gap) + 20,
        "height": top + height + 40,
        "baseline": top + height,
        "label_y": top + height + 16,
        "highest": highest,
        "top": top,
    }


def build(rows: Sequence[Any]) -> Timeline:
    """``rows``: ``incidents.selectors.TimelineIncident`` in the order they happened."""
    rows = sorted(rows, key=lambda r: (r.occurred_on, r.number))
    months = _months(rows)
    weeks, cut = _weeks(rows)
    online = [r.occurred_on for r in rows if way_of(r.channel) == ONLINE]
    offline = [r.occurred_on for r in rows if way_of(r.channel) in OFFLINE]
    return Timeline(
        incidents=len(rows),
        first_on=rows[0].occurred_on if rows else None,
        last_on=rows[-1].occurred_on if rows else None,
        months=months,
        weeks=weeks,
        weeks_cut=cut,
        first_online_on=online[0] if online else None,
        first_offline_on=offline[0] if offline else None,
        home_approaches=[(r.number, r.occurred_on) for r in rows if way_of(r.channel) == HOME],
        chart=_chart(months),
    )
