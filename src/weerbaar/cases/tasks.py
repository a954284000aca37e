"""Tasks: to-dos with a due date for an advisor or for the coordinators' pool.

Other apps and the background jobs create *system* tasks through ``task_create_system`` (idempotent on
``key``) and close them with ``task_close_system``. A system task's title is a fixed Dutch msgid, marked
here with ``gettext_noop`` and translated when shown, filled with ``title_params`` that hold only numbers,
dates and place names: never case content.

Hand-made tasks (an advisor's or coordinator's own to-do on a case) live in ``task_services``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from weerbaar.accounts import policy
from weerbaar.cases.models import Case, Task
from weerbaar.core import clock
from weerbaar.core.audit import audit_record

if TYPE_CHECKING:
    from weerbaar.accounts.models import User

# The fixed titles of system tasks. Creators may pass one of these or their own gettext_noop msgid.
TITLE_COMPLAINT_DEADLINE = gettext_noop("Aangiftetermijn verloopt op %(date)s")

MAX_KEY_LENGTH = 200
MAX_LINK_LENGTH = 300


def _resolve_assignee(*, assignee: User | None, case: Case | None, for_coordinators: bool) -> User | None:
    """The assignee, else the case's advisor, else nobody (the coordinators' pool). Inactive users don't count."""
    if for_coordinators:
        return None
    for candidate in (assignee, case.assigned_to if case is not None else None):
        if candidate is not None and policy.is_case_worker(candidate):
            return candidate
    return None


def _check_params(title_params: dict[str, Any]) -> dict[str, Any]:
    for name, value in title_params.items():
        if not isinstance(name, str) or not isinstance(value, str | int | float):
            raise ValueError("title_params holds plain strings and numbers only")
    return dict(title_params)


def task_create_system(
    *,
    key: str,
    kind: str,
    title: str,
    title_params: dict[str, Any] | None = None,
    due_at: datetime,
    case: Case | None = None,
    assignee: User | None = None,
    for_coordinators: bool = False,
    link: str = "",
    now: datetime | None = None,
) -> Task | None:
    """Create a system task once per ``key``; None when a task with that key exists already.

    Goes to ``assignee``, else the case's advisor, else the coordinators' pool (also when
    ``for_coordinators``). ``link`` is a path inside Weerbaar carrying references and ids only.
    """
    if not key or len(key) > MAX_KEY_LENGTH:
        raise ValueError("a system task needs a key of 1-200 characters")
    if link and (not link.startswith("/") or link.startswith("//") or len(link) > MAX_LINK_LENGTH):
        raise ValueError("link must be a path inside Weerbaar")
    if timezone.is_naive(due_at):
        raise ValueError("due_at must be aware")
    params = _check_params(title_params or {})
    now = now or clock.now()
    if Task.objects.filter(key=key).exists():
        return None
    owner = _resolve_assignee(assignee=assignee, case=case, for_coordinators=for_coordinators)
    try:
        with transaction.atomic():
            task = Task.objects.create(
                key=key,
                kind=kind,
                title=title,
                title_params=params,
                case=case,
                assignee=owner,
                for_coordinators=owner is None,
                due_at=due_at,
                link=link,
                created_at=now,
            )
            audit_record(
                actor=None,
                action="task.create_system",
                object_type="task",
                object_id=str(task.pk),
                details={"kind": kind, "case": case.reference if case else "", "pool": owner is None},
            )
    except IntegrityError:
        # Another run created the same key between our check and our insert.
        return None
    return task


def task_close_system(*, key: str, now: datetime | None = None) -> bool:
    """Mark the system task with ``key`` done; True when it was open."""
    now = now or clock.now()
    with transaction.atomic():
        task = Task.objects.select_for_update().filter(key=key, done_at__isnull=True).first()
        if task is None:
            return False
        task.done_at = now
        task.done_by = None
        task.save(update_fields=["done_at", "done_by"])
        audit_record(actor=None, action="task.close_system", object_type="task", object_id=str(task.pk))
    return True


def task_bring_forward(*, key: str, due_at: datetime) -> str:
    """Make the open system task with ``key`` due no later than ``due_at``.

    Returns "moved" (its due date came forward), "due" (it was due by then already) or "none" (no open task
    with that key: it was never made, or is done).
    """
    with transaction.atomic():
        task = Task.objects.select_for_update().filter(key=key, done_at__isnull=True).first()
        if task is None:
            return "none"
        if task.due_at <= due_at:
            return "due"
        task.due_at = due_at
        task.save(update_fields=["due_at"])
        audit_record(actor=None, action="task.brought_forward", object_type="task", object_id=str(task.pk))
    return "moved"
