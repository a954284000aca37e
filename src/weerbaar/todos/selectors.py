"""Reading to-dos: "Mijn taken", the coordinators' pool and a case's to-dos, as rows ready to show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts import policy
from weerbaar.cases.models import Case
from weerbaar.todos.models import Todo

if TYPE_CHECKING:
    from weerbaar.accounts.models import User

DONE_RECENTLY = timedelta(days=14)
MAX_ROWS = 200


@dataclass(frozen=True)
class TodoRow:
    todo: Todo
    title: str
    overdue: bool
    system: bool
    case_reference: str
    case_status: str
    case_status_label: str


def todo_title(todo: Todo, *, reader: User) -> str:
    """The task's title in the reader's language: a system title with its params, or the sealed own text."""
    if todo.created_by_id is None:
        try:
            return _(todo.title) % todo.title_params if todo.title_params else _(todo.title)
        except (KeyError, TypeError, ValueError):
            return _(todo.title)
    access = policy.task_text_access(reader, todo)
    if access is not None:
        policy.require_content(access)
        return str(todo.open("sealed_text"))
    return _("Eigen taak bij deze zaak (de tekst ziet alleen wie de zaak behandelt)")


def _rows(todos: QuerySet[Todo] | list[Todo], *, reader: User, now: datetime) -> list[TodoRow]:
    rows = []
    for todo in todos:
        case: Case | None = todo.case
        rows.append(
            TodoRow(
                todo=todo,
                title=todo_title(todo, reader=reader),
                overdue=todo.done_at is None and todo.due_at < now,
                system=todo.created_by_id is None,
                case_reference=case.reference if case else "",
                case_status=case.status if case else "",
                case_status_label=case.get_status_display() if case else "",
            )
        )
    return rows


def rows_for(*, todos: list[Todo], user: User, now: datetime | None = None) -> list[TodoRow]:
    return _rows(todos, reader=user, now=now or timezone.now())


def _base(user: User) -> QuerySet[Todo]:
    return policy.tasks_visible_to(user).select_related("case", "case__association", "assignee", "done_by")


def my_todos(*, user: User, done: bool = False, now: datetime | None = None) -> list[TodoRow]:
    """Tasks assigned to ``user``: open ones by due date, or the ones done in the last two weeks."""
    now = now or timezone.now()
    queryset = _base(user).filter(assignee=user)
    if done:
        queryset = queryset.filter(done_at__gte=now - DONE_RECENTLY).order_by("-done_at", "-id")
    else:
        queryset = queryset.filter(done_at__isnull=True).order_by("due_at", "id")
    return _rows(queryset[:MAX_ROWS], reader=user, now=now)


def pool_todos(*, user: User, now: datetime | None = None) -> list[TodoRow]:
    """The coordinators' pool (open tasks for no one in particular): coordinators only."""
    if not policy.is_coordinator(user):
        return []
    now = now or timezone.now()
    queryset = _base(user).filter(for_coordinators=True, done_at__isnull=True).order_by("due_at", "id")
    return _rows(queryset[:MAX_ROWS], reader=user, now=now)


def todos_for_api(*, user: User, status: str, now: datetime | None = None) -> list[TodoRow]:
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


def case_todos(*, user: User, case: Case, now: datetime | None = None) -> list[TodoRow]:
    """All tasks of a case whose content ``user`` may read: open first by due date, then done."""
    if not policy.can_add_case_task(user, case):
        return []
    now = now or timezone.now()
    queryset = _base(user).filter(case=case).order_by("done_at", "due_at", "id")
    todos = list(queryset[:MAX_ROWS])
    for todo in todos:
        todo.case = case  # one unwrapped case key for all rows
    todos.sort(key=lambda t: (t.done_at is not None, t.due_at if t.done_at is None else -t.done_at.timestamp(), t.pk))
    return _rows(todos, reader=user, now=now)
