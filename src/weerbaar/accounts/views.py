"""Staff sign-in: password (with django-axes lockout), then TOTP; sign-out; the staff start page.

After the password step the user is signed in but not verified: every staff page
(``staff_required``) sends them on to the TOTP step until ``django_otp.login`` has run.
Sign-ins are audited without passwords or codes.
"""

from __future__ import annotations

import base64
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import authenticate, logout
from django.contrib.auth import login as auth_login
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from weerbaar.accounts import policy, services, signin
from weerbaar.accounts.decorators import staff_required
from weerbaar.accounts.forms import LoginForm, RecoveryCodeForm, TokenForm
from weerbaar.accounts.models import Role, User
from weerbaar.core.audit import audit_record
from weerbaar.core.errors import InvalidInput
from weerbaar.core.jobs import JOBS, job_runs_overview, overdue_jobs
from weerbaar.web.http import no_store


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("accounts:home")


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _second_step(user: User, next_url: str) -> HttpResponseRedirect:
    name = "accounts:otp_verify" if user_has_device(user, confirmed=True) else "accounts:otp_setup"
    return HttpResponseRedirect(_with_next(name, next_url))


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = _next_url(request)
    user = request.user
    if policy.is_staff_member(user):
        # policy.is_staff_member makes it a User, which mypy cannot see; is_verified is django-otp's (middleware).
        if user.is_verified():  # type: ignore[union-attr]
            return HttpResponseRedirect(next_url)
        if request.method == "GET":
            return _second_step(user, next_url)  # type: ignore[arg-type]
    form = LoginForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        wait = signin.slowdown_wait(request, username)
        if wait:
            # Too many failures for this user name from many addresses: this attempt is not even checked.
            form.add_error(
                None,
                ngettext(
                    "Er is te vaak een verkeerd wachtwoord gegeven voor deze gebruikersnaam. "
                    "Probeer het over %(n)d seconde opnieuw.",
                    "Er is te vaak een verkeerd wachtwoord gegeven voor deze gebruikersnaam. "
                    "Probeer het over %(n)d seconden opnieuw.",
                    wait,
                )
                % {"n": wait},
            )
            response = render(request, "accounts/login.html", {"form": form, "next": next_url}, status=429)
            response["Retry-After"] = str(wait)
            return response
        authenticated = authenticate(request, username=username, password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            # django-axes' middleware turns this response into its lockout page (429).
            return render(request, "accounts/login.html", {"form": form, "next": next_url}, status=429)
        if authenticated is not None and policy.is_staff_member(authenticated):
            auth_login(request, authenticated)
            audit_record(actor=authenticated, action="staff.password_accepted")
            response = _second_step(authenticated, next_url)
            signin.remember_device(request, response, username)
            return response
        signin.slowdown_failed(username)
        known = User.objects.filter(username=username).exists()
        audit_record(actor="anonymous", action="staff.sign_in_failed", details={"username": username} if known else {})
        form.add_error(None, _("Deze combinatie van gebruikersnaam en wachtwoord klopt niet."))
        status = 400
    else:
        status = 400 if request.method == "POST" else 200
    return render(request, "accounts/login.html", {"form": form, "next": next_url}, status=status)


def _pending_user(request: HttpRequest) -> User | None:
    """The user between the password and the TOTP step (signed in, not verified)."""
    user = request.user
    if not policy.is_staff_member(user):
        return None
    return user  # type: ignore[return-value]  # is_staff_member: a User (mypy cannot see it)


def _second_factor(
    request: HttpRequest, user: User, device: TOTPDevice, form: TokenForm, *, enrol: bool = False
) -> bool:
    """Check the code through the service; on success mark the session verified, else show why on the form."""
    try:
        services.staff_totp_check(user=user, device=device, token=form.cleaned_data["token"], enrol=enrol)
    except InvalidInput as exc:
        form.add_error("token", exc.message)
        return False
    otp_login(request, device)
    return True


@sensitive_post_parameters("token")
@never_cache
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    next_url = _next_url(request)
    if user is None:
        return redirect_to_login(request.get_full_path(), reverse("accounts:login"))
    if user.is_verified():  # type: ignore[attr-defined]  # added to request.user by django-otp's middleware
        return HttpResponseRedirect(next_url)
    device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    if device is None:
        return HttpResponseRedirect(_with_next("accounts:otp_setup", next_url))
    using_recovery = request.method == "POST" and "recovery-recovery_code" in request.POST
    form = TokenForm(request.POST if request.method == "POST" and not using_recovery else None)
    recovery_form = RecoveryCodeForm(request.POST if using_recovery else None)
    status = 200
    if request.method == "POST":
        status = 400
        if using_recovery:
            if recovery_form.is_valid() and _recovery_code(request, user, device, recovery_form):
                return HttpResponseRedirect(next_url)
        elif form.is_valid() and _second_factor(request, user, device, form):
            return HttpResponseRedirect(next_url)
    context = {"form": form, "recovery_form": recovery_form, "next": next_url}
    return render(request, "accounts/otp_verify.html", context, status=status)


def _recovery_code(request: HttpRequest, user: User, device: TOTPDevice, form: RecoveryCodeForm) -> bool:
    """A one-time recovery code instead of the TOTP code: on success the session is verified (as by ``device``)."""
    try:
        left = services.staff_recovery_code_use(user=user, device=device, code=form.cleaned_data["recovery_code"])
    except InvalidInput as exc:
        form.add_error("recovery_code", exc.message)
        return False
    otp_login(request, device)
    text = ngettext(
        "U bent ingelogd met een herstelcode. Die werkt nu niet meer; u heeft nog %(n)d herstelcode over.",
        "U bent ingelogd met een herstelcode. Die werkt nu niet meer; u heeft nog %(n)d herstelcodes over.",
        left,
    ) % {"n": left}
    if left <= 3:
        text += " " + _("Maak nieuwe herstelcodes aan onder Herstelcodes, onderaan elke pagina.")
    messages.warning(request, text)
    return True


@sensitive_post_parameters("token")
@never_cache
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    next_url = _next_url(request)
    if user is None:
        return redirect_to_login(request.get_full_path(), reverse("accounts:login"))
    if user_has_device(user, confirmed=True):
        # Never show a new secret to someone who already has a second factor.
        if user.is_verified():  # type: ignore[attr-defined]  # added to request.user by django-otp's middleware
            return HttpResponseRedirect(next_url)
        return HttpResponseRedirect(_with_next("accounts:otp_verify", next_url))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Weerbaar", confirmed=False)
    form = TokenForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and _second_factor(request, user, device, form, enrol=True):
            # Confirmed: say so, and give the recovery codes once, on this response (never stored, never again).
            codes = services.recovery_codes_issue(user=user, actor=user)
            return _show_recovery_codes(request, codes, next_url=next_url, enrolled=True)
    import segno  # only the enrolment page draws a QR code

    qr_svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=2, dark="#000", light="#fff", omitsize=False
    )
    secret = base64.b32encode(device.bin_key).decode()
    secret_grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    response = render(
        request,
        "accounts/otp_setup.html",
        {"form": form, "next": next_url, "qr_svg": qr_svg, "secret": secret_grouped},
        status=status,
    )
    return no_store(response, bare=True)


