"""The one rule set for incidents, police reports, damage items and evidence details."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import incident_payload
from weerbaar.core.errors import InvalidInput
from weerbaar.incidents.validation import (
    parse_amount,
    validate_damage_item,
    validate_evidence_details,
    validate_incident,
    validate_police_report,
)

TODAY = date(2026, 11, 28)


def invalid_names(exc_info):
    return {p["name"] for p in exc_info.value.invalid_params}


def test_valid_incident():
    data = validate_incident(incident_payload(occurredOn="2026-11-20", learnedOn="2026-11-21"), today=TODAY)
    assert data.acts == ["threat_of_violence"]
    assert data.platform == "X"
    assert data.perpetrator_known is True


@pytest.mark.parametrize(
    ("overrides", "name"),
    [
        ({"occurredOn": None}, "occurredOn"),
        ({"occurredOn": "2026-13-01"}, "occurredOn"),
        ({"learnedOn": "2026-11-29"}, "learnedOn"),  # the future
        ({"occurredOn": "2026-11-20", "learnedOn": "2026-11-19"}, "learnedOn"),  # learned before it happened
        ({"occurredAt": "25:00"}, "occurredAt"),
        ({"channel": "pigeon"}, "channel"),
        ({"acts": []}, "acts"),
        ({"acts": ["threat_of_violence", "nonsense"]}, "acts"),
        ({"relatedToOffice": "yes"}, "relatedToOffice"),
        ({"affected": ["neighbour"]}, "affected"),
        ({"description": "x" * 10_001}, "description"),
        ({"description": "a\x00b"}, "description"),
        ({"perpetratorIdentifiers": [{"kind": "shoe_size", "value": "44"}]}, "perpetratorIdentifiers[0].kind"),
        ({"perpetratorIdentifiers": [{"kind": "name", "value": " "}]}, "perpetratorIdentifiers[0].value"),
        ({"perpetratorIdentifiers": "Jan"}, "perpetratorIdentifiers"),
    ],
)
def test_invalid_incident_names_the_field(overrides, name):
    with pytest.raises(InvalidInput) as exc:
        validate_incident(
            incident_payload(**{"occurredOn": "2026-11-20", "learnedOn": "2026-11-21", **overrides}), today=TODAY
        )
    assert name in invalid_names(exc)


def test_platform_is_dropped_for_offline_channels():
    data = validate_incident(
        incident_payload(occurredOn="2026-11-20", learnedOn="2026-11-21", channel="letter"), today=TODAY
    )
    assert data.platform == ""


def test_police_report_needs_a_date_once_made():
    with pytest.raises(InvalidInput) as exc:
        validate_police_report({"kind": "complaint"}, today=TODAY)
    assert invalid_names(exc) == {"reportedOn"}
    data = validate_police_report(
        {"kind": "complaint", "reportedOn": "2026-11-22", "vptCode": "yes", "addressProtection": "town_hall"},
        today=TODAY,
    )
    assert (data.vpt_code, data.address_protection, data.article12) == ("yes", "town_hall", "none")


def test_police_decision_not_before_the_report():
    with pytest.raises(InvalidInput) as exc:
        validate_police_report(
            {"kind": "complaint", "reportedOn": "2026-11-22", "decisionOn": "2026-11-01"}, today=TODAY
        )
    assert invalid_names(exc) == {"decisionOn"}


@pytest.mark.parametrize(
    ("text", "cents"), [("149,95", 14995), ("149.95", 14995), ("€ 1200", 120000), ("0", 0), ("7.5", 750)]
)
def test_amounts_in_euros(text, cents):
    assert parse_amount(text) == cents


@pytest.mark.parametrize("text", ["", "-5", "1.234,56", "12.345", "abc", "1e5", True, 3.5, None])
def test_amounts_refused(text):
    assert parse_amount(text) is None


@given(st.integers(min_value=0, max_value=10**10))
def test_amount_round_trip(cents):
    assert parse_amount(f"{cents // 100},{cents % 100:02d}") == cents


def test_damage_item_needs_kind_and_description():
    with pytest.raises(InvalidInput) as exc:
        validate_damage_item({"amount": "twee tientjes"}, today=TODAY)
    assert invalid_names(exc) == {"kind", "amount", "description"}


def test_evidence_details():
    details = validate_evidence_details("https://x.com/a/status/1", "2026-11-20T22:41:00+01:00")
    assert details.captured_at is not None
    with pytest.raises(InvalidInput) as exc:
        validate_evidence_details("javascript:alert(1)", "gisteren")
    assert invalid_names(exc) == {"sourceUrl", "capturedAt"}
    future = (timezone.localdate() + timedelta(days=2)).isoformat() + "T10:00:00+01:00"
    with pytest.raises(InvalidInput):
        validate_evidence_details("", future)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3),
    max_leaves=10,
)


@given(st.dictionaries(st.sampled_from(list(incident_payload())), JSON, max_size=12))
def test_any_json_gives_data_or_invalid_params_never_a_crash(raw):
    for validator in (validate_incident, validate_police_report, validate_damage_item):
        problems = _problems(validator, raw)
        assert problems is None or (problems and all(set(p) == {"name", "reason"} for p in problems))


def _problems(validator, raw):
    """None when ``raw`` is accepted, else the invalidParams (any other exception fails the test)."""
    try:
        validator(raw, today=TODAY)
    except InvalidInput as exc:
        return exc.invalid_params
    return None


# --- nothing in the future: the day and the hour in Europe/Amsterdam (issue 11) ------------------------------

from datetime import UTC, datetime, time  # noqa: E402

from weerbaar.core.clock import AMSTERDAM  # noqa: E402

NIGHT = datetime(2026, 12, 7, 3, 49, tzinfo=AMSTERDAM)  # a Monday, 03:49 in Amsterdam (02:49 UTC)


def test_a_time_later_today_is_refused_naming_occurred_at():
    """22:40 typed at 03:49 is tonight: refused, with the time now and the way out (yesterday)."""
    payload = incident_payload(occurredOn="2026-12-07", occurredAt="22:40", learnedOn="2026-12-07")
    with pytest.raises(InvalidInput) as exc_info:
        validate_incident(payload, now=NIGHT)
    assert invalid_names(exc_info) == {"occurredAt"}
    reason = exc_info.value.invalid_params[0]["reason"]
    assert "03:49" in reason
    assert "gisteren" in reason
    # the same evening yesterday is fine, and so is 03:49 itself
    assert validate_incident({**payload, "occurredOn": "2026-12-06", "learnedOn": "2026-12-06"}, now=NIGHT)
    assert validate_incident({**payload, "occurredAt": "03:49"}, now=NIGHT).occurred_at == time(3, 49)


def test_today_is_the_day_in_amsterdam_not_in_utc():
    """At 00:30 in Amsterdam it is still yesterday in UTC: today's date is accepted, tomorrow's is not."""
    just_after_midnight = datetime(2026, 12, 6, 23, 30, tzinfo=UTC)  # 00:30 on 7 December in Amsterdam
    payload = incident_payload(occurredOn="2026-12-07", occurredAt="00:10", learnedOn="2026-12-07")
    assert validate_incident(payload, now=just_after_midnight).occurred_on == date(2026, 12, 7)
    with pytest.raises(InvalidInput) as exc_info:
        validate_incident({**payload, "occurredOn": "2026-12-08", "learnedOn": "2026-12-08"}, now=just_after_midnight)
    assert invalid_names(exc_info) == {"occurredOn", "learnedOn"}


@given(
    minute_now=st.integers(min_value=0, max_value=24 * 60 - 1),
    minute_then=st.integers(min_value=0, max_value=24 * 60 - 1),
)
def test_a_time_today_is_accepted_exactly_when_it_is_not_after_now(minute_now, minute_then):
    now = datetime(2026, 12, 7, minute_now // 60, minute_now % 60, 30, tzinfo=AMSTERDAM)
    then = f"{minute_then // 60:02d}:{minute_then % 60:02d}"
    payload = incident_payload(occurredOn="2026-12-07", occurredAt=then, learnedOn="2026-12-07")
    if minute_then > minute_now:
        with pytest.raises(InvalidInput) as exc_info:
            validate_incident(payload, now=now)
        assert invalid_names(exc_info) == {"occurredAt"}
    else:
        assert validate_incident(payload, now=now).occurred_at.strftime("%H:%M") == then
