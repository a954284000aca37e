"""Read queries of case work. Reads of case content are audited here, where they happen."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import BooleanField, Q, QuerySet, Value, When
from django.db.models import Case as When_
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


def is_escalated(case: Case, now: datetime) -> bool:
    """``escalated_q`` for one case already loaded (no query)."""
    return case.status == Status.NEW and case.assigned_to_id is None and case.respond_by < now


def is_red(case: Case, now: datetime) -> bool:
    """``red_q`` for one case already loaded (no query)."""
    return is_escalated(case, now) and case.red_after is not None and case.red_after < now


class Escalation(TypedDict):
    """What ``with_escalation`` adds to every case."""

    is_escalated: bool
    is_red: bool


def _flag(q: Q) -> When_:
    return When_(When(q, then=Value(True)), default=Value(False), output_field=BooleanField())


def with_escalation(
    queryset: QuerySet[Case], now: datetime | None = None
) -> QuerySet[WithAnnotations[Case, Escalation]]:
    now = now or timezone.now()
    return queryset.annotate(is_escalated=_flag(escalated_q(now)), is_red=_flag(red_q(now)))


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    association: str = ""
    urgent: bool | None = None
    escalated: bool | None = None
    assigned_to_me: bool = False
    open_only: bool = False


def _filtered(queryset: QuerySet[Case], *, user: User, filters: QueueFilters, now: datetime) -> QuerySet[Case]:
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
    return queryset


def case_queue(*, user: User, filters: QueueFilters, now: datetime | None = None) -> QuerySet[Case]:
    """Cases visible to ``user``, filtered, most pressing deadline first."""
    policy.may_use_case_endpoints(user)
    now = now or timezone.now()
    queryset = with_escalation(policy.cases_visible_to(user), now).select_related(
        "association", "province", "assigned_to"
    )
    return _filtered(queryset, user=user, filters=filters, now=now).order_by("respond_by", "id")


# What a queue card shows and its badges need: without the sealed request, key and the other tables' unused columns.
QUEUE_ROW_FIELDS = (
    *("reference", "role", "status", "urgent", "acute_danger", "concerns", "created_at", "respond_by", "red_after"),
    *("province", "province__name", "assigned_to"),
    *("assigned_to__username", "assigned_to__first_name", "assigned_to__last_name", "assigned_to__display_name"),
)


def rows_by_ids(ids: list[int], *, now: datetime) -> list[Case]:
    """The cases of ``ids`` (already chosen by a visibility-filtered query) with what a queue card shows — region,
    advisor, escalation badges; ``QUEUE_ROW_FIELDS`` only — in the order of ``ids``: one query, by primary key only.

    The badges (``is_escalated``, ``is_red``, as ``with_escalation`` names them) are worked out from the loaded row
    (``is_escalated``, ``is_red``): composing them as SQL cost more than the rest of the query."""
    if not ids:
        return []
    rows = Case.objects.filter(pk__in=ids).select_related("province", "assigned_to").only(*QUEUE_ROW_FIELDS)
    found = {}
    for case in rows:
        case.is_escalated = is_escalated(case, now)  # type: ignore[attr-defined]
        case.is_red = is_red(case, now)  # type: ignore[attr-defined]
        found[case.pk] = case
    return [found[pk] for pk in ids if pk in found]


class CaseSet:
    """Some of the cases a user may see, kept as the disjoint parts of ``policy.cases_visible_in_parts``, each
    filtered the same way; counted and sorted as one set (a ``UNION ALL`` of the parts when there are two).

    Why not one query with ``assigned to me OR of my association``: PostgreSQL answers that OR by visiting every
    matching row in the table (4,500 pages for a section at 100,000 cases); each part is one range of a covering
    index (``cases.Case.Meta.indexes``), read without touching the table, and sorting a few thousand index entries
    is cheap."""

    def __init__(self, parts: list[QuerySet[Case]]) -> None:
        self.parts = [part.order_by() for part in parts]

    def filter(self, *args: Any, **kwargs: Any) -> CaseSet:
        return CaseSet([part.filter(*args, **kwargs) for part in self.parts])

    def exclude(self, *args: Any, **kwargs: Any) -> CaseSet:
        return CaseSet([part.exclude(*args, **kwargs) for part in self.parts])

    def count(self) -> int:
        if len(self.parts) < 2:
            return self.parts[0].count() if self.parts else 0
        first, *rest = (part.values("id") for part in self.parts)
        return first.union(*rest, all=True).count()

    def ids(self, order: tuple[str, ...], index: slice) -> list[int]:
        """The ids of ``index`` (a slice) of the set sorted by ``order`` (field or annotation names, ``-`` for
        descending; ending in ``"id"``, so the order is total)."""
        if not self.parts:
            return []
        if len(self.parts) == 1:
            return list(self.parts[0].order_by(*order).values_list("id", flat=True)[index])
        columns = ["id", *(name.lstrip("-") for name in order if name.lstrip("-") != "id")]
        first, *rest = (part.values_list(*columns) for part in self.parts)
        return [row[0] for row in first.union(*rest, all=True).order_by(*order)[index]]


class IdsFirst:
    """A sorted set of cases for a ``Paginator`` that sorts only ids and then loads one page of full rows.

    Sorting the full rows made the database join and carry every case of a section (thousands at 100,000 cases)
    through the sort; sorting ids touches only the sort columns, and the joins run for the rows shown."""

    ordered = True  # for the Paginator: the order is the set's

    def __init__(self, cases: CaseSet, order: tuple[str, ...], *, now: datetime) -> None:
        self.cases, self.order, self.now = cases, order, now

    def count(self) -> int:
        return self.cases.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Case]:
        # ``is_red`` (``with_escalation``'s) only here, where the order names it: the count needs none.
        flagged = CaseSet([part.annotate(is_red=_flag(red_q(self.now))) for part in self.cases.parts])
        return rows_by_ids(flagged.ids(self.order, index), now=self.now)


class ClaimedCases:
    """The claimed section of the queue, in the order of the next action, as a sequence a ``Paginator`` can page.

    Ordering by a correlated subquery per source made the database compute every claimed case's next action before
    it could return one page (hundreds of milliseconds at 100,000 cases). Instead: one grouped query per source finds
    the cases that have a next action at all (``next_action.waiting_for``: usually a small part), they come first,
    earliest first; the cases without one follow from the database, oldest first. A page costs the source queries,
    the count and at most two fetches, whatever its size.
    """

    ordered = True  # for the Paginator

    def __init__(self, base: QuerySet[Case], cases: CaseSet, *, now: datetime) -> None:
        self.base, self.cases, self.now = base.order_by(), cases, now
        self._waiting: dict[int, list[next_action.NextAction]] | None = None
        self._ordered: list[int] = []

    def waiting(self) -> dict[int, list[next_action.NextAction]]:
        if self._waiting is None:
            # Driven by the sources' own (small) sets of open items: the database looks each one's case up by id.
            self._waiting = next_action.waiting_for(self.base.values("id"), now=self.now)
            self._ordered = sorted(self._waiting, key=lambda pk: (self._waiting[pk][0].at, pk))  # type: ignore[index]
        return self._waiting

    def count(self) -> int:
        return self.cases.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Case]:
        waiting = self.waiting()
        start, stop = index.start or 0, index.stop
        ids = self._ordered[start:stop]
        wanted = (stop - start) if stop is not None else None
        if wanted is None or len(ids) < wanted:
            offset = max(0, start - len(self._ordered))
            end = offset + (wanted - len(ids)) if wanted is not None else None
            rest = self.cases.exclude(pk__in=self._ordered)
            ids = ids + rest.ids(("created_at", "id"), slice(offset, end))
        page = rows_by_ids(ids, now=self.now)  # one query for both kinds
        for case in page:
            actions = waiting.get(case.pk, [])
            case.next_action = actions[0] if actions else None  # type: ignore[attr-defined]
        return page


UNCLAIMED_ORDER = ("-is_red", "-acute_danger", "-urgent", "respond_by", "id")
CLAIMED_STATUSES = tuple(status for status in Status.values if status != Status.NEW)


@dataclass(frozen=True)
class QueueSections:
    """The advisor's queue in two parts (issue 11): cases nobody has claimed yet, then the claimed ones."""

    unclaimed: IdsFirst
    claimed: ClaimedCases


