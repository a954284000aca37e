"""POST /api/v1/assessments: the contract of issue 3, exactly. Public, stores nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.apps import apps
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

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
        {"article": "285", "title": "Bedreiging", "complaintRequired": False, "complaintDeadline": None}
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
        return {m._meta.label: m._default_manager.count() for m in apps.get_models()}

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
