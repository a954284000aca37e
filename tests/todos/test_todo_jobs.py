"""The task jobs: complaint deadlines become tasks once, tasks about to be due get one reminder each."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from tests.factories import UserFactory, incident_payload, make_case
from weerbaar.core.clock import AMSTERDAM
from weerbaar.core.jobs import JOBS
from weerbaar.incidents import services as incident_services
from weerbaar.incidents.jobs import complaint_deadline_todos
from weerbaar.incidents.models import Incident
from weerbaar.incidents.validation import validate_incident, validate_police_report
from weerbaar.notifications.models import Notification
from weerbaar.todos.jobs import todo_reminders
from weerbaar.todos.models import Todo
from weerbaar.todos.services import todo_create_system

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor(reference_data):
    return UserFactory(username="adv", role="advisor")


@pytest.fixture
def coordinator(reference_data):
    return UserFactory(username="coord", role="coordinator")


def _incident(case, advisor, deadline_in_days: int) -> Incident:
    """An insult outside the office (art. 266 Sr: a klacht is required within 3 months, art. 66 Sr), learned of
    so that its klacht term ends about ``deadline_in_days`` from today (month ends shift it by up to 3 days)."""
    learned = (timezone.localdate() - relativedelta(months=3) + timedelta(days=deadline_in_days)).isoformat()
    payload = incident_payload(acts=["insult"], relatedToOffice=False, occurredOn=learned, learnedOn=learned)
    incident = incident_services.incident_record(
        actor=advisor, reference=case.reference, data=validate_incident(payload)
    )
    incident.refresh_from_db()
    return incident


def test_complaint_deadline_within_14_days_gives_one_task_and_one_notification(advisor):
    case, _ = make_case(state="claimed", advisor=advisor)
    near = _incident(case, advisor, 10)  # recording it makes its to-do at once
    later = _incident(case, advisor, 21)  # not yet
    _incident(case, advisor, -5)  # past
    assert complaint_deadline_todos() == {"created": 0, "notified": 0, "closed": 0}
    task = Todo.objects.get()
    deadline = near.complaint_deadline
    assert task.assignee == advisor
    assert task.case == case
    assert task.title_params == {
        "date": f"{deadline.day}-{deadline.month}-{deadline.year}",
        "incident": near.number,
        "articles": "266",
    }
    assert task.link == f"/werkruimte/zaken/{case.reference}/incidenten/{near.number}"
    assert Notification.objects.filter(recipient=advisor, kind="complaint_deadline_near").count() == 1
    # Ten days later the second one is within 14 days: the hourly job makes its to-do, once.
    week_later = timezone.now() + timedelta(days=10)
    assert complaint_deadline_todos(now=week_later) == {"created": 1, "notified": 1, "closed": 0}
    assert complaint_deadline_todos(now=week_later) == {"created": 0, "notified": 0, "closed": 0}
    assert Todo.objects.filter(link__endswith=f"/incidenten/{later.number}").count() == 1


def test_unassigned_case_goes_to_coordinators(advisor, coordinator):
    case, _ = make_case()
    _incident(case, advisor, 5)
    assert Todo.objects.get().for_coordinators
    assert Notification.objects.filter(recipient=coordinator).count() == 1


def test_recorded_complaint_means_no_task_and_closes_an_open_one(advisor):
    case, _ = make_case(state="claimed", advisor=advisor)
    incident = _incident(case, advisor, 7)
    assert Todo.objects.get().done_at is None
    report = validate_police_report(
        {"kind": "complaint", "reportedOn": (timezone.localdate() - timedelta(days=1)).isoformat()}
    )
    incident_services.police_report_save(actor=advisor, reference=case.reference, number=incident.number, data=report)
    assert Todo.objects.get().done_at is not None  # closed when the aangifte was recorded
    assert complaint_deadline_todos() == {"created": 0, "notified": 0, "closed": 0}


def test_closed_case_gets_no_deadline_task(advisor):
    case, _ = make_case(state="claimed", advisor=advisor)
    _incident(case, advisor, 20)
    from weerbaar.cases import services

    services.case_transition(actor=advisor, reference=case.reference, target="aftercare")
    services.case_transition(actor=advisor, reference=case.reference, target="closed", outcome="advised")
    assert complaint_deadline_todos(now=timezone.now() + timedelta(days=10))["created"] == 0
    assert not Todo.objects.exists()


def _task(key: str, due_at: datetime, **kwargs) -> Todo:
    return todo_create_system(key=key, kind="x", title="t", due_at=due_at, **kwargs)


def test_reminders_honour_the_next_working_day(advisor, coordinator):
    # Friday 1 May 2026, 10:00; Monday 4 May is a working day, Tuesday 5 May 2026 is not a lustrum Bevrijdingsdag.
    friday = datetime(2026, 5, 1, 10, 0, tzinfo=AMSTERDAM)
    _task("monday", datetime(2026, 5, 4, 16, 0, tzinfo=AMSTERDAM), assignee=advisor)
    _task("tuesday", datetime(2026, 5, 5, 16, 0, tzinfo=AMSTERDAM), assignee=advisor)
    _task("overdue", friday - timedelta(days=2), assignee=advisor)
    _task("pool", datetime(2026, 5, 2, 12, 0, tzinfo=AMSTERDAM))
    done = _task("done", friday, assignee=advisor)
    Todo.objects.filter(pk=done.pk).update(done_at=friday)
    assert todo_reminders(now=friday) == {"due": 3, "notified": 3}
    assert todo_reminders(now=friday) == {"due": 3, "notified": 0}
    assert Notification.objects.filter(recipient=advisor, kind="task_due").count() == 2
    assert Notification.objects.filter(recipient=coordinator, kind="task_due").count() == 1


def test_reminders_skip_public_holidays(advisor):
    # Wednesday 24 December 2025, 12:00: the next working day is Monday 29 December (Christmas and Boxing Day).
    christmas_eve = datetime(2025, 12, 24, 12, 0, tzinfo=AMSTERDAM)
    _task("after-holidays", datetime(2025, 12, 29, 12, 0, tzinfo=AMSTERDAM), assignee=advisor)
    _task("later", datetime(2025, 12, 30, 12, 0, tzinfo=AMSTERDAM), assignee=advisor)
    assert todo_reminders(now=christmas_eve) == {"due": 1, "notified": 1}


def test_a_moved_due_date_gets_a_new_reminder(advisor):
    now = timezone.now()
    task = _task("k", now + timedelta(hours=1), assignee=advisor)
    todo_reminders(now=now)
    Todo.objects.filter(pk=task.pk).update(due_at=now + timedelta(hours=2))
    assert todo_reminders(now=now)["notified"] == 1


def test_jobs_are_registered_and_idempotent_through_the_registry(advisor):
    case, _ = make_case(state="claimed", advisor=advisor)
    _incident(case, advisor, 21)
    now = timezone.now() + timedelta(days=10)
    assert JOBS["complaint_deadlines"].run(now)["created"] == 1
    assert JOBS["complaint_deadlines"].run(now) == {"created": 0, "notified": 0, "closed": 0}
    JOBS["task_reminders"].run(now)
    assert JOBS["task_reminders"].run(now)["notified"] == 0
