"""Workspace pages of matching: an incident's perpetrator identifiers (the case's workers), the coordinators'
matches and their review, and the administrators' switch. No page answers whether an identifier is known."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from weerbaar.accounts import policy
from weerbaar.accounts.decorators import SignedInRequest, case_worker_required, staff_required
from weerbaar.core.errors import DomainError, NotFound
from weerbaar.incidents.models import Incident
from weerbaar.matching import selectors, services
from weerbaar.matching.forms import IdentifierForm, ReviewForm, SwitchForm
from weerbaar.web.forms import error_status
from weerbaar.web.http import no_store

MAX_ID = 2**31 - 1


def _identifiers_page(
    request: SignedInRequest, access: policy.CaseAccess, number: int, form: IdentifierForm, status: int = 200
) -> HttpResponse:
    context = {
        "case": access.case,
        "number": number,
        "form": form,
        "identifiers": selectors.identifiers_read(access=access, incident_number=number),
        "enabled": services.matching_enabled(),
        "nav": "queue",
    }
    return no_store(render(request, "matching/identifiers.html", context, status=status))


@case_worker_required
@require_http_methods(["GET", "POST"])
def ws_identifiers(request: SignedInRequest, reference: str, number: int) -> HttpResponse:
    """The identifiers of the perpetrator of one incident; POST adds one (never answers whether it is known)."""
    try:
        access = policy.access_case(request.user, reference)
    except NotFound as exc:
        raise Http404 from exc
    if number > MAX_ID or not Incident.objects.filter(case=access.case, number=number).exists():
        raise Http404
    if request.method == "GET":
        return _identifiers_page(request, access, number, IdentifierForm())
    form = IdentifierForm(request.POST)
    if not form.is_valid():
        return _identifiers_page(request, access, number, form, status=400)
    try:
        services.identifier_add(
            access=access,
            incident_number=number,
            kind=form.cleaned_data["kind"],
            value=form.cleaned_data["value"],
            platform=form.cleaned_data["platform"],
        )
    except DomainError as exc:
        form.add_domain_error(exc)
        return _identifiers_page(request, access, number, form, status=error_status(exc))
    messages.success(request, _("Het kenmerk is vastgelegd."))
    return HttpResponseRedirect(reverse("matching:ws_identifiers", args=[reference, number]))


@staff_required(permission=policy.can_review_matches)
@require_http_methods(["GET"])
def match_list(request: SignedInRequest) -> HttpResponse:
    """The coordinators' list of possible matches: kind, two cases, associations, advisors; never a value."""
    context = {
        "matches": selectors.matches_read(actor=request.user),
        "enabled": services.matching_enabled(),
        "nav": "matches",
    }
    return no_store(render(request, "matching/matches.html", context))


@staff_required(permission=policy.can_review_matches)
@require_http_methods(["GET", "POST"])
def match_detail(request: SignedInRequest, match_id: int) -> HttpResponse:
    """One match and its reviews; POST: this coordinator's decision (two different coordinators confirm)."""
    view = selectors.match_read(actor=request.user, match_id=match_id) if match_id <= MAX_ID else None
    if view is None:
        raise Http404
    form = ReviewForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.match_review(
                    actor=request.user,
                    match_id=match_id,
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as exc:
                form.add_domain_error(exc)
                status = error_status(exc)
            else:
                messages.success(request, _("Uw beoordeling is vastgelegd."))
                return HttpResponseRedirect(reverse("matching:match", args=[match_id]))
        else:
            status = 400
    reviewed = any(review.reviewer == request.user.get_username() for review in view.reviews)
    context = {"match": view, "form": form, "reviewed_by_me": reviewed, "nav": "matches"}
    return no_store(render(request, "matching/match.html", context, status=status))


@staff_required(permission=policy.can_switch_matching)
@require_http_methods(["GET", "POST"])
def switch(request: SignedInRequest) -> HttpResponse:
    """Administrators switch matching on or off (after the DPIA: docs/security.md)."""
    enabled = services.matching_enabled()
    form = SwitchForm(request.POST or None, initial={"enabled": "on" if enabled else "off"})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.matching_switch(actor=request.user, enabled=form.cleaned_data["enabled"] == "on")
            except DomainError as exc:
                form.add_domain_error(exc)
                status = error_status(exc)
            else:
                messages.success(request, _("De instelling is opgeslagen."))
                return HttpResponseRedirect(reverse("matching:switch"))
        else:
            status = 400
    context = {"form": form, "enabled": enabled, "nav": "matching_switch"}
    return no_store(render(request, "matching/switch.html", context, status=status))
