"""Read queries of case work. Reads of case content are audited here, where they happen."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import BooleanField, DateTimeField, F, Q, QuerySet, Value, When
from django.db.models import Case as When_
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from weerbaar.accounts import policy
from weerbaar.accounts.models import User
from weerbaar.cases import next_action
from weerbaar.cases.choices import Status
from weerbaar.cases.models import Case
from weerbaar.core.audit import audit_record
from weerbaar.core.models import AuditEntry

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def escalated_q(now: datetime) -> Q:
    return Q(status=Status.NEW, assigned_to__isnull=True, respond_by__lt=now)


def red_q(now: datetime) -> Q:
    """Escalated and unclaimed past three times the response window."""
    return escalated_q(now) & Q(red_after__lt=now)


class Escalation(TypedDict):
    """What ``with_escalation`` adds to every case."""

    is_escalated: bool
    is_red: bool


def with_escalation(
    queryset: QuerySet[Case], now: datetime | None = None
) -> QuerySet[WithAnnotations[Case, Escalation]]:
    now = now or timezone.now()
    return queryset.annotate(
        is_escalated=When_(When(escalated_q(now), then=Value(True)), default=Value(False), output_field=BooleanField()),
        is_red=When_(When(red_q(now), then=Value(True)), default=Value(False), output_field=BooleanField()),
    )


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    association: str = ""
    urgent: bool | None = None
    escalated: bool | None = None
    assigned_to_me: bool = False
    open_only: bool = False


def case_queue(*, user: User, filters: QueueFilters, now: datetime | None = None) -> QuerySet[Case]:
    """Cases visible to ``user``, filtered, most pressing deadline first."""
    policy.may_use_case_endpoints(user)
    now = now or timezone.now()
    queryset = with_escalation(policy.cases_visible_to(user), now).select_related(
        "association", "municipality", "province", "assigned_to"
    )
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    elif filters.open_only:
        queryset = queryset.exclude(status=Status.CLOSED)
    if filters.association:
        queryset = queryset.filter(association__code=filters.association)
    if filters.urgent is not None:
        queryset = queryset.filter(urgent=filters.urgent)
    if filters.escalated is True:
        queryset = queryset.filter(escalated_q(now))
    elif filters.escalated is False:
        queryset = queryset.exclude(escalated_q(now))
    if filters.assigned_to_me:
        queryset = queryset.filter(assigned_to=user)
    return queryset.order_by("respond_by", "id")


NO_NEXT_ACTION = datetime(
    9999, 12, 31, tzinfo=UTC
)  # sorts after every real moment (NULL sorts differently per database)


def with_next_action(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate ``next_<source>_at`` per registered next-action source and ``next_action_at``, the earliest of
    them (``NO_NEXT_ACTION`` when the case has none). Correlated subqueries: the query count stays one."""
    sources = next_action.sources()
    queryset = queryset.annotate(**{source.field: source.moment() for source in sources})
    far = Value(NO_NEXT_ACTION, output_field=DateTimeField())
    moments = [Coalesce(F(source.field), far) for source in sources]
    if not moments:
        return queryset.annotate(next_action_at=far)
    return queryset.annotate(next_action_at=moments[0] if len(moments) == 1 else Least(*moments))


@dataclass(frozen=True)
class QueueSections:
    """The advisor's queue in two parts (issue 11): cases nobody has claimed yet, then the claimed ones."""

    unclaimed: QuerySet[Case]
    claimed: QuerySet[Case]


def queue_sections(*, user: User, filters: QueueFilters, now: datetime | None = None) -> QueueSections:
    """The queue of ``user`` in two sections, both filtered by ``filters``.

    - **Unclaimed** (status "new"): red ones first (unclaimed past three times the response window), then urgent
      ones (acute danger or urgent), then by respond-by, the earliest first.
    - **Claimed** (every other status): by the next action (``next_action``: an unread message from the office
      holder, an open to-do — klacht-deadline to-dos included — or a planned check-in, whichever comes first),
      cases without one last, oldest case first; the respond-by they already met no longer counts.
    """
    now = now or timezone.now()
    base = case_queue(user=user, filters=filters, now=now)
    unclaimed = base.filter(status=Status.NEW).order_by("-is_red", "-acute_danger", "-urgent", "respond_by", "id")
    claimed = with_next_action(base.exclude(status=Status.NEW)).order_by("next_action_at", "created_at", "id")
    return QueueSections(unclaimed=unclaimed, claimed=claimed)


