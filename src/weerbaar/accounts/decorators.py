"""Access guards for the staff web pages: signed in, second factor verified, role allowed.

``staff_required`` sends an anonymous visitor to the sign-in page (keeping ``?next``)
and a signed-in but not yet TOTP-verified user to the second step (or to setting up
TOTP when there is no confirmed device yet). ``permission`` is a policy function;
when it says no the user sees a 403 page. Object-level checks (which case) stay in
the views through ``policy.access_case``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django_otp import user_has_device

from weerbaar.accounts import policy
from weerbaar.accounts.models import User

View = Callable[..., HttpResponse]
Permission = Callable[[Any], bool]


class SignedInRequest(HttpRequest):
    """The request a view behind ``staff_required`` gets: its user is a signed-in, verified account, never
    anonymous. Only a type (Django makes plain ``HttpRequest`` objects); annotate such a view's ``request`` with it."""

    user: User


def forbidden_response(request: HttpRequest) -> HttpResponse:
    return render(request, "workspace/forbidden.html", {}, status=403)


def _second_step_url(request: HttpRequest) -> str:
    name = "accounts:otp_verify" if user_has_device(request.user, confirmed=True) else "accounts:otp_setup"
    return f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}"


def staff_required(view: View | None = None, *, permission: Permission | None = None) -> Any:
    """Require a signed-in, TOTP-verified staff member; optionally a policy ``permission``."""

    def decorate(func: View) -> View:
        @wraps(func)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not policy.is_staff_member(user):
                return redirect_to_login(request.get_full_path(), reverse("accounts:login"))
            if not user.is_verified():  # type: ignore[union-attr]  # a User (is_staff_member); django-otp adds it
                return HttpResponseRedirect(_second_step_url(request))
            if permission is not None and not permission(user):
                return forbidden_response(request)
            return func(request, *args, **kwargs)

        return wrapper

    if view is not None:
        return decorate(view)
    return decorate


def case_worker_required(view: View) -> View:
    """Staff pages about cases: advisors and coordinators only (partner, analyst, admin get 403)."""
    return staff_required(view, permission=policy.is_case_worker)


class StaffRequiredMixin:
    """Class-based views: the same guard as ``staff_required``."""

    staff_permission: Permission | None = None

    @classmethod
    def as_view(cls, **initkwargs: Any) -> View:
        view = super().as_view(**initkwargs)  # type: ignore[misc]  # a mixin: the view class after it has as_view
        return staff_required(view, permission=cls.staff_permission)
