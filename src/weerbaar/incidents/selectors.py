"""Reads of the incident log, evidence, police reports and damage: decrypted, shaped for display, audited."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from django.db.models import Prefetch, Sum
from django.utils import timezone

from weerbaar.accounts import policy
from weerbaar.cases.models import Case
from weerbaar.core import clock
from weerbaar.core.audit import audit_record
from weerbaar.guidance import rules
from weerbaar.guidance.analysis import Analysis, Finding, IncidentFacts, analyse, deadline_status
from weerbaar.guidance.api import assessment_data
from weerbaar.guidance.assessment import Assessment, Facts, assess_case, plan
from weerbaar.guidance.damage import DamageRoute, damage_routes
from weerbaar.guidance.rules import Need
from weerbaar.incidents.choices import (
    ONLINE_CHANNELS,
    AddressProtection,
    Article12Status,
    ProsecutionDecision,
    ReportKind,
    TriState,
)
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
    victim: str = "office_holder"
    last_learned_on: date | None = None
    threatened: str | None = None
    demand: bool = False
    perpetrators: str | None = None
    serious_injury: bool = False
    in_series: bool = True
    # Its offences with what they ask and by when, from the one computation over the case today (current rules).
    deadlines: list[Finding] = field(default_factory=list)
    precautionary_deadline: date | None = None
    # The last re-assessment: {"at", "fromVersion", "toVersion", "changes": [...]} (``incident_reassess``), or {}.
    reassessed: dict[str, Any] = field(default_factory=dict)


@dataclass
class DamageView:
    id: int
    kind: str
    amount_cents: int | None
    incurred_on: date | None
    description: str
    incident_number: int | None
    receipts: list[EvidenceView] = field(default_factory=list)


def incident_facts(incident: IncidentView | Incident, *, under: Case | None = None) -> IncidentFacts:
    """What the rules need of one recorded incident (its view or its row): the one input of ``guidance.analysis``
    for a case. Of a row, the channel and acts are opened from its sealed facts under the case's key (``under``
    saves loading the case)."""
    if isinstance(incident, Incident):
        opened = incident.opened_facts(under=under)
        channel, acts = opened["channel"], opened["acts"]
    else:
        channel, acts = incident.channel, incident.acts
    return IncidentFacts(
        learned_on=incident.learned_on,
        acts=tuple(acts),
        related_to_office=incident.related_to_office,
        online=channel in ONLINE_CHANNELS,
        victim=incident.victim,
        last_learned_on=incident.last_learned_on,
        threatened=incident.threatened,
        demand=incident.demand,
        perpetrators=incident.perpetrators,
        serious_injury=incident.serious_injury,
        in_series=incident.in_series,
        number=incident.number,
    )


# --- the one computation for a case --------------------------------------------------------------------------


def today_in_amsterdam() -> date:
    """The day deadlines are compared with: Europe/Amsterdam, from the services' clock."""
    return timezone.localdate(clock.now())


@dataclass(frozen=True)
class CaseAnalysis:
    """``guidance.analysis.analyse`` over every incident of one case, today, and which incidents have an aangifte.

    The one place pages, the API, the dossier and the deadline to-dos take deadlines from: per offence and
    incident, with the stalking series (art. 285b Sr) dated from its last act, and a status against today.
    """

    analysis: Analysis
    complained: frozenset[int]  # numbers of the incidents with an aangifte (klacht) recorded

    @property
    def today(self) -> date:
        return self.analysis.today

    def for_incident(self, number: int) -> list[Finding]:
        """Every offence of one incident, in the order the rules give them."""
        return self.analysis.for_incident(number)

    def deadlines(self, number: int | None = None) -> list[Finding]:
        """The offences with a klacht date (required or precautionary), of one incident or all; earliest first."""
        found = [f for f in self.analysis.asking_klacht() if number is None or f.incident == number]
        return sorted(found, key=_deadline_order)

    def required_deadline(self, number: int) -> date | None:
        """The earliest date by which a klacht is required for one of the incident's offences (the column)."""
        dates = [f.deadline for f in self.for_incident(number) if f.need is Need.REQUIRED and f.deadline]
        return min(dates, default=None)

    def precautionary_deadline(self, number: int) -> date | None:
        dates = [f.deadline for f in self.for_incident(number) if f.need is Need.PRECAUTIONARY and f.deadline]
        return min(dates, default=None)

    def outstanding(self) -> list[Finding]:
        """Klacht dates of incidents without an aangifte yet (expired ones included), earliest first."""
        return [f for f in self.deadlines() if f.incident not in self.complained]

    def nearest(self) -> Finding | None:
        """The first klacht date still to come (or ending today) of an incident without an aangifte; a required
        date before a precautionary one on the same day."""
        live = [f for f in self.outstanding() if f.status in ("open", "today")]
        return min(live, key=_deadline_order, default=None)


