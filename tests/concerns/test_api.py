"""The concern note API: versions in and out in the contract's names, problem+json with clear reasons, the
confirmation of a "high" by a second person, and no score, rank or colour in any response."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.api.conftest import PROBLEM, staff_client
from tests.concerns.factories import ITEM_CODES, advisor, case_with_incidents, note_payload

pytestmark = pytest.mark.django_db

FORBIDDEN_WORDS = ("score", "rank", "risk", "traffic", "colour", "color", "probability", "percent")


@pytest.fixture(autouse=True)
def _data(reference_data):
    return None


def _url(case, suffix=""):
    return f"/api/v1/cases/{case.reference}/concern-notes{suffix}"


def _keys(value, found=None):
    found = set() if found is None else found
    if isinstance(value, dict):
        for key, item in value.items():
            found.add(key.lower())
            _keys(item, found)
    elif isinstance(value, list):
        for item in value:
            _keys(item, found)
    return found


def test_a_note_goes_in_and_comes_out_in_the_contract_names():
    case, adv = case_with_incidents()
    client = staff_client(adv)
    body = note_payload(level="high", answers={"pathway": "possibly"}, incidents={"pathway": [1, 2]})
    response = client.post(_url(case), body, format="json")
    assert response.status_code == 201, response.content
    assert response["Location"].endswith(_url(case, "/1"))
    note = response.json()
    assert note["version"] == 1
    assert note["level"] == "high"
    assert note["reviewOn"] == body["reviewOn"]
    assert [i["code"] for i in note["items"]] == ITEM_CODES
    assert note["items"][0] == {"code": "pathway", "answer": "possibly", "incidentIds": [1, 2]}
    assert note["confirmation"] == {"status": "awaiting", "confirmedBy": "", "confirmedAt": None}
    assert [p["code"] for p in note["prompts"]] == ["consult_police_threat_management"]
    assert client.get(_url(case, "/1")).json() == note
    assert client.get(_url(case)).json() == [note]


def test_no_response_carries_a_score_a_rank_or_a_colour():
    case, adv = case_with_incidents()
    client = staff_client(adv)
    answers = dict.fromkeys(ITEM_CODES, "yes")
    created = client.post(_url(case), note_payload(level="high", answers=answers, acuteDanger=True), format="json")
    confirmed = staff_client(advisor()).post(_url(case, "/1/confirmations"), format="json")
    listed = client.get(_url(case))
    for response in (created, confirmed, listed):
        keys = _keys(response.json())
        assert not [k for k in keys if any(word in k for word in FORBIDDEN_WORDS)], keys
        text = json.dumps(response.json()).lower()
        assert "score" not in text
        assert "ranking" not in text


@pytest.mark.parametrize(
    ("change", "name", "words"),
    [
        (lambda b: b["items"][2].update(code="weapon_interest"), "items[2].code", "Onbekende code"),
        (lambda b: b["items"][2].update(answer="maybe"), "items[2].answer", "mogelijk (possibly)"),
        (lambda b: b["items"][5].update(answer="yes", incidentIds=[7]), "items[5].incidentIds", "hoort niet bij"),
        (lambda b: b["items"][5].update(answer="no", incidentIds=[1]), "items[5].incidentIds", "ja of mogelijk"),
        (lambda b: b.update(items=b["items"][:11]), "items", "personal_grievance"),
        (lambda b: b.update(reviewOn=(timezone.localdate() - timedelta(days=1)).isoformat()), "reviewOn", "verleden"),
        (lambda b: b.update(level="red"), "level", "hoog (high)"),
    ],
)
def test_bad_input_is_a_problem_with_a_clear_reason_at_the_field(change, name, words):
    case, adv = case_with_incidents()
    body = note_payload()
    change(body)
    response = staff_client(adv).post(_url(case), body, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith(PROBLEM)
    reasons = {p["name"]: p["reason"] for p in response.json()["invalidParams"]}
    assert words in reasons[name], reasons


def test_an_incident_of_another_case_is_named_as_such():
    case, adv = case_with_incidents(incidents=1)
    case_with_incidents(adv, incidents=4)
    body = note_payload(answers={"leakage": "yes"}, incidents={"leakage": [4]})
    response = staff_client(adv).post(_url(case), body, format="json")
    assert response.status_code == 400
    assert "Incident 4 hoort niet bij deze zaak." in json.dumps(response.json(), ensure_ascii=False)


def test_the_author_gets_403_own_note_and_a_colleague_confirms_with_201():
    case, adv = case_with_incidents()
    staff_client(adv).post(_url(case), note_payload(level="high"), format="json")
    own = staff_client(adv).post(_url(case, "/1/confirmations"), format="json")
    assert own.status_code == 403
    assert own.json()["code"] == "own_note"
    colleague = advisor(display_name="Bram Collega")
    done = staff_client(colleague).post(_url(case, "/1/confirmations"), format="json")
    assert done.status_code == 201
    assert done.json()["confirmation"]["status"] == "confirmed"
    assert done.json()["confirmation"]["confirmedBy"] == "Bram Collega"
    again = staff_client(colleague).post(_url(case, "/1/confirmations"), format="json")
    assert again.status_code == 409
    assert again.json()["code"] == "already_confirmed"


@pytest.mark.parametrize("version", ["3", "0", "99999999999999999999"])
def test_a_version_that_does_not_exist_is_404(version):
    case, adv = case_with_incidents()
    assert staff_client(adv).get(_url(case, f"/{version}")).status_code == 404
    assert staff_client(adv).post(_url(case, f"/{version}/confirmations"), format="json").status_code == 404


def test_english_messages_when_asked_for():
    case, adv = case_with_incidents()
    body = note_payload(reviewOn="2001-01-01")
    response = staff_client(adv).post(_url(case), body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    reasons = {p["name"]: p["reason"] for p in response.json()["invalidParams"]}
    assert "in the past" in reasons["reviewOn"]
