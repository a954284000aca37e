"""The phone line: who takes calls, who sees which calls, and who reads a caller's number."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from weerbaar.accounts.models import Role
from weerbaar.accounts.policy._roles import CASE_WORKER_ROLES, _role, call_not_found
from weerbaar.accounts.policy.access import CallAccess, _grant_call
from weerbaar.accounts.policy.cases import cases_with_content_for

if TYPE_CHECKING:
    from weerbaar.cases.models import Case


def can_use_phone_line(user: Any) -> bool:
    """Who takes calls and opens the phone page: advisors and coordinators."""
    return _role(user) in CASE_WORKER_ROLES


def calls_visible_to(user: Any) -> QuerySet[Any]:
    """Calls in the caller log: an advisor the own calls; a coordinator every call (metadata, no numbers)."""
    from weerbaar.telephony.models import Call

    role = _role(user)
    if role == Role.COORDINATOR:
        return Call.objects.all()
    if role == Role.ADVISOR:
        return Call.objects.filter(advisor=user)
    return Call.objects.none()


def can_see_caller_number(user: Any, call: Any) -> bool:
    """The caller's number is shown only to the person the call was put through to."""
    return can_use_phone_line(user) and call.advisor_id is not None and call.advisor_id == user.pk


def caller_number_access(user: Any, call: Any) -> CallAccess | None:
    """Access to the caller's number of a call already loaded (a row of the log), or None."""
    return _grant_call(user, call) if can_see_caller_number(user, call) else None


def access_own_call(user: Any, call_id: int) -> CallAccess:
    """A call put through to ``user`` (to start a phone intake from it), else NotFound, whoever else asks."""
    from weerbaar.telephony.models import Call

    call = Call.objects.filter(pk=call_id).first() if can_use_phone_line(user) else None
    if call is None or not can_see_caller_number(user, call):
        raise call_not_found()
    return _grant_call(user, call)


def cases_matchable_for_call(user: Any) -> QuerySet[Case]:
    """The cases a call to ``user`` may be matched to: exactly those whose content ``user`` may work on."""
    return cases_with_content_for(user)
