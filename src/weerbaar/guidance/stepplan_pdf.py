"""The one-page PDF of a step plan: the public wizard's result or an incident's stored assessment."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone, translation

from weerbaar.guidance import rules
from weerbaar.guidance.api import assessment_data
from weerbaar.guidance.assessment import Assessment
from weerbaar.guidance.dossier import render_pdf
from weerbaar.incidents.display import plan_with_dates

JCI_PREFIX = "https://wetten.overheid.nl/jci1.3:c:"
IN_HELP_LINE = frozenset({"contact_advisor", "victim_support"})


def compact_sources(urls: list[str]) -> list[str]:
    """The sources on one line each, with the articles of one law together: ``https://wetten.overheid.nl/
    jci1.3:c:BWBR0001854 art. 66, 267, 269`` (the current text of each; the page has room for ~12 lines, not 30)."""
    laws: dict[str, list[str]] = {}
    compact: list[str] = []
    for url in urls:
        bwb, _sep, query = url.removeprefix(JCI_PREFIX).partition("&")
        if url.startswith(JCI_PREFIX) and query.startswith("artikel=") and "&" not in query:
            if bwb not in laws:
                laws[bwb] = []
                compact.append(bwb)
            laws[bwb].append(query.removeprefix("artikel="))
        else:
            compact.append(url)
    return [f"{JCI_PREFIX}{item} art. {', '.join(laws[item])}" if item in laws else item for item in compact]


def _plan(result: Assessment | dict[str, Any]) -> dict[str, Any]:
    """One shape for both inputs: the API's camelCase dict, deadlines as dates, plus the rules version."""
    if isinstance(result, Assessment):
        plan = {**assessment_data(result), "rulesVersion": result.rules_version}
    else:
        plan = {"rulesVersion": "", **result}
    plan["sources"] = compact_sources(list(plan.get("sources", [])))
    # The page ends with the phone numbers of the advisors and Slachtofferhulp: their steps would say it twice.
    plan["steps"] = [step for step in plan.get("steps", []) if step.get("code") not in IN_HELP_LINE]
    return plan_with_dates(plan)


def step_plan_pdf(assessment_result: Assessment | dict[str, Any], language: str = "nl") -> bytes:
    """``assessment_result`` is an ``Assessment`` (wizard) or its ``assessment_data`` dict (stored with an
    incident, see ``incidents.selectors.stored_assessment``). Renders in ``language``; stores nothing."""
    language = "en" if (language or "").startswith("en") else "nl"
    context = {
        "plan": _plan(assessment_result),
        "language": language,
        "generated_on": timezone.localdate(),
        "national_phone": settings.WEERBAAR["NATIONAL_PHONE"],
        "phone_police": rules.PHONE_POLICE,
        "phone_victim_support": rules.PHONE_VICTIM_SUPPORT,
    }
    with translation.override(language):
        return render_pdf("guidance/pdf/stepplan.html", context, css="stepplan.css")
