"""The task pages and actions x every role (the roles and outcomes of ``test_permission_matrix_web``).

The world: a case claimed by anna (nvvr) with a hand-made task of hers, and a task in the coordinators' pool
on a case without content access for the coordinator.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_case
from tests.matrix import fresh, once_per_module
from tests.staff_web import test_permission_matrix_web as web_matrix
from tests.staff_web.test_permission_matrix_web import LOGIN, OK, client_for, expect
from weerbaar.todos import services
from weerbaar.todos.services import todo_create_system

pytestmark = pytest.mark.django_db
people = web_matrix.people  # the module's people, built once (see test_permission_matrix_web)

TOMORROW = (timezone.localdate() + timedelta(days=1)).isoformat()

MATRIX = [
    ("my tasks", "get", "/werkruimte/taken", None, expect(LOGIN, LOGIN, 200, 200, 200, 403, 403, 403)),
    ("add task page", "get", "/werkruimte/zaken/{ref}/taken", None, expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403)),
    (
        "add task",
        "post",
        "/werkruimte/zaken/{ref}/taken",
        {"task-text": "Terugbellen", "task-due_date": TOMORROW, "task-assignee": "anna"},
        expect(LOGIN, LOGIN, OK, 404, 404, 403, 403, 403),
    ),
    ("complete", "post", "/werkruimte/taken/{task}/afronden", {}, expect(LOGIN, LOGIN, OK, 404, 404, 403, 403, 403)),
    ("reopen", "post", "/werkruimte/taken/{task}/heropenen", {}, expect(LOGIN, LOGIN, OK, 404, 404, 403, 403, 403)),
    (
        "complete pool task",
        "post",
        "/werkruimte/taken/{pool}/afronden",
        {},
        expect(LOGIN, LOGIN, OK, 404, OK, 403, 403, 403),
    ),
]

# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [(method, path) for _name, method, path, _data, _expected in MATRIX]
CASES = [
    (name, method, path, data, role, outcome)
    for name, method, path, data, exp in MATRIX
    for role, outcome in exp.items()
]


@once_per_module
def task_world(matrix_people):
    """A case claimed by anna with a task of hers, and a task in the coordinators' pool."""
    claimed, _ = make_case(state="claimed", advisor=matrix_people["advisor"])
    data = services.validate_todo({"text": "Sam de Vries terugbellen", "dueDate": TOMORROW})
    task = services.todo_add(actor=matrix_people["advisor"], reference=claimed.reference, data=data)
    pool = todo_create_system(
        key="pool", kind="x", title="Controleer de zaak", due_at=timezone.now(), case=claimed, for_coordinators=True
    )
    return {"ref": claimed.reference, "case": claimed, "task": task.pk, "pool": pool.pk}


@pytest.fixture
def world(db, task_world):
    return fresh(task_world)


@pytest.mark.parametrize(
    ("name", "method", "path", "data", "role", "outcome"), CASES, ids=[f"{c[0]}-{c[4]}" for c in CASES]
)
def test_permission_matrix_tasks(name, method, path, data, role, outcome, people, world):
    client = client_for(role, people, world)
    url = path.format(**world)
    response = client.get(url) if method == "get" else client.post(url, data)
    if outcome == LOGIN:
        assert response.status_code == 302, (name, role)
        assert response["Location"].startswith("/medewerkers/inloggen?next="), (name, role)
    elif outcome == OK:
        assert response.status_code == 302, (name, role, response.status_code)
        assert not response["Location"].startswith("/medewerkers/"), (name, role)
    else:
        assert response.status_code == outcome, (name, role, response.status_code)
    if outcome != 200 or role != "advisor":
        assert "Sam de Vries" not in response.content.decode()
