"""Reads of aftercare plans: decrypted, shaped for display, audited (ids only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from weerbaar.accounts import policy
from weerbaar.aftercare.choices import OPEN_STATUSES, CheckInStatus, Mood, Relation
from weerbaar.aftercare.models import AftercarePlan, CheckIn, HouseholdMember
from weerbaar.cases.models import Case
from weerbaar.core.audit import audit_record

STATUS_LABELS = dict(CheckInStatus.choices)
MOOD_LABELS = dict(Mood.choices)
RELATION_LABELS = dict(Relation.choices)


@dataclass
class MemberView:
    number: int
    name: str
    relation: str
    relation_label: str


@dataclass
class CheckInView:
    id: int
    member_number: int | None  # None: the office holder
    subject_label: str
    relation_label: str
    due_at: datetime
    status: str
    status_label: str
    question: str
    custom_question: bool
    answer: str
    mood: str
    mood_label: str
    answered_at: datetime | None
    follow_up: str
    followed_up_at: datetime | None
    followed_up_by: str

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def mood_or_none(self) -> str | None:
        return self.mood or None


@dataclass
class PlanView:
    id: int
    started_at: datetime
    closed_at: datetime | None
    closed_by: str
    created_by: str
    members: list[MemberView] = field(default_factory=list)
    check_ins: list[CheckInView] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


def plan_of(case: Case) -> AftercarePlan | None:
    return AftercarePlan.objects.filter(case=case).select_related("created_by", "closed_by").first()


def default_question(member_relation: str | None) -> str:
    if member_relation is None:
        return _("Hoe gaat het met u?")
    return _("Hoe gaat het met uw huisgenoot (%(relation)s)?") % {
        "relation": RELATION_LABELS.get(member_relation, RELATION_LABELS[Relation.OTHER])
    }


def _relations(case: Case, members: list[HouseholdMember]) -> dict[int, str]:
    return {m.pk: m.open("sealed_relation", under=case) for m in members}


def _check_in_view(
    case: Case, c: CheckIn, relations: dict[int, str], numbers: dict[int, int], *, staff: bool
) -> CheckInView:
    relation = relations.get(c.member_id) if c.member_id else None
    question = c.open("sealed_question", under=case)
    answer: dict[str, Any] = c.open("sealed_answer", under=case) if c.sealed_answer else {}
    mood = str(answer.get("mood", ""))
    if c.member_id:
        number = numbers[c.member_id]
        subject = _("Huisgenoot %(n)s") % {"n": number} if staff else _("Uw huisgenoot")
    else:
        number = None
        subject = _("Ambtsdrager") if staff else _("Uzelf")
    return CheckInView(
        id=c.pk,
        member_number=number,
        subject_label=subject,
        relation_label=str(RELATION_LABELS.get(relation, "")) if relation else "",
        due_at=c.due_at,
        status=c.status,
        status_label=str(STATUS_LABELS.get(c.status, c.status)),
        question=question or default_question(relation),
        custom_question=bool(question),
        answer=str(answer.get("text", "")),
        mood=mood,
        mood_label=str(MOOD_LABELS.get(mood, "")) if mood else "",
        answered_at=c.answered_at,
        follow_up=c.open("sealed_follow_up", under=case) if staff else "",
        followed_up_at=c.followed_up_at if staff else None,
        followed_up_by=(c.followed_up_by.label if c.followed_up_by else "") if staff else "",
    )


def aftercare_plan_read(*, access: policy.CaseAccess) -> PlanView | None:
    """The whole plan for a case worker (content-level access from ``policy.access_aftercare_case``); audited."""
    case = policy.require_content(access)
    plan = plan_of(case)
    if plan is None:
        return None
    members = list(plan.members.all())
    relations = _relations(case, members)
    numbers = {m.pk: m.number for m in members}
    view = PlanView(
        id=plan.pk,
        started_at=plan.started_at,
        closed_at=plan.closed_at,
        closed_by=plan.closed_by.label if plan.closed_by else "",
        created_by=plan.created_by.label if plan.created_by else "",
        members=[
            MemberView(
                number=m.number,
                name=m.open("sealed_name", under=case),
                relation=relations[m.pk],
                relation_label=str(RELATION_LABELS.get(relations[m.pk], relations[m.pk])),
            )
            for m in members
        ],
        check_ins=[
            _check_in_view(case, c, relations, numbers, staff=True)
            for c in plan.check_ins.select_related("followed_up_by").order_by("due_at", "id")
        ],
    )
    audit_record(
        actor=access.actor,
        action="aftercare.plan_read",
        object_type="case",
        object_id=case.reference,
        details={"plan": plan.pk},
    )
    return view


def office_holder_check_ins(*, access: policy.CaseAccess) -> list[CheckInView]:
    """What the office holder sees: check-ins that were sent (due, answered, followed up), newest first,
    with their own answers; never the advisor's follow-up note or a household member's name."""
    case = policy.require_content(access)
    principal = access.actor
    plan = plan_of(case)
    if plan is None:
        return []
    rows = list(
        plan.check_ins.filter(status__in=[CheckInStatus.DUE, CheckInStatus.ANSWERED, CheckInStatus.FOLLOWED_UP])
        .select_related("member")
        .order_by("-due_at", "-id")
    )
    members = [r.member for r in rows if r.member is not None]
    relations = _relations(case, members)
    numbers = {m.pk: m.number for m in members}
    audit_record(
        actor=getattr(principal, "username", principal),
        action="aftercare.check_ins_read",
        object_type="case",
        object_id=case.reference,
    )
    return [_check_in_view(case, c, relations, numbers, staff=False) for c in rows]


def next_planned(*, case: Case) -> datetime | None:
    return (
        CheckIn.objects.filter(plan__case=case, plan__closed_at__isnull=True, status=CheckInStatus.PLANNED)
        .order_by("due_at")
        .values_list("due_at", flat=True)
        .first()
    )
