"""From facts to a step plan: a pure function over ``guidance.analysis`` (offences and klacht dates).

Nothing is stored and nothing is looked up: the same facts, language and day always give the same plan.
``assess`` is the public step plan of one situation; ``assess_case`` the plan of a case's incidents (dossier,
case page, portal), both from the one computation ``analysis.analyse``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from weerbaar.core import clock
from weerbaar.guidance import rules
from weerbaar.guidance.analysis import Analysis, IncidentFacts, analyse
from weerbaar.guidance.analysis import complaint_deadline as complaint_deadline
from weerbaar.guidance.steps import Step, build_steps


@dataclass(frozen=True)
class Facts:
    role: str
    related_to_office: bool
    acute_danger: bool
    online: bool
    learned_on: date
    acts: tuple[str, ...]
    victim: str = "office_holder"
    last_learned_on: date | None = None
    threatened: str | None = None
    demand: bool = False
    perpetrators: str | None = None
    serious_injury: bool = False

    def incident(self) -> IncidentFacts:
        return IncidentFacts(
            learned_on=self.learned_on,
            acts=self.acts,
            related_to_office=self.related_to_office,
            online=self.online,
            victim=self.victim,
            last_learned_on=self.last_learned_on,
            threatened=self.threatened,
            demand=self.demand,
            perpetrators=self.perpetrators,
            serious_injury=self.serious_injury,
        )


@dataclass(frozen=True)
class OffenceResult:
    article: str
    title: str
    complaint_required: bool
    complaint_deadline: date | None
    precautionary_complaint_deadline: date | None = None
    deadline_status: str = "none"
    incident: int | None = None


@dataclass(frozen=True)
class Assessment:
    route: str
    offences: list[OffenceResult]
    ask_for_vpt_code: bool
    steps: list[Step]
    sources: list[str] = field(default_factory=list)
    rules_version: str = rules.RULES_VERSION


def assess(facts: Facts, language: str = "nl", *, today: date | None = None) -> Assessment:
    """The step plan for ``facts`` in ``language`` ("nl" or "en"; anything else is Dutch) on ``today`` (default:
    today in Europe/Amsterdam as the services' clock sees it)."""
    today = today or timezone.localdate(clock.now())
    analysis = analyse(facts.role, [facts.incident()], today=today)
    return plan(analysis, facts, language)


def assess_case(
    role: str, incidents: list[IncidentFacts], language: str = "nl", *, today: date | None = None
) -> Assessment:
    """The step plan of a case's incidents: offences per incident, dates from the one computation."""
    today = today or timezone.localdate(clock.now())
    analysis = analyse(role, incidents, today=today)
    summary = Facts(
        role=role,
        # The office holder hit in the exercise of the office in at least one incident (the VPT code); whether a
        # klacht is needed is decided per offence and incident by ``analyse``, never from this summary.
        related_to_office=analysis.related_to_office,
        acute_danger=False,
        online=any(i.online for i in incidents),
        learned_on=min((i.learned_on for i in incidents), default=today),
        acts=tuple(sorted({a for i in incidents for a in i.acts})),
    )
    return plan(analysis, summary, language)


def offence_results(analysis: Analysis, language: str) -> list[OffenceResult]:
    return [
        OffenceResult(
            article=f.article,
            title=f.offence.title("en" if language == "en" else "nl"),
            complaint_required=f.complaint_required,
            complaint_deadline=f.complaint_deadline,
            precautionary_complaint_deadline=f.precautionary_deadline,
            deadline_status=f.status,
            incident=f.incident,
        )
        for f in analysis.findings
    ]


def plan(analysis: Analysis, facts: Facts, language: str) -> Assessment:
    """The step plan of an analysis: the units of ``guidance.steps`` whose condition holds, in order, and their
    sources followed by the source of every offence found. ``facts`` summarises the situation (role, danger,
    online, acts); every date comes from ``analysis``."""
    offences = offence_results(analysis, language)
    if facts.acute_danger:
        route = "emergency"
    elif offences:
        route = "complaint"
    else:
        route = "registration"
    steps = build_steps(analysis, facts, language)
    sources: list[str] = []
    likely = [rules.OFFENCES[a] for a in analysis.articles()]
    extra = [rules.ART_269] if any(o.complaint is rules.Complaint.UNLESS_RELATED_TO_OFFICE for o in likely) else []
    findings = [u for f in analysis.findings for u in f.sources]
    for url in [*(u for step in steps for u in step.sources), *(o.source for o in likely), *findings, *extra]:
        if url not in sources:
            sources.append(url)
    ask_vpt = any(step.code == "ask_vpt_code" for step in steps)
    return Assessment(route=route, offences=offences, ask_for_vpt_code=ask_vpt, steps=steps, sources=sources)
