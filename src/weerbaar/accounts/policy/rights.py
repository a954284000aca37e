"""The office holder's rights under the AVG (GDPR): a copy of everything (art. 15/20) and erasure (art. 17).

Only the office holder of the case asks for either: staff never download the office holder's export, and never
file an erasure request on their behalf. Deciding a request is the work of a case worker with content access
to the whole case (its advisor, or a coordinator of its association): the one who can see what would be lost.
"""

from __future__ import annotations

from typing import Any

from weerbaar.accounts.policy._roles import CASE_WORKER_ROLES, OfficeHolder, _role
from weerbaar.accounts.policy.access import CaseAccess
from weerbaar.core.errors import NotFound


def _own_case(access: Any) -> bool:
    return (
        isinstance(access, CaseAccess)
        and access.has_content
        and isinstance(access.actor, OfficeHolder)
        and access.actor.case_id == access.case.pk
    )


def can_export_case(access: Any) -> bool:
    """The copy of everything goes to the office holder of that very case (content access through their
    follow-up session), nobody else."""
    return _own_case(access)


def require_export(access: Any) -> None:
    """``NotFound`` unless ``access`` is the office holder's own (as every refusal of a case: it says nothing)."""
    if not can_export_case(access):
        raise NotFound("Case not found.")


def can_request_erasure(access: Any) -> bool:
    """Only the office holder of the case asks for its erasure."""
    return _own_case(access)


def can_decide_erasure(access: Any) -> bool:
    """A case worker (advisor or coordinator) with content access to the whole case decides: erase or refuse."""
    return (
        isinstance(access, CaseAccess)
        and access.has_content
        and not isinstance(access.actor, OfficeHolder)
        and _role(access.actor) in CASE_WORKER_ROLES
    )