def _show_recovery_codes(request: HttpRequest, codes: list[str], *, next_url: str, enrolled: bool) -> HttpResponse:
    from weerbaar.accounts import recovery

    response = render(
        request,
        "accounts/recovery_codes_new.html",
        {"codes": [recovery.display(c) for c in codes], "next": next_url, "enrolled": enrolled},
    )
    return no_store(response, bare=True)


@sensitive_post_parameters()
@never_cache
@staff_required(permission=policy.can_manage_own_recovery_codes)
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The signed-in member's recovery codes: how many are left; new ones (the old ones stop working)."""
    user = request.user
    if request.method == "POST":
        codes = services.recovery_codes_issue(user=user, actor=user)  # type: ignore[arg-type]  # staff_required
        return _show_recovery_codes(request, codes, next_url=reverse("accounts:home"), enrolled=False)
    if request.method != "GET":
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    left = services.recovery_codes_left(user)  # type: ignore[arg-type]  # behind staff_required: a User
    return render(request, "accounts/recovery_codes.html", {"left": left})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        audit_record(actor=request.user, action="staff.signed_out")
    logout(request)
    return redirect("accounts:login")


@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    """Where a staff member lands after signing in: the page that fits the role."""
    user = request.user
    if policy.is_case_worker(user):
        return redirect("cases:queue")
    if policy.is_partner_user(user):
        return redirect("directory:partner_home")
    if policy.can_manage_directory(user):
        return redirect("directory:manage")
    role = user.role  # type: ignore[union-attr]  # behind staff_required: a User
    return render(request, "accounts/staff_home.html", {"is_analyst": role == Role.ANALYST})


# --- background jobs (the scheduler of core.jobs) ---------------------------------------------------


@staff_required(permission=policy.can_view_job_runs)
def job_runs(request: HttpRequest) -> HttpResponse:
    """Coordinators see every scheduled job: how often, the last run, and the recent runs with counts."""
    if request.method != "GET":
        return HttpResponse(status=405, headers={"Allow": "GET"})
    return render(
        request,
        "workspace/job_runs.html",
        {
            "jobs": job_runs_overview(),
            "job_count": len(JOBS),
            "overdue": {job.name for job in overdue_jobs()},
            "nav": "jobs",
        },
    )
