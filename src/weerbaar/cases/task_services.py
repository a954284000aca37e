"""Hand-made tasks on a case, and marking any task done or open again.

A hand-made task always belongs to a case: its text may hold case content, so it is sealed under the case
key and never put in the audit log, a URL or an e-mail. The assignee is someone who may work the case
(``policy.can_take_case_task``) or the coordinators' pool. Web and API share ``validate_task``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts import policy
from weerbaar.accounts.models import User
from weerbaar.cases.choices import Status
from weerbaar.cases.models import Case, Task
from weerbaar.core.audit import audit_record
from weerbaar.core.clock import AMSTERDAM
from weerbaar.core.errors import Conflict, Errors

if TYPE_CHECKING:
    from weerbaar.accounts.models import User as UserType

MAX_TEXT = 500
MAX_DAYS_AHEAD = 2 * 366
POOL = ":coordinators"  # the web form's value for the coordinators' pool (no username contains a colon)


@dataclass(frozen=True)
class TaskData:
    text: str
    due_date: date
    assignee: str  # a username, "" for the actor
    for_coordinators: bool


def task_candidates(*, case: Case) -> list[UserType]:
    """People a task on ``case`` may go to (``policy.can_take_case_task``), the case's advisor first."""
    people = User.objects.filter(is_active=True, role__in=["advisor", "coordinator"]).filter(
        Q(pk=case.assigned_to_id) | Q(association_id=case.association_id)
    )
    allowed = [p for p in people if policy.can_take_case_task(p, case)]
    return sorted(allowed, key=lambda p: (p.pk != case.assigned_to_id, p.label.lower()))


def validate_task(raw: dict[str, Any], *, today: date | None = None) -> TaskData:
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
    return TaskData(text=text.strip(), due_date=due, assignee=assignee.strip(), for_coordinators=pool)


def due_moment(day: date) -> datetime:
    """A due date means: by the end of that working day, Amsterdam time."""
    end = time.fromisoformat(settings.WEERBAAR["WORKDAY_END"])
    return datetime.combine(day, end, AMSTERDAM)


def task_add(*, actor: UserType, reference: str, data: TaskData, now: datetime | None = None) -> Task:
    """Add a hand-made task to a case the actor works; the text is sealed under the case key."""
    now = now or timezone.now()
    with transaction.atomic():
        case = policy.access_case(actor, reference, for_update=True).case
        if case.status == Status.CLOSED:
            raise Conflict(_("Deze zaak is gesloten; heropen haar om een taak toe te voegen."), code="case_closed")
        assignee: UserType | None = None
        if not data.for_coordinators:
            username = data.assignee or actor.username
            assignee = next((p for p in task_candidates(case=case) if p.username == username), None)
            if assignee is None:
                errors = Errors()
                errors.add("assignee", _("Kies iemand die deze zaak mag behandelen."))
                errors.raise_if_any()
        task = Task.create_sealed(
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
            details={"task": task.pk, "assignee": assignee.username if assignee else "", "pool": assignee is None},
        )
    return task


def _set_done(*, actor: UserType, task_id: int, reference: str | None, done: bool, now: datetime | None) -> Task:
    now = now or timezone.now()
    with transaction.atomic():
        case = policy.access_case(actor, reference, level=policy.METADATA).case if reference is not None else None
        task = policy.access_task(actor, task_id, case=case, for_update=True)
        if (task.done_at is not None) != done:
            task.done_at = now if done else None
            task.done_by = actor if done else None
            task.save(update_fields=["done_at", "done_by"])
            audit_record(
                actor=actor,
                action="task.done" if done else "task.reopened",
                object_type="task",
                object_id=str(task.pk),
                details={"case": task.case.reference if task.case else ""},
            )
    return task


def task_complete(*, actor: UserType, task_id: int, reference: str | None = None, now: datetime | None = None) -> Task:
    """Mark a task done (doing it again changes nothing)."""
    return _set_done(actor=actor, task_id=task_id, reference=reference, done=True, now=now)


def task_reopen(*, actor: UserType, task_id: int, reference: str | None = None, now: datetime | None = None) -> Task:
    """Open a done task again (doing it again changes nothing)."""
    return _set_done(actor=actor, task_id=task_id, reference=reference, done=False, now=now)
