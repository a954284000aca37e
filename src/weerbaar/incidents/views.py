"""Web pages of the incident log, evidence, police reports, damage and the dossier.

The same pages serve two sides: the advisor workspace (``/werkruimte/zaken/<reference>/…``,
staff with TOTP) and the office holder's portal (``/mijn-zaak/…``, signed in with reference and
follow-up code). A ``Ctx`` carries who acts, the case and the side; access goes through
``policy.access_case_for`` (missing or not yours: 404), reads through ``incidents.selectors`` and
writes through ``incidents.services``, which audit every read and write. Views parse, call one
service or selector and render; on bad input the page comes back with status 400 and everything
typed kept (a chosen file cannot be kept by a browser: the message says so).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.accounts import policy
from weerbaar.accounts.decorators import case_worker_required
from weerbaar.cases.choices import Status
from weerbaar.cases.models import Case
from weerbaar.core.audit import audit_record
from weerbaar.core.errors import Conflict, InvalidInput, NotFound, RateLimited
from weerbaar.guidance import rules
from weerbaar.incidents import display, selectors, services
from weerbaar.incidents.choices import INJURY_ACTS, SERIES_ACTS, THREAT_ACTS, DamageKind
from weerbaar.incidents.forms import DamageForm, DossierForm, EvidenceForm, IncidentForm, PoliceReportForm
from weerbaar.incidents.uploads import keeps_raw_upload_names
from weerbaar.incidents.validation import validate_damage_item, validate_incident, validate_police_report
from weerbaar.web.forms import error_status
from weerbaar.web.http import content_language, no_store
from weerbaar.web.pages import office_holder_page

View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class Side:
    name: str  # "workspace" or "portal"
    base: str  # the layout the pages extend
    wrapper: str  # the class of the page's outer element


WORKSPACE = Side("workspace", "workspace/base.html", "weerbaar-ws")
PORTAL = Side("portal", "base.html", "weerbaar-portal weerbaar-incidents-portal")


@dataclass
class Ctx:
    """One request on one side: who acts, on which case."""

    request: HttpRequest
    access: policy.CaseAccess
    side: Side

    @property
    def actor(self) -> Any:
        return self.access.actor

    @property
    def case(self) -> Case:
        return self.access.case

    def url(self, name: str, *args: Any) -> str:
        if self.side is WORKSPACE:
            return reverse(f"incidents:ws_{name}", args=[self.case.reference, *args])
        return reverse(f"incidents:portal_{name}", args=list(args))

    @property
    def portal(self) -> bool:
        return self.side is PORTAL

    @property
    def read_only(self) -> bool:
        return self.case.status == Status.CLOSED

    @property
    def language(self) -> str:
        return content_language()


def workspace_view(view: View) -> View:
    """A staff page of one case: advisor or coordinator with access to its content, else 404."""

    @wraps(view)
    def wrapper(request: HttpRequest, reference: str, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            access = policy.access_case_for(request.user, reference)
        except NotFound as exc:
            raise Http404 from exc
        return view(request, Ctx(request, access, WORKSPACE), *args, **kwargs)

    return case_worker_required(wrapper)


def portal_view(view: View) -> View:
    """A page of "Mijn zaak": the signed-in office holder's own case, else the sign-in page."""

    @office_holder_page
    @wraps(view)
    def wrapper(
        request: HttpRequest, principal: Any, access: policy.CaseAccess, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        return view(request, Ctx(request, access, PORTAL), *args, **kwargs)

    return wrapper


def _render(ctx: Ctx, template: str, context: dict[str, Any], *, status: int = 200) -> HttpResponse:
    base = {
        "side": ctx.side,
        "base_template": ctx.side.base,
        "portal": ctx.portal,
        "case": ctx.case,
        "read_only": ctx.read_only,
        "today": selectors.today_in_amsterdam(),
        # The case's klacht dates (the one computation), in the panel of every page; the timeline shows them all.
        "complaint_deadline": selectors.nearest_complaint_deadline(ctx.case),
        "deadline_compact": True,
        "rules_version": rules.RULES_VERSION,
        "can_reassess": policy.can_reassess_incident(ctx.access),
        "can_split_series": policy.can_split_stalking_series(ctx.access),
        "urls": {
            "case": reverse("cases:detail", args=[ctx.case.reference]) if not ctx.portal else reverse("intake:portal"),
            "timeline": ctx.url("timeline"),
            "new": ctx.url("new"),
            "damage": ctx.url("damage"),
            "dossier": ctx.url("dossier"),
        },
    }
    return no_store(render(ctx.request, template, {**base, **context}, status=status))


# --- labels -------------------------------------------------------------------------------------


def _decorate_evidence(ctx: Ctx, items: list[Any]) -> list[Any]:
    for e in items:
        e.download_url = ctx.url("evidence", e.number)
        if e.is_image:
            e.preview_url = ctx.url("evidence_preview", e.number)
            e.blurred_url = ctx.url("evidence_blurred", e.number)
    return items


def _decorate_incident(ctx: Ctx, incident: Any) -> Any:
    incident.url = ctx.url("detail", incident.number)
    incident.edit_url = ctx.url("edit", incident.number)
    words = display.incident_words(incident)
    incident.channel_label = words.channel
    incident.act_labels = words.acts
    incident.affected_labels = words.affected
    incident.identifiers = words.identifiers
    incident.victim_label = words.victim
    incident.threatened_label = words.threatened
    incident.perpetrators_label = words.perpetrators
    acts = set(incident.acts)
    incident.asks_threat = bool(acts & THREAT_ACTS)
    incident.asks_injury = bool(acts & INJURY_ACTS)
    incident.asks_series = bool(acts & SERIES_ACTS)
    incident.rules_outdated = bool(incident.rules_version) and incident.rules_version != rules.RULES_VERSION
    report = incident.police_report
    if report is not None:
        report.kind_label = words.report_kind
        report.vpt_label = words.report_vpt
        report.address_label = words.report_address
        report.decision_label = words.report_decision
        report.article12_label = words.report_article12
    _decorate_evidence(ctx, incident.evidence)
    return incident


def _max_mb() -> int:
    return int(settings.EVIDENCE_MAX_FILE_BYTES) // 1_048_576


# --- the timeline -------------------------------------------------------------------------------


@require_GET
def timeline(request: HttpRequest, ctx: Ctx) -> HttpResponse:
    incidents = [_decorate_incident(ctx, i) for i in selectors.incidents_read(access=ctx.access)]
    return _render(
        ctx, "incidents/timeline.html", {"incidents": incidents, "nav_section": "timeline", "deadline_compact": False}
    )


# --- record and correct -------------------------------------------------------------------------


def _incident_form_page(ctx: Ctx, form: IncidentForm, *, incident: Any = None, status: int = 200) -> HttpResponse:
    return _render(
        ctx,
        "incidents/incident_form.html",
        {"form": form, "incident": incident, "nav_section": "timeline"},
        status=status,
    )


def _incident_save(ctx: Ctx, form: IncidentForm, number: int | None) -> int | None:
    """Validate and save; the incident's number, or None with the errors on the form."""
    if not form.is_valid():
        return None
    try:
        data = validate_incident(form.raw())
        if number is None:
            return services.incident_record(actor=ctx.actor, reference=ctx.case.reference, data=data).number
        services.incident_update(actor=ctx.actor, reference=ctx.case.reference, number=number, data=data)
        return number
    except NotFound as exc:
        raise Http404 from exc
    except (InvalidInput, Conflict) as exc:
        form.add_domain_error(exc, IncidentForm.PARAMS)
        return None


@require_http_methods(["GET", "POST"])
def incident_new(request: HttpRequest, ctx: Ctx) -> HttpResponse:
    if request.method == "GET":
        today = timezone.localdate().isoformat()
        return _incident_form_page(ctx, IncidentForm(initial={"occurred_on": today, "learned_on": today}))
    form = IncidentForm(request.POST)
    number = _incident_save(ctx, form, None)
    if number is None:
        return _incident_form_page(ctx, form, status=409 if ctx.read_only else 400)
    messages.success(request, _("Het incident is vastgelegd als incident %(n)s.") % {"n": number})
    return HttpResponseRedirect(ctx.url("detail", number))


def _incident_or_404(ctx: Ctx, number: int) -> Any:
    incident = selectors.incident_read(access=ctx.access, number=number, language=ctx.language)
    if incident is None:
        raise Http404
    return _decorate_incident(ctx, incident)


@require_http_methods(["GET", "POST"])
def incident_edit(request: HttpRequest, ctx: Ctx, number: int) -> HttpResponse:
    incident = _incident_or_404(ctx, number)
    if request.method == "GET":
        return _incident_form_page(ctx, IncidentForm(initial=IncidentForm.initial_from(incident)), incident=incident)
    form = IncidentForm(request.POST)
    if _incident_save(ctx, form, number) is None:
        return _incident_form_page(ctx, form, incident=incident, status=409 if ctx.read_only else 400)
    messages.success(request, _("Het incident is gecorrigeerd. Het stappenplan is opnieuw berekend."))
    return HttpResponseRedirect(ctx.url("detail", number))


# --- one incident: facts, step plan, police report, evidence -------------------------------------


def _detail_page(
    ctx: Ctx,
    number: int,
    *,
    police_form: PoliceReportForm | None = None,
    evidence_form: EvidenceForm | None = None,
    file_kept_notice: bool = False,
    status: int = 200,
) -> HttpResponse:
    incident = _incident_or_404(ctx, number)
    return _render(
        ctx,
        "incidents/incident_detail.html",
        {
            "incident": incident,
            "plan": display.plan_with_dates(incident.assessment),
            "police_form": police_form
            or PoliceReportForm(initial=PoliceReportForm.initial_from(incident.police_report), prefix="police"),
            "evidence_form": evidence_form or EvidenceForm(prefix="evidence", max_mb=_max_mb()),
            "file_kept_notice": file_kept_notice,
            "police_action": ctx.url("police_report", number),
            "step_plan_pdf_url": ctx.url("step_plan_pdf", number),
            "upload_action": ctx.url("evidence_upload", number) + "#bewijs",
            "reassess_action": ctx.url("reassess", number) if not ctx.portal else "",
            "series_action": ctx.url("series", number) if not ctx.portal else "",
            "nav_section": "timeline",
        },
        status=status,
    )


@require_GET
def incident_detail(request: HttpRequest, ctx: Ctx, number: int) -> HttpResponse:
    return _detail_page(ctx, number)


@require_POST
def incident_reassess(request: HttpRequest, ctx: Ctx, number: int) -> HttpResponse:
    """Assess the incident again under the current rules (advisors only: the policy decides); the page then
    shows what changed."""
    if not policy.can_reassess_incident(ctx.access):
        raise Http404
    try:
        result = services.incident_reassess(actor=ctx.actor, reference=ctx.case.reference, number=number)
    except NotFound as exc:
        raise Http404 from exc
    except Conflict as exc:
        messages.error(request, exc.message)
        return HttpResponseRedirect(ctx.url("detail", number) + "#stappenplan")
    if result.changes:
        text = _(
            "Het incident is opnieuw beoordeeld met regels versie %(version)s. Wat er veranderde, staat bij het "
            "stappenplan."
        )
    else:
        text = _("Het incident is opnieuw beoordeeld met regels versie %(version)s. Er veranderde niets.")
    messages.success(request, text % {"version": result.to_version})
    return HttpResponseRedirect(ctx.url("detail", number) + "#herbeoordeeld")


@require_POST
def incident_series(request: HttpRequest, ctx: Ctx, number: int) -> HttpResponse:
    """Split the incident off the case's stalking series, or add it back (advisors only: the policy decides)."""
    if not policy.can_split_stalking_series(ctx.access):
        raise Http404
    in_series = request.POST.get("in_series") == "yes"
    try:
        services.incident_series_set(actor=ctx.actor, reference=ctx.case.reference, number=number, in_series=in_series)
    except NotFound as exc:
        raise Http404 from exc
    except (InvalidInput, Conflict) as exc:
        messages.error(request, _reason(exc))
        return HttpResponseRedirect(ctx.url("detail", number))
    if in_series:
        messages.success(
            request, _("Het incident hoort weer bij de reeks belaging; de termijnen zijn opnieuw berekend.")
        )
    else:
        messages.success(
            request, _("Het incident is losgemaakt van de reeks belaging en heeft een eigen termijn gekregen.")
        )
    return HttpResponseRedirect(ctx.url("detail", number))


def _reason(exc: InvalidInput | Conflict) -> str:
    params = getattr(exc, "invalid_params", None) or []
    return str(params[0]["reason"]) if params else exc.message


@require_POST
def police_report(request: HttpRequest, ctx: Ctx, number: int) -> HttpResponse:
    form = PoliceReportForm(request.POST, prefix="police")
    if form.is_valid():
        try:
            data = validate_police_report(form.raw())
            services.police_report_save(actor=ctx.actor, reference=ctx.case.reference, number=number, data=data)
        except NotFound as exc:
            raise Http404 from exc
        except (InvalidInput, Conflict) as exc:
            form.add_domain_error(exc, PoliceReportForm.PARAMS)
            return _detail_page(ctx, number, police_form=form, status=error_status(exc))
        messages.success(request, _("De gegevens over aangifte of melding zijn opgeslagen."))
        return HttpResponseRedirect(ctx.url("detail", number) + "#aangifte")
    return _detail_page(ctx, number, police_form=form, status=400)


def _upload(ctx: Ctx, form: EvidenceForm, *, incident_number: int | None, damage_item_id: int | None) -> bool:
    """Store the posted file; False with the reason on the form when it is refused."""
    uploaded = ctx.request.FILES.get(form.add_prefix("file"))
    try:
        services.evidence_add(
            actor=ctx.actor,
            reference=ctx.case.reference,
            upload=services.upload_from_file(uploaded) if uploaded is not None else None,
            incident_number=incident_number,
            damage_item_id=damage_item_id,
            source_url=form.data.get(form.add_prefix("source_url"), ""),
            captured_at=form.data.get(form.add_prefix("captured_at"), ""),
        )
    except NotFound as exc:
        raise Http404 from exc
    except (InvalidInput, Conflict, RateLimited) as exc:
        form.add_domain_error(exc, EvidenceForm.PARAMS)
        return False
    return True


@require_POST
def evidence_upload(request: HttpRequest, ctx: Ctx, number: int) -> HttpResponse:
    form = EvidenceForm(request.POST, prefix="evidence", max_mb=_max_mb())
    if _upload(ctx, form, incident_number=number, damage_item_id=None):
        messages.success(request, _("Het bestand is veilig opgeslagen als bewijs."))
        return HttpResponseRedirect(ctx.url("detail", number) + "#bewijs")
    status = 409 if ctx.read_only else 400
    return _detail_page(ctx, number, evidence_form=form, file_kept_notice=True, status=status)


@require_GET
def incident_step_plan_pdf(request: HttpRequest, ctx: Ctx, number: int) -> HttpResponse:
    """The incident's stored step plan as the one-page PDF (the same as the public wizard's download)."""
    from weerbaar.guidance.stepplan_pdf import step_plan_pdf

    incident = _incident_or_404(ctx, number)
    pdf = step_plan_pdf(incident.assessment, ctx.language)
    audit_record(
        actor=ctx.actor,
        action="incident.step_plan_downloaded",
        object_type="case",
        object_id=ctx.case.reference,
        details={"incident": number},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"stappenplan-incident-{number}.pdf") or ""
    response["X-Content-Type-Options"] = "nosniff"
    return no_store(response)


# --- evidence files ---------------------------------------------------------------------------


def _evidence_response(ctx: Ctx, number: int, rendition: str) -> HttpResponse:
    try:
        item = services.evidence_read(access=ctx.access, number=number, rendition=rendition)
    except NotFound as exc:
        raise Http404 from exc
    except services.IntegrityError:
        response = render(
            ctx.request, "incidents/evidence_unreadable.html", {"base_template": ctx.side.base}, status=500
        )
        return no_store(response)
    response = HttpResponse(item.content, content_type=item.media_type)
    response["Content-Disposition"] = content_disposition_header(rendition == "original", item.download_name) or ""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Length"] = str(len(item.content))
    if rendition == "original":
        # Never let a browser run or render an uploaded document in our origin.
        response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return no_store(response)


@require_GET
def evidence_download(request: HttpRequest, ctx: Ctx, number: int) -> HttpResponse:
    return _evidence_response(ctx, number, "original")


@require_GET
def evidence_preview(request: HttpRequest, ctx: Ctx, number: int) -> HttpResponse:
    return _evidence_response(ctx, number, "preview")


@require_GET
def evidence_blurred(request: HttpRequest, ctx: Ctx, number: int) -> HttpResponse:
    return _evidence_response(ctx, number, "blurred")


# --- damage -----------------------------------------------------------------------------------


def _damage_page(
    ctx: Ctx,
    *,
    damage_form: DamageForm | None = None,
    receipt_form: EvidenceForm | None = None,
    receipt_item: int | None = None,
    status: int = 200,
) -> HttpResponse:
    items = [
        _decorate_damage(ctx, item, receipt_form if receipt_item == item.id else None)
        for item in selectors.damage_read(access=ctx.access)
    ]
    return _render(
        ctx,
        "incidents/damage.html",
        {
            "items": items,
            "total": display.euros(selectors.damage_total_cents(ctx.case), ctx.language),
            "routes": selectors.case_damage_routes(ctx.case, ctx.language),
            "damage_form": damage_form or DamageForm(incidents=_incident_choices(ctx), prefix="damage"),
            "receipt_item": receipt_item,
            "nav_section": "damage",
        },
        status=status,
    )


def _decorate_damage(ctx: Ctx, item: Any, receipt_form: EvidenceForm | None) -> Any:
    """A damage item with what its row on the page shows (labels, the receipt form: the sent one after an error)."""
    item.kind_label = display.label(DamageKind, item.kind)
    item.amount_label = display.euros(item.amount_cents, ctx.language)
    _decorate_evidence(ctx, item.receipts)
    item.receipt_action = ctx.url("damage_receipt", item.id) + f"#schade-{item.id}"
    if receipt_form is None:
        receipt_form = EvidenceForm(prefix=f"receipt{item.id}", max_mb=_max_mb())
    item.receipt_form = receipt_form
    return item


def _incident_choices(ctx: Ctx) -> list[tuple[int, str]]:
    numbers = ctx.case.incidents.order_by("number").values_list("number", flat=True)
    return [(n, _("Incident %(n)s") % {"n": n}) for n in numbers]


@require_http_methods(["GET", "POST"])
def damage(request: HttpRequest, ctx: Ctx) -> HttpResponse:
    if request.method == "GET":
        return _damage_page(ctx)
    form = DamageForm(request.POST, incidents=_incident_choices(ctx), prefix="damage")
    if form.is_valid():
        try:
            data = validate_damage_item(form.raw())
            services.damage_item_add(actor=ctx.actor, reference=ctx.case.reference, data=data)
        except (InvalidInput, Conflict) as exc:
            form.add_domain_error(exc, DamageForm.PARAMS)
            return _damage_page(ctx, damage_form=form, status=error_status(exc))
        messages.success(request, _("De schadepost is opgeslagen. Voeg een bon of factuur toe als u die heeft."))
        return HttpResponseRedirect(ctx.url("damage") + "#schadeposten")
    return _damage_page(ctx, damage_form=form, status=400)


@require_POST
def damage_receipt(request: HttpRequest, ctx: Ctx, item_id: int) -> HttpResponse:
    form = EvidenceForm(request.POST, prefix=f"receipt{item_id}", max_mb=_max_mb())
    if _upload(ctx, form, incident_number=None, damage_item_id=item_id):
        messages.success(request, _("De bon of factuur is veilig opgeslagen."))
        return HttpResponseRedirect(ctx.url("damage") + f"#schade-{item_id}")
    status = 409 if ctx.read_only else 400
    return _damage_page(ctx, receipt_form=form, receipt_item=item_id, status=status)


# --- the dossier ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def dossier(request: HttpRequest, ctx: Ctx) -> HttpResponse:
    form = DossierForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        from weerbaar.guidance import dossier as dossier_module

        fmt = "zip" if form.cleaned_data.get("format") == "zip" else "pdf"
        build = dossier_module.dossier_zip if fmt == "zip" else dossier_module.dossier_pdf
        try:
            content = build(
                access=ctx.access,
                language=ctx.language,
                # Only the office holder may add it (the workspace form has no such field; the policy refuses it).
                home_address=form.cleaned_data.get("home_address", "") if ctx.portal else "",
            )
        except services.IntegrityError:
            response = render(
                request, "incidents/evidence_unreadable.html", {"base_template": ctx.side.base}, status=500
            )
            return no_store(response)
        except InvalidInput as exc:
            form.add_error("home_address" if ctx.portal else None, exc.message)
            return _render(ctx, "incidents/dossier.html", {"form": form, "nav_section": "dossier"}, status=400)
        response = HttpResponse(content, content_type="application/zip" if fmt == "zip" else "application/pdf")
        response["Content-Disposition"] = content_disposition_header(True, f"dossier-{ctx.case.reference}.{fmt}") or ""
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Length"] = str(len(content))
        return no_store(response)
    status = 400 if request.method == "POST" else 200
    return _render(
        ctx,
        "incidents/dossier.html",
        {"form": form if request.method == "POST" else DossierForm(), "nav_section": "dossier"},
        status=status,
    )


# --- the two sides ------------------------------------------------------------------------------


def _upload_refused(
    request: HttpRequest, sentence: str, status: int, ctx: Ctx, number: int | None = None, item_id: int | None = None
) -> HttpResponse:
    """An upload refused before its body was read (too large, more than one file): the reason and a way back."""
    back = ctx.url("detail", number) + "#bewijs" if number is not None else ctx.url("damage") + f"#schade-{item_id}"
    return _render(ctx, "incidents/upload_refused.html", {"sentence": sentence, "back": back}, status=status)


def _both(view: View, *, upload: bool = False) -> tuple[View, View]:
    inner = keeps_raw_upload_names(view, _upload_refused) if upload else view
    return workspace_view(inner), portal_view(inner)


ws_timeline, portal_timeline = _both(timeline)
ws_new, portal_new = _both(incident_new)
ws_detail, portal_detail = _both(incident_detail)
ws_edit, portal_edit = _both(incident_edit)
ws_police_report, portal_police_report = _both(police_report)
ws_step_plan_pdf, portal_step_plan_pdf = _both(incident_step_plan_pdf)
ws_evidence_upload, portal_evidence_upload = _both(evidence_upload, upload=True)
ws_evidence, portal_evidence = _both(evidence_download)
ws_evidence_preview, portal_evidence_preview = _both(evidence_preview)
ws_evidence_blurred, portal_evidence_blurred = _both(evidence_blurred)
ws_damage, portal_damage = _both(damage)
ws_damage_receipt, portal_damage_receipt = _both(damage_receipt, upload=True)
ws_dossier, portal_dossier = _both(dossier)
# The advisor's judgement only: no page of Mijn zaak.
ws_reassess = workspace_view(incident_reassess)
ws_series = workspace_view(incident_series)
