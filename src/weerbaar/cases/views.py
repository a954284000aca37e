"""The advisor workspace: queue, case page and its actions, coordinator views.

Views parse, call one service or selector, and render. Access goes through
``accounts.policy`` (``access_case`` for one case, ``cases_visible_to`` via
``selectors.case_queue`` for lists); a case that is missing or not yours is a 404.
Domain errors become form errors: on a validation error the page is rendered
again with everything the user typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.accounts import policy
from weerbaar.accounts.decorators import SignedInRequest, case_worker_required, staff_required
from weerbaar.advice.selectors import advice_picker, message_with_advice_text
from weerbaar.cases import selectors, services, signals
from weerbaar.cases.choices import (
    Affected,
    CloseReason,
    Concern,
    MessageSender,
    OfficeRole,
    Outcome,
    PreferredContact,
    Status,
)
from weerbaar.cases.forms import (
    CALL_PARAMS,
    AllCasesFilterForm,
    AssignForm,
    CallForm,
    MessageForm,
    NoteForm,
    QueueFilterForm,
    StatusChangeForm,
    TakeOverForm,
)
from weerbaar.cases.models import Case
from weerbaar.cases.panels import case_panels
from weerbaar.cases.workflow import WORKFLOW
from weerbaar.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from weerbaar.web.forms import error_status
from weerbaar.web.http import no_store
from weerbaar.web.pages import paginate

PAGE_SIZE = 50

CONCERN_LABELS = dict(Concern.choices)
AFFECTED_LABELS = dict(Affected.choices)
CLOSE_REASON_LABELS = dict(CloseReason.choices)
STATUS_LABELS = dict(Status.choices)

AUDIT_LABELS = {
    "case.created": gettext_lazy("Zaak aangemaakt"),
    "case.content_read": gettext_lazy("Hulpvraag gelezen"),
    "case.notes_read": gettext_lazy("Notities gelezen"),
    "case.messages_read": gettext_lazy("Berichten gelezen"),
    "case.calls_read": gettext_lazy("Gesprekken gelezen"),
    "case.claimed": gettext_lazy("Zaak opgepakt"),
    "case.assigned": gettext_lazy("Zaak toegewezen"),
    "case.taken_over": gettext_lazy("Zaak overgenomen buiten de eigen vereniging (met reden)"),
    "case.lent_recorded": gettext_lazy(
        "Zaak buiten de eigen vereniging als overname vastgelegd (van vóór de break-glass-regel)"
    ),
    "case.claim": gettext_lazy("In behandeling genomen"),
    "case.close_without_work": gettext_lazy("Gesloten zonder behandeling"),
    "case.start_aftercare": gettext_lazy("Naar nazorg"),
    "case.close": gettext_lazy("Gesloten"),
    "case.reopen": gettext_lazy("Heropend"),
    "case.note_added": gettext_lazy("Notitie toegevoegd"),
    "case.message_sent": gettext_lazy("Bericht verstuurd"),
    "case.message_received": gettext_lazy("Bericht van de aanvrager"),
    "case.call_logged": gettext_lazy("Gesprek vastgelegd"),
    "case.escalated": gettext_lazy("Geëscaleerd (termijn verstreken)"),
    "case.office_holder_signed_in": gettext_lazy("Aanvrager ingelogd"),
    "case.follow_up_code_reset": gettext_lazy("Persoonlijke code vervangen"),
    "case.office_holder_signed_out_everywhere": gettext_lazy("Aanvrager overal uitgelogd"),
    "aftercare.plan_started": gettext_lazy("Nazorgplan gestart"),
    "aftercare.plan_resumed": gettext_lazy("Nazorgplan hervat"),
    "aftercare.plan_closed": gettext_lazy("Nazorgplan afgesloten"),
    "aftercare.kept_running": gettext_lazy("Zaak gesloten; nazorg loopt door"),
    "aftercare.plan_read": gettext_lazy("Nazorgplan gelezen"),
    "aftercare.check_ins_read": gettext_lazy("Check-ins gelezen door de aanvrager"),
    "aftercare.check_in_added": gettext_lazy("Check-in toegevoegd"),
    "aftercare.check_in_moved": gettext_lazy("Check-in verplaatst"),
    "aftercare.check_in_skipped": gettext_lazy("Check-in overgeslagen"),
    "aftercare.check_in_due": gettext_lazy("Check-in verstuurd"),
    "aftercare.check_in_answered": gettext_lazy("Check-in beantwoord door de aanvrager"),
    "aftercare.check_in_followed_up": gettext_lazy("Check-in opgevolgd"),
    "aftercare.member_added": gettext_lazy("Huisgenoot toegevoegd aan het nazorgplan"),
    "concern.note_saved": gettext_lazy("Nieuwe versie van de zorgnotitie"),
    "concern.note_confirmed": gettext_lazy("Zorgniveau hoog bevestigd"),
    "concern.notes_read": gettext_lazy("Zorgnotitie gelezen"),
    "incident.timeline_read": gettext_lazy("Verloop van de incidenten gelezen"),
}


def _labels(values: list[str], labels: dict[str, Any]) -> list[str]:
    return [str(labels.get(v, v)) for v in values]


def _decorate(cases: Any) -> list[Case]:
    """Attach display labels (no queries: everything needed is on the row or select_related).

    The labels are translated once per page, not once per row: ``get_FOO_display`` rebuilds
    and translates the whole choice list on every call, which was half of the queue's time.
    """
    rows = list(cases)
    concerns = {key: str(label) for key, label in CONCERN_LABELS.items()}
    roles = {key: str(label) for key, label in OfficeRole.choices}
    statuses = {key: str(label) for key, label in STATUS_LABELS.items()}
    for case in rows:
        case.concern_labels = _labels(case.concerns, concerns)
        case.role_label = roles.get(case.role, case.role)
        case.status_label = statuses.get(case.status, case.status)
    return rows


def _paginate(request: SignedInRequest, queryset: Any) -> dict[str, Any]:
    pagination = paginate(request, queryset, per_page=PAGE_SIZE)
    pagination["page_obj"].object_list = _decorate(pagination["page_obj"].object_list)
    return pagination


def _safe_next(request: SignedInRequest) -> str | None:
    candidate = request.POST.get("next", "")
    if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate
    return None


# --- lists ---------------------------------------------------------------------------


UNCLAIMED_PAGE = "page_new"  # the unclaimed section's page; ``?page=`` stays the claimed section's
SECTION = "sectie"  # one section on its own, paged: ?sectie=nieuw or ?sectie=opgepakt
SECTIONS = {"nieuw": "unclaimed", "opgepakt": "claimed"}
# Cards per section on the queue's first view; the rest behind "Alle … zaken" (the section on its own, PAGE_SIZE a
# page). Rendering a card is most of the page's time: two short sections keep the morning view fast at any size.
QUEUE_PREVIEW = 10


def _queue_section(request: SignedInRequest) -> str:
    """Which section the queue shows on its own, or "" for both (a page number alone still names its section)."""
    chosen = SECTIONS.get(request.GET.get(SECTION, ""), "")
    if chosen:
        return chosen
    if UNCLAIMED_PAGE in request.GET:
        return "unclaimed"
    return "claimed" if "page" in request.GET else ""


@dataclass(frozen=True, slots=True)
class QueueCard:
    """One card of the queue with everything it shows worked out in Python: the queue renders 10 to 50 of them, and
    in the template every look-up, ``{% url %}`` and nested ``{% include %}`` of a card cost more than the queries of
    the whole page (``bench/workspace_profile.py``). The template (``cases/_queue_cards.html``) only places them."""

    reference: str
    item_class: str  # the ``<li>``'s classes: red, else urgent (urgent or acute danger)
    detail_url: str
    claim_url: str  # "" when the case cannot be claimed from the queue (not new, or someone has it)
    urgent: bool
    red: bool
    escalated: bool
    when_iso: str  # respond-by (unclaimed) or the next action's moment (claimed), local time, as ``|date:'c'``
    when_text: str  # the same as ``|date:"j-n-Y H:i"``
    next_label: str  # the next action's label; "" for none (claimed section)
    overdue: bool  # the next action is due now
    status: str
    advisor: str  # "" for nobody
    role: str
    region: str  # the province (the municipality is sealed with the request); "" for none
    concerns: str


_URL_PATTERNS: dict[tuple[str, str], tuple[str, str]] = {}


def _url_maker(name: str) -> Callable[[str], str]:
    """``reverse(name, args=[reference])`` with one ``reverse`` per process (and script prefix): the reference goes
    in where a placeholder went, quoted as ``reverse`` quotes it."""
    key = (name, get_script_prefix())
    if key not in _URL_PATTERNS:
        placeholder = "REFERENCE"
        pattern = reverse(name, args=[placeholder])
        at = pattern.index(placeholder)
        _URL_PATTERNS[key] = (pattern[:at], pattern[at + len(placeholder) :])
    head, tail = _URL_PATTERNS[key]
    return lambda reference: head + quote(reference, safe=RFC3986_SUBDELIMS + "/~:@") + tail


def _cards(cases: Any, *, claimed: bool) -> list[QueueCard]:
    """The cards of ``cases`` (rows of ``selectors.queue_sections``; no queries). Labels are translated once per page,
    not per card (see ``_decorate``)."""
    concerns = {key: str(label) for key, label in CONCERN_LABELS.items()}
    roles = {key: str(label) for key, label in OfficeRole.choices}
    statuses = {key: str(label) for key, label in STATUS_LABELS.items()}
    detail_url, claim_url = _url_maker("cases:detail"), _url_maker("cases:claim")
    cards = []
    for case in cases:
        action = case.next_action if claimed else None
        when = (action.at if action else None) if claimed else case.respond_by
        when = timezone.localtime(when) if when is not None else None  # as the template engine does (USE_TZ)
        claimable = case.status == Status.NEW and case.assigned_to_id is None
        cards.append(
            QueueCard(
                reference=case.reference,
                item_class="weerbaar-queue__item"
                + (
                    " weerbaar-queue__item--red"
                    if case.is_red
                    else " weerbaar-queue__item--urgent"
                    if case.urgent or case.acute_danger
                    else ""
                ),
                detail_url=detail_url(case.reference),
                claim_url=claim_url(case.reference) if claimable else "",
                urgent=case.urgent,
                red=case.is_red,
                escalated=case.is_escalated,
                when_iso=when.isoformat() if when else "",  # what |date:"c" gives
                when_text=f"{when.day}-{when.month}-{when.year:04d} {when:%H:%M}" if when else "",  # |date:"j-n-Y H:i"
                next_label=action.label if action else "",
                overdue=bool(action and action.overdue),
                status=statuses.get(case.status, case.status),
                advisor=case.assigned_to.label if case.assigned_to else "",
                role=roles.get(case.role, case.role),
                region=case.province.name if case.province else "",
                concerns=", ".join(_labels(case.concerns, concerns)),
            )
        )
    return cards


def _preview(request: SignedInRequest, items: Any, *, key: str) -> dict[str, Any]:
    """The first ``QUEUE_PREVIEW`` cases of a section, for the queue's first view, with its total and the link to
    the whole section (the filters kept)."""
    total = items.count()
    params = request.GET.copy()
    params[SECTION] = key
    return {
        "cards": _cards(items[0:QUEUE_PREVIEW], claimed=key == "opgepakt") if total else [],
        "count": total,
        "more_url": "?" + params.urlencode() if total > QUEUE_PREVIEW else "",
    }


def _section_page(request: SignedInRequest, items: Any, *, param: str) -> dict[str, Any]:
    page = paginate(request, items, per_page=PAGE_SIZE, param=param)
    page["cards"] = _cards(page["page_obj"].object_list, claimed=param == "page")
    page["count"] = page["page_obj"].paginator.count
    return page


@case_worker_required
@require_GET
def queue(request: SignedInRequest) -> HttpResponse:
    """The morning queue (issue 11): unclaimed cases first (red, urgent, then respond-by), then the claimed ones by
    their next action (``cases.next_action``). The first view shows the top of each section; each section on its
    own (``?sectie=``) has pages. The query count does not depend on how many cases a page shows."""
    filtering = bool(set(request.GET) - {"page", UNCLAIMED_PAGE, SECTION})
    form = QueueFilterForm(request.GET) if filtering else QueueFilterForm()
    filters = form.filters() if filtering else QueueFilterForm({}).filters()
    now = timezone.now()
    sections = selectors.queue_sections(user=request.user, filters=filters, now=now)
    only = _queue_section(request)
    context: dict[str, Any] = {"form": form, "filtering": filtering, "nav": "queue", "only": only}
    if only == "unclaimed":
        context["unclaimed"] = _section_page(request, sections.unclaimed, param=UNCLAIMED_PAGE)
    elif only == "claimed":
        context["claimed"] = _section_page(request, sections.claimed, param="page")
    else:
        context["unclaimed"] = _preview(request, sections.unclaimed, key="nieuw")
        context["claimed"] = _preview(request, sections.claimed, key="opgepakt")
    params = request.GET.copy()
    for name in (SECTION, "page", UNCLAIMED_PAGE):
        params.pop(name, None)
    context["queue_url"] = "?" + params.urlencode() if params else request.path
    context["here"] = request.get_full_path()  # where a card's claim button comes back to on a conflict
    return render(request, "cases/queue.html", context)


@staff_required(permission=policy.is_coordinator)
@require_GET
def all_cases(request: SignedInRequest) -> HttpResponse:
    form = AllCasesFilterForm(request.GET or None)
    filters = form.filters() if request.GET else AllCasesFilterForm({}).filters()
    pagination = _paginate(request, selectors.case_queue(user=request.user, filters=filters))
    return render(
        request,
        "cases/all_cases.html",
        {"form": form if request.GET else AllCasesFilterForm(), **pagination, "nav": "all"},
    )


@staff_required(permission=policy.can_view_escalations)
@require_GET
def escalated(request: SignedInRequest) -> HttpResponse:
    pagination = _paginate(request, selectors.escalated_cases(user=request.user))
    people = list(selectors.case_work_advisors(case=None).select_related("association"))
    for case in pagination["page_obj"].object_list:
        case.assign_form = AssignForm(
            people=selectors.case_assignees(actor=request.user, case=case, people=people),
            prefix=f"assign-{case.reference}",
            label=_("Toewijzen aan (zaak %(reference)s)") % {"reference": case.reference},
        )
    return render(
        request,
        "cases/escalated.html",
        {**pagination, "nav": "escalated"},
    )


# --- the case page -----------------------------------------------------------------------


def _load(request: SignedInRequest, reference: str) -> policy.CaseAccess:
    """This user's access to the case: content, else metadata (one query); 404 when neither."""
    try:
        return policy.access_case_at_best(request.user, reference)
    except NotFound as exc:
        raise Http404 from exc


