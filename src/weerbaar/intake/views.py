"""The public web side: home page, the multi-step help request, the receipt and "Mijn zaak"; and the advisor's
phone intake (the same pipeline, channel phone).

Views stay thin: they parse the form, call one service or selector and render. The help
request keeps no draft on the server: every page posts all answers (see forms.py).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.accounts import policy
from weerbaar.accounts.decorators import staff_required
from weerbaar.accounts.policy import access_case_as_office_holder
from weerbaar.cases.choices import MUNICIPAL_ROLES, PROVINCIAL_ROLES, Channel, MessageSender, OfficeRole
from weerbaar.cases.selectors import case_messages_read
from weerbaar.cases.services import case_message_send_by_office_holder, case_messages_mark_read
from weerbaar.core import clock
from weerbaar.core.errors import Conflict, InvalidInput, NotFound, RateLimited
from weerbaar.core.ratelimit import client_address
from weerbaar.directory.selectors import associations_with_contacts
from weerbaar.incidents.selectors import nearest_complaint_deadline
from weerbaar.intake import services
from weerbaar.intake.forms import (
    ALL_FIELDS,
    DRAFT,
    STEP_BY_KEY,
    STEP_ORDER,
    STEPS,
    HelpRequestForm,
    PhoneIntakeForm,
    PortalMessageForm,
    PortalSignInForm,
    Step,
    display_value,
    form_token_claim,
    form_token_new,
    form_token_release,
    form_token_state,
)
from weerbaar.intake.portal import current_office_holder, portal_sign_in, portal_sign_out
from weerbaar.network.selectors import awaiting_consent
from weerbaar.notifications.selectors import office_holder_email_chosen
from weerbaar.web.http import no_store

# How each input is drawn (templates/intake/includes/field.html).
WIDGETS: dict[str, str] = {
    "acute_danger": "radio",
    "role": "radio",
    "municipality": "select",
    "province": "select",
    "concerns": "checkboxes",
    "affected": "checkboxes",
    "description": "textarea",
    "name": "text",
    "phone": "tel",
    "email": "email",
    "preferred_contact": "radio",
    "notify_email": "checkbox",
    "consent": "checkbox",
}
AUTOCOMPLETE = {"name": "name", "phone": "tel", "email": "email"}
# With JavaScript (static/weerbaar/intake.js) these questions only show for the positions that need them.
SHOW_FOR = {
    "municipality": " ".join(sorted(MUNICIPAL_ROLES | {OfficeRole.OTHER})),
    "province": " ".join(sorted(PROVINCIAL_ROLES | {OfficeRole.OTHER})),
}
# Short labels for the check page, where the full questions would be long.
# gettext_lazy by its own name: makemessages extracts only the keywords it knows (an alias such as _lazy left
# "Acuut gevaar" and "Wat er is gebeurd" out of the catalogue, so the English check page showed them in Dutch).
SUMMARY_LABELS = {
    "acute_danger": gettext_lazy("Acuut gevaar"),
    "role": gettext_lazy("Functie"),
    "concerns": gettext_lazy("Onderwerp"),
    "affected": gettext_lazy("Getroffen"),
    "description": gettext_lazy("Wat er is gebeurd"),
    "name": gettext_lazy("Naam"),
    "preferred_contact": gettext_lazy("Contact via"),
    "notify_email": gettext_lazy("E-mail bij iets nieuws"),
    "consent": gettext_lazy("Delen met netwerkpartners"),
}
DANGER_112 = "danger_112"  # the page between step 1 and 2 when the answer is "yes, acute danger"


def _private(response: HttpResponse) -> HttpResponse:
    # Answers are in the page: no cache may keep it, the browser's neither, so Back after sending (or on a
    # shared device) shows nothing of the request.
    return no_store(response)


# --- home ---------------------------------------------------------------------------------


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "associations": associations_with_contacts(),
        "request_url": reverse("intake:request"),
        "portal_url": reverse("intake:portal_login"),
    }
    return render(request, "intake/home.html", context)


# --- the help request -----------------------------------------------------------------------


def _field(form: HelpRequestForm, name: str, errors: dict[str, list[str]]) -> dict[str, Any]:
    field = form.fields[name]
    widget = WIDGETS[name]
    value = form.raw(name)
    choices = [(str(v), str(label)) for v, label in getattr(field, "choices", [])]
    first_id = f"id_{name}_0" if widget in ("radio", "checkboxes") else f"id_{name}"
    return {
        "name": name,
        "id": f"id_{name}",
        "first_id": first_id,
        "widget": widget,
        "label": field.label,
        "help": field.help_text,
        "value": value,
        "values": value if isinstance(value, list) else [value],
        "checked": value in ("on", "true", "1", "yes"),
        "choices": choices,
        "errors": errors.get(name, []),
        "autocomplete": AUTOCOMPLETE.get(name, ""),
        "show_for": SHOW_FOR.get(name, ""),
    }


def _draft(form: HelpRequestForm) -> str:
    """The draft nonce the form carries, or a new one for a new filling-in."""
    draft = form.data.get("draft", "") if form.is_bound else ""
    return draft if isinstance(draft, str) and DRAFT.state(draft) == "valid" else DRAFT.new()


def _hidden(form: HelpRequestForm, exclude: tuple[str, ...]) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for name in ALL_FIELDS:
        if name in exclude:
            continue
        value = form.raw(name)
        for item in value if isinstance(value, list) else [value]:
            if item:
                pairs.append((name, item))
    return pairs


def _render_step(
    request: HttpRequest,
    form: HelpRequestForm,
    step: Step,
    *,
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
    from_check: bool = False,
) -> HttpResponse:
    errors = errors or {}
    fields = [_field(form, name, errors) for name in step.fields]
    context = {
        "form": form,
        "step": step,
        "steps": STEPS,
        "fields": fields,
        "errors": [(f["first_id"], "", message) for f in fields for message in f["errors"]],
        "hidden": _hidden(form, step.fields),
        "draft": _draft(form),
        "acute": form.is_acute(),
        "from_check": from_check,
        "is_first": step.key == STEP_ORDER[0],
    }
    return _private(render(request, "intake/request_step.html", context, status=status))


def _summary(form: HelpRequestForm) -> list[dict[str, Any]]:
    sections = []
    for step in STEPS:
        if not step.fields:
            continue
        rows = [
            {
                "label": SUMMARY_LABELS.get(name, form.fields[name].label),
                "value": display_value(form, name),
                "name": name,
            }
            for name in step.fields
        ]
        sections.append({"step": step, "rows": rows})
    return sections


def _render_check(
    request: HttpRequest, form: HelpRequestForm, *, status: int = 200, notice: str = "", rate_limited: str = ""
) -> HttpResponse:
    context = {
        "form": form,
        "step": STEP_BY_KEY["check"],
        "steps": STEPS,
        "sections": _summary(form),
        "hidden": _hidden(form, ()),
        "draft": _draft(form),
        "acute": form.is_acute(),
        "form_token": form_token_new(),
        "notice": notice,
        "rate_limited": rate_limited,
    }
    response = _private(render(request, "intake/request_check.html", context, status=status))
    if status == 429:
        response["Retry-After"] = "3600"
    return response


def _render_112(request: HttpRequest, form: HelpRequestForm) -> HttpResponse:
    now = clock.now()
    context = {
        "hidden": _hidden(form, ()),
        "draft": _draft(form),
        "steps": STEPS,
        "step": STEP_BY_KEY["danger"],
        # Sent now, an acute request is urgent: when it would be answered, and (at night) when it is read.
        "respond_by": clock.respond_by(received_at=now, urgent=True),
        "read_from": clock.read_from(now),
    }
    return _private(render(request, "intake/request_112.html", context))


def _go_to(request: HttpRequest, form: HelpRequestForm, key: str, *, from_check: bool = False) -> HttpResponse:
    if key == "check":
        return _render_check(request, form)
    if key == DANGER_112:
        return _render_112(request, form)
    return _render_step(request, form, STEP_BY_KEY[key], from_check=from_check)


def _previous(key: str) -> str:
    if key == DANGER_112:
        return "danger"
    index = STEP_ORDER.index(key)
    return STEP_ORDER[max(index - 1, 0)]


@require_http_methods(["GET", "POST"])
def help_request(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _render_step(request, HelpRequestForm(), STEP_BY_KEY["danger"])

    if DRAFT.state(request.POST.get("draft", "")) == "used":  # a page of a request already sent
        return _already_sent(request)
    form = HelpRequestForm(request.POST)
    current = request.POST.get("step", "")
    if current not in STEP_BY_KEY and current != DANGER_112:
        current = "danger"
    language = request.POST.get("switch_language", "")
    if language:  # the language buttons send this form: same step, every answer kept, no errors yet
        return _switch_language(request, form, current, language)
    action = request.POST.get("nav", "next")
    from_check = request.POST.get("from_check") == "1"
    goto = request.POST.get("goto", "")

    if goto in STEP_BY_KEY:  # "Wijzigen" on the check page
        return _go_to(request, form, goto, from_check=goto != "check")
    if action == "back":
        return _go_to(request, form, _previous(current))
    if current == "check" and action == "submit":
        return _submit(request, form)
    if current == DANGER_112:  # "Ik ben in veiligheid, ga verder"
        return _go_to(request, form, "about")
    if current == "check":
        return _render_check(request, form)

    step = STEP_BY_KEY[current]
    errors = form.errors_for_step(step)
    if errors:
        return _render_step(request, form, step, errors=errors, from_check=from_check)
    if step.key == "danger" and form.is_acute():
        return _render_112(request, form)
    if from_check:
        return _go_to(request, form, "check")
    return _go_to(request, form, STEP_ORDER[STEP_ORDER.index(step.key) + 1])


def _switch_language(request: HttpRequest, form: HelpRequestForm, current: str, language: str) -> HttpResponse:
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language() or settings.LANGUAGE_CODE
    translation.activate(language)
    request.LANGUAGE_CODE = language
    if current == "check":
        response = _render_check(request, form)
    elif current == DANGER_112:
        response = _render_112(request, form)
    else:
        response = _render_step(request, form, STEP_BY_KEY[current], from_check=request.POST.get("from_check") == "1")
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def _already_sent(request: HttpRequest) -> HttpResponse:
    return no_store(render(request, "intake/request_already_sent.html", status=409))


def _submit(request: HttpRequest, form: HelpRequestForm) -> HttpResponse:
    token = request.POST.get("form_token", "")
    state = form_token_state(token)
    if state == "used":
        return _already_sent(request)
    if state == "invalid":
        notice = _("Dit formulier was verlopen. Controleer uw antwoorden en verstuur de hulpvraag opnieuw.")
        return _render_check(request, form, status=400, notice=notice)
    failing = form.first_step_with_errors()
    if failing:
        return _render_step(request, form, failing[0], errors=failing[1], status=400, from_check=True)
    try:
        services.intake_rate_limit(client_address(request))
    except RateLimited as exc:
        return _render_check(request, form, status=429, rate_limited=exc.message)
    if not form_token_claim(token):
        return _already_sent(request)
    DRAFT.claim(request.POST.get("draft", ""))  # every page of this filling-in now shows nothing of it
    try:
        submitted = services.help_request_submit(raw=form.api_payload(), channel=Channel.WEB)
    except InvalidInput:
        form_token_release(token)
        DRAFT.release(request.POST.get("draft", ""))
        failing = form.first_step_with_errors()
        if failing:
            return _render_step(request, form, failing[0], errors=failing[1], status=400, from_check=True)
        return _render_check(request, form, status=400)
    except Exception:
        form_token_release(token)
        DRAFT.release(request.POST.get("draft", ""))
        raise
    context = {
        "case": submitted.case,
        "follow_up_code": submitted.follow_up_code,
        "next_steps": submitted.next_steps,
        "association": submitted.case.association,
        "read_from": clock.read_from(submitted.case.created_at),
    }
    return no_store(render(request, "intake/request_receipt.html", context, status=201))


# --- Mijn zaak -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def portal_login(request: HttpRequest) -> HttpResponse:
    status = 200
    errors: dict[str, list[str]] = {}
    sign_in_error = rate_limited = ""
    if request.method == "POST":
        form = PortalSignInForm(request.POST)
        if not form.is_valid():
            status = 400
            errors = {name: [str(m) for m in msgs] for name, msgs in form.errors.items()}
        else:
            try:
                verified = services.follow_up_check(
                    reference=form.cleaned_data["reference"],
                    code=form.cleaned_data["code"],
                    client=client_address(request),
                )
            except RateLimited as exc:
                rate_limited, status = exc.message, 429
            except services.FollowUpAccessEnded as exc:
                # Only after the right code: the case was closed longer than the access period ago.
                sign_in_error, status = exc.message, 400
            except NotFound:
                # One answer for a wrong reference and a wrong code.
                sign_in_error, status = _("De combinatie van zaaknummer en code klopt niet."), 400
            else:
                portal_sign_in(request, verified.principal, generation=verified.generation)
                return redirect("intake:portal")
    else:
        form = PortalSignInForm()
    labels = {name: form.fields[name].label for name in ("reference", "code")}
    context = {
        "form": form,
        # The typed reference is kept; the code is never sent back into the page.
        "reference": request.POST.get("reference", "")[:40] if request.method == "POST" else "",
        "field_errors": errors,
        "errors": [(f"id_{name}", labels[name], msg) for name in ("reference", "code") for msg in errors.get(name, [])],
        "sign_in_error": sign_in_error,
        "rate_limited": rate_limited,
        "signed_in": current_office_holder(request) is not None,
    }
    response = no_store(render(request, "intake/portal_login.html", context, status=status))
    if status == 429:
        response["Retry-After"] = "900"
    return response


@require_http_methods(["GET", "POST"])
def portal(request: HttpRequest) -> HttpResponse:
    principal = current_office_holder(request)
    if principal is None:
        return redirect("intake:portal_login")
    try:
        access = access_case_as_office_holder(principal, principal.reference)
    except NotFound:
        portal_sign_out(request)
        return redirect("intake:portal_login")

    case = access.case
    text = ""
    message_error = ""
    status = 200
    if request.method == "POST":
        text = request.POST.get("text", "")
        try:
            case_message_send_by_office_holder(principal=principal, reference=case.reference, text=text)
        except InvalidInput as exc:
            status = 400
            reasons = [p.get("reason", "") for p in exc.invalid_params] or [exc.message]
            message_error = _("Schrijf eerst uw bericht.") if not text.strip() else reasons[0]
        except Conflict:
            status = 409
            message_error = _(
                "Deze zaak is gesloten, dus niemand leest dit bericht. Heeft u opnieuw hulp nodig? "
                "Bel 070-3738314 of vraag opnieuw hulp."
            )
        else:
            messages.success(request, _("Uw bericht is verstuurd."))
            return redirect("intake:portal")

    thread = case_messages_read(access=access)
    case_messages_mark_read(case=case, reader=MessageSender.OFFICE_HOLDER)
    advisor = case.assigned_to
    context = {
        "case": case,
        "thread": thread,
        "advisor_name": (advisor.display_name or advisor.get_full_name()) if advisor else "",
        "text": text,
        "message_error": message_error,
        "message_form": PortalMessageForm(),
        "status_key": case.status,
        "complaint_deadline": nearest_complaint_deadline(case, today=timezone.localdate()),
        "awaiting_consent": awaiting_consent(case),
        "email_chosen": office_holder_email_chosen(case.pk),
        "access_until": services.follow_up_access_until(status=case.status, closed_at=case.closed_at),
    }
    return no_store(render(request, "intake/portal.html", context, status=status))


@require_http_methods(["GET", "POST"])
def portal_email(request: HttpRequest) -> HttpResponse:
    """The office holder's choice of a content-free e-mail when something new waits in Mijn zaak: switch it on
    (with an address), change the address, or switch it off (the address is then deleted)."""
    from weerbaar.intake.validation import validate_email_choice
    from weerbaar.notifications import services as notification_services

    principal = current_office_holder(request)
    if principal is None:
        return redirect("intake:portal_login")
    try:
        case = access_case_as_office_holder(principal, principal.reference).case
    except NotFound:
        portal_sign_out(request)
        return redirect("intake:portal_login")

    current = notification_services.office_holder_email_read(case=case, actor=principal.username)
    wanted = bool(current)
    email = current
    errors: dict[str, list[str]] = {}
    status = 200
    if request.method == "POST":
        wanted = request.POST.get("notify_email") == "on"
        email = (request.POST.get("email") or "").strip()
        try:  # the rules of the API's PUT …/email-notification
            choice = validate_email_choice({"notifyByEmail": wanted, "email": email})
        except InvalidInput as exc:
            errors = {"email": [item["reason"] for item in exc.invalid_params if item["name"] == "email"]}
            status = 400
        else:
            if choice.notify_by_email:
                if choice.email != current:
                    notification_services.office_holder_email_set(
                        case=case, email=choice.email, actor=principal.username
                    )
                messages.success(request, _("Opgeslagen: u krijgt een e-mail als er iets nieuws is in Mijn zaak."))
            else:
                notification_services.office_holder_email_withdraw(case=case, actor=principal.username)
                messages.success(
                    request, _("Opgeslagen: u krijgt geen e-mail meer. Uw e-mailadres voor deze meldingen is gewist.")
                )
            return redirect("intake:portal")
    fields = [
        {
            "name": "notify_email",
            "id": "id_notify_email",
            "widget": "checkbox",
            "label": _("Stuur mij een e-mail als er iets nieuws is in Mijn zaak"),
            "help": _("Alleen de zin 'Er is iets nieuws in Mijn zaak' en een link, niets over uw zaak."),
            "checked": wanted,
            "errors": [],
        },
        {
            "name": "email",
            "id": "id_email",
            "widget": "email",
            "label": _("E-mailadres"),
            "help": _("Gebruik liever een adres dat alleen u leest."),
            "value": email,
            "errors": errors.get("email", []),
            "autocomplete": "email",
        },
    ]
    context = {
        "case": case,
        "fields": fields,
        "chosen": bool(current),
        "errors": [("id_email", "", message) for message in errors.get("email", [])],
    }
    return no_store(render(request, "intake/portal_email.html", context, status=status))


@require_POST
def portal_logout(request: HttpRequest) -> HttpResponse:
    portal_sign_out(request)
    messages.info(request, _("U bent uitgelogd."))
    return redirect("intake:portal_login")


# --- phone intake -------------------------------------------------------------------------


@staff_required(permission=policy.can_record_phone_intake)
@never_cache
@require_http_methods(["GET", "POST"])
def phone_intake(request: HttpRequest) -> HttpResponse:
    form = PhoneIntakeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            submitted = services.help_request_submit(raw=form.raw(), channel=Channel.PHONE, actor=request.user)
        except InvalidInput as exc:
            form.add_invalid_params(exc.invalid_params, PhoneIntakeForm.PARAMS)
        else:
            response = render(
                request,
                "intake/phone_intake_done.html",
                {"case": submitted.case, "follow_up_code": submitted.follow_up_code, "nav": "phone"},
            )
            return no_store(response, bare=True)
    status = 400 if request.method == "POST" else 200
    response = render(request, "intake/phone_intake.html", {"form": form, "nav": "phone"}, status=status)
    return no_store(response, bare=True)
