"""Cases: whose metadata and whose content a person may see, and the access objects for one case.

List and detail share one predicate (``cases_visible_to`` / ``access_case``) so a case can never be
missing from a list yet readable by reference, or the other way round. Advisors see their association's
cases and their own; coordinators see every case's metadata, its content only for their own association
or the cases assigned to them. Analysts and administrators never see cases (``Forbidden``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from weerbaar.accounts.models import Role
from weerbaar.accounts.policy._roles import (
    CASE_WORKER_ROLES,
    OfficeHolder,
    _role,
    case_not_found,
    may_use_case_endpoints,
)
from weerbaar.accounts.policy.access import CONTENT, METADATA, CaseAccess, Level, _grant_case
from weerbaar.core.references import REFERENCE_RE

if TYPE_CHECKING:
    from weerbaar.accounts.models import User
    from weerbaar.cases.models import Case


# --- querysets ---------------------------------------------------------------------------------------


def _content_predicate(user: User) -> Q:
    q = Q(assigned_to=user)
    if user.association_id:
        q |= Q(association_id=user.association_id)
    return q


def cases_visible_to(user: Any) -> QuerySet[Case]:
    """Cases whose metadata ``user`` may see: advisors their association's and their own, coordinators all."""
    from weerbaar.cases.models import Case

    role = _role(user)
    if role == Role.COORDINATOR:
        return Case.objects.all()
    if role == Role.ADVISOR:
        return Case.objects.filter(_content_predicate(user))
    return Case.objects.none()


def cases_visible_in_parts(user: Any) -> list[QuerySet[Case]]:
    """``cases_visible_to(user)`` as disjoint parts whose union is exactly that set (none for someone who sees none).

    For long lists (the queue): ``assigned to me OR of my association`` makes PostgreSQL combine two indexes in a
    bitmap and then visit every such row in the table, thousands at 100,000 cases; each part alone is one range of
    one index, which a covering index answers without touching the table. Same predicate, split where the OR was:
    the own association's cases, then the cases assigned to the user in other associations.
    """
    from weerbaar.cases.models import Case

    role = _role(user)
    if role == Role.COORDINATOR:
        return [Case.objects.all()]
    if role == Role.ADVISOR:
        if not user.association_id:
            return [Case.objects.filter(assigned_to=user)]
        own = user.association_id
        return [
            Case.objects.filter(association_id=own),
            Case.objects.filter(assigned_to=user).exclude(association_id=own),
        ]
    return []


def cases_with_content_for(user: Any) -> QuerySet[Case]:
    """Cases whose content (request, notes, messages) ``user`` may read and work on."""
    from weerbaar.cases.models import Case

    if _role(user) in CASE_WORKER_ROLES:
        return Case.objects.filter(_content_predicate(user))
    return Case.objects.none()


# --- one case, already loaded ----------------------------------------------------------------------------


def can_read_case_content(user: Any, case: Case) -> bool:
    if _role(user) not in CASE_WORKER_ROLES:
        return False
    return case.assigned_to_id == user.pk or (
        user.association_id is not None and case.association_id == user.association_id
    )


def can_see_case(user: Any, case: Case) -> bool:
    return _role(user) == Role.COORDINATOR or can_read_case_content(user, case)


def content_access(user: Any, case: Case) -> CaseAccess | None:
    """Content access to a case already loaded in a list (a task's case, a matched call), or None."""
    return _grant_case(user, case, CONTENT) if can_read_case_content(user, case) else None


# --- one case, by reference ----------------------------------------------------------------------------


def access_case(user: Any, reference: str, *, level: Level = CONTENT, for_update: bool = False) -> CaseAccess:
    """The access of a staff user to one case at ``level`` (content by default), or NotFound whether the
    case is missing, not theirs, or theirs at a lower level only."""
    may_use_case_endpoints(user)
    if not isinstance(reference, str) or not REFERENCE_RE.fullmatch(reference):
        # Malformed (e.g. a NUL byte from a URL, which PostgreSQL refuses with an error): simply not found.
        raise case_not_found()
    queryset = cases_with_content_for(user) if level is CONTENT else cases_visible_to(user)
    queryset = queryset.select_related("association", "province", "assigned_to")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    case = queryset.filter(reference=reference).first()
    if case is None:
        raise case_not_found()
    return _grant_case(user, case, level)


