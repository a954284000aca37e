"""Reads of the office holder's rights: the erasure requests of a case, for Mijn zaak, the case page and the
export. The refusal's explanation is case content: opened only with content-level access."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final, Literal

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


# Which requests' sealed texts a read opens: every one (Mijn zaak, the API, the export), only the open one's (the
# decision page shows its extension reason; the history there lists metadata), or none (the case page's panel).
Texts = Literal["all", "pending", "none"]
ALL: Final[Texts] = "all"
PENDING: Final[Texts] = "pending"
NONE: Final[Texts] = "none"


def _view(row: ErasureRequest, *, under: Any, opened: bool) -> ErasureRequestView:
    explanation = row.open("sealed_explanation", under=under) if opened and row.sealed_explanation else ""
    reason = row.open("sealed_extension_reason", under=under) if opened and row.sealed_extension_reason else ""
    return ErasureRequestView(
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


def erasure_request_metadata(row: ErasureRequest) -> ErasureRequestView:
    """One request without its texts (for an erased case, whose key is gone: the row is all that is left)."""
    return _view(row, under=None, opened=False)


def erasure_requests_read(*, access: policy.CaseAccess, texts: Texts = ALL) -> list[ErasureRequestView]:
    """Every erasure request of the case, newest first; the refusal's explanation and the extension's reason
    opened for the requests ``texts`` names (the others' are empty)."""
    case = policy.require_content(access)
    rows = ErasureRequest.objects.filter(case=case).select_related("decided_by")
    return [
        _view(row, under=case, opened=texts == ALL or (texts == PENDING and row.status == ErasureStatus.PENDING))
        for row in rows
    ]


def erasure_request_read(*, access: policy.CaseAccess, id: int) -> ErasureRequestView:
    """One erasure request of the case, with its texts opened (DoesNotExist when not of this case)."""
    case = policy.require_content(access)
    row = ErasureRequest.objects.select_related("decided_by").get(case=case, pk=id)
    return _view(row, under=case, opened=True)


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
