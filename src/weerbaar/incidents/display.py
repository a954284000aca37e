"""Incident data in words, for pages and PDFs alike: choice labels, amounts in euros, the stored step plan.

One place for what the workspace, "Mijn zaak" and the police dossier all show, so they cannot drift apart.
Labels come out in the active language (call inside ``translation.override`` for a PDF).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import get_language

from weerbaar.guidance.analysis import Finding
from weerbaar.guidance.forms import ACTS
from weerbaar.incidents.choices import (
    AddressProtection,
    AffectedPerson,
    Article12Status,
    IdentifierKind,
    IncidentChannel,
    Perpetrators,
    ProsecutionDecision,
    ReportKind,
    Threatened,
    TriState,
    Victim,
)


def label(choices: Any, value: str) -> str:
    """The label of ``value`` in a TextChoices class, or the value itself when it is not (or no longer) one."""
    return str(dict(choices.choices).get(value, value))


def euros(cents: int | None, language: str) -> str:
    """ "€ 1.234,56" in Dutch, "€1,234.56" in English; "" for no amount."""
    if cents is None:
        return ""
    whole, rest = divmod(int(cents), 100)
    grouped = f"{whole:,}"
    if language == "en":
        return f"€{grouped}.{rest:02d}"
    return f"€ {grouped.replace(',', '.')},{rest:02d}"


def plan_with_dates(plan: dict[str, Any]) -> dict[str, Any]:
    """A step plan in the API's shape (``assessment_data``) with its complaint deadlines as dates."""
    offences = []
    for offence in plan.get("offences", []):
        deadline = offence.get("complaintDeadline")
        if isinstance(deadline, str):
            deadline = date.fromisoformat(deadline)
        offences.append({**offence, "complaintDeadline": deadline})
    return {**plan, "offences": offences}


@dataclass(frozen=True)
class DeadlineRow:
    """One offence of one incident as a row of a deadline table: what it asks and by when, with its status."""

    incident: int | None
    article: str
    title: str
    need: str  # "required", "precautionary" or "none"
    deadline: date | None
    status: str  # "open", "today", "expired" or "none"
    series: bool  # the date of a stalking series: from knowledge of its last act


def deadline_row(finding: Finding) -> DeadlineRow:
    """A finding of ``guidance.analysis`` with its offence's title in the active language."""
    language = "en" if (get_language() or "nl").startswith("en") else "nl"
    return DeadlineRow(
        incident=finding.incident,
        article=finding.article,
        title=finding.offence.title(language),
        need=finding.need.value,
        deadline=finding.deadline,
        status=finding.status,
        series=finding.series,
    )


@dataclass(frozen=True)
class IncidentWords:
    channel: str
    acts: list[str]
    affected: list[str]
    identifiers: list[dict[str, str]]
    report_kind: str
    report_vpt: str
    report_address: str
    report_decision: str
    report_article12: str
    victim: str
    threatened: str
    perpetrators: str


def incident_words(incident: Any) -> IncidentWords:
    """The codes of an ``incidents.selectors.IncidentView`` (and its police report) in words."""
    report = incident.police_report
    return IncidentWords(
        channel=label(IncidentChannel, incident.channel),
        acts=[str(ACTS[a][0]) if a in ACTS else a for a in incident.acts],
        affected=[label(AffectedPerson, a) for a in incident.affected],
        identifiers=[
            {"kind": label(IdentifierKind, i.get("kind", "")), "value": i.get("value", "")}
            for i in incident.perpetrator_identifiers
        ],
        report_kind=label(ReportKind, report.kind if report else ReportKind.NONE),
        report_vpt=label(TriState, report.vpt_code) if report else "",
        report_address=label(AddressProtection, report.address_protection) if report else "",
        report_decision=label(ProsecutionDecision, report.prosecution_decision) if report else "",
        report_article12=label(Article12Status, report.article12) if report else "",
        victim=label(Victim, incident.victim),
        threatened=label(Threatened, incident.threatened) if incident.threatened else "",
        perpetrators=label(Perpetrators, incident.perpetrators) if incident.perpetrators else "",
    )
