"""The incident timeline (``concerns.timeline``): counts per month and week with the empty ones, the ways
incidents came, the move from online to offline, and approaches to the home. Counts only, no score."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from weerbaar.concerns import timeline


@dataclass(frozen=True)
class Row:
    number: int
    occurred_on: date
    channel: str
    affected: tuple[str, ...] = ("self",)


CHANNELS = list(timeline.WAYS)


def test_months_and_weeks_between_first_and_last_incident_include_the_empty_ones():
    rows = [
        Row(1, date(2026, 9, 1), "online"),
        Row(2, date(2026, 9, 3), "email"),
        Row(3, date(2026, 11, 20), "at_home"),
    ]
    t = timeline.build(rows)
    assert [(m.label, m.total) for m in t.months] == [("2026-09", 2), ("2026-10", 0), ("2026-11", 1)]
    assert t.weeks[0].label == "2026-W36"
    assert t.weeks[0].total == 2
    assert t.weeks[-1].label == "2026-W47"
    assert t.weeks[-1].total == 1
    assert len(t.weeks) == 12
    assert t.home_approaches == [(3, date(2026, 11, 20))]
    assert t.moved_offline
    assert (t.first_online_on, t.first_offline_on) == (date(2026, 9, 1), date(2026, 11, 20))


def test_offline_contact_first_is_no_move_from_online():
    t = timeline.build([Row(1, date(2026, 1, 5), "in_person_work"), Row(2, date(2026, 2, 5), "online")])
    assert not t.moved_offline
    assert t.first_offline_on == date(2026, 1, 5)


def test_no_incidents_gives_an_empty_timeline():
    t = timeline.build([])
    assert (t.incidents, t.months, t.weeks, t.home_approaches) == (0, [], [], [])


@given(
    st.lists(
        st.tuples(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)), st.sampled_from(CHANNELS)),
        min_size=1,
        max_size=60,
    )
)
def test_every_incident_is_counted_once_per_month_and_the_chart_never_exceeds_its_frame(pairs):
    rows = [Row(n, day, channel) for n, (day, channel) in enumerate(pairs, start=1)]
    t = timeline.build(rows)
    assert sum(m.total for m in t.months) == len(rows)
    assert sum(sum(m.cells) for m in t.months) == len(rows)
    assert len(t.weeks) <= timeline.MAX_WEEKS
    assert sum(w.total for w in t.weeks) <= len(rows)
    chart = t.chart
    for bar in chart["bars"]:
        for segment in bar.segments:
            assert chart["top"] - 1 <= segment["y"] <= chart["baseline"]
            assert segment["height"] >= 0
        assert sum(s["count"] for s in bar.segments) == bar.total
