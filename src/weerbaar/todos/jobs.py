"""The background job of to-dos, registered with the kernel's scheduler (``core.jobs``) in ``apps.py``.

``todo_reminders`` announces every to-do about to be due (``signals.todo_due``); notifications reminds its
owner, once per to-do and due moment. The job's name on the coordinators' page stays ``task_reminders``.
Running it twice in a row changes nothing the second time.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.core.clock import AMSTERDAM, WorkingTime
from weerbaar.core.jobs import Job
from weerbaar.todos import signals
from weerbaar.todos.models import Todo


def todo_reminders(*, now: datetime | None = None) -> dict[str, int]:
    """Announce every open to-do due by the end of the next working day (or already overdue); its owner is
    reminded once per to-do and due moment (the assignee, or the coordinators for a pool to-do)."""
    now = now or timezone.now()
    horizon = WorkingTime.from_settings().end_of_working_days_after(now, 1)
    todos = (
        Todo.objects.filter(done_at__isnull=True, due_at__lte=horizon)
        .select_related("assignee", "case")
        .order_by("due_at", "id")
    )
    count = notified = 0
    for todo in todos:
        count += 1
        key = f"task_due:{todo.pk}:{todo.due_at.astimezone(AMSTERDAM).isoformat()}"
        responses = signals.todo_due.send(sender=Todo, todo=todo, key=key, now=now)
        notified += sum(int(response or 0) for _receiver, response in responses)
    return {"due": count, "notified": notified}


def _todo_reminders(now: datetime) -> dict[str, Any]:
    return todo_reminders(now=now)


JOBS = (
    Job(
        "task_reminders",
        timedelta(minutes=15),
        _todo_reminders,
        _("Open taken die uiterlijk aan het eind van de volgende werkdag af moeten zijn: één herinnering per taak."),
        _("elk kwartier"),
        title=_("Herinneringen voor taken"),
        position=60,
    ),
)