def _aftercare_fits(case: Case) -> bool:
    """Aftercare is a choice when a worked case ends; it is offered first when it fits: the office holder asked
    for it at intake, or the case was urgent."""
    return case.urgent or Concern.AFTERCARE in (case.concerns or [])


def _status_forms(case: Case, bound: StatusChangeForm | None = None) -> list[StatusChangeForm]:
    forms = []
    for target in WORKFLOW.targets(case.status):
        if bound is not None and bound.target == target:
            form = bound
        else:
            form = StatusChangeForm(source=case.status, target=target)
        forms.append(form)
    if case.status == Status.IN_PROGRESS:
        by_target = {form.target: form for form in forms}
        close, aftercare = by_target.get(Status.CLOSED), by_target.get(Status.AFTERCARE)
        if close is not None and aftercare is not None:
            close.hint = _(
                "Sluit de zaak zonder nazorg. Wilt u dat de aanvrager nog drie keer gevraagd wordt hoe het gaat? "
                "Kies dan „Nazorg starten”."
            )
            aftercare.hint = _(
                "Er komt een nazorgplan met drie check-ins bij de aanvrager; daarna sluit u de zaak met de uitkomst."
            )
            if _aftercare_fits(case):
                aftercare.hint = _(
                    "Nazorg past bij deze zaak: de aanvrager vroeg erom of de zaak was urgent. %(hint)s"
                ) % {"hint": aftercare.hint}
                forms = [aftercare, *(form for form in forms if form is not aftercare)]
    return forms


