"""To-dos (``todos.Todo``; "taken" on the pages): who sees and works them, and who reads a hand-made one's own text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from weerbaar.accounts.models import Role
from weerbaar.accounts.policy._roles import CASE_WORKER_ROLES, _role, may_use_case_endpoints, task_not_found
from weerbaar.accounts.policy.access import CONTENT, CaseAccess, _grant_case
from weerbaar.accounts.policy.cases import can_read_case_content, cases_with_content_for

if TYPE_CHECKING:
    from weerbaar.accounts.models import User
    from weerbaar.cases.models import Case
    from weerbaar.todos.models import Todo


def _task_predicate(user: User) -> Q:
    """Tasks a case worker sees: assigned to them, on a case whose content they may read, and for a
    coordinator the coordinators' pool."""
    q = Q(assignee=user) | Q(case__in=cases_with_content_for(user))
    if _role(user) == Role.COORDINATOR:
        q |= Q(for_coordinators=True)
    return q


def tasks_visible_to(user: Any) -> QuerySet[Todo]:
    """Tasks ``user`` may see and work (mark done, reopen): advisors and coordinators only."""
    from weerbaar.todos.models import Todo

    if _role(user) not in CASE_WORKER_ROLES:
        return Todo.objects.none()
    return Todo.objects.filter(_task_predicate(user))


def can_read_task_text(user: Any, task: Todo) -> bool:
    """A hand-made task's own text is case content: only for those who may read the case's content."""
    return task.case is not None and can_read_case_content(user, task.case)


def task_text_access(user: Any, task: Todo) -> CaseAccess | None:
    """Content access to the case of a task whose own text ``user`` may read, else None."""
    if task.case is None or not can_read_task_text(user, task):
        return None
    return _grant_case(user, task.case, CONTENT)


def can_add_case_task(user: Any, case: Case) -> bool:
    return can_read_case_content(user, case)


def can_take_case_task(person: Any, case: Case) -> bool:
    """Who may be given a task on ``case``: an active advisor or coordinator who may work the case."""
    return can_read_case_content(person, case)


def access_task(user: Any, task_id: int, *, case: Case | None = None, for_update: bool = False) -> Todo:
    """Load a task ``user`` may work (optionally on ``case``), or NotFound whether missing or not theirs.

    A task row itself holds no content: its own text is opened through ``task_text_access``.
    """
    may_use_case_endpoints(user)
    queryset = tasks_visible_to(user).select_related("case", "assignee")
    if case is not None:
        queryset = queryset.filter(case=case)
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    task = queryset.filter(pk=task_id).first()
    if task is None:
        raise task_not_found()
    return task
