"""Aftercare plans: check-ins for the office holder and household members."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from weerbaar.accounts.policy._roles import OfficeHolder
from weerbaar.accounts.policy.access import CONTENT, CaseAccess
from weerbaar.accounts.policy.cases import access_case

if TYPE_CHECKING:
    from weerbaar.cases.models import Case


def access_aftercare_case(user: Any, reference: str, *, for_update: bool = False) -> CaseAccess:
    """Content access to the case whose aftercare plan ``user`` works on (moments, household members, answers,
    follow-up, closing), or NotFound (missing or not theirs). Exactly the case workers who may read the case's
    content: coordinators without content access don't."""
    return access_case(user, reference, level=CONTENT, for_update=for_update)


def can_answer_check_in(actor: Any, case: Case) -> bool:
    """Only the office holder of that very case answers its check-ins (never staff on their behalf)."""
    return isinstance(actor, OfficeHolder) and actor.case_id == case.pk