TAB_TITLES = {
    "overview": gettext_lazy("Overzicht"),
    "messages": gettext_lazy("Berichten"),
    "notes": gettext_lazy("Interne notities"),
    "calls": gettext_lazy("Gesprekken"),
    "tasks": gettext_lazy("Taken"),
    "history": gettext_lazy("Geschiedenis"),
}
TAB_URLS = {"overview": "cases:detail", "messages": "cases:messages", "notes": "cases:notes", "calls": "cases:calls"}


def case_page_context(request: SignedInRequest, access: policy.CaseAccess, *, tab: str) -> dict[str, Any]:
    """What every tab of the case page shows on top (``cases/case_base.html``): the case, the summary (status,
    who, deadlines, what waits) and the tab bar. Public for the tabs other apps serve (todos: the tasks tab)."""
    summary = selectors.case_summary(case=access.case)
    return {
        "case": access.case,
        "has_content": access.has_content,
        "metadata_only": not access.has_content,
        "is_escalated": summary.is_escalated,
        "waiting": summary.waiting,
        "tab": tab,
        "tab_title": TAB_TITLES.get(tab, "") if tab != "overview" else "",
        # Break-glass: held outside its association; everyone who sees the case sees who took it and when.
        "taken_over": policy.is_taken_over(access.case),
        "take_over": selectors.case_take_over(case=access.case) if policy.is_taken_over(access.case) else None,
    }


