"""The aftercare API: the plan for staff, adding check-ins, follow-up, the office holder's answer, and closing
a case with an open plan (409 aftercare_open until confirmed)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.aftercare.factories import run_job
from tests.api.conftest import bearer_client, staff_client
from tests.factories import UserFactory, make_case
from weerbaar.aftercare.models import AftercarePlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor(reference_data):
    return UserFactory(username="advisor-nvvr", role="advisor")  # association nvvr


@pytest.fixture
def world(advisor):
    case, code = make_case(state="aftercare", advisor=advisor)
    return case, code, staff_client(advisor)


def test_the_plan_with_three_check_ins_and_a_household_member(world, advisor):
    from weerbaar.aftercare.services import household_member_add

    case, _code, api = world
    household_member_add(actor=advisor, reference=case.reference, name="Noor", relation="child", with_check_ins=False)
    body = api.get(f"/api/v1/cases/{case.reference}/aftercare-plan").json()
    assert body["closedAt"] is None
    assert [c["status"] for c in body["checkIns"]] == ["planned"] * 3
    assert body["checkIns"][0]["question"] == "Hoe gaat het met u?"
    assert body["householdMembers"] == [{"number": 1, "name": "Noor", "relation": "child"}]


def test_a_case_without_plan_is_404(advisor):
    case, _ = make_case(state="claimed", advisor=advisor)
    response = staff_client(advisor).get(f"/api/v1/cases/{case.reference}/aftercare-plan")
    assert response.status_code == 404


def test_adding_a_check_in_and_its_validation(world):
    case, _code, api = world
    url = f"/api/v1/cases/{case.reference}/aftercare-plan/check-ins"
    later = (timezone.localdate() + timedelta(days=14)).isoformat()
    response = api.post(url, {"dueOn": later, "question": "En thuis?"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["question"] == "En thuis?"
    assert response.json()["householdMember"] is None
    bad = api.post(url, {"dueOn": "gisteren", "householdMember": "1"}, format="json")
    assert bad.status_code == 400
    assert {p["name"] for p in bad.json()["invalidParams"]} == {"householdMember"}
    bad = api.post(url, {"dueOn": "2001-01-01"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["invalidParams"][0]["name"] == "dueOn"


def test_answer_then_follow_up(world):
    case, code, api = world
    first = case.aftercare_plan.check_ins.order_by("due_at").first()
    holder = bearer_client(case.reference, code)
    assert holder.get(f"/api/v1/help-requests/{case.reference}/check-ins").json() == []
    answer_url = f"/api/v1/help-requests/{case.reference}/check-ins/{first.pk}/answer"
    assert holder.post(answer_url, {"text": "Goed"}, format="json").status_code == 404  # not sent yet
    run_job(first.due_at)
    listed = holder.get(f"/api/v1/help-requests/{case.reference}/check-ins").json()
    assert [(c["id"], c["status"], c["aboutHouseholdMember"]) for c in listed] == [(first.pk, "due", False)]
    bad = holder.post(answer_url, {"text": "", "mood": "fine"}, format="json")
    assert bad.status_code == 400
    assert {p["name"] for p in bad.json()["invalidParams"]} == {"mood"}
    empty = holder.post(answer_url, {"text": " "}, format="json")
    assert empty.status_code == 400
    assert [p["name"] for p in empty.json()["invalidParams"]] == ["text"]
    answered = holder.post(answer_url, {"text": "Wisselend eigenlijk", "mood": "mixed"}, format="json")
    assert answered.status_code == 200
    assert answered.json()["status"] == "answered"
    again = holder.post(answer_url, {"text": "Nog eens"}, format="json")
    assert again.status_code == 409
    follow = api.post(
        f"/api/v1/cases/{case.reference}/aftercare-plan/check-ins/{first.pk}/follow-up",
        {"text": "Gebeld"},
        format="json",
    )
    assert follow.status_code == 200
    assert follow.json()["status"] == "followed_up"
    assert follow.json()["answer"] == "Wisselend eigenlijk"
    assert follow.json()["followUp"] == "Gebeld"


def test_closing_asks_confirmation_and_can_keep_aftercare_running(world):
    case, _code, api = world
    url = f"/api/v1/cases/{case.reference}/status-changes"
    refused = api.post(url, {"status": "closed", "outcome": "advised"}, format="json")
    assert refused.status_code == 409
    assert refused["Content-Type"].startswith("application/problem+json")
    assert refused.json()["code"] == "aftercare_open"
    bad = api.post(url, {"status": "closed", "outcome": "advised", "confirmAftercareClose": "yes"}, format="json")
    assert bad.status_code == 400
    closed = api.post(
        url,
        {"status": "closed", "outcome": "advised", "confirmAftercareClose": True, "keepAftercareRunning": True},
        format="json",
    )
    assert closed.status_code == 201, closed.content
    assert AftercarePlan.objects.get(case=case).closed_at is None


def test_a_confirmed_close_closes_the_plan(world):
    case, _code, api = world
    url = f"/api/v1/cases/{case.reference}/status-changes"
    closed = api.post(url, {"status": "closed", "outcome": "advised", "confirmAftercareClose": True}, format="json")
    assert closed.status_code == 201
    plan = api.get(f"/api/v1/cases/{case.reference}/aftercare-plan").json()
    assert plan["closedAt"] is not None
    assert {c["status"] for c in plan["checkIns"]} == {"lapsed"}


def test_a_mood_alone_is_an_answer(world):
    case, code, _api = world
    first = case.aftercare_plan.check_ins.order_by("due_at").first()
    run_job(first.due_at)
    holder = bearer_client(case.reference, code)
    answered = holder.post(
        f"/api/v1/help-requests/{case.reference}/check-ins/{first.pk}/answer", {"mood": "bad"}, format="json"
    )
    assert answered.status_code == 200
    assert (answered.json()["answer"], answered.json()["mood"]) == ("", "bad")
