"""Respond-by deadlines in Dutch working time (core/clock.py).

Rules: urgent = 1 working hour after the first working moment at or after receipt; normal = the end of
the next working day. Working days are Monday-Friday minus the NL public holidays of the ``holidays``
package and the configured extra non-working days. Note: that package's NL calendar includes Good
Friday (Goede Vrijdag, 3 April 2026), so Weerbaar treats it as non-working; Bevrijdingsdag (5 May) only
counts in lustrum years (2025, 2030), so 5 May 2026 is a working day.
"""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import override_settings
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from weerbaar.core import clock
from weerbaar.core.clock import WorkingTime, respond_by

AMS = ZoneInfo("Europe/Amsterdam")


def ams(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=AMS)


def weerbaar(**overrides) -> override_settings:
    conf = copy.deepcopy(settings.WEERBAAR)
    conf.update(overrides)
    return override_settings(WEERBAAR=conf)


@pytest.fixture(autouse=True)
def _default_working_time():
    with weerbaar(
        WORKDAY_START="09:00",
        WORKDAY_END="17:00",
        URGENT_RESPONSE_WORKING_HOURS=1,
        NORMAL_RESPONSE_WORKING_DAYS=1,
        EXTRA_NON_WORKING_DAYS=[],
    ):
        yield


# --- examples -------------------------------------------------------------------------------------

URGENT_EXAMPLES = [
    ("weekday morning: one hour later", ams(2026, 3, 10, 10, 0), ams(2026, 3, 10, 11, 0)),
    ("before opening: one hour after opening", ams(2026, 3, 10, 7, 15), ams(2026, 3, 10, 10, 0)),
    ("weekday 16:30 rolls to next working day 09:30", ams(2026, 3, 10, 16, 30), ams(2026, 3, 11, 9, 30)),
    ("exactly closing time counts as after hours", ams(2026, 3, 10, 17, 0), ams(2026, 3, 11, 10, 0)),
    ("Friday evening goes to Monday", ams(2026, 3, 13, 19, 0), ams(2026, 3, 16, 10, 0)),
    ("Friday 16:45 rolls to Monday 09:45", ams(2026, 3, 13, 16, 45), ams(2026, 3, 16, 9, 45)),
    ("Saturday goes to Monday", ams(2026, 3, 14, 11, 0), ams(2026, 3, 16, 10, 0)),
    ("Sunday before Koningsdag (Mon 27 Apr 2026) goes to Tuesday", ams(2026, 4, 26, 12, 0), ams(2026, 4, 28, 10, 0)),
    ("Koningsdag itself is not working", ams(2026, 4, 27, 10, 0), ams(2026, 4, 28, 10, 0)),
    ("day before Ascension (Thu 14 May 2026) 16:30", ams(2026, 5, 13, 16, 30), ams(2026, 5, 15, 9, 30)),
    ("Christmas Eve 16:45 goes past Christmas and weekend", ams(2026, 12, 24, 16, 45), ams(2026, 12, 28, 9, 45)),
    ("Good Friday and Easter Monday 2026 skipped", ams(2026, 4, 2, 16, 30), ams(2026, 4, 7, 9, 30)),
    ("Easter Monday itself", ams(2026, 4, 6, 9, 0), ams(2026, 4, 7, 10, 0)),
    ("New Year's Day 2026 (Thursday)", ams(2025, 12, 31, 16, 30), ams(2026, 1, 2, 9, 30)),
    ("Whit Monday 2026", ams(2026, 5, 22, 16, 30), ams(2026, 5, 26, 9, 30)),
]