def _render_tab(request: SignedInRequest, template: str, context: dict[str, Any], *, status: int = 200) -> HttpResponse:
    context["form_error"] = status == 400  # "Fout:" in the title, as on every form page
    return no_store(render(request, template, context, status=status), bare=True)


def _render_detail(
    request: SignedInRequest, access: policy.CaseAccess, *, status: int = 200, **bound: Any
) -> HttpResponse:
    """The overview tab: the summary, the panels, the case's data, the request, assignment and status."""
    user = request.user
    case, has_content = access.case, access.has_content
    people = selectors.case_assignees(actor=user, case=case)
    context: dict[str, Any] = {
        **case_page_context(request, access, tab="overview"),
        "concern_labels": _labels(case.concerns, CONCERN_LABELS),
        "affected_labels": _labels(case.affected, AFFECTED_LABELS),
        "preferred_contact_label": PreferredContact(case.preferred_contact).label if case.preferred_contact else "",
        "close_reason_label": CLOSE_REASON_LABELS.get(case.close_reason, ""),
        "outcome_label": Outcome(case.outcome).label if case.outcome else "",
        "can_claim": case.status != Status.CLOSED
        and case.assigned_to_id != user.pk
        and policy.can_assign(user, case, user),
        "assign_form": bound.get("assign_form") or AssignForm(people=people),
        "can_assign": bool(people) and case.status != Status.CLOSED,
        "can_take_over": case.status != Status.CLOSED and policy.can_take_over(user, case),
        "take_over_form": bound.get("take_over_form") or TakeOverForm(),
    }
    if has_content:
        context.update(
            request_data=selectors.case_request_read(access=access),
            status_forms=_status_forms(case, bound.get("status_form")),
            panels=case_panels(request, access),
        )
    return _render_tab(request, "cases/detail.html", context, status=status)


