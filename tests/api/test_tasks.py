"""The task endpoints: adding, listing, finishing and reopening; problem+json for bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.api.conftest import assert_problem, staff_client
from tests.factories import UserFactory, make_case
from weerbaar.todos.models import Todo
from weerbaar.todos.services import TITLE_COMPLAINT_DEADLINE, todo_create_system

pytestmark = pytest.mark.django_db

TOMORROW = (timezone.localdate() + timedelta(days=1)).isoformat()


@pytest.fixture
def claimed(advisor):
    case, _ = make_case(state="claimed", advisor=advisor)
    return case


def test_add_list_complete_reopen(advisor, advisor_api, claimed):
    url = f"/api/v1/cases/{claimed.reference}/tasks"
    created = advisor_api.post(url, {"text": "Terugbellen", "dueDate": TOMORROW}, format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["title"] == "Terugbellen"
    assert body["assignee"] == advisor.username
    assert body["caseReference"] == claimed.reference
    assert body["caseStatus"] == "in_progress"
    assert body["system"] is False
    assert body["doneAt"] is None
    assert [t["id"] for t in advisor_api.get(url).json()] == [body["id"]]
    assert [t["id"] for t in advisor_api.get("/api/v1/tasks").json()] == [body["id"]]
    done = advisor_api.post(f"{url}/{body['id']}/completion")
    assert done.status_code == 200
    assert done.json()["doneBy"] == advisor.username
    assert advisor_api.post(f"{url}/{body['id']}/completion").status_code == 200  # again: no change
    assert advisor_api.get("/api/v1/tasks").json() == []
    assert [t["id"] for t in advisor_api.get("/api/v1/tasks?status=done").json()] == [body["id"]]
    assert advisor_api.delete(f"{url}/{body['id']}/completion").status_code == 204
    assert Todo.objects.get().done_at is None


def test_bad_input_is_problem_json_with_every_field(advisor_api, claimed):
    url = f"/api/v1/cases/{claimed.reference}/tasks"
    response = advisor_api.post(url, {"text": " ", "dueDate": "2001-01-01", "forCoordinators": "ja"}, format="json")
    assert_problem(response, 400, invalid={"text", "dueDate", "forCoordinators"})
    response = advisor_api.post(url, {"text": "x", "dueDate": "morgen", "assignee": 3}, format="json")
    assert_problem(response, 400, invalid={"dueDate", "assignee"})
    assert_problem(advisor_api.post(url, ["x"], format="json"), 400, invalid={"body"})
    assert not Todo.objects.exists()


def test_assignee_must_be_able_to_work_the_case(reference_data, advisor_api, claimed, other_advisor):
    url = f"/api/v1/cases/{claimed.reference}/tasks"
    response = advisor_api.post(
        url, {"text": "x", "dueDate": TOMORROW, "assignee": other_advisor.username}, format="json"
    )
    assert_problem(response, 400, invalid={"assignee"})
    colleague = UserFactory(username="collega", role="advisor")
    response = advisor_api.post(url, {"text": "x", "dueDate": TOMORROW, "assignee": "collega"}, format="json")
    assert response.status_code == 201
    assert response.json()["assignee"] == colleague.username
    pool = advisor_api.post(url, {"text": "x", "dueDate": TOMORROW, "forCoordinators": True}, format="json")
    assert pool.json()["assignee"] is None
    assert pool.json()["forCoordinators"] is True


def test_closed_case_answers_409(advisor, advisor_api):
    closed, _ = make_case(state="closed", advisor=advisor)
    response = advisor_api.post(
        f"/api/v1/cases/{closed.reference}/tasks", {"text": "x", "dueDate": TOMORROW}, format="json"
    )
    assert_problem(response, 409)


def test_coordinator_sees_pool_and_system_title_translated(coordinator, claimed):
    todo_create_system(
        key="k",
        kind="complaint_deadline",
        title=TITLE_COMPLAINT_DEADLINE,
        title_params={"date": "1-3-2026"},
        due_at=timezone.now() + timedelta(days=2),
        case=claimed,
        for_coordinators=True,
    )
    client = staff_client(coordinator)
    nl = client.get("/api/v1/tasks").json()
    assert nl[0]["title"] == "Aangiftetermijn verloopt op 1-3-2026"
    assert nl[0]["system"] is True
    assert nl[0]["createdBy"] is None


def test_status_filter_is_checked(advisor_api):
    assert_problem(advisor_api.get("/api/v1/tasks?status=later"), 400, invalid={"status"})


def test_task_of_another_case_is_not_found_below_this_case(advisor, advisor_api, claimed):
    other, _ = make_case(state="claimed", advisor=advisor)
    created = advisor_api.post(
        f"/api/v1/cases/{other.reference}/tasks", {"text": "x", "dueDate": TOMORROW}, format="json"
    )
    response = advisor_api.post(f"/api/v1/cases/{claimed.reference}/tasks/{created.json()['id']}/completion")
    assert_problem(response, 404)