NORMAL_EXAMPLES = [
    ("weekday morning: end of next working day", ams(2026, 3, 10, 10, 0), ams(2026, 3, 11, 17, 0)),
    ("weekday evening: end of next working day", ams(2026, 3, 10, 22, 0), ams(2026, 3, 11, 17, 0)),
    ("Friday: Monday", ams(2026, 3, 13, 10, 0), ams(2026, 3, 16, 17, 0)),
    ("Friday evening: Monday", ams(2026, 3, 13, 19, 0), ams(2026, 3, 16, 17, 0)),
    ("Saturday: Monday", ams(2026, 3, 14, 11, 0), ams(2026, 3, 16, 17, 0)),
    ("Sunday: Monday", ams(2026, 3, 15, 23, 59), ams(2026, 3, 16, 17, 0)),
    ("Friday before Koningsdag: Tuesday", ams(2026, 4, 24, 14, 0), ams(2026, 4, 28, 17, 0)),
    ("day before Ascension: Friday", ams(2026, 5, 13, 12, 0), ams(2026, 5, 15, 17, 0)),
    ("Christmas Eve: Monday after", ams(2026, 12, 24, 12, 0), ams(2026, 12, 28, 17, 0)),
    (
        "Maundy Thursday: Tuesday after Easter Monday (Good Friday is a holiday)",
        ams(2026, 4, 2, 12, 0),
        ams(2026, 4, 7, 17, 0),
    ),
    ("5 May 2026 is not a lustrum year: working day", ams(2026, 5, 4, 12, 0), ams(2026, 5, 5, 17, 0)),
    ("New Year's Eve: 2 January", ams(2025, 12, 31, 15, 0), ams(2026, 1, 2, 17, 0)),
]


@pytest.mark.parametrize(("case", "received", "expected"), URGENT_EXAMPLES, ids=[e[0] for e in URGENT_EXAMPLES])
def test_urgent_is_one_working_hour(case, received, expected):
    assert respond_by(received_at=received, urgent=True) == expected


@pytest.mark.parametrize(("case", "received", "expected"), NORMAL_EXAMPLES, ids=[e[0] for e in NORMAL_EXAMPLES])
def test_normal_is_end_of_next_working_day(case, received, expected):
    assert respond_by(received_at=received, urgent=False) == expected


@pytest.mark.parametrize(
    "holiday",
    [
        date(2026, 1, 1),  # Nieuwjaarsdag
        date(2026, 4, 3),  # Goede Vrijdag (in the holidays package's NL calendar)
        date(2026, 4, 6),  # Tweede Paasdag
        date(2026, 4, 27),  # Koningsdag (Monday)
        date(2026, 5, 14),  # Hemelvaartsdag
        date(2026, 5, 25),  # Tweede Pinksterdag
        date(2026, 12, 25),  # Eerste Kerstdag (Friday)
        date(2027, 4, 27),  # Koningsdag (Tuesday)
    ],
)
def test_dutch_public_holidays_are_not_working_days(holiday):
    assert holiday.weekday() < 5
    assert not WorkingTime.from_settings().is_working_day(holiday)


@pytest.mark.parametrize("ordinary", [date(2026, 4, 2), date(2026, 4, 28), date(2026, 5, 5), date(2027, 12, 27)])
def test_ordinary_weekdays_around_holidays_are_working_days(ordinary):
    assert WorkingTime.from_settings().is_working_day(ordinary)


def test_spring_dst_change_keeps_wall_clock_hours():
    # Last Sunday of March 2026 = 29 March: CET -> CEST.
    deadline = respond_by(received_at=ams(2026, 3, 27, 16, 30), urgent=True)
    assert deadline == ams(2026, 3, 30, 9, 30)
    assert deadline.utcoffset() == timedelta(hours=2)
    assert deadline.astimezone(UTC) == datetime(2026, 3, 30, 7, 30, tzinfo=UTC)
    # Received (in UTC) in the hour that does not exist locally.
    assert respond_by(received_at=datetime(2026, 3, 29, 1, 30, tzinfo=UTC), urgent=True) == ams(2026, 3, 30, 10, 0)
    assert respond_by(received_at=datetime(2026, 3, 29, 1, 30, tzinfo=UTC), urgent=False) == ams(2026, 3, 30, 17, 0)


def test_autumn_dst_change_keeps_wall_clock_hours():
    # Last Sunday of October 2026 = 25 October: CEST -> CET; 02:00-03:00 happens twice.
    deadline = respond_by(received_at=ams(2026, 10, 23, 16, 30), urgent=True)
    assert deadline.astimezone(UTC) == datetime(2026, 10, 26, 8, 30, tzinfo=UTC)
    for utc_hour in (0, 1):  # both 02:30s
        received = datetime(2026, 10, 25, utc_hour, 30, tzinfo=UTC)
        assert respond_by(received_at=received, urgent=True) == ams(2026, 10, 26, 10, 0)
        assert respond_by(received_at=received, urgent=False) == ams(2026, 10, 26, 17, 0)


