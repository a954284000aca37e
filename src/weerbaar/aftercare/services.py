"""Write use cases of aftercare. Each locks the case row, changes, audits (ids and codes only), in one transaction.

Staff writes go through ``policy.access_aftercare_case``; the office holder's answer through
``policy.access_case_as_office_holder`` and ``policy.can_answer_check_in``. The background job
``checkins_make_due`` selects its own rows and needs no actor.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from weerbaar.accounts import policy
from weerbaar.accounts.models import User
from weerbaar.aftercare import schedule
from weerbaar.aftercare.choices import OPEN_STATUSES, CheckInStatus, Mood, Relation
from weerbaar.aftercare.models import AftercarePlan, CheckIn, HouseholdMember
from weerbaar.aftercare.validation import (
    check_due_on,
    validate_answer,
    validate_follow_up,
    validate_member,
    validate_question,
)
from weerbaar.cases.models import Case
from weerbaar.core import clock
from weerbaar.core.audit import audit_record
from weerbaar.core.errors import Conflict, Errors, NotFound

# Titles of the advisor's task per check-in (translated when shown; the only parameter is a number).
TASK_TITLE_OFFICE_HOLDER = gettext_noop("Nazorg: check-in ambtsdrager")
TASK_TITLE_MEMBER = gettext_noop("Nazorg: check-in huisgenoot %(n)s")
TASK_KIND = "checkin"

NOTIFY_DUE = "checkin_due"
NOTIFY_ANSWERED = "checkin_answered"

# Confirmation tokens of the close check (see apps.py): the plan closes with the case, or keeps running.
CLOSE_CODE = "aftercare_open"
CLOSE_PLAN = "aftercare_close"
KEEP_RUNNING = "aftercare_keep"


def task_key(check_in: CheckIn) -> str:
    return f"checkin:{check_in.pk}"


def urgent_task_key(check_in: CheckIn) -> str:
    """A second task, only when the check-in's own task was closed before a "Slecht" answer came in."""
    return f"checkin:{check_in.pk}:answer"


def plan_link(case: Case) -> str:
    return reverse("aftercare:ws_plan", args=[case.reference])


# --- the plan ----------------------------------------------------------------------------------


def _add_defaults(plan: AftercarePlan, *, start: datetime, actor: User | None, member: HouseholdMember | None) -> int:
    moments = schedule.default_moments(start)
    CheckIn.objects.bulk_create(
        [CheckIn(plan=plan, member=member, due_at=moment, created_at=start, created_by=actor) for moment in moments]
    )
    return len(moments)


def aftercare_plan_start(*, case: Case, actor: Any = None, now: datetime | None = None) -> AftercarePlan:
    """Make the case's plan with the default check-ins when it moves to aftercare.

    Idempotent: a case that comes back to aftercare (after reopening) keeps its plan; a closed plan opens
    again. Default check-ins for the office holder are added only when none is open (planned or due), so
    going back and forth never doubles them.
    """
    now = now or clock.now()
    user = actor if isinstance(actor, User) else None
    with transaction.atomic(savepoint=False):
        plan, created = AftercarePlan.objects.select_for_update().get_or_create(
            case=case, defaults={"started_at": now, "created_by": user}
        )
        reopened = False
        if not created and plan.closed_at is not None:
            plan.closed_at, plan.closed_by = None, None
            plan.save(update_fields=["closed_at", "closed_by"])
            reopened = True
        added = 0
        if not plan.check_ins.filter(member__isnull=True, status__in=OPEN_STATUSES).exists():
            added = _add_defaults(plan, start=now, actor=user, member=None)
        if created or reopened or added:
            audit_record(
                actor=actor,
                action="aftercare.plan_started" if created else "aftercare.plan_resumed",
                object_type="case",
                object_id=case.reference,
                details={"plan": plan.pk, "checkInsAdded": added},
            )
    return plan


