"""Reads of the office holder's rights: the erasure requests of a case, for Mijn zaak, the case page and the
export. The refusal's explanation is case content: opened only with content-level access."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from weerbaar.accounts import policy
from weerbaar.rights.models import ErasureRequest, ErasureStatus


@dataclass
class ErasureRequestView:
    id: int
    requested_at: datetime
    due_on: date
    status: str
    status_label: str
    decided_at: datetime | None
    decided_by: str
    ground: str
    ground_label: str
    explanation: str
    extended_at: datetime | None = None
    extension_reason: str = ""

    @property
    def is_pending(self) -> bool:
        return self.status == ErasureStatus.PENDING


def erasure_requests_read(*, access: policy.CaseAccess) -> list[ErasureRequestView]:
    """Every erasure request of the case, newest first, with the refusal's explanation."""
    case = policy.require_content(access)
    views = []
    for row in ErasureRequest.objects.filter(case=case).select_related("decided_by"):
        explanation = row.open("sealed_explanation", under=case) if row.sealed_explanation else ""
        reason = row.open("sealed_extension_reason", under=case) if row.sealed_extension_reason else ""
        views.append(
            ErasureRequestView(
                id=row.pk,
                requested_at=row.requested_at,
                due_on=row.due_on,
                status=row.status,
                status_label=str(row.get_status_display()),
                decided_at=row.decided_at,
                decided_by=row.decided_by.label if row.decided_by is not None else "",
                ground=row.ground,
                ground_label=str(row.get_ground_display()) if row.ground else "",
                explanation=explanation,
                extended_at=row.extended_at,
                extension_reason=reason,
            )
        )
    return views


def erasure_requests_for_export(*, access: policy.CaseAccess) -> list[dict[str, Any]]:
    return [
        {
            "requestedAt": v.requested_at,
            "dueOn": v.due_on,
            "status": v.status,
            "decidedAt": v.decided_at,
            "ground": v.ground or None,
            "explanation": v.explanation or None,
            "extendedAt": v.extended_at,
            "extensionReason": v.extension_reason or None,
        }
        for v in erasure_requests_read(access=access)
    ]


def pending_erasure_request(*, access: policy.CaseAccess) -> ErasureRequestView | None:
    return next((v for v in erasure_requests_read(access=access) if v.is_pending), None)