def test_received_in_utc_is_judged_in_amsterdam_time():
    # 15:30 UTC on a winter Tuesday is 16:30 in Amsterdam: after the last full working hour.
    assert respond_by(received_at=datetime(2026, 3, 10, 15, 30, tzinfo=UTC), urgent=True) == ams(2026, 3, 11, 9, 30)


def test_working_hours_are_configurable():
    with weerbaar(WORKDAY_START="08:00", WORKDAY_END="18:00", URGENT_RESPONSE_WORKING_HOURS=2):
        assert respond_by(received_at=ams(2026, 3, 10, 17, 30), urgent=True) == ams(2026, 3, 11, 9, 30)
        assert respond_by(received_at=ams(2026, 3, 10, 7, 0), urgent=True) == ams(2026, 3, 10, 10, 0)
        assert respond_by(received_at=ams(2026, 3, 10, 7, 0), urgent=False) == ams(2026, 3, 11, 18, 0)


def test_normal_response_days_are_configurable():
    with weerbaar(NORMAL_RESPONSE_WORKING_DAYS=2):
        assert respond_by(received_at=ams(2026, 3, 12, 10, 0), urgent=False) == ams(2026, 3, 16, 17, 0)


def test_extra_non_working_days_are_skipped():
    with weerbaar(EXTRA_NON_WORKING_DAYS=["2026-03-11", "2026-03-12"]):
        assert respond_by(received_at=ams(2026, 3, 10, 10, 0), urgent=False) == ams(2026, 3, 13, 17, 0)
        assert respond_by(received_at=ams(2026, 3, 10, 16, 30), urgent=True) == ams(2026, 3, 13, 9, 30)
        assert respond_by(received_at=ams(2026, 3, 11, 10, 0), urgent=True) == ams(2026, 3, 13, 10, 0)


def test_case_gets_its_deadline_from_the_clock(reference_data):
    from tests.factories import make_case

    urgent, _ = make_case(acuteDanger=True)
    normal, _ = make_case(acuteDanger=False)
    assert urgent.urgent
    assert not normal.urgent
    assert urgent.respond_by == respond_by(received_at=urgent.created_at, urgent=True)
    assert normal.respond_by == respond_by(received_at=normal.created_at, urgent=False)


# --- properties -----------------------------------------------------------------------------------

moments = st.datetimes(
    min_value=datetime(2025, 1, 1),
    max_value=datetime(2028, 12, 31),
    timezones=st.sampled_from([UTC, AMS]),
    allow_imaginary=False,
)


def working_seconds_between(start: datetime, end: datetime, wt: WorkingTime) -> float:
    """An independent count of working time in [start, end], day by day."""
    total = 0.0
    day = start.astimezone(AMS).date()
    last = end.astimezone(AMS).date()
    while day <= last:
        if wt.is_working_day(day):
            opens = datetime.combine(day, wt.start, AMS)
            closes = datetime.combine(day, wt.end, AMS)
            lo, hi = max(opens, start), min(closes, end)
            if hi > lo:
                total += (hi - lo).total_seconds()
        day += timedelta(days=1)
    return total


def within_working_hours(moment: datetime, wt: WorkingTime) -> bool:
    local = moment.astimezone(AMS)
    return wt.is_working_day(local.date()) and wt.start <= local.time().replace(tzinfo=None) <= wt.end


@hsettings(max_examples=300)
@given(moments, st.booleans())
def test_deadline_is_after_receipt_and_within_working_hours(received, urgent):
    wt = WorkingTime.from_settings()
    deadline = respond_by(received_at=received, urgent=urgent)
    assert deadline > received
    assert within_working_hours(deadline, wt)


@hsettings(max_examples=300)
@given(moments)
def test_urgent_deadline_is_exactly_one_working_hour_away(received):
    wt = WorkingTime.from_settings()
    deadline = respond_by(received_at=received, urgent=True)
    assert working_seconds_between(received, deadline, wt) == pytest.approx(3600)


@hsettings(max_examples=300)
@given(moments)
def test_normal_deadline_is_the_end_of_the_next_working_day(received):
    wt = WorkingTime.from_settings()
    deadline = respond_by(received_at=received, urgent=False).astimezone(AMS)
    day = received.astimezone(AMS).date()
    assert deadline.time() == time(17, 0)
    assert deadline.date() > day
    assert wt.is_working_day(deadline.date())
    between = [day + timedelta(days=n) for n in range(1, (deadline.date() - day).days)]
    assert not any(wt.is_working_day(d) for d in between)