def _render_messages(
    request: SignedInRequest, access: policy.CaseAccess, *, status: int = 200, **bound: Any
) -> HttpResponse:
    case = access.case
    services.case_messages_mark_read(case=case, reader=MessageSender.ADVISOR)
    context = {
        **case_page_context(request, access, tab="messages"),
        "messages_list": selectors.case_messages_read(access=access),
        "message_form": bound.get("message_form") or MessageForm(),
        "advice_picker": bound.get("advice_picker") or advice_picker(user=request.user, case=case),
        "can_message": case.status != Status.CLOSED or "message_form" in bound,
    }
    return _render_tab(request, "cases/tab_messages.html", context, status=status)


def _render_notes(
    request: SignedInRequest, access: policy.CaseAccess, *, status: int = 200, **bound: Any
) -> HttpResponse:
    context = {
        **case_page_context(request, access, tab="notes"),
        "notes": selectors.case_notes_read(access=access),
        "note_form": bound.get("note_form") or NoteForm(),
    }
    return _render_tab(request, "cases/tab_notes.html", context, status=status)


def _render_calls(
    request: SignedInRequest, access: policy.CaseAccess, *, status: int = 200, **bound: Any
) -> HttpResponse:
    context = {
        **case_page_context(request, access, tab="calls"),
        "calls": selectors.case_calls_read(access=access),
        "call_form": bound.get("call_form") or CallForm(),
    }
    return _render_tab(request, "cases/tab_calls.html", context, status=status)


