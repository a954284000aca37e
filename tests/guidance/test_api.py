"""POST /api/v1/assessments: the contract of issue 3, exactly. Public, stores nothing."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from weerbaar.core import clock
from weerbaar.guidance.assessment import complaint_deadline

pytestmark = pytest.mark.django_db

URL = "/api/v1/assessments"
PROBLEM = "application/problem+json"


def body(**over):
    data = {
        "role": "raadslid",
        "relatedToOffice": True,
        "acuteDanger": False,
        "online": True,
        "learnedOn": "2026-01-10",
        "acts": ["threat_of_violence"],
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not ...}


def post(data, **headers):
    return APIClient().post(URL, data, format="json", **headers)


def bad_params(response):
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith(PROBLEM)
    return {p["name"] for p in response.json()["invalidParams"]}


def test_answer_has_exactly_the_contract_shape():
    response = post(body())
    assert response.status_code == 200, response.content
    assert response["API-Version"] == "1.0.0"
    data = response.json()
    assert set(data) == {"route", "offences", "askForVptCode", "steps", "sources"}
    assert data["route"] == "complaint"
    assert data["askForVptCode"] is True
    assert data["offences"] == [
        {
            "article": "285",
            "title": "Bedreiging",
            "complaintRequired": False,
            "complaintDeadline": None,
            "precautionaryComplaintDeadline": None,
            "deadlineStatus": "none",
        }
    ]
    for step in data["steps"]:
        assert set(step) == {"code", "title", "text"}
    assert data["sources"]
    assert all(url.startswith("https://") for url in data["sources"])


def test_complaint_deadline_is_an_iso_date():
    data = post(body(acts=["insult"], relatedToOffice=False, learnedOn="2026-01-10")).json()
    assert data["offences"][0]["article"] == "266"
    assert data["offences"][0]["complaintRequired"] is True
    assert data["offences"][0]["complaintDeadline"] == "2026-04-10"
    assert data["offences"][0]["precautionaryComplaintDeadline"] is None
    assert data["askForVptCode"] is False


def test_acute_danger_puts_112_first():
    data = post(body(acuteDanger=True, acts=["hostile_message"])).json()
    assert data["route"] == "emergency"
    assert data["steps"][0]["code"] == "call_112"


def test_hostile_message_alone_is_a_registration():
    data = post(body(acts=["hostile_message"])).json()
    assert data["route"] == "registration"
    assert data["offences"] == []


def test_learned_on_defaults_to_today_in_amsterdam():
    data = post(body(learnedOn=..., acts=["stalking"])).json()
    today = timezone.localdate()
    assert data["offences"][0]["complaintDeadline"] == complaint_deadline(today).isoformat()


def test_english_via_accept_language():
    data = post(body(acuteDanger=True, acts=["stalking"]), HTTP_ACCEPT_LANGUAGE="en").json()
    assert data["steps"][0]["title"] == "Call 112"
    assert data["offences"][0]["title"] == "Stalking"
    dutch = post(body(acuteDanger=True, acts=["stalking"])).json()
    assert dutch["steps"][0]["title"] == "Bel 112"


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"role": ...}, "role"),
        ({"role": "koning"}, "role"),
        ({"relatedToOffice": ...}, "relatedToOffice"),
        ({"relatedToOffice": "true"}, "relatedToOffice"),
        ({"acuteDanger": 1}, "acuteDanger"),
        ({"acuteDanger": ...}, "acuteDanger"),
        ({"online": "yes"}, "online"),
        ({"online": ...}, "online"),
        ({"learnedOn": "10-01-2026"}, "learnedOn"),
        ({"learnedOn": "2026-02-30"}, "learnedOn"),
        ({"learnedOn": 20260110}, "learnedOn"),
        ({"acts": ...}, "acts"),
        ({"acts": []}, "acts"),
        ({"acts": ["robbery"]}, "acts"),
        ({"acts": "insult"}, "acts"),
        ({"acts": [1]}, "acts"),
        ({"acts": ["insult", "insult"]}, "acts"),
        ({"victim": "spouse"}, "victim"),
        ({"victim": 1}, "victim"),
        ({"victim": ""}, "victim"),
        ({"threatened": "violence"}, "threatened"),
        ({"threatened": ["exposure"]}, "threatened"),
        ({"demand": "true"}, "demand"),
        ({"demand": 1}, "demand"),
        ({"perpetrators": "many"}, "perpetrators"),
        ({"perpetrators": True}, "perpetrators"),
        ({"seriousInjury": "yes"}, "seriousInjury"),
        ({"seriousInjury": 0}, "seriousInjury"),
        ({"lastLearnedOn": "2026-02-30"}, "lastLearnedOn"),
        ({"lastLearnedOn": "20260110"}, "lastLearnedOn"),
        ({"lastLearnedOn": 20260110}, "lastLearnedOn"),
        ({"lastLearnedOn": "2026-01-09"}, "lastLearnedOn"),  # before learnedOn (2026-01-10)
        ({"acts": ["arsonist"]}, "acts"),
    ],
)
def test_each_bad_field_is_named(over, field):
    assert bad_params(post(body(**over))) == {field}


def test_future_learned_on_is_refused():
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert bad_params(post(body(learnedOn=tomorrow))) == {"learnedOn"}
    assert post(body(learnedOn=timezone.localdate().isoformat())).status_code == 200


def test_several_bad_fields_at_once():
    assert bad_params(post({"relatedToOffice": "x"})) == {"role", "relatedToOffice", "acuteDanger", "online", "acts"}


@pytest.mark.parametrize("payload", [[], "text", 42, None])
def test_non_object_body(payload):
    response = APIClient().post(URL, payload, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith(PROBLEM)


def test_malformed_json():
    response = APIClient().post(URL, "{not json", content_type="application/json")
    assert bad_params(response) == {"body"}


def test_nothing_is_stored():
    def counts():
        # The rate limit's counter is the one row written: a digest of the address, no answer (core/ratelimit.py).
        models = [m for m in apps.get_models() if m._meta.label != "core.RateLimitCounter"]
        return {m._meta.label: m._default_manager.count() for m in models}

    before = counts()
    assert post(body(acts=["insult", "stalking", "doxing"], acuteDanger=True)).status_code == 200
    assert post(body(acts=[])).status_code == 400
    assert counts() == before


@override_settings(WEERBAAR={"ASSESSMENT_RATE_LIMIT": 2, "TRUSTED_PROXIES": 0})
def test_rate_limited_per_address():
    assert post(body()).status_code == 200
    assert post(body()).status_code == 200
    response = post(body())
    assert response.status_code == 429
    assert response["Content-Type"].startswith(PROBLEM)
    assert "Retry-After" in response


def test_date_is_not_parsed_leniently():
    assert date.fromisoformat("20260110")  # Python accepts this; the API does not
    assert bad_params(post(body(learnedOn="20260110"))) == {"learnedOn"}


# --- Issue 10: who was hit, what was threatened, series, and the status of each date -------------------------------

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def on_day(settings):
    """Fix the day the API sees (``core.clock``; only in development, hence DEBUG)."""
    settings.DEBUG = True

    @contextmanager
    def fixed(day: date):
        with clock.fixed_at(datetime(day.year, day.month, day.day, 12, 0, tzinfo=AMSTERDAM)):
            yield

    return fixed


def offences_of(data):
    return {o["article"]: o for o in data["offences"]}


@pytest.mark.parametrize("act", ["arson", "intimate_images", "extortion", "identity_misuse", "hacking"])
def test_new_acts_are_accepted_and_name_an_offence(act):
    data = post(body(acts=[act])).json()
    assert data["route"] == "complaint"
    assert data["offences"]


def test_optional_fields_may_be_null_and_take_their_defaults():
    explicit = post(body(victim=None, threatened=None, demand=None, perpetrators=None, seriousInjury=None,
                         lastLearnedOn=None, acts=["insult"])).json()  # fmt: skip
    absent = post(body(acts=["insult"])).json()
    assert explicit == absent
    assert {o["article"] for o in absent["offences"]} == {"266", "267"}  # victim defaults to the office holder


def test_all_new_fields_wrong_at_once_are_all_named():
    names = bad_params(post(body(victim="x", threatened="x", demand="x", perpetrators="x", seriousInjury="x",
                                 lastLearnedOn="x")))  # fmt: skip
    assert names == {"victim", "threatened", "demand", "perpetrators", "seriousInjury", "lastLearnedOn"}


def test_last_learned_on_may_equal_learned_on_but_not_be_in_the_future(on_day):
    with on_day(date(2026, 12, 7)):
        assert post(body(learnedOn="2026-12-07", lastLearnedOn="2026-12-07")).status_code == 200
        assert bad_params(post(body(learnedOn="2026-12-01", lastLearnedOn="2026-12-08"))) == {"lastLearnedOn"}
        # a future learnedOn is named once; lastLearnedOn is then not compared with it
        assert bad_params(post(body(learnedOn="2026-12-08", lastLearnedOn="2026-12-07"))) == {"learnedOn"}


def test_the_reasons_are_clear():
    response = post(body(lastLearnedOn="2026-01-01", victim="spouse"))
    reasons = {p["name"]: p["reason"] for p in response.json()["invalidParams"]}
    assert reasons["lastLearnedOn"] == "Must not be before learnedOn."
    assert reasons["victim"] == "Must be one of: office_holder, partner, child, other_family, staff."


def test_insult_in_office_has_a_precautionary_date_and_no_required_one(on_day):
    with on_day(date(2026, 12, 7)):
        data = post(body(acts=["insult"], learnedOn="2026-11-20")).json()
    insult = offences_of(data)["266"]
    assert insult["complaintRequired"] is False
    assert insult["complaintDeadline"] is None
    assert insult["precautionaryComplaintDeadline"] == "2027-02-20"
    assert insult["deadlineStatus"] == "open"
    assert offences_of(data)["267"]["deadlineStatus"] == "none"


def test_partner_insulted_over_the_decision_files_a_klacht_no_267(on_day):
    with on_day(date(2026, 12, 7)):
        data = post(body(role="wethouder", acts=["insult"], victim="partner", learnedOn="2026-11-20")).json()
    assert set(offences_of(data)) == {"266"}
    assert offences_of(data)["266"]["complaintRequired"] is True
    assert offences_of(data)["266"]["complaintDeadline"] == "2027-02-20"
    assert offences_of(data)["266"]["precautionaryComplaintDeadline"] is None


def test_stalking_series_runs_from_the_last_act(on_day):
    with on_day(date(2026, 12, 7)):
        data = post(body(acts=["stalking"], learnedOn="2026-06-01", lastLearnedOn="2026-11-25")).json()
    stalking = offences_of(data)["285b"]
    assert stalking["complaintRequired"] is True
    assert stalking["complaintDeadline"] == "2027-02-25"
    assert stalking["deadlineStatus"] == "open"


@pytest.mark.parametrize(
    ("today", "status"),
    [(date(2026, 12, 6), "open"), (date(2026, 12, 7), "today"), (date(2026, 12, 8), "expired")],
)
def test_deadline_status_follows_the_day(on_day, today, status):
    with on_day(today):
        data = post(body(acts=["insult"], relatedToOffice=False, learnedOn="2026-09-07")).json()
    insult = offences_of(data)["266"]
    assert insult["complaintDeadline"] == "2026-12-07"
    assert insult["deadlineStatus"] == status


def test_learned_on_defaults_to_the_clocks_day(on_day):
    with on_day(date(2026, 11, 30)):
        data = post(body(learnedOn=..., acts=["stalking"])).json()
    assert offences_of(data)["285b"]["complaintDeadline"] == "2027-02-28"


def test_threat_to_defame_with_a_demand_is_284_required(on_day):
    with on_day(date(2026, 12, 7)):
        data = post(body(acts=["threat_other"], threatened="exposure", demand=True, learnedOn="2026-12-01")).json()
    offences = offences_of(data)
    assert "285" not in offences  # art. 285 lid 1: a threat of defamation is not a listed crime
    assert offences["284"]["complaintRequired"] is True
    assert offences["284"]["complaintDeadline"] == "2027-03-01"
    assert offences["179"]["complaintRequired"] is False


def test_group_and_serious_injury_add_141_302_and_304():
    offences = offences_of(post(body(acts=["assault"], online=False, perpetrators="group", seriousInjury=True)).json())
    assert set(offences) == {"300", "302", "141", "304"}
    alone = offences_of(post(body(acts=["assault"], online=False)).json())
    assert set(alone) == {"300", "304"}


def test_english_titles_come_from_the_catalogue():
    data = post(body(acts=["extortion"], threatened="exposure"), HTTP_ACCEPT_LANGUAGE="en").json()
    assert offences_of(data)["318"]["title"] == "Blackmail (threat of defamation or of revealing a secret)"
    dutch = post(body(acts=["extortion"], threatened="exposure")).json()
    assert offences_of(dutch)["318"]["title"] == "Afdreiging"
