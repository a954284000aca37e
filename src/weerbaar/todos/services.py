"""To-dos: a due date for an advisor or for the coordinators' pool, hand-made on a case or made by Weerbaar.

*System* to-dos come from other apps and background jobs: ``todo_create_system`` (idempotent on ``key``),
``todo_close_system`` and ``todo_bring_forward``. A system to-do's title is a fixed Dutch msgid, marked with
``gettext_noop`` and translated when shown, filled with ``title_params`` that hold only numbers, dates and place
names: never case content.

A *hand-made* to-do always belongs to a case: its text may hold case content, so it is sealed under the case key
and never put in the audit log, a URL or an e-mail. The assignee is someone who may work the case
(``policy.can_take_case_task``) or the coordinators' pool. Web and API share ``validate_todo``. Marking any
to-do done or open again is ``todo_complete`` and ``todo_reopen``.

The pages and the API call a to-do a "taak"/"task", and so do the audit events (``task.*``): those names are
contracts and stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from weerbaar.accounts import policy
from weerbaar.accounts.models import User
from weerbaar.cases.choices import Status
from weerbaar.cases.models import Case
from weerbaar.core import clock
from weerbaar.core.audit import audit_record
from weerbaar.core.clock import AMSTERDAM
from weerbaar.core.errors import Conflict, Errors
from weerbaar.todos.models import Todo

# The fixed titles of system to-dos. Creators may pass one of these or their own gettext_noop msgid.
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


def todo_create_system(
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
) -> Todo | None:
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
    if Todo.objects.filter(key=key).exists():
        return None
    owner = _resolve_assignee(assignee=assignee, case=case, for_coordinators=for_coordinators)
    try:
        with transaction.atomic():
            todo = Todo.objects.create(
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
                object_id=str(todo.pk),
                details={"kind": kind, "case": case.reference if case else "", "pool": owner is None},
            )
    except IntegrityError:
        # Another run created the same key between our check and our insert.
        return None
    return todo


def todo_close_system(*, key: str, now: datetime | None = None) -> bool:
    """Mark the system task with ``key`` done; True when it was open."""
    now = now or clock.now()
    with transaction.atomic():
        todo = Todo.objects.select_for_update().filter(key=key, done_at__isnull=True).first()
        if todo is None:
            return False
        todo.done_at = now
        todo.done_by = None
        todo.save(update_fields=["done_at", "done_by"])
        audit_record(actor=None, action="task.close_system", object_type="task", object_id=str(todo.pk))
    return True


def todo_bring_forward(*, key: str, due_at: datetime) -> str:
    """Make the open system task with ``key`` due no later than ``due_at``.

    Returns "moved" (its due date came forward), "due" (it was due by then already) or "none" (no open task
    with that key: it was never made, or is done).
    """
    with transaction.atomic():
        todo = Todo.objects.select_for_update().filter(key=key, done_at__isnull=True).first()
        if todo is None:
            return "none"
        if todo.due_at <= due_at:
            return "due"
        todo.due_at = due_at
        todo.save(update_fields=["due_at"])
        audit_record(actor=None, action="task.brought_forward", object_type="task", object_id=str(todo.pk))
    return "moved"


# --- hand-made to-dos on a case, and marking any to-do done or open again ----------------------

MAX_TEXT = 500
MAX_DAYS_AHEAD = 2 * 366
POOL = ":coordinators"  # the web form's value for the coordinators' pool (no username contains a colon)


@dataclass(frozen=True)
class TodoData:
    text: str
    due_date: date
    assignee: str  # a username, "" for the actor
    for_coordinators: bool


def todo_candidates(*, case: Case) -> list[User]:
    """People a task on ``case`` may go to (``policy.can_take_case_task``), the case's advisor first."""
    people = User.objects.filter(is_active=True, role__in=["advisor", "coordinator"]).filter(
        Q(pk=case.assigned_to_id) | Q(association_id=case.association_id)
    )
    allowed = [p for p in people if policy.can_take_case_task(p, case)]
    return sorted(allowed, key=lambda p: (p.pk != case.assigned_to_id, p.label.lower()))


