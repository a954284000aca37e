"""Council conversations on the web: the public request form, the team's workspace and the coverage overview.

Views parse, call one service or selector and render. Access goes through ``accounts.policy``
(``access_council_request`` for one request, ``council_requests_visible_to`` for the list); the
coverage overview is an aggregate. On invalid input the page comes back (400) with everything typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.accounts import policy
from weerbaar.accounts.decorators import staff_required
from weerbaar.accounts.models import Role, User
from weerbaar.core.errors import Conflict, InvalidInput, NotFound, RateLimited
from weerbaar.core.ratelimit import client_address
from weerbaar.council import selectors, services
from weerbaar.council.chart import coverage_chart
from weerbaar.council.choices import Body, Presence, RequesterRole, Status
from weerbaar.council.forms import (
    CouncilRequestForm,
    NotesForm,
    StatusFilterForm,
    StepForm,
    TargetForm,
    form_token_claim,
    form_token_new,
    form_token_release,
    form_token_state,
)
from weerbaar.council.models import CouncilRequest
from weerbaar.council.validation import Errors, validate_council_request, validate_notes, validate_target
from weerbaar.council.workflow import WORKFLOW, Needs
from weerbaar.web.http import no_store

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

STATUS_LABELS = dict(Status.choices)

# What the button of each step says: what has happened (or, for the last one, what the team does now),
# so nobody wonders whether "Intakegesprek" means the intake is done or about to start.
ACTION_LABELS: dict[str, StrOrPromise] = {
    Status.INTAKE_CALL: gettext_lazy("Aanvraag opgepakt"),
    Status.EXPLORATORY_TALK: gettext_lazy("Intakegesprek gevoerd"),
    Status.SESSION_PLANNED: gettext_lazy("Verkennend gesprek gevoerd en bijeenkomst gepland"),
    Status.SESSION_HELD: gettext_lazy("Bijeenkomst gehouden"),
    Status.FOLLOW_UP_OFFERED: gettext_lazy("Vervolg vastgelegd"),
    Status.CLOSED: gettext_lazy("Afsluiten"),
    Status.CANCELLED: gettext_lazy("Aanvraag annuleren"),
}


# --- public: the request form ---------------------------------------------------------------------


def _render_form(
    request: HttpRequest, form: CouncilRequestForm, *, status: int = 200, notice: str = "", token: str = ""
) -> HttpResponse:
    context = {"form": form, "form_token": token or form_token_new(), "notice": notice}
    response = no_store(render(request, "council/request_form.html", context, status=status))
    if status == 429:
        response["Retry-After"] = "3600"
    return response


@require_http_methods(["GET", "POST"])
def council_request(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _render_form(request, CouncilRequestForm())
    form = CouncilRequestForm(request.POST)
    form.is_valid()  # every field is optional: this only fills cleaned_data; the rule set judges
    token = request.POST.get("form_token", "")
    state = form_token_state(token)
    if state == "used":
        return no_store(render(request, "council/request_already_sent.html", status=409))
    if state == "invalid":
        notice = _("Dit formulier was verlopen. Controleer uw antwoorden en verstuur de aanvraag opnieuw.")
        return _render_form(request, form, status=400, notice=notice)
    try:
        data = validate_council_request(form.raw())
    except InvalidInput as exc:
        form.add_invalid_params(exc.invalid_params, CouncilRequestForm.PARAMS)
        return _render_form(request, form, status=400, token=token)
    try:
        services.council_rate_limit(client_address(request))
    except RateLimited as exc:
        return _render_form(request, form, status=429, notice=exc.message, token=token)
    if not form_token_claim(token):
        return no_store(render(request, "council/request_already_sent.html", status=409))
    try:
        submitted = services.council_request_submit(data=data)
    except InvalidInput as exc:
        form_token_release(token)
        form.add_invalid_params(exc.invalid_params, CouncilRequestForm.PARAMS)
        return _render_form(request, form, status=400, token=token)
    except Exception:
        form_token_release(token)
        raise
    context = {"council_request": submitted.request, "next_steps": submitted.next_steps}
    return no_store(render(request, "council/request_receipt.html", context, status=201))


# --- workspace: list and detail ---------------------------------------------------------------------


def _place_label(item: CouncilRequest) -> str:
    return item.place_name


@staff_required(permission=policy.can_work_council_requests)
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    form = StatusFilterForm(request.GET or None)
    status = form.cleaned_data.get("status") or "open" if form.is_valid() else "open"
    items = list(selectors.council_requests_list(user=request.user, status=status)[:500])
    bodies = dict(Body.choices)
    for item in items:  # labels for the template, on the rows themselves (attr-defined: no model fields)
        item.status_label = STATUS_LABELS.get(item.status, item.status)  # type: ignore[attr-defined]
        item.body_label = bodies.get(item.body, item.body)  # type: ignore[attr-defined]
    context = {"form": form, "items": items, "nav": "council"}
    return render(request, "council/list.html", context)


def _staff_choices() -> list[tuple[str, str]]:
    users = User.objects.filter(is_active=True, role__in=[Role.ADVISOR, Role.COORDINATOR]).order_by("username")
    return [(u.username, u.label) for u in users]


def _partner_choices() -> list[tuple[str, str]]:
    from weerbaar.directory.selectors import active_partners

    return [(str(p.pk), f"{p.name} ({p.get_kind_display()})") for p in active_partners().order_by("name")]


def _step_forms(item: CouncilRequest, bound: StepForm | None, content: Any) -> list[dict[str, Any]]:
    """One small form per allowed next step; the bound one (after an error) keeps what was typed."""
    forms = []
    for target in WORKFLOW.targets(item.status):
        transition = WORKFLOW.check(item.status, target=target)
        if bound is not None and bound.data.get("step-target") == target:
            form = bound
        else:
            initial: dict[str, Any] = {"target": target}
            if Needs.NOTES in transition.needs and content.notes:
                initial.update(
                    local_situation=content.notes.get("localSituation", ""),
                    protocol=content.notes.get("protocol", ""),
                    code_of_conduct=content.notes.get("codeOfConduct", ""),
                )
            form = StepForm(
                prefix="step",
                initial=initial,
                staff=_staff_choices(),
                partners=_partner_choices(),
            )
        forms.append(
            {
                "target": target,
                "label": STATUS_LABELS[target],
                "action": ACTION_LABELS[target],
                "form": form,
                "notes": Needs.NOTES in transition.needs,
                "session": Needs.SESSION in transition.needs,
                "follow_up": Needs.FOLLOW_UP in transition.needs,
                "cancel": target == Status.CANCELLED,
            }
        )
    return forms


def _render_detail(
    request: HttpRequest,
    access: policy.CouncilAccess,
    *,
    step_form: StepForm | None = None,
    notes_form: NotesForm | None = None,
    conflict: str = "",
    status: int = 200,
) -> HttpResponse:
    item = access.request
    content = selectors.council_request_read(access=access)
    if notes_form is None:
        notes_form = NotesForm(
            prefix="notes",
            initial={
                "local_situation": content.notes.get("localSituation", ""),
                "protocol": content.notes.get("protocol", ""),
                "code_of_conduct": content.notes.get("codeOfConduct", ""),
            },
        )
    context = {
        "item": item,
        "content": content,
        "status_label": STATUS_LABELS.get(item.status, item.status),
        "body_label": dict(Body.choices).get(item.body, item.body),
        "role_label": dict(RequesterRole.choices).get(item.requester_role, item.requester_role),
        "protocol_label": dict(Presence.choices).get(item.aggression_protocol, ""),
        "conduct_label": dict(Presence.choices).get(item.code_of_conduct, ""),
        "history": [
            {
                "source": STATUS_LABELS.get(c.source, ""),
                "target": STATUS_LABELS.get(c.target, c.target),
                "actor": c.actor.label if c.actor else _("aanvrager (webformulier)"),
                "at": c.at,
                "reason": content.cancellation.get("reason", "") if c.target == Status.CANCELLED else "",
            }
            for c in item.status_changes.select_related("actor")
        ],
        "facilitators": [u.label for u in item.facilitators.order_by("username")],
        "partners": list(item.partners.order_by("name")),
        "steps": [step for step in _step_forms(item, step_form, content) if not step["cancel"]],
        "can_cancel": Status.CANCELLED in WORKFLOW.targets(item.status),
        "notes_form": notes_form,
        "can_edit_notes": item.status not in (Status.REQUESTED, Status.INTAKE_CALL, Status.CANCELLED),
        "conflict": conflict,
        "nav": "council",
    }
    return no_store(render(request, "council/detail.html", context, status=status))


def _access(request: HttpRequest, reference: str) -> policy.CouncilAccess:
    try:
        return policy.access_council_request(request.user, reference)
    except NotFound as exc:
        raise Http404 from exc


@staff_required(permission=policy.can_work_council_requests)
@require_GET
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    return _render_detail(request, _access(request, reference))


def _render_cancel(
    request: HttpRequest, access: policy.CouncilAccess, form: StepForm | None = None, *, status: int = 200
) -> HttpResponse:
    """The confirmation step of a cancellation: a reason is required, and the team tells the contact person."""
    item = access.request
    content = selectors.council_request_read(access=access)
    if form is None:
        form = StepForm(prefix="step", initial={"target": Status.CANCELLED})
    context = {"item": item, "content": content, "form": form, "nav": "council"}
    return no_store(render(request, "council/cancel.html", context, status=status))


@staff_required(permission=policy.can_work_council_requests)
@require_GET
def cancel(request: HttpRequest, reference: str) -> HttpResponse:
    access = _access(request, reference)
    item = access.request
    if Status.CANCELLED not in WORKFLOW.targets(item.status):
        messages.info(request, _("Deze aanvraag kan niet meer worden geannuleerd."))
        return HttpResponseRedirect(reverse("council:detail", kwargs={"reference": reference}))
    return _render_cancel(request, access)


@staff_required(permission=policy.can_work_council_requests)
@require_POST
def change_status(request: HttpRequest, reference: str) -> HttpResponse:
    access = _access(request, reference)
    item = access.request
    form = StepForm(request.POST, prefix="step", staff=_staff_choices(), partners=_partner_choices())
    form.is_valid()
    cancelling = form.cleaned_data.get("target") == Status.CANCELLED
    try:
        services.council_transition(actor=request.user, reference=reference, raw=form.raw())
    except InvalidInput as exc:
        form.add_invalid_params(exc.invalid_params, StepForm.PARAMS)
        if cancelling:
            return _render_cancel(request, access, form, status=400)
        return _render_detail(request, access, step_form=form, status=400)
    except Conflict as exc:
        return _render_detail(request, access, conflict=exc.message, status=409)
    except NotFound as exc:
        raise Http404 from exc
    item.refresh_from_db()
    if item.status == Status.CANCELLED:
        messages.success(
            request,
            _(
                "De aanvraag is geannuleerd. Weerbaar stuurt de aanvrager geen bericht: laat de contactpersoon "
                "zelf weten dat het gesprek niet doorgaat."
            ),
        )
    else:
        messages.success(
            request,
            _("De aanvraag staat nu op: %(status)s.") % {"status": STATUS_LABELS.get(item.status, item.status)},
        )
    return HttpResponseRedirect(reverse("council:detail", kwargs={"reference": reference}))


@staff_required(permission=policy.can_work_council_requests)
@require_POST
def save_notes(request: HttpRequest, reference: str) -> HttpResponse:
    access = _access(request, reference)
    form = NotesForm(request.POST, prefix="notes")
    form.is_valid()
    errors = Errors()
    notes = validate_notes(form.raw(), errors)
    if errors.items:
        form.add_invalid_params(errors.items, NotesForm.PARAMS)
        return _render_detail(request, access, notes_form=form, status=400)
    try:
        services.council_notes_save(actor=request.user, reference=reference, notes=notes)
    except Conflict as exc:
        return _render_detail(request, access, notes_form=form, conflict=exc.message, status=409)
    except NotFound as exc:
        raise Http404 from exc
    messages.success(request, _("De notities zijn opgeslagen."))
    return HttpResponseRedirect(reverse("council:detail", kwargs={"reference": reference}))


# --- coverage ---------------------------------------------------------------------------------------


def _year(request: HttpRequest) -> int:
    value = request.GET.get("jaar", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return timezone.localdate().year


def _render_coverage(
    request: HttpRequest, year: int, *, target_form: TargetForm | None = None, status: int = 200
) -> HttpResponse:
    coverage = selectors.council_coverage(year=year)
    if target_form is None:
        target_form = TargetForm(initial={"year": year, "sessions": coverage.target or ""})
    context = {
        "coverage": coverage,
        "chart": coverage_chart(coverage),
        "target_form": target_form,
        "can_set_target": policy.can_set_council_target(request.user),
        "nav": "council_coverage",
    }
    return render(request, "council/coverage.html", context, status=status)


@staff_required(permission=policy.can_view_council_coverage)
@require_GET
def coverage(request: HttpRequest) -> HttpResponse:
    return _render_coverage(request, _year(request))


@staff_required(permission=policy.can_set_council_target)
@require_POST
def set_target(request: HttpRequest) -> HttpResponse:
    form = TargetForm(request.POST)
    form.is_valid()
    raw = {"year": form.cleaned_data.get("year", ""), "sessions": form.cleaned_data.get("sessions", "")}
    try:
        year, sessions = validate_target(raw)
        services.coverage_target_set(actor=request.user, year=year, sessions=sessions)
    except InvalidInput as exc:
        form.add_invalid_params(exc.invalid_params)
        year_value = str(raw["year"])
        year = int(year_value) if year_value.isdigit() and 2000 <= int(year_value) <= 2100 else _year(request)
        return _render_coverage(request, year, target_form=form, status=400)
    messages.success(request, _("Het doel voor %(year)s is opgeslagen.") % {"year": year})
    return HttpResponseRedirect(f"{reverse('council:coverage')}?jaar={year}")
