"""Tasks in the workspace: "Mijn taken", the tasks section of a case, adding, finishing, reopening."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_case
from weerbaar.todos.models import Todo
from weerbaar.todos.services import POOL, TITLE_COMPLAINT_DEADLINE, todo_create_system

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(people):
    case, _ = make_case(state="claimed", advisor=people["advisor"])
    return case


def _post_task(client, case, **overrides):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    data = {"task-text": "Bel de burgemeester terug", "task-due_date": tomorrow, "task-assignee": "anna"} | overrides
    return client.post(f"/werkruimte/zaken/{case.reference}/taken", data)


def test_advisor_adds_a_task_with_sealed_text(people, as_user, case):
    client = as_user(people["advisor"])
    response = _post_task(client, case)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/werkruimte/zaken/{case.reference}/taken")  # back to the tasks tab
    task = Todo.objects.get()
    assert task.assignee == people["advisor"]
    assert task.created_by == people["advisor"]
    assert b"burgemeester" not in bytes(task.sealed_text)
    assert task.open("sealed_text") == "Bel de burgemeester terug"
    page = client.get(f"/werkruimte/zaken/{case.reference}/taken")
    assert "Bel de burgemeester terug" in page.content.decode()
    mine = client.get("/werkruimte/taken").content.decode()
    assert "Bel de burgemeester terug" in mine
    assert case.reference in mine


def test_task_for_colleague_and_pool(people, as_user, case):
    client = as_user(people["advisor"])
    assert _post_task(client, case, **{"task-assignee": "bram"}).status_code == 302
    assert _post_task(client, case, **{"task-assignee": POOL}).status_code == 302
    assert Todo.objects.filter(assignee=people["colleague"]).count() == 1
    assert Todo.objects.filter(for_coordinators=True, assignee=None).count() == 1
    pool_page = as_user(people["coordinator"]).get("/werkruimte/taken").content.decode()
    assert "Taken voor de coördinatoren" in pool_page


def test_assignee_outside_the_case_is_refused(people, as_user, case):
    response = _post_task(as_user(people["advisor"]), case, **{"task-assignee": "olga"})
    assert response.status_code == 400
    assert not Todo.objects.exists()


def test_errors_answer_400_and_keep_what_was_typed(people, as_user, case):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = _post_task(as_user(people["advisor"]), case, **{"task-due_date": yesterday})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Deze datum ligt in het verleden." in body
    assert "Bel de burgemeester terug" in body
    assert yesterday in body
    response = _post_task(as_user(people["advisor"]), case, **{"task-text": "", "task-due_date": "morgen"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Schrijf wat er moet gebeuren." in body
    assert not Todo.objects.exists()


def test_complete_and_reopen(people, as_user, case):
    client = as_user(people["advisor"])
    _post_task(client, case)
    task = Todo.objects.get()
    response = client.post(f"/werkruimte/taken/{task.pk}/afronden", {"next": "/werkruimte/taken"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_by == people["advisor"]
    assert task.done_at is not None
    done_page = client.get("/werkruimte/taken").content.decode()
    assert "Onlangs afgerond" in done_page
    assert "1 taak afgerond" in done_page
    client.post(f"/werkruimte/taken/{task.pk}/heropenen", {"next": "https://evil.example/"})
    task.refresh_from_db()
    assert task.done_at is None


def test_overdue_is_highlighted_and_case_status_shown(people, as_user, case):
    todo_create_system(
        key="overdue",
        kind="complaint_deadline",
        title=TITLE_COMPLAINT_DEADLINE,
        title_params={"date": "3-4-2026"},
        due_at=timezone.now() - timedelta(days=1),
        case=case,
    )
    body = as_user(people["advisor"]).get("/werkruimte/taken").content.decode()
    assert "Aangiftetermijn verloopt op 3-4-2026" in body
    assert "Te laat" in body
    assert "In behandeling" in body or case.get_status_display() in body


def test_other_association_cannot_work_the_task(people, as_user, case):
    _post_task(as_user(people["advisor"]), case)
    task = Todo.objects.get()
    other = as_user(people["other_advisor"])
    assert other.post(f"/werkruimte/taken/{task.pk}/afronden").status_code == 404
    assert _post_task(other, case).status_code == 404
    assert "Bel de burgemeester" not in other.get("/werkruimte/taken").content.decode()
    task.refresh_from_db()
    assert task.done_at is None


def test_coordinator_without_content_sees_pool_task_but_not_its_text(people, as_user, case):
    _post_task(as_user(people["advisor"]), case, **{"task-assignee": POOL})
    body = as_user(people["coordinator"]).get("/werkruimte/taken").content.decode()
    assert "Bel de burgemeester" not in body
    assert "de tekst ziet alleen wie de zaak behandelt" in body


def test_closed_case_takes_no_new_tasks(people, as_user):
    closed, _ = make_case(state="closed", advisor=people["advisor"])
    response = _post_task(as_user(people["advisor"]), closed)
    assert response.status_code == 400
    assert "gesloten" in response.content.decode()