def _deadline_order(finding: Finding) -> tuple[date, bool, int, str]:
    assert finding.deadline is not None
    return (finding.deadline, finding.need is not Need.REQUIRED, finding.incident or 0, finding.article)


def case_incident_facts(case: Case) -> list[IncidentFacts]:
    """The facts of every incident of ``case``, by number (each one's channel and acts opened under the case's
    key for the computation; nothing is shown from them here)."""
    return [incident_facts(i, under=case) for i in case.incidents.order_by("number")]


def _analysis_of(case: Case, incidents: Iterable[Incident], day: date | None) -> CaseAnalysis:
    rows = list(incidents)
    analysis = analyse(
        case.role,
        sorted((incident_facts(i, under=case) for i in rows), key=_by_number),
        today=day or today_in_amsterdam(),
    )
    return CaseAnalysis(analysis=analysis, complained=_complained(case, rows))


def _complained(case: Case, incidents: list[Incident]) -> frozenset[int]:
    """The numbers of the incidents with an aangifte recorded. The report's kind is sealed: each report of the case
    (one query) is opened under the case's key, for this computation only (nothing is shown or audited from it)."""
    reports = PoliceReport.objects.filter(incident__in=[i.pk for i in incidents]).select_related("incident")
    return frozenset(
        report.incident.number
        for report in reports
        if report.open("sealed_details", under=case).get("kind") == ReportKind.COMPLAINT
    )


def _by_number(facts: IncidentFacts) -> int:
    return facts.number or 0


def case_analysis(case: Case, *, today: date | None = None) -> CaseAnalysis:
    """The offences and klacht dates of every incident of ``case`` on ``today`` (default: today in Amsterdam).

    Reads the incidents' plain columns (dates, the office relation, the victim …), their sealed channel and acts
    and, for whether an aangifte was made, the kind inside each police report's sealed details (both opened under the
    case's key for this computation only); it shows no content and audits nothing. Background work that no person
    asked for passes a case it got through ``policy.system_access`` (``jobs.complaint_deadline_todos``). It is what
    the incident pages, the case page, Mijn zaak, the API, the dossier and the deadline to-dos all show.
    """
    return _analysis_of(case, case.incidents.all(), today)


def case_assessment(case: Case, language: str = "nl", *, today: date | None = None) -> Assessment:
    """The step plan of the whole case (the dossier's): ``guidance.assessment.assess_case`` over the same facts."""
    return assess_case(case.role, case_incident_facts(case), language, today=today or today_in_amsterdam())


def _facts_summary(role: str, facts: IncidentFacts) -> Facts:
    return Facts(
        role=role,
        related_to_office=facts.related_to_office,
        acute_danger=False,
        online=facts.online,
        learned_on=facts.learned_on,
        acts=facts.acts,
        victim=facts.victim,
        last_learned_on=facts.last_learned_on,
        threatened=facts.threatened,
        demand=facts.demand,
        perpetrators=facts.perpetrators,
        serious_injury=facts.serious_injury,
    )


