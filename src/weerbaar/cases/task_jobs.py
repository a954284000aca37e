"""The background jobs of tasks: approaching complaint deadlines, and reminders of tasks about to be due.

Both are idempotent: a task is keyed per incident and deadline, a reminder per task and due moment, and
``notify`` makes one notification per recipient and key. Running a job twice in a row changes nothing.
"""

from __future__ import annotations

import importlib.util
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from weerbaar.cases.choices import Status
from weerbaar.cases.models import Task
from weerbaar.cases.task_services import due_moment
from weerbaar.cases.tasks import TITLE_COMPLAINT_DEADLINE, task_close_system, task_create_system
from weerbaar.core.clock import AMSTERDAM, WorkingTime

COMPLAINT_WINDOW = timedelta(days=14)
COMPLAINT_KIND = "complaint_deadline"
COMPLAINT_NOTIFICATION = "complaint_deadline_near"
REMINDER_NOTIFICATION = "task_due"


def _notifications() -> Any | None:
    """The notifications service, when that app provides it (imported lazily: it may not be there)."""
    if importlib.util.find_spec("weerbaar.notifications.services") is None:
        return None
    from weerbaar.notifications import services

    return services if hasattr(services, "notify") else None


def _notify_owner(task: Task, *, kind: str, key: str, link: str, now: datetime) -> int:
    services = _notifications()
    if services is None:
        return 0
    if task.assignee_id is not None:
        return int(services.notify(recipients=[task.assignee], kind=kind, key=key, link=link, now=now))
    return int(services.notify_coordinators(kind=kind, key=key, link=link, now=now))


def _dutch_date(day: date) -> str:
    return f"{day.day}-{day.month}-{day.year}"


def complaint_deadline_key(incident_id: int, deadline: date) -> str:
    return f"{COMPLAINT_KIND}:{incident_id}:{deadline.isoformat()}"


def complaint_deadline_tasks(*, now: datetime | None = None) -> dict[str, int]:
    """A task (and a notification) for the advisor of every open case with an incident whose complaint deadline
    is at most 14 days ahead and for which no complaint was recorded yet; such a task is closed once a
    complaint is recorded."""
    from weerbaar.incidents.choices import ReportKind
    from weerbaar.incidents.models import Incident

    now = now or timezone.now()
    today = now.astimezone(AMSTERDAM).date()
    complained = Q(police_report__kind=ReportKind.COMPLAINT)
    due = (
        Incident.objects.filter(complaint_deadline__gte=today, complaint_deadline__lte=today + COMPLAINT_WINDOW)
        .exclude(case__status=Status.CLOSED)
        .exclude(complained)
        .select_related("case", "case__assigned_to")
        .order_by("complaint_deadline", "id")
    )
    created = notified = closed = 0
    for incident in due:
        deadline: date = incident.complaint_deadline  # type: ignore[assignment]
        key = complaint_deadline_key(incident.pk, deadline)
        link = reverse("incidents:ws_detail", args=[incident.case.reference, incident.number])
        task = task_create_system(
            key=key,
            kind=COMPLAINT_KIND,
            title=TITLE_COMPLAINT_DEADLINE,
            title_params={"date": _dutch_date(deadline)},
            due_at=due_moment(deadline),
            case=incident.case,
            link=link,
            now=now,
        )
        if task is not None:
            created += 1
            notified += _notify_owner(task, kind=COMPLAINT_NOTIFICATION, key=key, link=link, now=now)
    # A complaint was recorded after all: its deadline task is done.
    for incident_id, deadline in Incident.objects.filter(complained, complaint_deadline__isnull=False).values_list(
        "id", "complaint_deadline"
    ):
        if task_close_system(key=complaint_deadline_key(incident_id, deadline), now=now):
            closed += 1
    return {"created": created, "notified": notified, "closed": closed}


def task_reminders(*, now: datetime | None = None) -> dict[str, int]:
    """One reminder per open task due by the end of the next working day (or already overdue), to its assignee
    or to the coordinators for a pool task."""
    now = now or timezone.now()
    if _notifications() is None:
        return {"due": 0, "notified": 0}
    horizon = WorkingTime.from_settings().end_of_working_days_after(now, 1)
    tasks = (
        Task.objects.filter(done_at__isnull=True, due_at__lte=horizon)
        .select_related("assignee", "case")
        .order_by("due_at", "id")
    )
    count = notified = 0
    for task in tasks:
        count += 1
        key = f"task_due:{task.pk}:{task.due_at.astimezone(AMSTERDAM).isoformat()}"
        link = reverse("cases:my_tasks")
        notified += _notify_owner(task, kind=REMINDER_NOTIFICATION, key=key, link=link, now=now)
    return {"due": count, "notified": notified}
