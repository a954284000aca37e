"""Reading tasks: "Mijn taken", the coordinators' pool and a case's tasks, as rows ready to show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts import policy
from weerbaar.cases.models import Case, Task

if TYPE_CHECKING:
    from weerbaar.accounts.models import User

DONE_RECENTLY = timedelta(days=14)
MAX_ROWS = 200


@dataclass(frozen=True)
class TaskRow:
    task: Task
    title: str
    overdue: bool
    system: bool
    case_reference: str
    case_status: str
    case_status_label: str


def task_title(task: Task, *, reader: User) -> str:
    """The task's title in the reader's language: a system title with its params, or the sealed own text."""
    if task.created_by_id is None:
        try:
            return _(task.title) % task.title_params if task.title_params else _(task.title)
        except (KeyError, TypeError, ValueError):
            return _(task.title)
    access = policy.task_text_access(reader, task)
    if access is not None:
        policy.require_content(access)
        return str(task.open("sealed_text"))
    return _("Eigen taak bij deze zaak (de tekst ziet alleen wie de zaak behandelt)")


def _rows(tasks: QuerySet[Task] | list[Task], *, reader: User, now: datetime) -> list[TaskRow]:
    rows = []
    for task in tasks:
        case: Case | None = task.case
        rows.append(
            TaskRow(
                task=task,
                title=task_title(task, reader=reader),
                overdue=task.done_at is None and task.due_at < now,
                system=task.created_by_id is None,
                case_reference=case.reference if case else "",
                case_status=case.status if case else "",
                case_status_label=case.get_status_display() if case else "",
            )
        )
    return rows


def rows_for(*, tasks: list[Task], user: User, now: datetime | None = None) -> list[TaskRow]:
    return _rows(tasks, reader=user, now=now or timezone.now())


def _base(user: User) -> QuerySet[Task]:
    return policy.tasks_visible_to(user).select_related("case", "case__association", "assignee", "done_by")


def my_tasks(*, user: User, done: bool = False, now: datetime | None = None) -> list[TaskRow]:
    """Tasks assigned to ``user``: open ones by due date, or the ones done in the last two weeks."""
    now = now or timezone.now()
    queryset = _base(user).filter(assignee=user)
    if done:
        queryset = queryset.filter(done_at__gte=now - DONE_RECENTLY).order_by("-done_at", "-id")
    else:
        queryset = queryset.filter(done_at__isnull=True).order_by("due_at", "id")
    return _rows(queryset[:MAX_ROWS], reader=user, now=now)


def pool_tasks(*, user: User, now: datetime | None = None) -> list[TaskRow]:
    """The coordinators' pool (open tasks for no one in particular): coordinators only."""
    if not policy.is_coordinator(user):
        return []
    now = now or timezone.now()
    queryset = _base(user).filter(for_coordinators=True, done_at__isnull=True).order_by("due_at", "id")
    return _rows(queryset[:MAX_ROWS], reader=user, now=now)


def tasks_for_api(*, user: User, status: str, now: datetime | None = None) -> list[TaskRow]:
    """``GET /tasks``: the user's own tasks plus, for a coordinator, the pool; open or done."""
    now = now or timezone.now()
    queryset = _base(user).filter(assignee=user)
    if policy.is_coordinator(user):
        queryset = _base(user).filter(assignee=user) | _base(user).filter(for_coordinators=True)
    if status == "done":
        queryset = queryset.filter(done_at__isnull=False).order_by("-done_at", "-id")
    else:
        queryset = queryset.filter(done_at__isnull=True).order_by("due_at", "id")
    return _rows(queryset[:MAX_ROWS], reader=user, now=now)


def case_tasks(*, user: User, case: Case, now: datetime | None = None) -> list[TaskRow]:
    """All tasks of a case whose content ``user`` may read: open first by due date, then done."""
    if not policy.can_add_case_task(user, case):
        return []
    now = now or timezone.now()
    queryset = _base(user).filter(case=case).order_by("done_at", "due_at", "id")
    tasks = list(queryset[:MAX_ROWS])
    for task in tasks:
        task.case = case  # one unwrapped case key for all rows
    tasks.sort(key=lambda t: (t.done_at is not None, t.due_at if t.done_at is None else -t.done_at.timestamp(), t.pk))
    return _rows(tasks, reader=user, now=now)
