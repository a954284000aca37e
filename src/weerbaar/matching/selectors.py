"""Reads of matching: a case's own identifiers (decrypted, audited), the coordinators' matches (never a value
or a token), and whether a case has a confirmed match (for the advisor's sentence on the case page)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q

from weerbaar.accounts import policy
from weerbaar.core.audit import audit_record
from weerbaar.matching.choices import IdentifierKind, MatchStatus, Platform
from weerbaar.matching.models import Match, PerpetratorIdentifier


@dataclass(frozen=True)
class IdentifierView:
    id: int
    incident: int
    kind: str
    kind_label: str
    value: str
    platform: str
    platform_label: str
    created_at: datetime
    author: str  # the username (the API's contract)
    author_name: str  # the display name, for the workspace


def identifiers_read(*, access: policy.CaseAccess, incident_number: int | None = None) -> list[IdentifierView]:
    """The identifiers recorded on the case (or one incident of it), as typed; audited as a read."""
    case = policy.require_content(access)
    rows = PerpetratorIdentifier.objects.filter(case=case).select_related("incident", "author")
    if incident_number is not None:
        rows = rows.filter(incident__number=incident_number)
    views = []
    for row in rows:
        sealed = row.open("sealed_value", under=case)
        platform = str(sealed.get("platform", ""))
        views.append(
            IdentifierView(
                id=row.pk,
                incident=row.incident.number,
                kind=row.kind,
                kind_label=str(IdentifierKind(row.kind).label),
                value=str(sealed.get("value", "")),
                platform=platform,
                platform_label=str(Platform(platform).label) if platform in Platform.values else "",
                created_at=row.created_at,
                author=row.author.get_username(),
                author_name=str(row.author),
            )
        )
    audit_record(actor=access.actor, action="matching.identifiers_read", object_type="case", object_id=case.reference)
    return views


@dataclass(frozen=True)
class MatchSide:
    reference: str
    association: str
    advisor: str | None  # the username (the API's contract)
    advisor_name: str | None  # the display name, for the workspace


@dataclass(frozen=True)
class ReviewView:
    reviewer: str  # the username (the API's contract)
    reviewer_name: str  # the display name, for the workspace
    decision: str
    reason: str
    created_at: datetime


@dataclass(frozen=True)
class MatchView:
    id: int
    kind: str
    kind_label: str
    weak: bool
    status: str
    status_label: str
    found_at: datetime
    decided_at: datetime | None
    cases: tuple[MatchSide, MatchSide]
    reviews: tuple[ReviewView, ...]


def _side(case: Any) -> MatchSide:
    advisor = case.assigned_to if case.assigned_to_id else None
    return MatchSide(
        reference=case.reference,
        association=case.association.name,
        advisor=advisor.get_username() if advisor else None,
        advisor_name=str(advisor) if advisor else None,
    )


def _view(match: Match) -> MatchView:
    return MatchView(
        id=match.pk,
        kind=match.kind,
        kind_label=str(IdentifierKind(match.kind).label),
        weak=match.weak,
        status=match.status,
        status_label=str(MatchStatus(match.status).label),
        found_at=match.found_at,
        decided_at=match.decided_at,
        cases=(_side(match.case_a), _side(match.case_b)),
        reviews=tuple(
            ReviewView(r.reviewer.get_username(), str(r.reviewer), r.decision, r.reason, r.created_at)
            for r in match.reviews.all()
        ),
    )


def _matches() -> Any:
    related = ("case_a__association", "case_a__assigned_to", "case_b__association", "case_b__assigned_to")
    return Match.objects.select_related(*related).prefetch_related("reviews__reviewer")


def matches_read(*, actor: Any, status: str | None = None) -> list[MatchView]:
    """Every match for a coordinator (``Forbidden`` for anyone else): kind, the two cases, associations and
    advisors; proposed first."""
    policy.may_review_matches(actor)
    rows = _matches()
    if status:
        rows = rows.filter(status=status)
    order: dict[str, int] = {MatchStatus.PROPOSED: 0, MatchStatus.CONFIRMED: 1, MatchStatus.DISMISSED: 2}
    return sorted((_view(m) for m in rows), key=lambda v: (order.get(v.status, 3), -v.found_at.timestamp(), -v.id))


def match_read(*, actor: Any, match_id: int) -> MatchView | None:
    policy.may_review_matches(actor)
    match = _matches().filter(pk=match_id).first()
    return _view(match) if match is not None else None


def case_has_confirmed_match(access: Any) -> bool:
    """Whether the case of ``access`` is in a confirmed match: one EXISTS query on two indexes."""
    case = policy.require_content(access)
    return Match.objects.filter(Q(case_a=case) | Q(case_b=case), status=MatchStatus.CONFIRMED).exists()


def confirmed_links_in(year: int) -> int:
    """How many matches were confirmed in ``year`` (Dutch time): for the public yearly overview, as a band only."""
    from weerbaar.releases.counts import year_bounds

    start, end = year_bounds(year)
    return Match.objects.filter(status=MatchStatus.CONFIRMED, decided_at__gte=start, decided_at__lt=end).count()
