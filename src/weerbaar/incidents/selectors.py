"""Reads of the incident log, evidence, police reports and damage: decrypted, shaped for display, audited."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from django.db.models import Prefetch, Sum

from weerbaar.accounts import policy
from weerbaar.cases.models import Case
from weerbaar.core.audit import audit_record
from weerbaar.guidance import rules
from weerbaar.guidance.analysis import IncidentFacts
from weerbaar.guidance.api import assessment_data
from weerbaar.guidance.assessment import Facts, assess
from weerbaar.guidance.damage import DamageRoute, damage_routes
from weerbaar.incidents.choices import ONLINE_CHANNELS
from weerbaar.incidents.models import DamageItem, Evidence, Incident, PoliceReport


@dataclass
class EvidenceView:
    number: int
    incident_number: int | None
    damage_item_id: int | None
    file_name: str
    source_url: str
    media_type: str
    size: int
    sha256: str
    captured_at: Any
    uploaded_at: Any
    recorded_by: str
    is_image: bool
    width: int | None
    height: int | None
    last_verified_at: Any


@dataclass
class PoliceReportView:
    kind: str
    reported_on: date | None
    police_unit: str
    police_reference: str
    vpt_code: str
    address_protection: str
    prosecution_decision: str
    decision_on: date | None
    article12: str
    notes: str
    updated_at: Any


@dataclass
class IncidentView:
    number: int
    occurred_on: date
    occurred_at: time | None
    learned_on: date
    channel: str
    platform: str
    acts: list[str]
    related_to_office: bool
    description: str
    affected: list[str]
    perpetrator_known: bool
    perpetrator_identifiers: list[dict[str, str]]
    witnesses: str
    complaint_deadline: date | None
    recorded_by: str
    created_at: Any
    assessment: dict[str, Any]
    rules_version: str
    police_report: PoliceReportView | None
    evidence: list[EvidenceView] = field(default_factory=list)


@dataclass
class DamageView:
    id: int
    kind: str
    amount_cents: int | None
    incurred_on: date | None
    description: str
    incident_number: int | None
    receipts: list[EvidenceView] = field(default_factory=list)


def incident_facts(view: IncidentView) -> IncidentFacts:
    """What the rules need of one recorded incident: the one input of ``guidance.analysis`` for a case."""
    return IncidentFacts(
        learned_on=view.learned_on,
        acts=tuple(view.acts),
        related_to_office=view.related_to_office,
        online=view.channel in ONLINE_CHANNELS,
        number=view.number,
    )


def stored_assessment(incident: Incident, language: str = "nl") -> dict[str, Any]:
    """The incident's step plan in ``language``: re-rendered from the stored facts under the same rules
    version, otherwise exactly as stored (Dutch) when the rules have changed since."""
    stored = incident.assessment or {}
    raw = stored.get("facts")
    if stored.get("rulesVersion") == rules.RULES_VERSION and isinstance(raw, dict):
        facts = Facts(
            role=raw["role"],
            related_to_office=raw["relatedToOffice"],
            acute_danger=raw["acuteDanger"],
            online=raw["online"],
            learned_on=date.fromisoformat(raw["learnedOn"]),
            acts=tuple(raw["acts"]),
        )
        return assessment_data(assess(facts, language))
    return dict(stored.get("result", {}))


def _evidence_view(case: Case, e: Evidence, incident_number: int | None) -> EvidenceView:
    meta = e.open("sealed_details", under=case)
    return EvidenceView(
        number=e.number,
        incident_number=incident_number,
        damage_item_id=e.damage_item_id,
        file_name=meta.get("fileName", ""),
        source_url=meta.get("sourceUrl", ""),
        media_type=e.media_type,
        size=e.size,
        sha256=e.sha256,
        captured_at=e.captured_at,
        uploaded_at=e.uploaded_at,
        recorded_by=e.recorded_by,
        is_image=e.is_image,
        width=e.width,
        height=e.height,
        last_verified_at=e.last_verified_at,
    )


def _police_view(case: Case, report: PoliceReport | None) -> PoliceReportView | None:
    if report is None:
        return None
    details = report.open("sealed_details", under=case)
    return PoliceReportView(
        kind=report.kind,
        reported_on=report.reported_on,
        police_unit=details.get("policeUnit", ""),
        police_reference=details.get("policeReference", ""),
        vpt_code=report.vpt_code,
        address_protection=report.address_protection,
        prosecution_decision=report.prosecution_decision,
        decision_on=report.decision_on,
        article12=report.article12,
        notes=details.get("notes", ""),
        updated_at=report.updated_at,
    )


def _incident_view(case: Case, incident: Incident, language: str) -> IncidentView:
    details = incident.open("sealed_details", under=case)
    try:
        report = incident.police_report
    except PoliceReport.DoesNotExist:
        report = None
    return IncidentView(
        number=incident.number,
        occurred_on=incident.occurred_on,
        occurred_at=incident.occurred_at,
        learned_on=incident.learned_on,
        channel=incident.channel,
        platform=details.get("platform", ""),
        acts=list(incident.acts),
        related_to_office=incident.related_to_office,
        description=details.get("description", ""),
        affected=list(incident.affected),
        perpetrator_known=incident.perpetrator_known,
        perpetrator_identifiers=list(details.get("perpetratorIdentifiers", [])),
        witnesses=details.get("witnesses", ""),
        complaint_deadline=incident.complaint_deadline,
        recorded_by=incident.recorded_by,
        created_at=incident.created_at,
        assessment=stored_assessment(incident, language),
        rules_version=str((incident.assessment or {}).get("rulesVersion", "")),
        police_report=_police_view(case, report),
        evidence=[_evidence_view(case, e, incident.number) for e in incident.evidence.all()],
    )


def _incidents_queryset(case: Case) -> Any:
    return (
        case.incidents.select_related("police_report")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("number")))
        .order_by("occurred_on", "occurred_at", "number")
    )


def incidents_read(*, access: policy.CaseAccess, language: str = "nl") -> list[IncidentView]:
    """All incidents of a case, in the order they happened (the timeline), with evidence and police reports."""
    case = policy.require_content(access)
    views = [_incident_view(case, i, language) for i in _incidents_queryset(case)]
    audit_record(actor=access.actor, action="incident.list_read", object_type="case", object_id=case.reference)
    return views


def incident_read(*, access: policy.CaseAccess, number: int, language: str = "nl") -> IncidentView | None:
    """One incident; a partner's grant for that incident alone (``("incident", pk)``) is enough."""
    incident = _incidents_queryset(policy.require_case_access(access)).filter(number=number).first()
    case = policy.require_content(access, ("incident", incident.pk if incident is not None else None))
    if incident is None:
        return None
    audit_record(
        actor=access.actor,
        action="incident.read",
        object_type="case",
        object_id=case.reference,
        details={"incident": number},
    )
    return _incident_view(case, incident, language)


