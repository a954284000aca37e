"""Web pages of notifications: my notifications, my e-mail preferences, and the coordinators' mail queue.

Every signed-in staff role (partners too) has notifications; each user only ever sees their own (a
notification of someone else answers 404). Opening a notification marks it read and follows its link.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.accounts import policy
from weerbaar.accounts.decorators import SignedInRequest, staff_required
from weerbaar.core.errors import InvalidInput, NotFound
from weerbaar.notifications import selectors, services
from weerbaar.notifications.forms import OnDutyForm, PreferencesForm
from weerbaar.web.pages import paginate

PAGE_SIZE = 25


@staff_required(permission=policy.can_use_notifications)
@require_GET
def notification_list(request: SignedInRequest) -> HttpResponse:
    pagination = paginate(request, selectors.notifications_for(request.user), per_page=PAGE_SIZE)
    for note in pagination["page_obj"].object_list:
        note.sentence = selectors.sentence_of(note)
        note.reference = selectors.reference_of(note)
    return render(
        request,
        "notifications/list.html",
        {
            **pagination,
            "nav": "notifications",
            "perms_mail_queue": policy.can_view_mail_queue(request.user),
        },
    )


@staff_required(permission=policy.can_use_notifications)
@require_GET
def notification_open(request: SignedInRequest, pk: int) -> HttpResponse:
    """Follow a notification's link and mark it read (a plain link, so it works without JavaScript)."""
    try:
        note = services.notification_mark_read(user=request.user, notification_id=pk)
    except NotFound as exc:
        raise Http404 from exc
    return redirect(note.link if services.LINK_RE.fullmatch(note.link) else "notifications:list")


@staff_required(permission=policy.can_use_notifications)
@require_POST
def notification_read(request: SignedInRequest, pk: int) -> HttpResponse:
    try:
        services.notification_mark_read(user=request.user, notification_id=pk)
    except NotFound as exc:
        raise Http404 from exc
    messages.success(request, _("De melding is als gelezen gemarkeerd."))
    return redirect("notifications:list")


@staff_required(permission=policy.can_use_notifications)
@require_POST
def notification_read_all(request: SignedInRequest) -> HttpResponse:
    services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("Alle meldingen zijn als gelezen gemarkeerd."))
    return redirect("notifications:list")


@staff_required(permission=policy.can_use_notifications)
@require_http_methods(["GET", "POST"])
def preferences(request: SignedInRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            services.email_preferences_save(user=user, email_groups=form.cleaned_data["email_groups"])
            messages.success(request, _("Uw instellingen voor meldingen zijn opgeslagen."))
            return redirect("notifications:preferences")
        status = 400
    else:
        current = services.email_preferences(user)
        form = PreferencesForm(initial={"email_groups": [code for code, on in current.items() if on]})
        status = 200
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "has_email": bool(user.email), "nav": "notifications"},
        status=status,
    )


@staff_required(permission=policy.can_view_mail_queue)
@require_GET
def mail_queue(request: SignedInRequest) -> HttpResponse:
    pagination = paginate(request, selectors.mail_queue(request.user), per_page=PAGE_SIZE)
    for mail in pagination["page_obj"].object_list:
        mail.kind_label = selectors.kind_label(mail.kind)
    context = {
        **pagination,
        "nav": "notifications",
        "stalled": selectors.mail_queue_stalled(timezone.now()),
    }
    return render(request, "notifications/mail_queue.html", context)


@staff_required(permission=policy.can_view_mail_queue)
@require_POST
def mail_retry(request: SignedInRequest, pk: int) -> HttpResponse:
    try:
        services.mail_retry_now(actor=request.user, mail_id=pk)
    except NotFound as exc:
        raise Http404 from exc
    messages.success(request, _("De e-mail wordt binnen een minuut opnieuw verstuurd."))
    return redirect("notifications:mail_queue")


ON_DUTY_FIELDS = {"association": "association", "advisor": "advisor", "startsAt": "starts_at", "endsAt": "ends_at"}


@staff_required(permission=policy.can_manage_on_duty)
@require_http_methods(["GET", "POST"])
def on_duty(request: SignedInRequest) -> HttpResponse:
    """The on-duty rota: per association, which advisor hears of new requests first and when (coordinators)."""
    status = 200
    if request.method == "POST":
        form = OnDutyForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.on_duty_period_add(
                    actor=request.user,
                    association_id=int(data["association"]),
                    advisor_id=int(data["advisor"]),
                    starts_at=data["starts_at"],
                    ends_at=data["ends_at"],
                )
            except InvalidInput as exc:
                form.add_invalid_params(exc.invalid_params, ON_DUTY_FIELDS)
            else:
                messages.success(request, _("De dienst is toegevoegd aan het rooster."))
                return redirect("notifications:on_duty")
        status = 400
    else:
        form = OnDutyForm()
    now = timezone.now()
    periods = [
        {"period": period, "current": period.starts_at <= now < period.ends_at}
        for period in selectors.on_duty_rota(request.user, now=now)
    ]
    return render(
        request,
        "notifications/on_duty.html",
        {"form": form, "periods": periods, "nav": "on_duty"},
        status=status,
    )


@staff_required(permission=policy.can_manage_on_duty)
@require_POST
def on_duty_remove(request: SignedInRequest, pk: int) -> HttpResponse:
    try:
        services.on_duty_period_remove(actor=request.user, period_id=pk)
    except NotFound as exc:
        raise Http404 from exc
    messages.success(request, _("De dienst is van het rooster gehaald."))
    return redirect("notifications:on_duty")
