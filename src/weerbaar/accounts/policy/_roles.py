"""Who someone is, as the policy sees it: the staff role of a signed-in user, or the office holder of one case."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from weerbaar.accounts.models import Role
from weerbaar.core.errors import Forbidden, NotFound

CASE_WORKER_ROLES = frozenset({Role.ADVISOR, Role.COORDINATOR})
NO_CASE_ROLES = frozenset({Role.ANALYST, Role.ADMIN})

# One sentence for "missing" and "not yours" alike, per kind of object (translated when raised).


def case_not_found() -> NotFound:
    return NotFound(_("Deze zaak bestaat niet of u heeft er geen toegang toe."))


def referral_not_found() -> NotFound:
    return NotFound(_("Deze doorverwijzing bestaat niet of u heeft er geen toegang toe."))


def task_not_found() -> NotFound:
    return NotFound(_("Deze taak bestaat niet of u heeft er geen toegang toe."))


def call_not_found() -> NotFound:
    return NotFound(_("Dit gesprek bestaat niet of u heeft er geen toegang toe."))


def council_request_not_found() -> NotFound:
    return NotFound(_("Deze aanvraag bestaat niet of u heeft er geen toegang toe."))


@dataclass(frozen=True)
class OfficeHolder:
    """The office holder of one case, signed in with reference + follow-up code."""

    case_id: int
    reference: str

    @property
    def username(self) -> str:  # used as the audit actor label
        return f"officeholder:{self.reference}"


def _role(user: Any) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    return str(user.role)


def is_staff_member(user: Any) -> bool:
    return _role(user) is not None


def is_case_worker(user: Any) -> bool:
    return _role(user) in CASE_WORKER_ROLES


def is_coordinator(user: Any) -> bool:
    return _role(user) == Role.COORDINATOR


def may_use_case_endpoints(user: Any) -> None:
    """Raise for staff roles that never see cases (analyst, admin)."""
    if _role(user) in NO_CASE_ROLES:
        raise Forbidden(_("Deze rol heeft geen toegang tot zaken."))