def incident_plan(analysis: Analysis, number: int, language: str = "nl") -> Assessment:
    """The step plan of one incident of a case: its findings in the case's analysis (so a stalking incident
    carries the series' date), the steps for its own facts."""
    facts = next(i for i in analysis.incidents if i.number == number)
    own = Analysis(
        role=analysis.role,
        today=analysis.today,
        incidents=(facts,),
        findings=tuple(analysis.for_incident(number)),
        series_known_until=analysis.series_known_until,
    )
    return plan(own, _facts_summary(analysis.role, facts), language)


def stored_facts(role: str, facts: IncidentFacts) -> dict[str, Any]:
    """The facts an assessment was made from, as stored with it (the API's names)."""
    return {
        "role": role,
        "relatedToOffice": facts.related_to_office,
        "acuteDanger": False,
        "online": facts.online,
        "learnedOn": facts.learned_on.isoformat(),
        "acts": list(facts.acts),
        "victim": facts.victim,
        "lastLearnedOn": facts.last_learned_on.isoformat() if facts.last_learned_on else None,
        "threatened": facts.threatened,
        "demand": facts.demand,
        "perpetrators": facts.perpetrators,
        "seriousInjury": facts.serious_injury,
        "inSeries": facts.in_series,
    }


def assessment_to_store(analysis: Analysis, number: int) -> dict[str, Any]:
    """What an incident stores of its assessment: the rules version, the facts, the Dutch result."""
    facts = next(i for i in analysis.incidents if i.number == number)
    result = incident_plan(analysis, number, "nl")
    return {
        "rulesVersion": result.rules_version,
        "assessedOn": analysis.today.isoformat(),
        "facts": stored_facts(analysis.role, facts),
        "result": assessment_data(result),
    }


def _complete_stored_result(result: dict[str, Any], day: date) -> dict[str, Any]:
    """A result stored under older rules, with the keys the current shape has added (null or derived)."""
    offences = []
    for offence in result.get("offences", []):
        deadline = offence.get("complaintDeadline")
        status = deadline_status(date.fromisoformat(deadline) if isinstance(deadline, str) else None, day)
        offences.append({"precautionaryComplaintDeadline": None, "deadlineStatus": status, "incident": None, **offence})
    return {**result, "offences": offences}


