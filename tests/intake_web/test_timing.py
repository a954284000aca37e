"""Issue 11, honest timing day and night: the home page, step 1, the acute screen and the receipt say the phone
line is answered day and night; outside working hours the acute screen and the receipt first say, in a box, when
the online request is read (a day and a clock time, never "een werkuur") and to call the line now. One way of
writing a moment throughout. The clock is fixed by freezing ``timezone.now`` (what ``core.clock.now`` reads)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.test import APIClient

from tests.factories import help_request_payload
from tests.intake_web.conftest import answers, form_token
from weerbaar.core import clock
from weerbaar.web.dates import moment_text

pytestmark = pytest.mark.django_db

MONDAY_NIGHT = datetime(2026, 12, 7, 2, 42, tzinfo=UTC)  # Monday 7 December, 03:42 in Amsterdam
TUESDAY_AFTERNOON = datetime(2026, 12, 8, 13, 0, tzinfo=UTC)  # Tuesday 8 December, 14:00
SATURDAY = datetime(2026, 12, 12, 10, 0, tzinfo=UTC)  # Saturday 12 December, 11:00


@pytest.fixture
def at(monkeypatch):
    def _at(moment: datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return _at


def receipt(web, **overrides) -> str:
    check = web.post("/hulp-vragen", {**answers(**overrides), "step": "contact", "nav": "next"}).content.decode()
    data = {**answers(**overrides), "step": "check", "nav": "submit", "form_token": form_token(check)}
    response = web.post("/hulp-vragen", data)
    assert response.status_code == 201
    return response.content.decode()


def main(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize(
    ("moment", "acute", "read_from", "sent", "deadline"),
    [
        (
            MONDAY_NIGHT,
            "no",
            "maandag 7 december om 09:00",
            "maandag 7 december om 03:42",
            "dinsdag 8 december om 17:00",
        ),
        (
            MONDAY_NIGHT,
            "yes",
            "maandag 7 december om 09:00",
            "maandag 7 december om 03:42",
            "maandag 7 december om 10:00",
        ),
        (TUESDAY_AFTERNOON, "no", None, "dinsdag 8 december om 14:00", "woensdag 9 december om 17:00"),
        (TUESDAY_AFTERNOON, "yes", None, "dinsdag 8 december om 14:00", "dinsdag 8 december om 15:00"),
        (
            SATURDAY,
            "no",
            "maandag 14 december om 09:00",
            "zaterdag 12 december om 11:00",
            "maandag 14 december om 17:00",
        ),
        (
            SATURDAY,
            "yes",
            "maandag 14 december om 09:00",
            "zaterdag 12 december om 11:00",
            "maandag 14 december om 10:00",
        ),
    ],
)
def test_the_receipt_says_when_the_request_is_read_and_to_call_now(web, at, moment, acute, read_from, sent, deadline):
    at(moment)
    html = main(receipt(web, acute_danger=acute))
    assert "werkuur" not in html
    assert sent in html  # "Verstuurd op"
    assert html.count(deadline) >= 2  # "Uiterlijk" and the next steps: one way of writing a moment
    assert "dag en nacht" in html
    if read_from:
        box = html.split('class="weerbaar-night"', 1)[1].split("</section>", 1)[0]
        assert f"Wij lezen online hulpvragen weer vanaf {read_from}" in box
        assert 'href="tel:+31703738314"' in box
        assert "dag en nacht opgenomen" in box
        # first: before the case facts and the next steps (after 112 when in acute danger)
        assert html.index('class="weerbaar-night"') < html.index("weerbaar-receipt__facts")
        if acute == "yes":
            assert html.index('href="tel:112"') < html.index('class="weerbaar-night"')
    else:
        assert 'class="weerbaar-night"' not in html
        assert "buiten kantoortijd" not in html


@pytest.mark.parametrize(
    ("moment", "read_from", "answered_by"),
    [
        (MONDAY_NIGHT, "maandag 7 december om 09:00", "maandag 7 december om 10:00"),
        (TUESDAY_AFTERNOON, None, "dinsdag 8 december om 15:00"),
        (SATURDAY, "maandag 14 december om 09:00", "maandag 14 december om 10:00"),
    ],
)
def test_the_acute_screen_gives_a_day_and_a_time_never_a_working_hour(web, at, moment, read_from, answered_by):
    at(moment)
    html = main(web.post("/hulp-vragen", {"acute_danger": "yes", "step": "danger", "nav": "next"}).content.decode())
    assert "Bel nu 112" in html
    assert "werkuur" not in html
    assert f"een adviseur neemt uiterlijk {answered_by} contact met u op" in html
    if read_from:
        assert f"Wij lezen online hulpvragen weer vanaf {read_from}" in html
        assert html.index('href="tel:112"') < html.index('class="weerbaar-night"') < html.index("Daarna")
    else:
        assert 'class="weerbaar-night"' not in html


def test_in_english_the_same_moment_reads_in_english(web, at):
    at(MONDAY_NIGHT)
    web.cookies["django_language"] = "en"
    html = main(receipt(web))
    assert "We read online requests again from Monday 7 December at 09:00" in html
    assert "Tuesday 8 December at 17:00" in html
    assert "day and night" in html


def test_the_home_page_and_step_1_say_the_line_is_answered_day_and_night(web):
    home = main(web.get("/").content.decode())
    assert "Dag en nacht bereikbaar." in home
    assert "de telefoon wordt dag en nacht opgenomen" in home
    step1 = main(web.get("/hulp-vragen").content.decode())
    assert "de telefoon wordt dag en nacht opgenomen" in step1
    assert "Online hulpvragen lezen wij op werkdagen tijdens kantoortijd" in step1


def test_the_api_next_steps_say_when_the_request_is_read(reference_data, at):
    api = APIClient()
    at(MONDAY_NIGHT)
    body = api.post("/api/v1/help-requests", help_request_payload(), format="json").json()
    steps = body["nextSteps"]
    assert steps[0].startswith("Het is nu buiten kantoortijd: wij lezen uw hulpvraag vanaf maandag 7 december om 09:00")
    assert any("uiterlijk dinsdag 8 december om 17:00" in step for step in steps)
    at(TUESDAY_AFTERNOON)
    steps = api.post("/api/v1/help-requests", help_request_payload(), format="json").json()["nextSteps"]
    assert not any("buiten kantoortijd" in step for step in steps)
    assert steps[-1].endswith("dag en nacht bereikbaar.")


# --- the one way of writing a moment, and when a request is read ---------------------------------------------------


def test_moment_text_writes_the_year_only_when_it_is_not_this_year():
    now = datetime(2026, 12, 31, 22, 0, tzinfo=UTC)
    with translation.override("nl"):
        assert moment_text(datetime(2026, 12, 7, 8, 0, tzinfo=UTC), now=now) == "maandag 7 december om 09:00"
        assert moment_text(datetime(2027, 1, 4, 8, 0, tzinfo=UTC), now=now) == "maandag 4 januari 2027 om 09:00"
    with translation.override("en"):
        assert moment_text(datetime(2026, 12, 7, 8, 0, tzinfo=UTC), now=now) == "Monday 7 December at 09:00"


@given(st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31)))
def test_read_from_is_none_in_working_hours_else_the_next_start_of_a_working_day(naive):
    moment = naive.replace(tzinfo=clock.AMSTERDAM)
    working_time = clock.WorkingTime(start=time(9), end=time(17), extra_non_working=frozenset())
    first = working_time.first_working_instant(moment)
    if working_time.is_working_moment(moment):
        assert first == moment
    else:
        assert first > moment
        assert first.time() == time(9)
        assert working_time.is_working_day(first.date())
        # no working moment lies between: every working day in between starts after ``first``
        day = moment.date()
        while day < first.date():
            assert not working_time.is_working_day(day) or (day == moment.date() and moment.time() >= time(17))
            day += timedelta(days=1)


def test_read_from_follows_the_holidays(settings):
    """Kerst: a request on Thursday 24 December 2026 at 18:00 is read on Monday 28 December."""
    assert clock.read_from(datetime(2026, 12, 24, 18, 0, tzinfo=clock.AMSTERDAM)) == datetime(
        2026, 12, 28, 9, 0, tzinfo=clock.AMSTERDAM
    )
    assert clock.read_from(datetime(2026, 12, 23, 12, 0, tzinfo=clock.AMSTERDAM)) is None
    assert date(2026, 12, 28).weekday() == 0


def test_mijn_zaak_writes_its_moments_the_same_way(web, at):
    """The portal's "Reactie uiterlijk", "Ontvangen op" and message times use the one format too."""
    at(MONDAY_NIGHT)
    html = receipt(web)
    code = html.split('class="weerbaar-receipt__code">', 1)[1].split("<", 1)[0].strip()
    reference = html.split('class="weerbaar-receipt__reference">', 1)[1].split("<", 1)[0].strip()
    web.post("/mijn-zaak/inloggen", {"reference": reference, "code": code})
    portal = main(web.get("/mijn-zaak").content.decode())
    assert "maandag 7 december om 03:42" in portal
    assert "dinsdag 8 december om 17:00" in portal
    assert "2026, " not in portal
