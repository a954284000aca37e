"""Web pages of referrals, on three sides.

Workspace (advisor/coordinator with content access to the case): list, propose with suggestions,
record consent, send, cancel, withdraw, see answers. "Mijn zaak" (the office holder): see each
referral, tick the optional items, agree or refuse, withdraw. Partner portal: only what the policy
lets the partner read. Views parse, call one service or selector and render; bad input answers 400
with everything typed kept, a step that is not possible now 409.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.accounts import policy
from weerbaar.accounts.decorators import SignedInRequest, case_worker_required, staff_required
from weerbaar.cases.choices import Status
from weerbaar.core.errors import Conflict, DomainError, NotFound
from weerbaar.directory.choices import PartnerKind
from weerbaar.incidents.services import IntegrityError
from weerbaar.network import selectors, services
from weerbaar.network.choices import KIND_EXPLAINED, ContactMethod
from weerbaar.network.forms import AnswerForm, ConsentForm, KindFilterForm, OverviewFilterForm, ProposeForm
from weerbaar.network.items import REQUEST_TEXT
from weerbaar.network.validation import validate_answer, validate_consent, validate_proposal
from weerbaar.network.workflow import WORKFLOW
from weerbaar.web.forms import choice_field, error_status
from weerbaar.web.http import no_store
from weerbaar.web.pages import office_holder_page

# --- workspace ---------------------------------------------------------------------------------


def _access_or_404(request: HttpRequest, reference: str) -> policy.CaseAccess:
    try:
        return policy.access_case(request.user, reference)
    except NotFound as exc:
        raise Http404 from exc


def _propose_form(case: Any, kind: str, data: Any = None) -> tuple[ProposeForm, list[Any]]:
    suggestions = selectors.suggest_partners(case, kind or None)
    partners = [(str(s.partner.pk), f"{s.partner.name} ({s.partner.get_kind_display()})") for s in suggestions]
    items = [(i.key, i.label) for i in selectors.case_items(case)]
    # With a kind chosen, the best suggestion is preselected (the advisor can still pick another).
    best = next((s for s in suggestions if s.suggested), None)
    initial = {"partner": str(best.partner.pk)} if kind and best else {}
    return ProposeForm(data, partners=partners, items=items, initial=initial), suggestions


def _ws_list_page(
    request: HttpRequest,
    access: policy.CaseAccess,
    form: ProposeForm,
    suggestions: list[Any],
    kind_form: Any,
    status: int = 200,
) -> HttpResponse:
    case = access.case
    referrals = selectors.case_referrals(access=access)
    return no_store(
        render(
            request,
            "network/ws_list.html",
            {
                "case": case,
                "referrals": referrals,
                "form": form,
                "kind_form": kind_form,
                "suggestions": [s for s in suggestions if s.suggested][:8],
                "unavailable": [s for s in suggestions if not s.suggested],
                "closed": case.status == Status.CLOSED,
            },
            status=status,
        )
    )


@case_worker_required
@require_http_methods(["GET", "POST"])
def ws_list(request: SignedInRequest, reference: str) -> HttpResponse:
    try:
        access = policy.access_case_referrals(request.user, reference)
    except NotFound as exc:
        raise Http404 from exc
    if not access.has_content:
        # A coordinator who may not read this case: its referrals as metadata, nothing to propose.
        if request.method != "GET":
            raise Http404
        return _ws_list_metadata_page(request, access)
    case = access.case
    kind_form = KindFilterForm(request.GET or None)
    kind = kind_form.cleaned_data.get("kind", "") if kind_form.is_bound and kind_form.is_valid() else ""
    if request.method == "GET":
        form, suggestions = _propose_form(case, kind)
        return _ws_list_page(request, access, form, suggestions, kind_form)
    form, suggestions = _propose_form(case, kind, request.POST)
    if form.is_valid():
        try:
            data = validate_proposal(
                form.raw(),
                allowed_items={i.key for i in selectors.case_items(case)},
                partner_ids={s.partner.pk for s in suggestions},
            )
            referral = services.referral_propose(actor=request.user, reference=case.reference, data=data)
        except NotFound as exc:
            raise Http404 from exc
        except DomainError as exc:
            form.add_domain_error(exc, ProposeForm.PARAMS)
            return _ws_list_page(request, access, form, suggestions, kind_form, status=error_status(exc))
        messages.success(request, _("De doorverwijzing is voorgesteld. Nu is toestemming van de aanvrager nodig."))
        return HttpResponseRedirect(reverse("network:ws_detail", args=[case.reference, referral.pk]))
    return _ws_list_page(request, access, form, suggestions, kind_form, status=400)


def _ws_list_metadata_page(request: HttpRequest, access: policy.CaseAccess) -> HttpResponse:
    return no_store(
        render(
            request,
            "network/ws_list.html",
            {
                "case": access.case,
                "referrals": selectors.case_referral_rows(access=access),
                "metadata_only": True,
                "closed": True,  # nothing to propose without content access
            },
        )
    )


@staff_required(permission=policy.can_oversee_referrals)
@require_GET
def overview(request: SignedInRequest) -> HttpResponse:
    """Every referral for coordinators (metadata: partner, case reference, status, dates), filtered by status
    and partner, with each partner's load."""
    form = OverviewFilterForm(request.GET or None, partners=selectors.overview_partner_choices())
    status, partner_id = "", None
    if form.is_bound and form.is_valid():
        status = form.cleaned_data.get("status") or ""
        partner_id = int(form.cleaned_data["partner"]) if form.cleaned_data.get("partner") else None
    rows, total = selectors.referral_overview(user=request.user, status=status, partner_id=partner_id)
    return no_store(
        render(
            request,
            "network/overview.html",
            {
                "form": form,
                "referrals": rows,
                "total": total,
                "limit": selectors.OVERVIEW_LIMIT,
                "loads": selectors.partner_loads(user=request.user),
                "filtered": bool(status or partner_id),
                "form_error": form.is_bound and not form.is_valid(),
                "nav": "all_referrals",
            },
            status=400 if form.is_bound and not form.is_valid() else 200,
        )
    )


