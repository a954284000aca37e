"""Web pages of the office holder's rights: the download and the erasure request in Mijn zaak, the case
worker's decision in the workspace, and the panel on the case page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from weerbaar.accounts import policy
from weerbaar.accounts.decorators import SignedInRequest, case_worker_required
from weerbaar.cases.panels import CasePanel
from weerbaar.core.errors import Conflict, DomainError, NotFound, RateLimited
from weerbaar.rights import export, selectors, services
from weerbaar.rights.api import export_response
from weerbaar.rights.forms import ERASE, EXTEND, ErasureDecisionForm
from weerbaar.web.forms import error_status
from weerbaar.web.http import content_language, no_store
from weerbaar.web.office_holders import sessions
from weerbaar.web.pages import office_holder_case, office_holder_page

# --- Mijn zaak ------------------------------------------------------------------------------------------------


@require_GET
def portal_export(request: HttpRequest) -> HttpResponseBase:
    """The ZIP of everything about the case, streamed (the same as ``GET /help-requests/{ref}/export``)."""
    found = office_holder_case(request)
    if found is None:
        return redirect(sessions().sign_in_url)
    _principal, access = found
    try:
        services.export_rate_limit(access.case.reference)
    except RateLimited as exc:
        messages.error(request, exc.message)
        return HttpResponseRedirect(reverse("rights:portal_rights"))
    try:
        prepared = export.export_prepare(access=access, language=content_language())
    except export.IntegrityError:
        messages.error(
            request,
            _("Een bewijsbestand is beschadigd, daarom kan de download nu niet worden gemaakt. Bel 070-3738314."),
        )
        return HttpResponseRedirect(reverse("rights:portal_rights"))
    return export_response(prepared)


@require_http_methods(["GET", "POST"])
@office_holder_page
def portal_rights(request: HttpRequest, principal: policy.OfficeHolder, access: policy.CaseAccess) -> HttpResponse:
    """ "Uw gegevens": download everything, and ask for erasure (POST: file the request)."""
    status = 200
    if request.method == "POST":
        try:
            services.erasure_request_file(access=access)
        except Conflict as exc:
            messages.error(request, exc.message)
            status = 409
        else:
            messages.success(
                request, _("Uw verzoek om verwijdering is ontvangen. Uw adviseur beslist binnen een maand.")
            )
            return HttpResponseRedirect(reverse("rights:portal_rights"))
    context = {"case": access.case, "erasure_requests": selectors.erasure_requests_read(access=access)}
    return no_store(render(request, "rights/portal.html", context, status=status))


# --- the workspace --------------------------------------------------------------------------------------------


def _staff_access(request: SignedInRequest, reference: str) -> policy.CaseAccess:
    try:
        return policy.access_case(request.user, reference, level=policy.CONTENT)
    except NotFound as exc:
        raise Http404 from exc


def _decision_page(
    request: SignedInRequest, access: policy.CaseAccess, form: ErasureDecisionForm, status: int = 200
) -> HttpResponse:
    views = selectors.erasure_requests_read(access=access, texts=selectors.PENDING)
    context = {
        "case": access.case,
        "form": form,
        "erasure_requests": views,
        "pending": next((v for v in views if v.is_pending), None),
        "may_decide": policy.can_decide_erasure(access),
        "nav": "queue",
    }
    return no_store(render(request, "rights/decide.html", context, status=status))


@case_worker_required
@require_http_methods(["GET", "POST"])
def ws_decide(request: SignedInRequest, reference: str) -> HttpResponse:
    """The erasure requests of a case; POST: erase the case, or refuse with a ground and an explanation."""
    access = _staff_access(request, reference)
    if request.method == "GET":
        return _decision_page(request, access, ErasureDecisionForm())
    form = ErasureDecisionForm(request.POST)
    if not form.is_valid():
        return _decision_page(request, access, form, status=400)
    try:
        if form.cleaned_data["decision"] == ERASE:
            services.erasure_request_erase(access=access)
        elif form.cleaned_data["decision"] == EXTEND:
            services.erasure_request_extend(access=access, reason=form.cleaned_data["explanation"])
        else:
            services.erasure_request_refuse(
                access=access, ground=form.cleaned_data["ground"], explanation=form.cleaned_data["explanation"]
            )
    except DomainError as exc:
        form.add_domain_error(exc)
        return _decision_page(request, access, form, status=error_status(exc))
    if form.cleaned_data["decision"] == ERASE:
        messages.success(request, _("De zaak is verwijderd. Alleen de gegevens zonder inhoud blijven bewaard."))
        return HttpResponseRedirect(reverse("cases:queue"))
    if form.cleaned_data["decision"] == EXTEND:
        messages.success(
            request, _("De termijn is met twee maanden verlengd. De ambtsdrager ziet uw reden in Mijn zaak.")
        )
        return HttpResponseRedirect(reverse("rights:ws_decide", args=[reference]))
    messages.success(request, _("Het verzoek is afgewezen. De ambtsdrager ziet uw uitleg in Mijn zaak."))
    return HttpResponseRedirect(reverse("rights:ws_decide", args=[reference]))


def erasure_panel(request: HttpRequest, access: Any) -> str:
    """On the case page: an open erasure request with its statutory date, or the last decision."""
    views = selectors.erasure_requests_read(access=access, texts=selectors.NONE)  # the panel shows no text
    if not views:
        return ""
    return render_to_string(
        "rights/_panel.html", {"case": access.case, "latest": views[0], "pending": views[0].is_pending}, request=request
    )


ERASURE_PANEL = CasePanel("erasure request", 5, erasure_panel)
