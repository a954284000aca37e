"""Council conversations: requests from griffiers and others for a facilitated conversation in council or
college. Not case content of an office holder, but the contact person and the local story are still
confidential: the team (advisors and coordinators) works them; partners, analysts and administrators do not.
Each request has its own data key, so its access object is a ``CouncilAccess``, not a case's."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from weerbaar.accounts.models import Role
from weerbaar.accounts.policy._roles import CASE_WORKER_ROLES, _role, council_request_not_found
from weerbaar.accounts.policy.access import CouncilAccess, _grant_council


def can_work_council_requests(user: Any) -> bool:
    return _role(user) in CASE_WORKER_ROLES


def council_requests_visible_to(user: Any) -> QuerySet[Any]:
    from weerbaar.council.models import CouncilRequest

    if can_work_council_requests(user):
        return CouncilRequest.objects.all()
    return CouncilRequest.objects.none()


def access_council_request(user: Any, reference: str, *, for_update: bool = False) -> CouncilAccess:
    """One council request for the team, or NotFound whether it is missing or not theirs."""
    from weerbaar.council.references import is_council_reference

    if not is_council_reference(reference):
        raise council_request_not_found()
    queryset = council_requests_visible_to(user).select_related("municipality", "province", "owner")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    found = queryset.filter(reference=reference).first()
    if found is None:
        raise council_request_not_found()
    return _grant_council(user, found)


def can_view_council_coverage(user: Any) -> bool:
    """Coverage is an aggregate (which places had a session): the team and analysts."""
    return _role(user) in CASE_WORKER_ROLES | {Role.ANALYST}


def can_set_council_target(user: Any) -> bool:
    return _role(user) == Role.COORDINATOR