def _consent_items(view: Any) -> list[tuple[str, str]]:
    return [(i.key, i.label) for i in view.proposed_items]


def _ws_detail_page(
    request: HttpRequest, reference: str, referral_id: int, consent_form: Any = None, status: int = 200
) -> HttpResponse:
    try:
        access = policy.access_referral(request.user, reference, referral_id)
    except NotFound as exc:
        raise Http404 from exc
    referral = access.referral
    view = selectors.referral_read(access=access)
    if consent_form is None:
        case_access = policy.case_side_access(access)
        method = selectors.contact_method_default(case_access)
        consent_form = ConsentForm(
            items=_consent_items(view),
            recorded=True,
            # Nothing optional is ticked for the office holder: the advisor ticks what they agreed to.
            initial={
                "items": [],
                "contact_method": method,
                "contact": selectors.contact_default(case_access, method),
            },
        )
    return no_store(
        render(
            request,
            "network/ws_detail.html",
            {
                "case": referral.case,
                "r": view,
                "consent_form": consent_form,
                "actions": WORKFLOW.names(view.status, party="advisor"),
                "can_withdraw": view.consent is not None and view.consent.withdrawn_at is None,
            },
            status=status,
        )
    )


@case_worker_required
@require_GET
def ws_detail(request: HttpRequest, reference: str, referral_id: int) -> HttpResponse:
    return _ws_detail_page(request, reference, referral_id)


@case_worker_required
@require_POST
def ws_consent(request: HttpRequest, reference: str, referral_id: int) -> HttpResponse:
    try:
        referral = policy.access_referral(request.user, reference, referral_id).referral
    except NotFound as exc:
        raise Http404 from exc
    form = ConsentForm(request.POST, items=[(k, k) for k in referral.proposed_items], recorded=True)
    if form.is_valid():
        try:
            data = validate_consent(
                form.raw(), proposed_items=set(referral.proposed_items), recorded=True, not_before=referral.proposed_at
            )
            services.referral_consent_give(actor=request.user, reference=reference, referral_id=referral_id, data=data)
        except NotFound as exc:
            raise Http404 from exc
        except DomainError as exc:
            form.add_domain_error(exc, ConsentForm.PARAMS)
            return _ws_detail_page(request, reference, referral_id, _relabel(form, referral), status=error_status(exc))
        messages.success(request, _("De toestemming is vastgelegd."))
        return HttpResponseRedirect(reverse("network:ws_detail", args=[reference, referral_id]))
    return _ws_detail_page(request, reference, referral_id, _relabel(form, referral), status=400)


def _relabel(form: ConsentForm, referral: Any) -> ConsentForm:
    labels = {i.key: i.label for i in selectors.case_items(referral.case)}
    choice_field(form, "items").choices = [(k, labels.get(k, k)) for k in referral.proposed_items]
    return form


WS_STEPS = {
    "send": (services.referral_send, _("De doorverwijzing is verstuurd naar de netwerkpartner.")),
    "cancel": (services.referral_cancel, _("De doorverwijzing is geannuleerd.")),
}