def evidence_list(*, access: policy.CaseAccess) -> list[EvidenceView]:
    """Every file of the case (incident evidence and receipts), by exhibit number."""
    case = policy.require_content(access)
    numbers: dict[int | None, int] = dict(case.incidents.values_list("pk", "number"))
    views = [_evidence_view(case, e, numbers.get(e.incident_id)) for e in case.evidence.order_by("number")]
    audit_record(actor=access.actor, action="evidence.list_read", object_type="case", object_id=case.reference)
    return views


def damage_read(*, access: policy.CaseAccess) -> list[DamageView]:
    case = policy.require_content(access)
    numbers: dict[int | None, int] = dict(case.incidents.values_list("pk", "number"))
    items = []
    for item in case.damage_items.prefetch_related("receipts").order_by("incurred_on", "id"):
        items.append(
            DamageView(
                id=item.pk,
                kind=item.kind,
                amount_cents=item.amount_cents,
                incurred_on=item.incurred_on,
                description=item.open("sealed_description", under=case),
                incident_number=numbers.get(item.incident_id) if item.incident_id else None,
                receipts=[_evidence_view(case, e, numbers.get(e.incident_id)) for e in item.receipts.all()],
            )
        )
    audit_record(actor=access.actor, action="damage.list_read", object_type="case", object_id=case.reference)
    return items


def damage_total_cents(case: Case) -> int:
    return int(DamageItem.objects.filter(case=case).aggregate(t=Sum("amount_cents"))["t"] or 0)


def case_damage_routes(case: Case, language: str = "nl") -> list[DamageRoute]:
    incidents = list(case.incidents.values_list("occurred_on", "acts"))
    return damage_routes(role=case.role, incidents=incidents, language=language)


def evidence_usage_bytes(case: Case) -> int:
    return int(case.evidence.aggregate(t=Sum("size"))["t"] or 0)


def nearest_complaint_deadline(case: Case, *, today: date) -> date | None:
    """The earliest complaint deadline still ahead for an incident without a complaint yet."""
    return (
        case.incidents.filter(complaint_deadline__gte=today)
        .exclude(police_report__kind="complaint")
        .order_by("complaint_deadline")
        .values_list("complaint_deadline", flat=True)
        .first()
    )