@case_worker_required
@never_cache
@require_GET
def detail(request: SignedInRequest, reference: str) -> HttpResponse:
    return _render_detail(request, _load(request, reference))


@case_worker_required
@never_cache
@require_GET
def history(request: SignedInRequest, reference: str) -> HttpResponse:
    """The history tab: status changes (reasons only with content access) and the audit trail."""
    access = _load(request, reference)
    has_content = access.has_content
    rows = selectors.case_status_history(access=access, include_reasons=has_content)
    for item in rows:  # labels for the template, on the rows themselves (attr-defined: no model fields)
        source, target = item.extra.get("from"), item.extra["to"]
        item.label = f"{STATUS_LABELS[source]} → {STATUS_LABELS[target]}" if source else str(STATUS_LABELS[target])  # type: ignore[attr-defined]
        item.reason_label = CLOSE_REASON_LABELS.get(item.extra.get("reasonCode", ""), "")  # type: ignore[attr-defined]
    trail = list(selectors.case_audit_trail(case=access.case)[:100])
    for entry in trail:
        entry.label = AUDIT_LABELS.get(entry.action, entry.action)  # type: ignore[attr-defined]
    context = {**case_page_context(request, access, tab="history"), "history": rows, "audit_trail": trail}
    return _render_tab(request, "cases/tab_history.html", context)


def _done(request: SignedInRequest, reference: str, message: str, tab: str = "overview") -> HttpResponseRedirect:
    """After saving: back to the same tab, where the message shows at the top of the tab and takes the focus."""
    messages.success(request, message)
    return HttpResponseRedirect(reverse(TAB_URLS[tab], args=[reference]))


@case_worker_required
@require_POST
def claim(request: SignedInRequest, reference: str) -> HttpResponse:
    next_url = _safe_next(request)
    try:
        services.case_assign(actor=request.user, reference=reference, assignee_username="me")
    except NotFound as exc:
        raise Http404 from exc
    except Forbidden as exc:
        # A coordinator's case of another association: taken only with a reason, on the case page's own form.
        raise PermissionDenied(exc.message) from exc
    except (InvalidInput, Conflict) as exc:
        messages.error(request, exc.message)
        return HttpResponseRedirect(next_url or reverse("cases:detail", args=[reference]))
    return _done(request, reference, _("U heeft de zaak opgepakt."))