def _close_plan(plan: AftercarePlan, *, actor: Any, now: datetime) -> int:
    """Close an open plan: planned and due check-ins lapse and their tasks close. Returns how many."""
    from weerbaar.todos.services import todo_close_system

    open_ones = list(plan.check_ins.filter(status__in=OPEN_STATUSES))
    for check_in in open_ones:
        if check_in.status == CheckInStatus.DUE:
            todo_close_system(key=task_key(check_in), now=now)
    # "Vervallen (plan afgesloten)", not "Overgeslagen": nobody chose to skip these one by one.
    plan.check_ins.filter(pk__in=[c.pk for c in open_ones]).update(status=CheckInStatus.LAPSED)
    plan.closed_at = now
    plan.closed_by = actor if isinstance(actor, User) else None
    plan.save(update_fields=["closed_at", "closed_by"])
    audit_record(
        actor=actor,
        action="aftercare.plan_closed",
        object_type="case",
        object_id=plan.case.reference,
        details={"plan": plan.pk, "skipped": len(open_ones)},
    )
    return len(open_ones)


def _plan_for_update(case: Case) -> AftercarePlan:
    plan = AftercarePlan.objects.select_for_update().filter(case=case).first()
    if plan is None:
        raise NotFound(_("Deze zaak heeft geen nazorgplan."))
    plan.case = case
    return plan


def _open_plan_for_update(case: Case) -> AftercarePlan:
    plan = _plan_for_update(case)
    if plan.closed_at is not None:
        raise Conflict(_("Het nazorgplan is afgesloten."), code="aftercare_closed")
    return plan


def aftercare_plan_close(*, actor: User, reference: str, now: datetime | None = None) -> AftercarePlan:
    """The advisor ends aftercare (after the confirmation page): remaining check-ins lapse."""
    now = now or clock.now()
    with transaction.atomic():
        case = policy.access_aftercare_case(actor, reference, for_update=True).case
        plan = _open_plan_for_update(case)
        _close_plan(plan, actor=actor, now=now)
    return plan


def aftercare_on_case_closed(*, case: Case, actor: Any, confirmed: frozenset[str], now: datetime) -> None:
    """The case closed with its plan open (confirmed): the plan closes too, unless the advisor chose to keep
    aftercare running after closing (DESIGN: "aftercare reminders keep running")."""
    plan = AftercarePlan.objects.select_for_update().filter(case=case, closed_at__isnull=True).first()
    if plan is None:
        return
    plan.case = case
    if KEEP_RUNNING in confirmed:
        audit_record(actor=actor, action="aftercare.kept_running", object_type="case", object_id=case.reference)
        return
    _close_plan(plan, actor=actor, now=now)


def plan_is_open(case: Case) -> bool:
    return AftercarePlan.objects.filter(case=case, closed_at__isnull=True).exists()


# --- check-ins by the advisor --------------------------------------------------------------------


def _member(plan: AftercarePlan, number: int | None) -> HouseholdMember | None:
    if number is None:
        return None
    member = plan.members.filter(number=number).first()
    if member is None:
        errors = Errors()
        errors.add("member", _("Kies de ambtsdrager of een huisgenoot uit de lijst."))
        errors.raise_if_any()
    return member


def check_in_add(
    *,
    actor: User,
    reference: str,
    due_on: date | str,
    member_number: int | None = None,
    question: str = "",
    today: date | None = None,
) -> CheckIn:
    """Plan an extra check-in for the office holder or a household member (10:00 on that day or the next
    working day)."""
    today = today or timezone.localdate()
    errors = Errors()
    day = check_due_on(errors, "dueOn", due_on, today=today)
    errors.raise_if_any()
    question = validate_question(question=question)
    assert day is not None
    with transaction.atomic():
        case = policy.access_aftercare_case(actor, reference, for_update=True).case
        plan = _open_plan_for_update(case)
        member = _member(plan, member_number)
        check_in = CheckIn.create_sealed(
            sealed={"sealed_question": question or None},
            under=case,
            plan=plan,
            member=member,
            due_at=schedule.due_at_on(day),
            created_at=clock.now(),
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action="aftercare.check_in_added",
            object_type="case",
            object_id=case.reference,
            details={"checkIn": check_in.pk, "member": member.number if member else None},
        )
    return check_in