def validate_todo(raw: dict[str, Any], *, today: date | None = None) -> TodoData:
    """Check a task's input (API names: text, dueDate, assignee, forCoordinators); every problem at once."""
    errors = Errors()
    today = today or timezone.localdate()
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        errors.add("text", _("Schrijf wat er moet gebeuren."))
        text = ""
    elif len(text.strip()) > MAX_TEXT:
        errors.add("text", _("Gebruik ten hoogste %(max)s tekens.") % {"max": MAX_TEXT})
    due_raw = raw.get("dueDate")
    due = None
    if isinstance(due_raw, date):
        due = due_raw
    elif isinstance(due_raw, str) and due_raw.strip():
        try:
            due = date.fromisoformat(due_raw.strip())
        except ValueError:
            errors.add("dueDate", _("Geef een datum als JJJJ-MM-DD."))
    else:
        errors.add("dueDate", _("Kies een datum waarop het klaar moet zijn."))
    if due is not None and due < today:
        errors.add("dueDate", _("Deze datum ligt in het verleden."))
    elif due is not None and due > today + timedelta(days=MAX_DAYS_AHEAD):
        errors.add("dueDate", _("Kies een datum binnen twee jaar."))
    assignee = raw.get("assignee")
    if assignee is None:
        assignee = ""
    if not isinstance(assignee, str):
        errors.add("assignee", _("Geef de gebruikersnaam van een medewerker."))
        assignee = ""
    pool = raw.get("forCoordinators", False)
    if not isinstance(pool, bool):
        errors.add("forCoordinators", _("Geef true of false."))
        pool = False
    if pool and assignee:
        errors.add("assignee", _("Kies een medewerker of de coördinatoren, niet allebei."))
    errors.raise_if_any()
    assert due is not None
    return TodoData(text=text.strip(), due_date=due, assignee=assignee.strip(), for_coordinators=pool)


def due_moment(day: date) -> datetime:
    """A due date means: by the end of that working day, Amsterdam time."""
    end = time.fromisoformat(settings.WEERBAAR["WORKDAY_END"])
    return datetime.combine(day, end, AMSTERDAM)


def todo_add(*, actor: User, reference: str, data: TodoData, now: datetime | None = None) -> Todo:
    """Add a hand-made task to a case the actor works; the text is sealed under the case key."""
    now = now or clock.now()
    with transaction.atomic():
        case = policy.access_case(actor, reference, for_update=True).case
        if case.status == Status.CLOSED:
            raise Conflict(_("Deze zaak is gesloten; heropen haar om een taak toe te voegen."), code="case_closed")
        assignee: User | None = None
        if not data.for_coordinators:
            username = data.assignee or actor.username
            assignee = next((p for p in todo_candidates(case=case) if p.username == username), None)
            if assignee is None:
                errors = Errors()
                errors.add("assignee", _("Kies iemand die deze zaak mag behandelen."))
                errors.raise_if_any()
        todo = Todo.create_sealed(
            sealed={"sealed_text": data.text},
            under=case,
            kind="manual",
            case=case,
            assignee=assignee,
            for_coordinators=assignee is None,
            due_at=due_moment(data.due_date),
            created_by=actor,
            created_at=now,
        )
        audit_record(
            actor=actor,
            action="task.added",
            object_type="case",
            object_id=case.reference,
            details={"task": todo.pk, "assignee": assignee.username if assignee else "", "pool": assignee is None},
        )
    return todo


def _set_done(*, actor: User, todo_id: int, reference: str | None, done: bool, now: datetime | None) -> Todo:
    now = now or clock.now()
    with transaction.atomic():
        case = policy.access_case(actor, reference, level=policy.METADATA).case if reference is not None else None
        todo = policy.access_task(actor, todo_id, case=case, for_update=True)
        if (todo.done_at is not None) != done:
            todo.done_at = now if done else None
            todo.done_by = actor if done else None
            todo.save(update_fields=["done_at", "done_by"])
            audit_record(
                actor=actor,
                action="task.done" if done else "task.reopened",
                object_type="task",
                object_id=str(todo.pk),
                details={"case": todo.case.reference if todo.case else ""},
            )
    return todo


def todo_complete(*, actor: User, todo_id: int, reference: str | None = None, now: datetime | None = None) -> Todo:
    """Mark a task done (doing it again changes nothing)."""
    return _set_done(actor=actor, todo_id=todo_id, reference=reference, done=True, now=now)


def todo_reopen(*, actor: User, todo_id: int, reference: str | None = None, now: datetime | None = None) -> Todo:
    """Open a done task again (doing it again changes nothing)."""
    return _set_done(actor=actor, todo_id=todo_id, reference=reference, done=False, now=now)