@hsettings(max_examples=300)
@given(moments)
def test_urgent_deadline_never_later_than_normal_one(received):
    assert respond_by(received_at=received, urgent=True) <= respond_by(received_at=received, urgent=False)


@hsettings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    moments,
    st.integers(min_value=6, max_value=11),
    st.integers(min_value=13, max_value=22),
    st.integers(min_value=1, max_value=30),
    st.integers(min_value=0, max_value=3),
)
def test_urgent_never_later_than_normal_for_any_configuration(
    received, start_hour, end_hour, urgent_hours, normal_days
):
    # An urgent case must never get a later deadline than a normal one, however the hours are configured.
    assume(end_hour > start_hour)
    with weerbaar(
        WORKDAY_START=f"{start_hour:02d}:00",
        WORKDAY_END=f"{end_hour:02d}:00",
        URGENT_RESPONSE_WORKING_HOURS=urgent_hours,
        NORMAL_RESPONSE_WORKING_DAYS=normal_days,
    ):
        wt = WorkingTime.from_settings()
        urgent = respond_by(received_at=received, urgent=True)
        normal = respond_by(received_at=received, urgent=False)
        assert urgent <= normal
        assert urgent > received
        assert normal > received
        assert within_working_hours(urgent, wt)
        assert within_working_hours(normal, wt)


def test_holiday_calendar_is_cached_per_year():
    clock._dutch_holidays.cache_clear()
    WorkingTime.from_settings().is_working_day(date(2026, 5, 14))
    WorkingTime.from_settings().is_working_day(date(2026, 5, 15))
    assert clock._dutch_holidays.cache_info().misses == 1


def test_zero_normal_days_means_end_of_the_current_working_day():
    with weerbaar(NORMAL_RESPONSE_WORKING_DAYS=0):
        assert respond_by(received_at=ams(2026, 3, 10, 10, 0), urgent=False) == ams(2026, 3, 10, 17, 0)
        assert respond_by(received_at=ams(2026, 3, 10, 18, 0), urgent=False) == ams(2026, 3, 11, 17, 0)
        assert respond_by(received_at=ams(2026, 3, 14, 10, 0), urgent=False) == ams(2026, 3, 16, 17, 0)


# --- the services' clock: now() and fixed_at (demo data) -------------------------------------------------------


def test_now_is_the_real_time_unless_fixed(settings):
    settings.DEBUG = True
    before = datetime.now(UTC)
    assert before <= clock.now() <= datetime.now(UTC)
    moment = ams(2026, 3, 2, 10)
    with clock.fixed_at(moment):
        assert clock.now() == moment
        with clock.fixed_at(moment - timedelta(days=1)):
            assert clock.now() == moment - timedelta(days=1)
        assert clock.now() == moment
    assert clock.now() >= before


def test_a_fixed_clock_is_only_for_development_and_aware_moments(settings):
    settings.DEBUG = False
    with pytest.raises(RuntimeError, match="WEERBAAR_DEBUG"), clock.fixed_at(ams(2026, 3, 2, 10)):
        pass
    settings.DEBUG = True
    with pytest.raises(ValueError, match="aware"), clock.fixed_at(datetime(2026, 3, 2, 10)):
        pass


@pytest.mark.django_db
def test_services_write_history_at_the_fixed_moment(settings, reference_data):
    from tests.factories import UserFactory, make_case
    from weerbaar.cases import services
    from weerbaar.cases.models import StatusChange
    from weerbaar.directory.models import Association

    settings.DEBUG = True
    advisor = UserFactory(role="advisor", association=Association.objects.get(code="nvvr"))
    received = ams(2026, 3, 2, 9, 30)
    with clock.fixed_at(received):
        case, _code = make_case()
    with clock.fixed_at(received + timedelta(hours=2)):
        services.case_assign(actor=advisor, reference=case.reference, assignee_username="me")
        note = services.case_note_add(actor=advisor, reference=case.reference, text="Gebeld.")
    case.refresh_from_db()
    assert case.created_at == received
    assert case.respond_by == respond_by(received_at=received, urgent=case.urgent)
    assert case.claimed_at == note.created_at == received + timedelta(hours=2)
    assert [c.changed_at for c in StatusChange.objects.filter(case=case)] == [received, received + timedelta(hours=2)]
