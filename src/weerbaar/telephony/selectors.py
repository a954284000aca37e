"""Read queries of the phone line: the caller log as each person may see it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from weerbaar.accounts import policy
from weerbaar.core.audit import audit_record
from weerbaar.telephony.models import Call, CallStatus
from weerbaar.telephony.numbers import display_phone

LOG_LIMIT = 100
ACTIVE_FOR = timedelta(hours=12)  # an answered call without a hangup event is "active" this long at most


@dataclass(frozen=True)
class CallRow:
    pk: int
    at: datetime
    status: str
    status_label: str
    advisor_label: str
    unknown_advisor: str
    number: str  # "" unless the viewer took the call (and the caller did not withhold it)
    number_withheld: bool  # the caller withheld their number: "Nummer afgeschermd", for everyone who sees the row
    own: bool  # the call was put through to the viewer
    case_reference: str  # "" unless matched to a case the viewer may see
    can_start_intake: bool

    @property
    def is_active(self) -> bool:
        return self.status == CallStatus.ACTIVE


def caller_number(access: policy.CallAccess) -> str | None:
    """The caller's number (E.164) of the call ``access`` opens, or None when it was withheld."""
    return policy.require_call(access).caller_number()


def _row(user: Any, call: Call) -> CallRow:
    access = policy.caller_number_access(user, call)
    own = access is not None
    number = caller_number(access) if access is not None else None
    case = call.matched_case
    reference = case.reference if case is not None and policy.can_see_case(user, case) else ""
    return CallRow(
        pk=call.pk,
        at=call.at,
        status=call.status,
        status_label=call.status_label,
        advisor_label=call.advisor.label if call.advisor is not None else "",
        unknown_advisor=call.unknown_advisor,
        number=display_phone(number) if number else "",
        number_withheld=call.number_withheld,
        own=own,
        case_reference=reference,
        can_start_intake=own and not reference,
    )


def call_log_read(*, user: Any, unassigned_only: bool = False, now: datetime | None = None) -> dict[str, Any]:
    """The caller log for ``user``, newest first, with the active call (if any) on top. Reading numbers is audited."""
    now = now or timezone.now()
    queryset = policy.calls_visible_to(user).select_related("advisor", "matched_case")
    if unassigned_only:
        queryset = queryset.filter(advisor__isnull=True)
    calls = list(queryset.order_by("-created_at", "-pk")[:LOG_LIMIT])
    rows = [_row(user, call) for call in calls]
    active = next(
        (
            row
            for row, call in zip(rows, calls, strict=True)
            if row.is_active and row.own and call.answered_at is not None and call.answered_at > now - ACTIVE_FOR
        ),
        None,
    )
    shown = [row.pk for row in rows if row.number]
    if shown:
        audit_record(actor=user, action="telephony.numbers_read", object_type="call", details={"calls": shown})
    return {"calls": rows, "active": active}


def call_number_for_intake(*, access: policy.CallAccess) -> str:
    """The number of a call put through to the reader (``policy.access_own_call``), to pre-fill a phone intake;
    "" when the caller withheld it (the form then opens without a number)."""
    call = policy.require_call(access)
    number = caller_number(access)
    audit_record(
        actor=access.actor,
        action="telephony.intake_prefilled",
        object_type="call",
        object_id=str(call.pk),
        details={"withheld": number is None},
    )
    return display_phone(number) if number else ""
