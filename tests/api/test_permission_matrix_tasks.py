"""The task endpoints x every role (the roles and rules of ``test_permission_matrix``)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.api import test_permission_matrix as api_matrix
from tests.api.test_permission_matrix import (
    CASE_CONTENT_READ,
    CASE_CONTENT_UPDATE,
    CASE_CONTENT_WRITE,
    CASE_LIST,
    PROBLEM,
    ROLES,
    _send,
)
from tests.matrix import fresh, once_per_module
from weerbaar.accounts.models import User
from weerbaar.todos import services

pytestmark = pytest.mark.django_db
# The world of test_permission_matrix (one nvvr case, its office holder, a user of every role), built once
# for this module; every test runs in a savepoint of it.
api_world = api_matrix.api_world
world = api_matrix.world

TOMORROW = (timezone.localdate() + timedelta(days=1)).isoformat()
#               anon  oh    oh2   adv   adv2  coord partn anal  admin
TASK_REOPEN = (401, 401, 401, 204, 404, 404, 404, 403, 403)

ENDPOINTS = [
    ("my tasks", "get", "/api/v1/tasks", None, CASE_LIST),
    ("my done tasks", "get", "/api/v1/tasks?status=done", None, CASE_LIST),
    ("case tasks", "get", "/api/v1/cases/{ref}/tasks", None, CASE_CONTENT_READ),
    ("add case task", "post", "/api/v1/cases/{ref}/tasks", {"text": "Bellen", "dueDate": TOMORROW}, CASE_CONTENT_WRITE),
    ("complete task", "post", "/api/v1/cases/{ref}/tasks/{task}/completion", None, CASE_CONTENT_UPDATE),
    ("reopen task", "delete", "/api/v1/cases/{ref}/tasks/{task}/completion", None, TASK_REOPEN),
]
# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [(method, path) for _name, method, path, _body, _expected in ENDPOINTS]
CASES = [
    pytest.param(name, method, path, body, role, expected[i], id=f"{name}-{role}")
    for name, method, path, body, expected in ENDPOINTS
    for i, role in enumerate(ROLES)
]


@once_per_module
def task_world(api_world):
    """A task of the advisor on the world's case."""
    advisor = User.objects.get(username="m-advisor")
    data = services.validate_todo({"text": "Sam de Vries bellen", "dueDate": TOMORROW})
    return {"task": services.todo_add(actor=advisor, reference=api_world["case"].reference, data=data)}


@pytest.fixture
def task(task_world):
    return fresh(task_world["task"])


@pytest.mark.parametrize(("name", "method", "path", "body", "role", "expected"), CASES)
def test_permission_matrix_tasks(world, task, name, method, path, body, role, expected):
    case = world["case"]
    url = path.format(ref=case.reference, task=task.pk)
    response = _send(world["clients"][role], method, url, body)
    assert response.status_code == expected, (name, role, response.content[:300])
    assert response["API-Version"] == "1.0.0"
    if expected >= 400:
        assert response["Content-Type"].startswith(PROBLEM)
    if role != "advisor":
        assert b"Sam de Vries" not in response.content


def test_my_tasks_lists_only_mine(world, task):
    assert [t["id"] for t in world["clients"]["advisor"].get("/api/v1/tasks").json()] == [task.pk]
    for role in ("other_advisor", "coordinator", "partner"):
        assert world["clients"][role].get("/api/v1/tasks").json() == []