def stored_assessment(
    incident: Incident, language: str = "nl", *, analysis: CaseAnalysis | None = None, under: Case | None = None
) -> dict[str, Any]:
    """The incident's step plan in ``language``.

    Made under the current rules version: computed again, in the case's analysis of today (the same rules; the
    dates of a stalking series and each status as of today). Made under other rules: exactly as stored (Dutch),
    until an advisor re-assesses it (``services.incident_reassess``).
    """
    stored = incident.open("sealed_assessment", under=under)
    if stored.get("rulesVersion") == rules.RULES_VERSION:
        case_view = analysis or case_analysis(under or incident.case)
        if any(i.number == incident.number for i in case_view.analysis.incidents):
            return assessment_data(incident_plan(case_view.analysis, incident.number, language))
    return _complete_stored_result(dict(stored.get("result", {})), analysis.today if analysis else today_in_amsterdam())


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
        kind=details.get("kind") or ReportKind.NONE,
        reported_on=_day(details.get("reportedOn")),
        police_unit=details.get("policeUnit", ""),
        police_reference=details.get("policeReference", ""),
        vpt_code=details.get("vptCode") or TriState.UNKNOWN,
        address_protection=details.get("addressProtection") or AddressProtection.UNKNOWN,
        prosecution_decision=details.get("prosecutionDecision") or ProsecutionDecision.UNKNOWN,
        decision_on=_day(details.get("decisionOn")),
        article12=details.get("article12") or Article12Status.NONE,
        notes=details.get("notes", ""),
        updated_at=report.updated_at,
    )


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _incident_view(case: Case, incident: Incident, language: str, analysis: CaseAnalysis) -> IncidentView:
    details = incident.open("sealed_details", under=case)
    facts = incident.opened_facts(under=case)
    stored = incident.open("sealed_assessment", under=case)
    try:
        report = incident.police_report
    except PoliceReport.DoesNotExist:
        report = None
    return IncidentView(
        number=incident.number,
        occurred_on=incident.occurred_on,
        occurred_at=incident.occurred_at,
        learned_on=incident.learned_on,
        channel=facts["channel"],
        platform=details.get("platform", ""),
        acts=facts["acts"],
        related_to_office=incident.related_to_office,
        description=details.get("description", ""),
        affected=list(incident.affected),
        perpetrator_known=incident.perpetrator_known,
        perpetrator_identifiers=list(details.get("perpetratorIdentifiers", [])),
        witnesses=details.get("witnesses", ""),
        complaint_deadline=analysis.required_deadline(incident.number),
        recorded_by=incident.recorded_by,
        created_at=incident.created_at,
        assessment=stored_assessment(incident, language, analysis=analysis, under=case),
        rules_version=str(stored.get("rulesVersion", "")),
        police_report=_police_view(case, report),
        evidence=[_evidence_view(case, e, incident.number) for e in incident.evidence.all()],
        victim=incident.victim,
        last_learned_on=incident.last_learned_on,
        threatened=incident.threatened,
        demand=incident.demand,
        perpetrators=incident.perpetrators,
        serious_injury=incident.serious_injury,
        in_series=incident.in_series,
        deadlines=analysis.for_incident(incident.number),
        precautionary_deadline=analysis.precautionary_deadline(incident.number),
        reassessed=dict(stored.get("reassessed") or {}),
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
    incidents = list(_incidents_queryset(case))
    analysis = _analysis_of(case, incidents, None)
    views = [_incident_view(case, i, language, analysis) for i in incidents]
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
    return _incident_view(case, incident, language, case_analysis(case))


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
    incidents = [(i.occurred_on, i.opened_facts(under=case)["acts"]) for i in case.incidents.all()]
    return damage_routes(role=case.role, incidents=incidents, language=language)


def evidence_usage_bytes(case: Case) -> int:
    return int(case.evidence.aggregate(t=Sum("size"))["t"] or 0)


def nearest_complaint_deadline(case: Case, *, today: date | None = None) -> CaseAnalysis:
    """The case's klacht dates for the deadline panel (``incidents/_deadline.html``): the case page, Mijn zaak and
    the incident pages. The panel names the nearest date still to come and lists every outstanding one."""
    return case_analysis(case, today=today)


# --- for the concern note (``weerbaar.concerns``) ------------------------------------------------------------


@dataclass(frozen=True)
class TimelineIncident:
    """One incident as the concern note's timeline needs it: when, how (the channel) and who was affected."""

    number: int
    occurred_on: date
    channel: str
    affected: tuple[str, ...]


def incident_numbers(*, access: policy.CaseAccess) -> list[int]:
    """The numbers of the case's incidents (plain, nothing opened), in the order they happened."""
    case = policy.require_content(access)
    return list(case.incidents.order_by("occurred_on", "occurred_at", "number").values_list("number", flat=True))


def incident_timeline(*, access: policy.CaseAccess) -> list[TimelineIncident]:
    """Every incident's date, channel and affected people, in the order they happened; opens only the facts
    (never the account or the perpetrator details) and audits the read."""
    case = policy.require_content(access)
    rows = [
        TimelineIncident(
            number=i.number,
            occurred_on=i.occurred_on,
            channel=i.opened_facts(under=case)["channel"],
            affected=tuple(i.affected or ()),
        )
        for i in case.incidents.order_by("occurred_on", "occurred_at", "number").only(
            "id", "case_id", "number", "occurred_on", "occurred_at", "affected", "sealed_facts"
        )
    ]
    audit_record(actor=access.actor, action="incident.timeline_read", object_type="case", object_id=case.reference)
    return rows
