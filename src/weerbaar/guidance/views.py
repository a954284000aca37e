"""The public wizard "Wat kan ik doen?": a form that posts its answers (so none lands in the address bar or the
browser's history), the step plan on the same page (and as a one-page PDF, posted the same way). Nothing is
stored.

Thin: read the posted answers (forms.py), check it with the rules of ``POST /assessments`` (validation.py),
ask the follow-up questions the chosen acts still need (without JavaScript: one more page), call the pure
``assess()`` and render. No session and no database; the PDF counts downloads per client address in the
cache (``WEERBAAR_STEP_PLAN_PDF_RATE_LIMIT`` an hour), since each one costs WeasyPrint about a second.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from weerbaar.core import ratelimit
from weerbaar.core.errors import InvalidInput, RateLimited
from weerbaar.guidance import rules
from weerbaar.guidance.assessment import assess
from weerbaar.guidance.forms import wizard_form
from weerbaar.guidance.stepplan_pdf import step_plan_pdf
from weerbaar.guidance.validation import local_today, validate_facts
from weerbaar.web.http import content_language

# Posted names that are not answers: the CSRF token and the buttons.
NOT_ANSWERS = frozenset({"csrfmiddlewaretoken", "submit", "edit"})


@require_http_methods(["GET", "POST"])
def wizard(request: HttpRequest) -> HttpResponse:
    # A query string is ignored: answers come only by POST, so none is ever in a URL.
    return _wizard_page(request, request.POST if request.method == "POST" else QueryDict())


def _wizard_page(request: HttpRequest, data: QueryDict, *, status: int = 200, notice: str = "") -> HttpResponse:
    today = local_today()
    form = wizard_form(data, today=today)
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
            "notice": notice,
            "phone_police": rules.PHONE_POLICE,
            # The answers again, as hidden inputs of the PDF button's form.
            "answers": [(k, v) for k, values in data.lists() if k not in NOT_ANSWERS for v in values] if result else [],
        },
        status=status,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_POST
def step_plan_download(request: HttpRequest) -> HttpResponse:
    """The same answers as the wizard, posted, answered as a one-page PDF download. Incomplete or invalid
    answers show the wizard with them, saying what to fix."""
    today = local_today()
    form = wizard_form(request.POST, today=today)
    try:
        facts = validate_facts(form.raw(), today=today)
    except InvalidInput:
        data = request.POST.copy()
        data["submit"] = "1"
        data.pop("edit", None)
        return _wizard_page(request, data, status=400)
    try:
        ratelimit.hit(
            "step-plan-pdf",
            ratelimit.client_address(request),
            limit=settings.WEERBAAR.get("STEP_PLAN_PDF_RATE_LIMIT", 30),
            window_seconds=3600,
            message="Too many step-plan PDFs from this address.",
        )
    except RateLimited as exc:
        # The plan itself stays on the page; only the PDF waits.
        data = request.POST.copy()
        data["submit"] = "1"
        data.pop("edit", None)
        minutes = max(1, (exc.retry_after + 59) // 60)
        notice = _(
            "Er zijn van dit adres te veel pdf's gemaakt. Uw stappenplan staat hieronder; "
            "probeer de pdf over %(minutes)d minuten opnieuw."
        ) % {"minutes": minutes}
        response = _wizard_page(request, data, status=429, notice=notice)
        response["Retry-After"] = str(exc.retry_after)
        return response
    pdf = step_plan_pdf(assess(facts, content_language(), today=today), content_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="stappenplan.pdf"'
    patch_cache_control(response, private=True, no_store=True)
    return response
