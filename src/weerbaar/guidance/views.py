"""The public wizard "Wat kan ik doen?": a GET form, the step plan on the same page. Nothing is stored.

Thin: read the query string (forms.py), check it with the rules of ``POST /assessments`` (validation.py),
call the pure ``assess()`` and render. No session, no database, no cache.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from weerbaar.core.errors import InvalidInput
from weerbaar.guidance import rules
from weerbaar.guidance.assessment import assess
from weerbaar.guidance.forms import wizard_form
from weerbaar.guidance.validation import validate_facts


@require_GET
def wizard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = wizard_form(request.GET, today=today)
    result = None
    if form.submitted:
        try:
            facts = validate_facts(form.raw(), today=today)
        except InvalidInput as exc:
            form.add_errors(exc.invalid_params or [])
        else:
            language = "en" if (get_language() or "").startswith("en") else "nl"
            result = assess(facts, language)
    response = render(
        request,
        "guidance/wizard.html",
        {
            "form": form,
            "fields": form.fields(),
            "acts": form.acts(),
            "errors": form.error_list(),
            "result": result,
            "today": today,
            "phone_police": rules.PHONE_POLICE,
        },
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
