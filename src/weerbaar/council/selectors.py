"""Reads of council conversations: the team's list, one request with its content (audited), and coverage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from weerbaar.accounts import policy
from weerbaar.core.audit import audit_record
from weerbaar.council.choices import HELD_STATUSES, MUNICIPAL_BODIES, OPEN_STATUSES, PROVINCIAL_BODIES, Body
from weerbaar.council.models import CouncilRequest, CoverageTarget
from weerbaar.directory.models import Municipality, Province

OPEN = "open"


def council_requests_list(*, user: Any, status: str = OPEN) -> QuerySet[CouncilRequest]:
    """The team's list: open requests by default, or one status, or ``all``."""
    queryset = policy.council_requests_visible_to(user).select_related("municipality", "province", "owner")
    if status == OPEN:
        queryset = queryset.filter(status__in=OPEN_STATUSES)
    elif status and status != "all":
        queryset = queryset.filter(status=status)
    return queryset.order_by("-created_at", "id")


@dataclass(frozen=True)
class CouncilRequestContent:
    request: dict[str, str]
    notes: dict[str, str]
    session: dict[str, Any]
    cancellation: dict[str, str] = field(default_factory=dict)  # {"reason"} once cancelled

    @property
    def contact_name(self) -> str:
        return self.request.get("contactName", "")

    @property
    def contact_function(self) -> str:
        return self.request.get("contactFunction", "")

    @property
    def contact_email(self) -> str:
        return self.request.get("contactEmail", "")

    @property
    def contact_phone(self) -> str:
        return self.request.get("contactPhone", "")

    @property
    def preferred_period(self) -> str:
        return self.request.get("preferredPeriod", "")

    @property
    def situation(self) -> str:
        return self.request.get("situation", "")

    @property
    def notes_taken(self) -> dict[str, str] | None:
        """The exploratory talk's notes, or ``None`` before any were recorded."""
        return self.notes or None

    @property
    def session_place(self) -> str:
        return str(self.session.get("place", ""))

    @property
    def experts(self) -> list[str]:
        """Other experts, by name."""
        return list(self.session.get("experts", []))

    @property
    def cancellation_reason(self) -> str:
        return self.cancellation.get("reason", "")


def council_request_read(*, access: policy.CouncilAccess) -> CouncilRequestContent:
    """Decrypt the request, the notes, the session details and a cancellation's reason; the read is audited."""
    request: CouncilRequest = policy.require_council(access)
    content = CouncilRequestContent(
        request=request.open("sealed_request"),
        notes=request.open("sealed_notes"),
        session=request.open("sealed_session"),
        cancellation=request.open("sealed_cancellation"),
    )
    audit_record(
        actor=access.actor, action="council.content_read", object_type="council_request", object_id=request.reference
    )
    return content


# --- coverage -----------------------------------------------------------------------------


@dataclass
class ProvinceCoverage:
    code: str
    name: str
    municipalities_total: int
    municipalities: list[Municipality] = field(default_factory=list)  # with a session held this year
    provincial_session: bool = False  # Provinciale Staten or Gedeputeerde Staten

    @property
    def covered(self) -> int:
        return len(self.municipalities)

    @property
    def percentage(self) -> int:
        return round(100 * self.covered / self.municipalities_total) if self.municipalities_total else 0


@dataclass
class Coverage:
    year: int
    sessions_held: int
    target: int | None
    provinces: list[ProvinceCoverage]
    water_boards: list[str]
    years: list[int]

    @property
    def municipalities_covered(self) -> int:
        return sum(p.covered for p in self.provinces)

    @property
    def municipalities_total(self) -> int:
        return sum(p.municipalities_total for p in self.provinces)

    @property
    def provinces_covered(self) -> int:
        return sum(1 for p in self.provinces if p.provincial_session)

    @property
    def target_percentage(self) -> int | None:
        if not self.target:
            return None
        return min(100, round(100 * self.sessions_held / self.target))


def held_sessions(year: int) -> QuerySet[CouncilRequest]:
    return CouncilRequest.objects.filter(status__in=HELD_STATUSES, held_on__year=year)


def council_coverage(*, year: int | None = None) -> Coverage:
    """Which municipalities and provinces had a session held in ``year`` (an aggregate: no content)."""
    year = year or timezone.localdate().year
    held = list(held_sessions(year).select_related("municipality", "province").order_by("held_on", "id"))
    municipal_ids = {r.municipality_id for r in held if r.body in MUNICIPAL_BODIES and r.municipality_id}
    provincial_ids = {r.province_id for r in held if r.body in PROVINCIAL_BODIES and r.province_id}
    by_province: dict[int, ProvinceCoverage] = {}
    for province in Province.objects.order_by("name"):
        by_province[province.pk] = ProvinceCoverage(
            code=province.code,
            name=province.name,
            municipalities_total=0,
            provincial_session=province.pk in provincial_ids,
        )
    for municipality in Municipality.objects.order_by("name"):
        coverage = by_province.get(municipality.province_id)
        if coverage is None:
            continue
        coverage.municipalities_total += 1
        if municipality.pk in municipal_ids:
            coverage.municipalities.append(municipality)
    target = CoverageTarget.objects.filter(year=year).values_list("sessions", flat=True).first()
    years = sorted(
        {d.year for d in CouncilRequest.objects.filter(held_on__isnull=False).dates("held_on", "year")}
        | set(CoverageTarget.objects.values_list("year", flat=True))
        | {year, timezone.localdate().year},
        reverse=True,
    )
    return Coverage(
        year=year,
        sessions_held=len(held),
        target=target,
        provinces=list(by_province.values()),
        water_boards=sorted({r.water_board for r in held if r.body == Body.WATER_BOARD and r.water_board}),
        years=years,
    )
