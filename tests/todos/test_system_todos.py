"""System tasks: created once per key, assigned to the case's advisor or the coordinators' pool."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from tests.factories import UserFactory, make_case
from weerbaar.todos.models import Todo
from weerbaar.todos.services import TITLE_COMPLAINT_DEADLINE, todo_close_system, todo_create_system

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor(reference_data):
    return UserFactory(username="adv", role="advisor")


def _due():
    return timezone.now() + timedelta(days=3)


def test_same_key_twice_creates_one_task(advisor):
    case, _ = make_case(state="claimed", advisor=advisor)
    first = todo_create_system(
        key="k1",
        kind="complaint_deadline",
        title=TITLE_COMPLAINT_DEADLINE,
        title_params={"date": "1-2-2026"},
        due_at=_due(),
        case=case,
    )
    second = todo_create_system(key="k1", kind="complaint_deadline", title=TITLE_COMPLAINT_DEADLINE, due_at=_due())
    assert first is not None
    assert second is None
    assert Todo.objects.count() == 1


def test_goes_to_given_assignee_first(advisor):
    other = UserFactory(username="other", role="advisor")
    case, _ = make_case(state="claimed", advisor=advisor)
    task = todo_create_system(key="k", kind="x", title="t", due_at=_due(), case=case, assignee=other)
    assert (task.assignee, task.for_coordinators) == (other, False)


def test_falls_back_to_case_advisor(advisor):
    case, _ = make_case(state="claimed", advisor=advisor)
    task = todo_create_system(key="k", kind="x", title="t", due_at=_due(), case=case)
    assert (task.assignee, task.for_coordinators) == (advisor, False)


def test_unassigned_case_goes_to_coordinators_pool(reference_data):
    case, _ = make_case()
    task = todo_create_system(key="k", kind="x", title="t", due_at=_due(), case=case)
    assert (task.assignee, task.for_coordinators) == (None, True)


def test_inactive_advisor_falls_back_to_pool(advisor):
    case, _ = make_case(state="claimed", advisor=advisor)
    advisor.is_active = False
    advisor.save()
    case.refresh_from_db()
    task = todo_create_system(key="k", kind="x", title="t", due_at=_due(), case=case)
    assert (task.assignee, task.for_coordinators) == (None, True)


def test_for_coordinators_overrides_assignee(advisor):
    case, _ = make_case(state="claimed", advisor=advisor)
    task = todo_create_system(
        key="k", kind="x", title="t", due_at=_due(), case=case, assignee=advisor, for_coordinators=True
    )
    assert (task.assignee, task.for_coordinators) == (None, True)


def test_without_case_or_assignee_goes_to_pool(db):
    task = todo_create_system(key="k", kind="x", title="t", due_at=_due())
    assert task.for_coordinators
    assert task.case is None
    assert task.created_by is None


@pytest.mark.parametrize(
    "kwargs",
    [
        {"key": ""},
        {"key": "x" * 201},
        {"link": "https://evil.example/"},
        {"link": "//evil.example/"},
        {"title_params": {"name": ["nested"]}},
        {"due_at": timezone.now().replace(tzinfo=None)},
    ],
)
def test_bad_input_is_refused(db, kwargs):
    args = {"key": "k", "kind": "x", "title": "t", "due_at": _due()} | kwargs
    with pytest.raises(ValueError):
        todo_create_system(**args)
    assert not Todo.objects.exists()


def test_close_marks_done_once(db):
    todo_create_system(key="k", kind="x", title="t", due_at=_due())
    now = timezone.now()
    assert todo_close_system(key="k", now=now) is True
    assert todo_close_system(key="k") is False
    assert todo_close_system(key="missing") is False
    task = Todo.objects.get(key="k")
    assert task.done_at == now
    assert task.done_by is None


class TestIdempotency(HypothesisTestCase):
    """Whatever sequence of creates and closes runs, there is at most one task per key, and re-creating a
    closed task's key never reopens or duplicates it."""

    @given(st.lists(st.tuples(st.sampled_from(["create", "close"]), st.sampled_from(["a", "b", "c"])), max_size=12))
    def test_one_task_per_key(self, steps):
        created: set[str] = set()
        closed: set[str] = set()
        for action, key in steps:
            if action == "create":
                result = todo_create_system(key=key, kind="x", title="t", due_at=_due())
                assert (result is None) == (key in created)
                created.add(key)
            else:
                assert todo_close_system(key=key) == (key in created and key not in closed)
                if key in created:
                    closed.add(key)
        assert set(Todo.objects.values_list("key", flat=True)) == created
        assert set(Todo.objects.filter(done_at__isnull=False).values_list("key", flat=True)) == closed