def queue_sections(*, user: User, filters: QueueFilters, now: datetime | None = None) -> QueueSections:
    """The queue of ``user`` in two sections, both filtered by ``filters``.

    - **Unclaimed** (status "new"): red ones first (unclaimed past three times the response window), then urgent
      ones (acute danger or urgent), then by respond-by, the earliest first.
    - **Claimed** (every other status): by the next action (``next_action``: an unread message from the office
      holder, an open to-do — klacht-deadline to-dos included — or a check-in, whichever comes first), cases
      without one last, oldest case first; the respond-by they already met no longer counts.
    """
    policy.may_use_case_endpoints(user)
    now = now or timezone.now()
    # No annotations, joins or order here: the sections add what each query needs (composing the rest cost more
    # than the database took to answer).
    base = _filtered(policy.cases_visible_to(user), user=user, filters=filters, now=now)
    # The claimed statuses this view can show, named outright: with "open only" PostgreSQL cannot read
    # ``status IN (in_progress, aftercare, closed) AND status <> closed`` as one index range, so it visited every
    # closed case's index entry of the association as well (half of what the section read at 100,000 cases).
    claimed = tuple(status for status in CLAIMED_STATUSES if not (filters.open_only and status == Status.CLOSED))
    parts = CaseSet(
        [_filtered(part, user=user, filters=filters, now=now) for part in policy.cases_visible_in_parts(user)]
    )
    return QueueSections(
        unclaimed=IdsFirst(parts.filter(status=Status.NEW), UNCLAIMED_ORDER, now=now),
        claimed=ClaimedCases(base.filter(status__in=claimed), parts.filter(status__in=claimed), now=now),
    )


@dataclass(frozen=True)
class CaseSummary:
    """The top of the case page: over the deadline or not, and what waits (``next_action.waiting_for``)."""

    is_escalated: bool
    waiting: list[next_action.NextAction]


def case_summary(*, case: Case, now: datetime | None = None) -> CaseSummary:
    """The escalation flag (from the loaded row) and every next action of ``case`` (one query per source; dates
    only)."""
    now = now or timezone.now()
    waiting = next_action.waiting_for(Case.objects.filter(pk=case.pk).values("id"), now=now).get(case.pk, [])
    return CaseSummary(is_escalated=is_escalated(case, now), waiting=waiting)


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
    return AuditEntry.objects.filter(object_type="case", object_id=case.reference).order_by("-id")


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


def case_take_over(*, case: Case) -> AuditEntry | None:
    """The latest break-glass on ``case`` (who took it, when): the banner of the case page shows it."""
    return case_audit_trail(case=case).filter(action="case.taken_over").first()
