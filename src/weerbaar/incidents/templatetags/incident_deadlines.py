"""Deadline tables from the one computation (``incidents.selectors.CaseAnalysis``), for the incident pages, the
case page's panel and Mijn zaak: ``{% load incident_deadlines %}``, then ``analysis|outstanding_rows``,
``analysis|nearest_row`` or ``incident.deadlines|offence_rows``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils.translation import get_language, gettext_lazy

from weerbaar.guidance import rules
from weerbaar.incidents.display import DeadlineRow, deadline_row

register = template.Library()


@register.filter
def outstanding_rows(analysis: Any) -> list[DeadlineRow]:
    """Every klacht date of an incident without an aangifte (expired ones too), earliest first."""
    if analysis is None:
        return []
    return [deadline_row(f) for f in analysis.outstanding()]


@register.filter
def nearest_row(analysis: Any) -> DeadlineRow | None:
    """The first klacht date still to come (or ending today) of an incident without an aangifte."""
    finding = analysis.nearest() if analysis is not None else None
    return deadline_row(finding) if finding is not None else None


@register.filter
def offence_rows(findings: Any) -> list[DeadlineRow]:
    """Every offence of one incident (with and without a klacht date), in the rules' order."""
    return [deadline_row(f) for f in findings or []]


@register.filter
def with_date(rows: list[DeadlineRow]) -> list[DeadlineRow]:
    return [r for r in rows if r.deadline is not None]


@register.filter
def has_status(rows: list[DeadlineRow], status: str) -> bool:
    return any(r.status == status for r in rows)


@register.filter
def offence_title(article: str) -> str:
    """The title of an article in the active language, or "" when the current rules no longer know it."""
    offence = rules.OFFENCES.get(str(article))
    if offence is None:
        return ""
    return offence.title("en" if (get_language() or "nl").startswith("en") else "nl")


@register.filter
def iso_date(value: Any) -> date | None:
    """An ISO date as stored in a step plan (``"2027-02-25"``) as a date, for the ``date`` filter."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


NEEDS = {
    "required": gettext_lazy("nodig"),
    "precautionary": gettext_lazy("voor de zekerheid"),
    "none": gettext_lazy("niet nodig"),
}


@register.filter
def need_label(need: str) -> str:
    """What an offence asks as to a klacht, in words: "nodig", "voor de zekerheid", "niet nodig"."""
    return str(NEEDS.get(str(need), need))
