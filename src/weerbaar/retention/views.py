"""Workspace pages of retention. Views parse, call one service or selector and render; the policy decides access.

Only references, dates, outcomes and names of staff are shown: no page here opens a case's content.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.accounts import policy
from weerbaar.accounts.decorators import forbidden_response, staff_required
from weerbaar.core.errors import Forbidden, InvalidInput
from weerbaar.retention import selectors, services
from weerbaar.retention.forms import PARAMS, HoldForm, RuleForm
from weerbaar.retention.periods import RESULTS, validate_periods
from weerbaar.web.actions import refusal_back
from weerbaar.web.http import no_store

# --- the policy -----------------------------------------------------------------------------------------


def _render_policy(request: HttpRequest, form: RuleForm | None = None, *, status: int = 200) -> HttpResponse:
    context = {
        "rows": selectors.policy_table(),
        "form": form or RuleForm(),
        "can_manage": policy.can_manage_retention_policy(request.user),
        "nav": "retention",
    }
    return no_store(render(request, "retention/policy.html", context, status=status))


@staff_required(permission=policy.can_view_retention)
@require_GET
def policy_page(request: HttpRequest) -> HttpResponse:
    return _render_policy(request)


@staff_required(permission=policy.can_manage_retention_policy)
@require_POST
def rule_change(request: HttpRequest) -> HttpResponse:
    """First post: the confirmation page with how many cases move. Second post (``confirm``): saved."""
    form = RuleForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        periods = validate_periods(data)
        if request.POST.get("confirm") != "1":
            change = services.rule_change_preview(
                association_code=data.get("association", ""), result=data.get("result", ""), periods=periods
            )
            context = {
                "change": change,
                "form": form,
                "result_label": RESULTS[change.result],
                "nav": "retention",
            }
            return no_store(render(request, "retention/rule_confirm.html", context))
        change = services.rule_save(
            actor=request.user,  # type: ignore[arg-type]  # a User: staff_required
            association_code=data.get("association", ""),
            result=data.get("result", ""),
            periods=periods,
        )
    except InvalidInput as exc:
        form.add_invalid_params(exc.invalid_params, PARAMS)
        return _render_policy(request, form, status=400)
    messages.success(
        request,
        _("Het bewaarbeleid is opgeslagen; de datums van %(n)s gesloten zaken zijn herberekend.") % {"n": change.moved},
    )
    return HttpResponseRedirect(reverse("retention:policy"))


# --- legal holds ------------------------------------------------------------------------------------------


def _render_holds(request: HttpRequest, form: HoldForm | None = None, *, status: int = 200) -> HttpResponse:
    today = timezone.localdate()
    holds = list(selectors.legal_holds()[:500])
    context = {
        "holds": [(hold, hold.lifted_at is None and (hold.until is None or hold.until >= today)) for hold in holds],
        "form": form or HoldForm(),
        "can_manage": policy.can_manage_legal_holds(request.user),
        "nav": "retention",
    }
    return no_store(render(request, "retention/holds.html", context, status=status))


@staff_required(permission=policy.can_view_retention)
@require_http_methods(["GET", "POST"])
def holds_page(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _render_holds(request)
    if not policy.can_manage_legal_holds(request.user):
        raise Http404
    form = HoldForm(request.POST)
    form.is_valid()
    try:
        hold = services.legal_hold_place(actor=request.user, raw=form.cleaned_data)  # type: ignore[arg-type]
    except InvalidInput as exc:
        form.add_invalid_params(exc.invalid_params)
        return _render_holds(request, form, status=400)
    messages.success(request, _("De bewaarplicht op %(ref)s is vastgelegd.") % {"ref": hold.case.reference})
    return HttpResponseRedirect(reverse("retention:holds"))


@staff_required(permission=policy.can_manage_legal_holds)
@require_POST
@refusal_back(lambda hold_id: reverse("retention:holds"), level=messages.INFO)
def hold_lift(request: HttpRequest, hold_id: int) -> HttpResponse:
    services.legal_hold_lift(actor=request.user, hold_id=hold_id)  # type: ignore[arg-type]
    messages.success(request, _("De bewaarplicht is opgeheven."))
    return HttpResponseRedirect(reverse("retention:holds"))


# --- destruction lists ------------------------------------------------------------------------------------


@staff_required(permission=policy.can_view_retention)
@require_GET
def lists_page(request: HttpRequest) -> HttpResponse:
    lists = list(selectors.destruction_lists()[:200])
    return no_store(render(request, "retention/lists.html", {"lists": lists, "nav": "retention"}))


@staff_required(permission=policy.can_view_retention)
@require_GET
def list_detail(request: HttpRequest, list_id: int) -> HttpResponse:
    found = selectors.destruction_list(list_id)
    if found is None:
        raise Http404
    verdicts = services.list_verdicts(found)
    context = {
        "list": found,
        "verdicts": verdicts,
        "going": sum(v.destroy for v in verdicts),
        "done": found.items.exclude(state="pending").order_by("pk"),
        "skip_labels": services.SKIP_LABELS,
        "approval_role": policy.destruction_approval_role(request.user, found.association_id),
        "nav": "retention",
    }
    return no_store(render(request, "retention/list_detail.html", context))


def _back_to_list(list_id: int) -> str:
    return reverse("retention:list", kwargs={"list_id": list_id})


@staff_required(permission=policy.can_view_retention)
@require_POST
@refusal_back(_back_to_list, level=messages.INFO)
def list_approve(request: HttpRequest, list_id: int) -> HttpResponse:
    try:
        services.destruction_list_approve(actor=request.user, list_id=list_id)  # type: ignore[arg-type]
    except Forbidden as exc:
        messages.error(request, exc.message)
        return forbidden_response(request)
    messages.success(request, _("Uw goedkeuring is vastgelegd."))
    return HttpResponseRedirect(_back_to_list(list_id))