def _check_in_for_update(plan: AftercarePlan, check_in_id: int) -> CheckIn:
    check_in = (
        CheckIn.objects.select_for_update(of=("self",))
        .select_related("member")
        .filter(pk=check_in_id, plan=plan)
        .first()
    )
    if check_in is None:
        raise NotFound(_("Deze check-in bestaat niet."))
    check_in.plan = plan
    return check_in


def check_in_move(
    *, actor: User, reference: str, check_in_id: int, due_on: date | str, today: date | None = None
) -> CheckIn:
    """Move a planned check-in to another day."""
    today = today or timezone.localdate()
    errors = Errors()
    day = check_due_on(errors, "dueOn", due_on, today=today)
    errors.raise_if_any()
    assert day is not None
    with transaction.atomic():
        case = policy.access_aftercare_case(actor, reference, for_update=True).case
        plan = _open_plan_for_update(case)
        check_in = _check_in_for_update(plan, check_in_id)
        if check_in.status != CheckInStatus.PLANNED:
            raise Conflict(_("Alleen een geplande check-in kan worden verplaatst."), code="check_in_not_planned")
        check_in.due_at = schedule.due_at_on(day)
        check_in.save(update_fields=["due_at"])
        audit_record(
            actor=actor,
            action="aftercare.check_in_moved",
            object_type="case",
            object_id=case.reference,
            details={"checkIn": check_in.pk},
        )
    return check_in


def check_in_skip(*, actor: User, reference: str, check_in_id: int) -> CheckIn:
    """Remove a planned or due check-in from the plan (kept in the history as skipped)."""
    from weerbaar.todos.services import todo_close_system

    with transaction.atomic():
        case = policy.access_aftercare_case(actor, reference, for_update=True).case
        plan = _open_plan_for_update(case)
        check_in = _check_in_for_update(plan, check_in_id)
        if check_in.status not in OPEN_STATUSES:
            raise Conflict(_("Deze check-in is al beantwoord of afgerond."), code="check_in_not_open")
        if check_in.status == CheckInStatus.DUE:
            todo_close_system(key=task_key(check_in))
        check_in.status = CheckInStatus.SKIPPED
        check_in.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="aftercare.check_in_skipped",
            object_type="case",
            object_id=case.reference,
            details={"checkIn": check_in.pk},
        )
    return check_in


def check_in_follow_up(
    *, actor: User, reference: str, check_in_id: int, text: str, now: datetime | None = None
) -> CheckIn:
    """The advisor records what they did after a check-in (also without an answer, e.g. after a call)."""
    from weerbaar.todos.services import todo_close_system

    text = validate_follow_up(text=text)
    now = now or clock.now()
    with transaction.atomic():
        case = policy.access_aftercare_case(actor, reference, for_update=True).case
        plan = _plan_for_update(case)
        check_in = _check_in_for_update(plan, check_in_id)
        if check_in.status not in (CheckInStatus.DUE, CheckInStatus.ANSWERED, CheckInStatus.FOLLOWED_UP):
            raise Conflict(
                _("Opvolging kan pas als de check-in is verstuurd, en niet bij een overgeslagen check-in."),
                code="check_in_not_sent",
            )
        check_in.seal("sealed_follow_up", text, under=case)
        check_in.followed_up_at = now
        check_in.followed_up_by = actor
        check_in.status = CheckInStatus.FOLLOWED_UP
        check_in.save(update_fields=["sealed_follow_up", "followed_up_at", "followed_up_by", "status"])
        todo_close_system(key=task_key(check_in), now=now)
        todo_close_system(key=urgent_task_key(check_in), now=now)
        audit_record(
            actor=actor,
            action="aftercare.check_in_followed_up",
            object_type="case",
            object_id=case.reference,
            details={"checkIn": check_in.pk},
        )
    return check_in


