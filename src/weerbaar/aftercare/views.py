"""The "Nazorg" pages: the plan of one case in the workspace, and the office holder's check-ins in Mijn zaak.

Access goes through ``accounts.policy`` (``access_aftercare_case`` for staff, the portal session for the
office holder); missing or not yours is 404. Views parse, call one service or selector, and render; on bad
input the page comes back with status 400 and everything typed kept. Addresses carry the case reference
and numeric check-in ids only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.accounts import policy
from weerbaar.accounts.decorators import SignedInRequest, case_worker_required
from weerbaar.aftercare import selectors, services
from weerbaar.aftercare.forms import AnswerForm, CheckInAddForm, CheckInMoveForm, FollowUpForm, MemberForm
from weerbaar.core.errors import Conflict, InvalidInput, NotFound
from weerbaar.web.http import no_store
from weerbaar.web.pages import office_holder_page

DUE_ON = {"dueOn": "due_on"}
# The check-in just answered, for the receipt on the next page (an id in the session, never the answer).
RECEIPT_KEY = "aftercare_answered"


# --- workspace ------------------------------------------------------------------------------------------


def _staff_access(request: SignedInRequest, reference: str) -> policy.CaseAccess:
    try:
        return policy.access_aftercare_case(request.user, reference)
    except NotFound as exc:
        raise Http404 from exc


def _render_plan(
    request: SignedInRequest, access: policy.CaseAccess, *, status: int = 200, **bound: Any
) -> HttpResponse:
    case = access.case
    plan = selectors.aftercare_plan_read(access=access)
    members = plan.members if plan else []
    check_ins = plan.check_ins if plan else []
    for c in check_ins:  # each row carries its own forms for the template (attr-defined: not fields of the view)
        c.move_form = bound.get(f"move-{c.id}") or CheckInMoveForm(  # type: ignore[attr-defined]
            prefix=f"move-{c.id}", initial={"due_on": c.due_at.date()}
        )
        c.follow_up_form = bound.get(f"followup-{c.id}") or FollowUpForm(  # type: ignore[attr-defined]
            prefix=f"followup-{c.id}", initial={"text": c.follow_up}
        )
        # A saved follow-up is shown as text with "Opvolging wijzigen"; the form opens only to change it,
        # or when a change came back with an error.
        c.follow_up_editing = f"followup-{c.id}" in bound  # type: ignore[attr-defined]
    context = {
        "case": case,
        "plan": plan,
        "check_ins": check_ins,
        "members": members,
        "add_form": bound.get("add_form") or CheckInAddForm(members=members),
        "member_form": bound.get("member_form") or MemberForm(),
        "nav": "queue",
    }
    return no_store(render(request, "aftercare/plan.html", context, status=status))


@case_worker_required
@require_GET
def ws_plan(request: SignedInRequest, reference: str) -> HttpResponse:
    return _render_plan(request, _staff_access(request, reference))


def _done(reference: str, request: SignedInRequest, message: str, anchor: str = "") -> HttpResponse:
    messages.success(request, message)
    return HttpResponseRedirect(reverse("aftercare:ws_plan", args=[reference]) + (f"#{anchor}" if anchor else ""))


def _members(access: policy.CaseAccess) -> list[Any]:
    plan = selectors.aftercare_plan_read(access=access)
    return plan.members if plan else []


@case_worker_required
@require_POST
def ws_add(request: SignedInRequest, reference: str) -> HttpResponse:
    access = _staff_access(request, reference)
    form = CheckInAddForm(request.POST, members=_members(access))
    if form.is_valid():
        try:
            services.check_in_add(
                actor=request.user,
                reference=reference,
                due_on=form.cleaned_data["due_on"],
                member_number=form.member_number(),
                question=form.cleaned_data.get("question", ""),
            )
        except NotFound as exc:
            raise Http404 from exc
        except (InvalidInput, Conflict) as exc:
            form.add_domain_error(exc, {**DUE_ON, "member": "subject"})
        else:
            return _done(reference, request, _("De check-in is gepland."), "momenten")
    return _render_plan(request, access, status=400, add_form=form)


@case_worker_required
@require_POST
def ws_move(request: SignedInRequest, reference: str, check_in_id: int) -> HttpResponse:
    access = _staff_access(request, reference)
    form = CheckInMoveForm(request.POST, prefix=f"move-{check_in_id}")
    if form.is_valid():
        try:
            services.check_in_move(
                actor=request.user,
                reference=reference,
                check_in_id=check_in_id,
                due_on=form.cleaned_data["due_on"],
            )
        except NotFound as exc:
            raise Http404 from exc
        except (InvalidInput, Conflict) as exc:
            form.add_domain_error(exc, DUE_ON)
        else:
            return _done(reference, request, _("De check-in is verplaatst."), f"check-in-{check_in_id}")
    return _render_plan(request, access, status=400, **{f"move-{check_in_id}": form})


@case_worker_required
@require_POST
def ws_skip(request: SignedInRequest, reference: str, check_in_id: int) -> HttpResponse:
    _staff_access(request, reference)
    try:
        services.check_in_skip(actor=request.user, reference=reference, check_in_id=check_in_id)
    except NotFound as exc:
        raise Http404 from exc
    except Conflict as exc:
        messages.error(request, exc.message)
        return HttpResponseRedirect(reverse("aftercare:ws_plan", args=[reference]))
    return _done(reference, request, _("De check-in is overgeslagen."), "momenten")


@case_worker_required
@require_POST
def ws_follow_up(request: SignedInRequest, reference: str, check_in_id: int) -> HttpResponse:
    access = _staff_access(request, reference)
    form = FollowUpForm(request.POST, prefix=f"followup-{check_in_id}")
    if form.is_valid():
        try:
            services.check_in_follow_up(
                actor=request.user,
                reference=reference,
                check_in_id=check_in_id,
                text=form.cleaned_data["text"],
            )
        except NotFound as exc:
            raise Http404 from exc
        except (InvalidInput, Conflict) as exc:
            form.add_domain_error(exc)
        else:
            return _done(reference, request, _("De opvolging is vastgelegd."), f"check-in-{check_in_id}")
    return _render_plan(request, access, status=400, **{f"followup-{check_in_id}": form})


@case_worker_required
@require_POST
def ws_member(request: SignedInRequest, reference: str) -> HttpResponse:
    access = _staff_access(request, reference)
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            services.household_member_add(
                actor=request.user,
                reference=reference,
                name=form.cleaned_data["name"],
                relation=form.cleaned_data["relation"],
                with_check_ins=form.cleaned_data["with_check_ins"],
            )
        except NotFound as exc:
            raise Http404 from exc
        except (InvalidInput, Conflict) as exc:
            form.add_domain_error(exc)
        else:
            return _done(reference, request, _("De huisgenoot is toegevoegd."), "huisgenoten")
    return _render_plan(request, access, status=400, member_form=form)


@case_worker_required
@require_http_methods(["GET", "POST"])
def ws_close(request: SignedInRequest, reference: str) -> HttpResponse:
    """GET: the confirmation page (what lapses, what stays); POST from that page: close the plan."""
    access = _staff_access(request, reference)
    case = access.case
    if request.method == "GET":
        plan = selectors.aftercare_plan_read(access=access)
        if plan is None or not plan.is_open:
            return HttpResponseRedirect(reverse("aftercare:ws_plan", args=[reference]))
        context = {
            "case": case,
            "plan": plan,
            "open_check_ins": [c for c in plan.check_ins if c.is_open],
            "nav": "queue",
        }
        return no_store(render(request, "aftercare/close_confirm.html", context))
    try:
        services.aftercare_plan_close(actor=request.user, reference=reference)
    except NotFound as exc:
        raise Http404 from exc
    except Conflict as exc:
        messages.error(request, exc.message)
        return HttpResponseRedirect(reverse("aftercare:ws_plan", args=[reference]))
    return _done(reference, request, _("Het nazorgplan is afgesloten."))


# --- Mijn zaak ------------------------------------------------------------------------------------------


def _render_portal(
    request: HttpRequest,
    principal: policy.OfficeHolder,
    access: policy.CaseAccess,
    *,
    status: int = 200,
    bound: Any = None,
) -> HttpResponse:
    case = access.case
    items = selectors.office_holder_check_ins(access=access)
    for item in items:  # each row carries its answer form for the template (attr-defined: no field of the view)
        if bound is not None and bound[0] == item.id:
            item.answer_form = bound[1]  # type: ignore[attr-defined]
        else:
            item.answer_form = AnswerForm(prefix=f"answer-{item.id}")  # type: ignore[attr-defined]
    if bound is not None and not any(item.id == bound[0] for item in items):
        raise Http404  # not a check-in of this case that was sent
    open_items = [i for i in items if i.status == "due"]
    answered_id = request.session.pop(RECEIPT_KEY, None) if bound is None else None
    context = {
        "case": case,
        "open_items": open_items,
        "answered_items": [i for i in items if i.status != "due"],
        "receipt": next((i for i in items if i.id == answered_id and i.status != "due"), None),
        "next_question_at": None if open_items else selectors.next_planned(case=case),
        "has_error": bound is not None,
    }
    return no_store(render(request, "aftercare/portal.html", context, status=status))


@require_GET
@office_holder_page
def portal_check_ins(request: HttpRequest, principal: policy.OfficeHolder, access: policy.CaseAccess) -> HttpResponse:
    return _render_portal(request, principal, access)


@require_http_methods(["POST"])
@office_holder_page
def portal_answer(
    request: HttpRequest, principal: policy.OfficeHolder, access: policy.CaseAccess, check_in_id: int
) -> HttpResponse:
    form = AnswerForm(request.POST, prefix=f"answer-{check_in_id}")
    if form.is_valid():
        try:
            services.check_in_answer(
                principal=principal,
                reference=access.case.reference,
                check_in_id=check_in_id,
                text=form.cleaned_data["text"],
                mood=form.cleaned_data.get("mood", ""),
            )
        except NotFound as exc:
            raise Http404 from exc
        except (InvalidInput, Conflict) as exc:
            form.add_domain_error(exc)
        else:
            # The receipt (with the phone numbers after "Slecht" or "Wisselend") is drawn by the next page.
            request.session[RECEIPT_KEY] = check_in_id
            return HttpResponseRedirect(reverse("aftercare:portal") + "#ontvangen")
    return _render_portal(request, principal, access, status=400, bound=(check_in_id, form))
