"""An escalated case gives the coordinators' pool a task, once, that is done as soon as someone takes it."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.factories import UserFactory, make_case
from weerbaar.accounts.models import Role
from weerbaar.cases import services
from weerbaar.todos.models import Todo

pytestmark = pytest.mark.django_db


def escalation_tasks(case):
    return Todo.objects.filter(key=f"case-escalated:{case.reference}")


def test_escalation_makes_one_pool_task_without_content(reference_data):
    case, _code = make_case(overdue=True, name="Sam de Vries")
    assert services.cases_escalate_overdue(now=timezone.now()) == 1
    assert services.cases_escalate_overdue(now=timezone.now()) == 0
    task = escalation_tasks(case).get()
    assert (task.for_coordinators, task.assignee, task.done_at, task.case_id) == (True, None, None, case.pk)
    assert task.title == "Nieuwe zaak zonder reactie: wijs een adviseur toe"
    assert not task.title_params
    assert task.link == f"/werkruimte/zaken/{case.reference}"
    assert task.due_at > timezone.now()


def test_claiming_the_case_closes_the_task(reference_data):
    advisor = UserFactory(role=Role.ADVISOR)
    case, _code = make_case(overdue=True)
    services.cases_escalate_overdue(now=timezone.now())
    services.case_assign(actor=advisor, reference=case.reference, assignee_username="me")
    assert escalation_tasks(case).get().done_at is not None


def test_closing_the_new_case_closes_the_task(reference_data):
    advisor = UserFactory(role=Role.ADVISOR)
    case, _code = make_case(overdue=True)
    services.cases_escalate_overdue(now=timezone.now())
    services.case_transition(actor=advisor, reference=case.reference, target="closed", reason="duplicate")
    assert escalation_tasks(case).get().done_at is not None


def test_a_case_taken_in_time_never_gets_one(reference_data):
    advisor = UserFactory(role=Role.ADVISOR)
    case, _code = make_case()
    services.case_assign(actor=advisor, reference=case.reference, assignee_username="me")
    services.cases_escalate_overdue(now=timezone.now())
    assert not escalation_tasks(case).exists()


def test_bring_forward_moves_only_an_open_later_task(reference_data):
    from datetime import timedelta

    from weerbaar.todos.services import todo_bring_forward, todo_close_system, todo_create_system

    case, _code = make_case()
    now = timezone.now()
    todo_create_system(key="t:1", kind="x", title="Nazorg", due_at=now + timedelta(days=3), case=case)
    assert todo_bring_forward(key="t:1", due_at=now) == "moved"
    assert Todo.objects.get(key="t:1").due_at == now
    assert todo_bring_forward(key="t:1", due_at=now + timedelta(days=1)) == "due"
    assert Todo.objects.get(key="t:1").due_at == now
    todo_close_system(key="t:1")
    assert todo_bring_forward(key="t:1", due_at=now) == "none"
    assert todo_bring_forward(key="never", due_at=now) == "none"