@case_worker_required
@require_POST
def assign(request: SignedInRequest, reference: str) -> HttpResponse:
    access = _load(request, reference)
    case = access.case
    next_url = _safe_next(request)
    prefix = request.POST.get("form_prefix") or None
    if prefix and prefix != f"assign-{reference}":
        prefix = None
    form = AssignForm(request.POST, people=selectors.case_assignees(actor=request.user, case=case), prefix=prefix)
    if form.is_valid():
        try:
            updated = services.case_assign(
                actor=request.user,
                reference=reference,
                assignee_username=form.cleaned_data["advisor"],
            )
        except NotFound as exc:
            raise Http404 from exc
        except (InvalidInput, Conflict) as exc:
            form.add_domain_error(exc)
        else:
            assert updated.assigned_to is not None  # case_assign always leaves an assignee
            message = _("De zaak is toegewezen aan %(name)s.") % {"name": updated.assigned_to.label}
            if next_url:
                messages.success(request, message)
                return HttpResponseRedirect(next_url)
            return _done(request, reference, message)
    if next_url:
        errors = [str(e) for errors in form.errors.values() for e in errors]
        messages.error(request, " ".join(errors) or _("Toewijzen is niet gelukt."))
        return HttpResponseRedirect(next_url)
    return _render_detail(request, access, status=400, assign_form=form)


@case_worker_required
@require_POST
def take_over(request: SignedInRequest, reference: str) -> HttpResponse:
    """A coordinator's break-glass: take a case of another association, with a stated reason."""
    access = _load(request, reference)
    if not policy.can_take_over(request.user, access.case):
        raise PermissionDenied(
            _("Overnemen met een reden is er alleen voor een coördinator, bij een zaak van een andere vereniging.")
        )
    form = TakeOverForm(request.POST)
    if form.is_valid():
        try:
            services.case_assign(
                actor=request.user, reference=reference, assignee_username="me", reason=form.cleaned_data["reason"]
            )
        except NotFound as exc:
            raise Http404 from exc
        except (InvalidInput, Conflict, Forbidden) as exc:
            if isinstance(exc, Forbidden) and exc.code == "reason_required":
                form.add_error("reason", exc.message)
            else:
                form.add_domain_error(exc)
        else:
            return _done(
                request,
                reference,
                _(
                    "U heeft de zaak overgenomen. De adviseurs van %(association)s, de andere coördinatoren en wie "
                    "de zaak had, zijn ingelicht."
                )
                % {"association": access.case.association.short_name},
            )
    return _render_detail(request, access, status=400, take_over_form=form)


def _content_access(request: SignedInRequest, reference: str) -> policy.CaseAccess:
    try:
        return policy.access_case(request.user, reference)
    except NotFound as exc:
        raise Http404 from exc


@case_worker_required
@require_POST
def change_status(request: SignedInRequest, reference: str) -> HttpResponse:
    access = _content_access(request, reference)
    case = access.case
    target = request.POST.get("target", "")
    form = StatusChangeForm(request.POST, source=case.status, target=target)
    if form.transition is None:
        # Not allowed from the current status (for example a page that was open for a while):
        # the service refuses it, and the page shows why.
        try:
            services.case_transition(actor=request.user, reference=reference, target=target)
        except (Conflict, InvalidInput) as exc:
            messages.error(request, exc.message)
            return _render_detail(request, access, status=error_status(exc))
        return _done(request, reference, _("De status is gewijzigd."))
    if form.is_valid():
        confirmed, missing_choice = _close_confirmations(request)
        try:
            if missing_choice:
                raise Conflict(_("Kies wat er gebeurt voordat u de zaak sluit."), code=missing_choice)
            services.case_transition(
                actor=request.user,
                reference=reference,
                target=target,
                reason=form.cleaned_data.get("reason", ""),
                outcome=form.cleaned_data.get("outcome", ""),
                confirmed=confirmed,
            )
        except (InvalidInput, Conflict) as exc:
            if isinstance(exc, Conflict) and exc.code in signals.close_checks:
                return _render_close_confirm(request, case, form, error=bool(missing_choice))
            form.add_domain_error(exc)
        else:
            return _done(
                request,
                reference,
                _("De status is gewijzigd in: %(status)s.") % {"status": STATUS_LABELS[target]},
            )
    return _render_detail(request, access, status=400, status_form=form)