def household_member_add(
    *, actor: User, reference: str, name: str, relation: str, with_check_ins: bool = True, now: datetime | None = None
) -> HouseholdMember:
    """Add a household member (name and relation sealed); with the default check-ins from now on if asked."""
    data = validate_member(name=name, relation=relation)
    now = now or clock.now()
    with transaction.atomic():
        case = policy.access_aftercare_case(actor, reference, for_update=True).case
        plan = _open_plan_for_update(case)
        number = (plan.members.aggregate(m=Max("number"))["m"] or 0) + 1
        member = HouseholdMember.create_sealed(
            sealed={"sealed_name": data.name, "sealed_relation": data.relation},
            under=case,
            plan=plan,
            number=number,
            created_at=now,
            created_by=actor,
        )
        added = _add_defaults(plan, start=now, actor=actor, member=member) if with_check_ins else 0
        audit_record(
            actor=actor,
            action="aftercare.member_added",
            object_type="case",
            object_id=case.reference,
            details={"member": number, "checkInsAdded": added},
        )
    return member


# --- the office holder's answer ---------------------------------------------------------------------


def check_in_answer(
    *,
    principal: policy.OfficeHolder,
    reference: str,
    check_in_id: int,
    text: str,
    mood: str = "",
    now: datetime | None = None,
) -> CheckIn:
    """The office holder answers "Hoe gaat het met u?" for a check-in that became due."""
    from weerbaar.notifications.services import notify, notify_coordinators

    answer = validate_answer(text=text, mood=mood)
    now = now or clock.now()
    with transaction.atomic():
        case = policy.access_case_as_office_holder(principal, reference).case
        if not policy.can_answer_check_in(principal, case):
            raise NotFound(_("Deze check-in bestaat niet."))
        case = Case.objects.select_for_update(of=("self",)).select_related("assigned_to").get(pk=case.pk)
        plan = _plan_for_update(case)
        check_in = _check_in_for_update(plan, check_in_id)
        if check_in.status == CheckInStatus.PLANNED:
            raise NotFound(_("Deze check-in bestaat niet."))  # not sent yet: the office holder does not see it
        if check_in.status != CheckInStatus.DUE:
            raise Conflict(_("Deze vraag is al beantwoord of vervallen."), code="check_in_not_open")
        check_in.seal("sealed_answer", {"text": answer.text, "mood": answer.mood}, under=case)
        check_in.answered_at = now
        check_in.status = CheckInStatus.ANSWERED
        check_in.save(update_fields=["sealed_answer", "answered_at", "status"])
        audit_record(
            actor=principal.username,
            action="aftercare.check_in_answered",
            object_type="case",
            object_id=case.reference,
            details={"checkIn": check_in.pk},
        )
        if answer.mood == Mood.BAD:
            _prioritise(case, check_in, now=now)
        key, link = f"checkin_answered:{check_in.pk}", plan_link(case)
        if case.assigned_to is not None and policy.is_case_worker(case.assigned_to):
            notify(recipients=[case.assigned_to], kind=NOTIFY_ANSWERED, key=key, link=link, now=now)
        else:
            notify_coordinators(kind=NOTIFY_ANSWERED, key=key, link=link, now=now)
    return check_in


def _prioritise(case: Case, check_in: CheckIn, *, now: datetime) -> None:
    """A "Slecht" answer puts the advisor's task for this check-in on top of Mijn taken: due now.

    Only the due date says so; the task's title, the notification (kind ``checkin_answered``) and any
    e-mail stay the same for every answer, so the mood never leaves the sealed answer.
    """
    from weerbaar.todos.services import todo_bring_forward, todo_create_system

    if todo_bring_forward(key=task_key(check_in), due_at=now) == "none":
        # The task was closed by hand before the answer came: a new one, due now.
        todo_create_system(
            key=urgent_task_key(check_in),
            kind=TASK_KIND,
            title=TASK_TITLE_OFFICE_HOLDER if check_in.member is None else TASK_TITLE_MEMBER,
            title_params={} if check_in.member is None else {"n": check_in.member.number},
            due_at=now,
            case=case,
            link=plan_link(case),
            now=now,
        )