@case_worker_required
@require_POST
def ws_step(request: SignedInRequest, reference: str, referral_id: int) -> HttpResponse:
    action = request.POST.get("action", "")
    try:
        if action in WS_STEPS:
            service, message = WS_STEPS[action]
            service(actor=request.user, reference=reference, referral_id=referral_id)
        elif action == "withdraw":
            services.referral_consent_withdraw(actor=request.user, reference=reference, referral_id=referral_id)
            message = _("De toestemming is ingetrokken. De netwerkpartner ziet niets meer van deze doorverwijzing.")
        elif action == "refuse":
            services.referral_consent_refuse(actor=request.user, reference=reference, referral_id=referral_id)
            message = _("Vastgelegd: de aanvrager geeft geen toestemming.")
        else:
            raise Conflict(_("Deze stap is bij de huidige status van de doorverwijzing niet mogelijk."))
    except NotFound as exc:
        raise Http404 from exc
    except DomainError as exc:
        messages.error(request, exc.message)
        return _ws_detail_page(request, reference, referral_id, status=error_status(exc))
    messages.success(request, str(message))
    return HttpResponseRedirect(reverse("network:ws_detail", args=[reference, referral_id]))


# --- "Mijn zaak" ---------------------------------------------------------------------------------


@require_GET
@office_holder_page
def portal_list(request: HttpRequest, principal: policy.OfficeHolder, access: policy.CaseAccess) -> HttpResponse:
    referrals = selectors.case_referrals(access=access)
    return no_store(render(request, "network/portal_list.html", {"case": access.case, "referrals": referrals}))


def _portal_page(
    request: HttpRequest, principal: Any, referral_id: int, form: Any = None, status: int = 200
) -> HttpResponse:
    try:
        access = policy.access_referral_as_office_holder(principal, referral_id)
    except NotFound as exc:
        raise Http404 from exc
    referral = access.referral
    case_access = policy.case_side_access(access)
    view = selectors.referral_read(access=access)
    if view.status == "proposed" and any(i.key == REQUEST_TEXT for i in view.proposed_items):
        # The office holder's own words, so they can see what they would share before ticking it.
        view.request_text = selectors.request_text_of(case_access)
    if form is None:
        method = selectors.contact_method_default(case_access)
        form = ConsentForm(
            items=_consent_items(view),
            recorded=False,
            initial={
                "items": [],
                "contact_method": method,
                "contact": selectors.contact_default(case_access, method),
            },
        )
    return no_store(
        render(
            request,
            "network/portal_detail.html",
            {
                "case": referral.case,
                "r": view,
                "form": form,
                "kind_label": PartnerKind(view.partner_kind).label if view.partner_kind in PartnerKind.values else "",
                "kind_explained": KIND_EXPLAINED.get(view.partner_kind, ""),
                "channel": _channel(view, form),
                "can_withdraw": view.consent is not None
                and view.consent.withdrawn_at is None
                and view.status != "cancelled",
            },
            status=status,
        )
    )


def _channel(view: Any, form: Any) -> str:
    """How the partner will reach the office holder, in words: the consented way, else the form's choice."""
    method = view.consent.contact_method if view.consent else (form["contact_method"].value() or "")
    return str(ContactMethod(method).label).lower() if method in ContactMethod.values else ""


@require_http_methods(["GET", "POST"])
@office_holder_page
def portal_detail(request: HttpRequest, principal: policy.OfficeHolder, _access: Any, referral_id: int) -> HttpResponse:
    if request.method == "GET":
        return _portal_page(request, principal, referral_id)
    try:
        referral = policy.access_referral_as_office_holder(principal, referral_id).referral
    except NotFound as exc:
        raise Http404 from exc
    if request.POST.get("decision") == "refuse":
        try:
            services.referral_consent_refuse(actor=principal, referral_id=referral_id)
        except DomainError as exc:
            messages.error(request, exc.message)
            return _portal_page(request, principal, referral_id, status=error_status(exc))
        messages.success(request, _("U heeft geen toestemming gegeven. Er wordt niets gedeeld."))
        return HttpResponseRedirect(reverse("network:portal_detail", args=[referral_id]))
    form = ConsentForm(request.POST, items=[(k, k) for k in referral.proposed_items], recorded=False)
    if form.is_valid():
        try:
            data = validate_consent(form.raw(), proposed_items=set(referral.proposed_items), recorded=False)
            services.referral_consent_give(actor=principal, referral_id=referral_id, data=data)
        except NotFound as exc:
            raise Http404 from exc
        except DomainError as exc:
            form.add_domain_error(exc, ConsentForm.PARAMS)
            return _portal_page(request, principal, referral_id, _relabel(form, referral), status=error_status(exc))
        messages.success(request, _("Dank u. Uw toestemming is vastgelegd; alleen wat u aanvinkte wordt gedeeld."))
        return HttpResponseRedirect(reverse("network:portal_detail", args=[referral_id]))
    return _portal_page(request, principal, referral_id, _relabel(form, referral), status=400)