def _close_confirmations(request: SignedInRequest) -> tuple[set[str], str]:
    """What the person confirmed on the close confirmation page: each check's code (hidden ``confirm``) and its
    chosen option (``close-option-<code>``). Returns the set and the code of a check confirmed without a choice."""
    confirmed: set[str] = set()
    for code in request.POST.getlist("confirm"):
        check = signals.close_checks.get(code)
        if check is None:
            continue
        if check.options:
            choice = request.POST.get(f"close-option-{code}", "")
            if choice not in {token for token, _label, _field in check.options}:
                return confirmed, code
            confirmed.add(choice)
        confirmed.add(code)
    return confirmed, ""


def _render_close_confirm(request: SignedInRequest, case: Case, form: StatusChangeForm, *, error: bool) -> HttpResponse:
    """Closing needs a confirmation (e.g. an open aftercare plan): the same form again, with the checks' choices."""
    checks = signals.close_checks_for(case)
    chosen = {c.code: request.POST.get(f"close-option-{c.code}", "") for c in checks}
    response = render(
        request,
        "cases/close_confirm.html",
        {
            "case": case,
            "form": form,
            "checks": [(c, chosen[c.code]) for c in checks],
            "error": error,
            "nav": "queue",
        },
        status=400 if error else 200,
    )
    return no_store(response, bare=True)


@case_worker_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def add_note(request: SignedInRequest, reference: str) -> HttpResponse:
    """The internal notes tab (GET) and saving a note (POST)."""
    access = _content_access(request, reference)
    if request.method != "POST":
        return _render_notes(request, access)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.case_note_add(actor=request.user, reference=reference, text=form.cleaned_data["text"])
        except (InvalidInput, Conflict) as exc:
            form.add_domain_error(exc, one_field_message=True)
        else:
            return _done(request, reference, _("De interne notitie is opgeslagen."), "notes")
    return _render_notes(request, access, status=400, note_form=form)


@case_worker_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def send_message(request: SignedInRequest, reference: str) -> HttpResponse:
    """The messages tab (GET: reading marks the office holder's messages read) and sending one (POST)."""
    access = _content_access(request, reference)
    if request.method != "POST":
        return _render_messages(request, access)
    if "insert_text" in request.POST:
        return _insert_advice_text(request, access)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.case_message_send(actor=request.user, reference=reference, text=form.cleaned_data["text"])
        except (InvalidInput, Conflict) as exc:
            form.add_domain_error(exc, one_field_message=True)
        else:
            return _done(request, reference, _("Het bericht is verstuurd."), "messages")
    return _render_messages(request, access, status=400, message_form=form)


def _insert_advice_text(request: SignedInRequest, access: policy.CaseAccess) -> HttpResponse:
    """The "Tekst invoegen" button without JavaScript: the case page again, the chosen text after what was typed.

    Nothing is sent and nothing is stored: the advisor adapts the text in the message box and then sends it.
    """
    typed = request.POST.get(f"{MessageForm.prefix}-text", "")
    chosen = request.POST.get("advice-text", "")
    try:
        text = message_with_advice_text(user=request.user, typed=typed, text_id=chosen)
    except NotFound as exc:
        picker = advice_picker(user=request.user, case=access.case, selected=chosen, error=exc.message)
        form = MessageForm(initial={"text": typed})
        return _render_messages(request, access, status=400, message_form=form, advice_picker=picker)
    return _render_messages(request, access, message_form=MessageForm(initial={"text": text}))


@case_worker_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def log_call(request: SignedInRequest, reference: str) -> HttpResponse:
    """The calls tab (GET) and logging a call (POST)."""
    access = _content_access(request, reference)
    if request.method != "POST":
        return _render_calls(request, access)
    form = CallForm(request.POST)
    if form.is_valid():
        try:
            services.case_call_log(
                actor=request.user,
                reference=reference,
                occurred_at=form.cleaned_data["occurred_at"],
                direction=form.cleaned_data["direction"],
                summary=form.cleaned_data["summary"],
                duration_minutes=form.cleaned_data.get("duration_minutes"),
            )
        except (InvalidInput, Conflict) as exc:
            form.add_domain_error(exc, CALL_PARAMS, one_field_message=True)
        else:
            return _done(request, reference, _("Het gesprek is vastgelegd."), "calls")
    return _render_calls(request, access, status=400, call_form=form)
