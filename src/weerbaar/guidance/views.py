"""The public wizard "Wat kan ik doen?": a GET form, the step plan on the same page (and as a one-page PDF).
Nothing is stored.

Thin: read the query string (forms.py), check it with the rules of ``POST /assessments`` (validation.py),
ask the follow-up questions the chosen acts still need (without JavaScript: one more page), call the pure
``assess()`` and render. No session, no database, no cache.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from weerbaar.core.errors import InvalidInput
from weerbaar.guidance import rules
from weerbaar.guidance.assessment import assess
from weerbaar.guidance.forms import wizard_form
from weerbaar.guidance.stepplan_pdf import step_plan_pdf
from weerbaar.guidance.validation import local_today, validate_facts
from weerbaar.web.http import content_language


@require_GET
def wizard(request: HttpRequest) -> HttpResponse:
    today = local_today()
    form = wizard_form(request.GET, today=today)
    result = None
    pending: list[str] = []
    if form.submitted:
        try:
            facts = validate_facts(form.raw(), today=today)
        except InvalidInput as exc:
            form.add_errors(exc.invalid_params or [])
        else:
            # The follow-ups the chosen acts need come first, unless someone is in danger: then 112 at once.
            pending = [] if facts.acute_danger else form.pending()
            if not pending:
                result = assess(facts, content_language(), today=today)
    response = render(
        request,
        "guidance/wizard.html",
        {
            "form": form,
            "fields": form.fields(),
            "acts": form.acts(),
            "follow_ups": form.follow_ups(),
            "pending": form.follow_ups(pending) if pending else [],
            "carried": form.carried(pending) if pending else [],
            "errors": form.error_list(),
            "result": result,
            "from_last_act": bool(result and form.values["last_learned_on"] and form.relevant("last_learned_on")),
            "today": today,
            "phone_police": rules.PHONE_POLICE,
            "pdf_query": request.GET.urlencode() if result else "",
        },
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_GET
def step_plan_download(request: HttpRequest) -> HttpResponse:
    """The same query as the wizard, answered as a one-page PDF download. Incomplete or invalid answers go
    back to the wizard with the same query, which shows what to fix."""
    today = local_today()
    form = wizard_form(request.GET, today=today)
    try:
        facts = validate_facts(form.raw(), today=today)
    except InvalidInput:
        query = request.GET.urlencode()
        return HttpResponseRedirect(reverse("guidance:wizard") + (f"?{query}&submit=1" if query else ""))
    pdf = step_plan_pdf(assess(facts, content_language(), today=today), content_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="stappenplan.pdf"'
    patch_cache_control(response, private=True, no_store=True)
    return response
