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


def _plan(result: Assessment | dict[str, Any]) -> dict[str, Any]:
    """One shape for both inputs: the API's camelCase dict, deadlines as dates, plus the rules version."""
    if isinstance(result, Assessment):
        plan = {**assessment_data(result), "rulesVersion": result.rules_version}
    else:
        plan = {"rulesVersion": "", **result}
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