# --- the background job ---------------------------------------------------------------------------------


def relation_label(relation: str) -> str:
    return str(dict(Relation.choices).get(relation, Relation.OTHER.label))


def portal_message(case: Case, check_in: CheckIn) -> str:
    """The "Hoe gaat het met u?" message in Mijn zaak. About a household member: "uw huisgenoot" and the
    relation, never the name (the message is sealed, but a name has no need to be repeated).

    Run by the background job, not by a person: it opens the question under the job's own grant and seals it
    again as a message in the same case (never into an e-mail); ``aftercare.check_in_due`` audits the step."""
    case = policy.require_content(policy.system_access(case, purpose="aftercare.check_in_due"))
    question = check_in.open("sealed_question", under=case)
    if check_in.member is None:
        first = question or _("Hoe gaat het met u?")
    else:
        relation = check_in.member.open("sealed_relation", under=case)
        first = question or _("Hoe gaat het met uw huisgenoot (%(relation)s)?") % {"relation": relation_label(relation)}
    return "\n\n".join(
        [
            first,
            _(
                "Uw adviseur wil graag weten hoe het nu gaat. U kunt antwoorden op de pagina Nazorg in "
                "Mijn zaak. Liever even bellen? Dat kan ook."
            ),
        ]
    )


def checkins_make_due(*, now: datetime | None = None) -> dict[str, int]:
    """Every planned check-in of an open plan whose moment has come: status due, a task for the advisor,
    a message in Mijn zaak and a notification. Idempotent: a second run finds nothing planned and due."""
    from weerbaar.cases.services import case_message_send_system
    from weerbaar.notifications.services import notify, notify_coordinators
    from weerbaar.todos.services import todo_create_system

    now = now or clock.now()
    counts = {"due": 0, "messages": 0, "tasks": 0, "notified": 0}
    ids = list(
        CheckIn.objects.filter(status=CheckInStatus.PLANNED, due_at__lte=now, plan__closed_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    for pk in ids:
        with transaction.atomic():
            check_in = (
                CheckIn.objects.select_for_update(of=("self",))
                .select_related("plan__case__assigned_to", "member")
                .filter(pk=pk, status=CheckInStatus.PLANNED, plan__closed_at__isnull=True)
                .first()
            )
            if check_in is None:
                continue  # another run got there first
            case = check_in.plan.case
            check_in.status = CheckInStatus.DUE
            check_in.became_due_at = now
            check_in.save(update_fields=["status", "became_due_at"])
            counts["due"] += 1
            with translation.override("nl"):
                case_message_send_system(case=case, text=portal_message(case, check_in), now=now)
            counts["messages"] += 1
            if check_in.member is None:
                title, params = TASK_TITLE_OFFICE_HOLDER, {}
            else:
                title, params = TASK_TITLE_MEMBER, {"n": check_in.member.number}
            link = plan_link(case)
            todo = todo_create_system(
                key=task_key(check_in),
                kind=TASK_KIND,
                title=title,
                title_params=params,
                due_at=schedule.task_due_at(check_in.due_at),
                case=case,
                link=link,
                now=now,
            )
            counts["tasks"] += todo is not None
            key = f"checkin_due:{check_in.pk}"
            if case.assigned_to is not None and policy.is_case_worker(case.assigned_to):
                counts["notified"] += notify(
                    recipients=[case.assigned_to], kind=NOTIFY_DUE, key=key, link=link, now=now
                )
            else:
                counts["notified"] += notify_coordinators(kind=NOTIFY_DUE, key=key, link=link, now=now)
            audit_record(
                actor=None,
                action="aftercare.check_in_due",
                object_type="case",
                object_id=case.reference,
                details={"checkIn": check_in.pk},
            )
    return counts