@require_POST
@office_holder_page
def portal_withdraw(
    request: HttpRequest, principal: policy.OfficeHolder, _access: Any, referral_id: int
) -> HttpResponse:
    try:
        services.referral_consent_withdraw(actor=principal, referral_id=referral_id)
    except NotFound as exc:
        raise Http404 from exc
    except DomainError as exc:
        messages.error(request, exc.message)
        return _portal_page(request, principal, referral_id, status=error_status(exc))
    messages.success(request, _("Uw toestemming is ingetrokken. De netwerkpartner ziet niets meer van uw gegevens."))
    return HttpResponseRedirect(reverse("network:portal_detail", args=[referral_id]))


# --- partner portal ------------------------------------------------------------------------------


def _partner_required(view: Any) -> Any:
    return staff_required(view, permission=policy.is_partner_user)


@_partner_required
@require_GET
def partner_list(request: HttpRequest) -> HttpResponse:
    referrals = list(selectors.partner_referrals(user=request.user))
    return no_store(
        render(
            request, "network/partner_list.html", {"referrals": referrals, "now": timezone.now(), "nav": "referrals"}
        )
    )


def _partner_page(
    request: HttpRequest, referral_id: int, forms: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    try:
        view = selectors.referral_for_partner(access=policy.access_referral_as_partner(request.user, referral_id))
    except NotFound as exc:
        raise Http404 from exc
    forms = forms or {}
    return no_store(
        render(
            request,
            "network/partner_detail.html",
            {
                "r": view,
                "nav": "referrals",
                "actions": WORKFLOW.names(view.status, party="partner"),
                "decline_form": forms.get("decline") or AnswerForm(prefix="decline", label=_("Reden van afwijzen")),
                "complete_form": forms.get("complete")
                or AnswerForm(prefix="complete", label=_("Terugkoppeling aan de adviseur")),
            },
            status=status,
        )
    )


@_partner_required
@require_GET
def partner_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    return _partner_page(request, referral_id)


@_partner_required
@require_POST
def partner_step(request: SignedInRequest, referral_id: int) -> HttpResponse:
    action = request.POST.get("action", "")
    form = None
    text = ""
    if action in ("decline", "complete"):
        label = _("Reden van afwijzen") if action == "decline" else _("Terugkoppeling aan de adviseur")
        form = AnswerForm(request.POST, prefix=action, label=label)
        text = request.POST.get(f"{action}-text", "")
    try:
        text = validate_answer({"text": text}, action=action)
        services.referral_answer(actor=request.user, referral_id=referral_id, action=action, text=text)
    except NotFound as exc:
        raise Http404 from exc
    except DomainError as exc:
        if form is not None:
            form.is_valid()
            form.add_domain_error(exc, {"text": "text"})
        else:
            messages.error(request, exc.message)
        return _partner_page(request, referral_id, {action: form} if form else None, status=error_status(exc))
    messages.success(
        request,
        {
            "accept": _("U heeft de doorverwijzing geaccepteerd."),
            "decline": _("U heeft de doorverwijzing afgewezen."),
            "complete": _("Dank u. Uw terugkoppeling is verstuurd en de doorverwijzing is afgerond."),
        }[action],
    )
    return HttpResponseRedirect(reverse("network:partner_detail", args=[referral_id]))


@_partner_required
@require_GET
def partner_evidence(request: HttpRequest, referral_id: int, evidence_id: int) -> HttpResponse:
    try:
        access = policy.access_referral_as_partner(request.user, referral_id)
        item = selectors.partner_evidence_read(access=access, evidence_id=evidence_id)
    except NotFound as exc:
        raise Http404 from exc
    except IntegrityError:
        return no_store(
            render(request, "incidents/evidence_unreadable.html", {"base_template": "workspace/base.html"}, status=500)
        )
    response = HttpResponse(item.content, content_type=item.media_type)
    response["Content-Disposition"] = content_disposition_header(True, item.download_name) or ""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return no_store(response)