def escalated_cases(*, user: User, now: datetime | None = None) -> QuerySet[Case]:
    now = now or timezone.now()
    return case_queue(user=user, filters=QueueFilters(escalated=True), now=now)


@dataclass
class TimelineItem:
    kind: str  # note, message, call, status
    at: datetime
    author: str
    text: str
    extra: dict[str, Any] = field(default_factory=dict)


def case_request_read(*, access: policy.CaseAccess) -> dict[str, Any]:
    """Decrypt the original request (name, contact details, description) and audit the read."""
    case = policy.require_content(access)
    payload: dict[str, Any] = case.open("sealed_request")
    audit_record(actor=access.actor, action="case.content_read", object_type="case", object_id=case.reference)
    return payload


def case_notes_read(*, access: policy.CaseAccess) -> list[TimelineItem]:
    case = policy.require_content(access)
    items = [
        TimelineItem("note", n.created_at, n.author.label, n.open("sealed_text", under=case), {"id": n.pk})
        for n in case.notes.select_related("author").order_by("created_at", "id")
    ]
    audit_record(actor=access.actor, action="case.notes_read", object_type="case", object_id=case.reference)
    return items


def case_messages_read(*, access: policy.CaseAccess, audit_as: Any = None) -> list[TimelineItem]:
    """The thread, decrypted; ``audit_as`` keeps the office-holder API's own audit label (``officeholder:<ref>``,
    where the portal page records the principal itself)."""
    case = policy.require_content(access)
    items = []
    for m in case.messages.select_related("author").order_by("created_at", "id"):
        items.append(
            TimelineItem(
                "message",
                m.created_at,
                m.author.label if m.author else "",
                m.open("sealed_text", under=case),
                {"id": m.pk, "sender": m.sender, "readAt": m.read_at},
            )
        )
    audit_record(
        actor=audit_as or access.actor, action="case.messages_read", object_type="case", object_id=case.reference
    )
    return items


def case_calls_read(*, access: policy.CaseAccess) -> list[TimelineItem]:
    case = policy.require_content(access)
    items = [
        TimelineItem(
            "call",
            c.occurred_at,
            c.author.label,
            c.open("sealed_summary", under=case),
            {"id": c.pk, "direction": c.direction, "durationMinutes": c.duration_minutes},
        )
        for c in case.calls.select_related("author").order_by("occurred_at", "id")
    ]
    audit_record(actor=access.actor, action="case.calls_read", object_type="case", object_id=case.reference)
    return items


def case_status_history(*, access: policy.CaseAccess, include_reasons: bool = True) -> list[TimelineItem]:
    """Status changes, oldest first. Reasons in words are case content: decrypted only when asked, and then
    only with content-level access (a metadata grant with ``include_reasons`` is refused)."""
    case = policy.require_content(access) if include_reasons else policy.require_case_access(access)
    return [
        TimelineItem(
            "status",
            s.changed_at,
            s.changed_by.label if s.changed_by else "",
            s.open("sealed_reason", under=case) if include_reasons and s.sealed_reason else "",
            {"from": s.from_status, "to": s.to_status, "reasonCode": s.reason_code},
        )
        for s in case.status_changes.select_related("changed_by").order_by("changed_at", "id")
    ]


def case_audit_trail(*, case: Case) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(object_type="case", object_id=case.reference).order_by("-sequence")


def case_work_advisors(*, case: Case | None) -> QuerySet[User]:
    """People a case may be assigned to, own association first (``None``: for a list of cases)."""
    return User.objects.filter(is_active=True, role__in=["advisor", "coordinator"]).order_by("username")


def case_assignees(*, actor: User, case: Case, people: list[User] | None = None) -> list[User]:
    """People ``actor`` may assign ``case`` to (``policy.can_assign``), the case's association first.

    Pass ``people`` (from ``case_work_advisors``) when listing many cases, to keep one query.
    """
    if people is None:
        people = list(case_work_advisors(case=case).select_related("association"))
    allowed = [p for p in people if policy.can_assign(actor, case, p)]
    return sorted(allowed, key=lambda p: (p.association_id != case.association_id, p.label.lower()))