def access_case_at_best(user: Any, reference: str) -> CaseAccess:
    """The highest access a staff user has to one case (content, else metadata), with one query; NotFound
    when neither. For the case page, which shows metadata to everyone who may see the case."""
    access = access_case(user, reference, level=METADATA)
    if can_read_case_content(user, access.case):
        return _grant_case(user, access.case, CONTENT)
    return access


def access_case_as_office_holder(principal: OfficeHolder | None, reference: str) -> CaseAccess:
    """The office holder's content access to their own case (the only case they can sign in to)."""
    from weerbaar.cases.models import Case

    if principal is None or principal.reference != reference:
        raise case_not_found()
    case = Case.objects.select_related("association").filter(pk=principal.case_id, reference=reference).first()
    if case is None:
        raise case_not_found()
    return _grant_case(principal, case, CONTENT)


def access_case_for(actor: Any, reference: str) -> CaseAccess:
    """Content access for whoever acts: the office holder of that case, or a case worker.

    Incidents, evidence and the dossier are read and written by both sides; this is the one rule for both.
    """
    if isinstance(actor, OfficeHolder):
        return access_case_as_office_holder(actor, reference)
    return access_case(actor, reference, level=CONTENT)


def can_put_home_address_in_dossier(actor: Any) -> bool:
    """Only the office holder may put a home address on a dossier (typed for that one dossier, never stored).

    Since 1 July 2025 the home address stays out of the police file by default; an advisor never adds it.
    """
    return isinstance(actor, OfficeHolder)


def _judges_incidents(access: Any) -> bool:
    """A case worker holding content access to the whole case (not the office holder, not a partner's part)."""
    return (
        isinstance(access, CaseAccess)
        and access.has_content
        and not isinstance(access.actor, OfficeHolder)
        and _role(access.actor) in CASE_WORKER_ROLES
    )


def can_reassess_incident(access: Any) -> bool:
    """Re-assessing an incident under the current legal rules (and seeing what changed) is the advisor's call:
    a case worker with content access to the case. The office holder sees the result, never the button."""
    return _judges_incidents(access)


def can_split_stalking_series(access: Any) -> bool:
    """Whether incidents with stalking form one series (art. 285b Sr: the klacht term runs from the last act) is
    a legal judgement: a case worker with content access may split an incident off, or add it back."""
    return _judges_incidents(access)


def _of_case_association(person: Any, case: Case) -> bool:
    return person.association_id is not None and person.association_id == case.association_id


def can_assign(user: Any, case: Case, assignee: User) -> bool:
    """An ordinary assignment, no reason asked: to a case worker of the case's own association.

    Coordinators assign any case they see to an advisor (or coordinator) of that case's association, and take
    a case of their own association themselves; an advisor with content access assigns within the case's
    association or to themselves. Nobody hands a case to someone of another association: that would open its
    content quietly. A coordinator taking a case of another association is the break-glass of ``can_take_over``,
    never an ordinary assignment.
    """
    if _role(assignee) not in CASE_WORKER_ROLES:
        return False
    role = _role(user)
    if role == Role.COORDINATOR:
        return _of_case_association(assignee, case) or (assignee.pk == user.pk and case.assigned_to_id == user.pk)
    if role == Role.ADVISOR and can_read_case_content(user, case):
        return assignee.pk == user.pk or _of_case_association(assignee, case)
    return False


def can_take_over(user: Any, case: Case) -> bool:
    """Break-glass: a coordinator may take a case of another association for themselves (and with it its
    content) only with a stated reason, audited and announced (``cases.services.case_assign``). False when the
    case is of their own association (an ordinary claim) or already theirs."""
    return _role(user) == Role.COORDINATOR and not _of_case_association(user, case) and case.assigned_to_id != user.pk


def is_taken_over(case: Case) -> bool:
    """Whether the case is held through a break-glass: assigned to someone outside its association. The case
    page says so to everyone who sees the case. (Cases lent to another association's advisor before
    break-glass existed show the same, which is right: their content is open outside the association.)"""
    return case.assigned_to is not None and not _of_case_association(case.assigned_to, case)


def can_record_phone_intake(user: Any) -> bool:
    return _role(user) in CASE_WORKER_ROLES
