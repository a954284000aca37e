"""Guessing staff passwords: a lock per user name *and* address, and a slowdown per user name.

Issue 12, point 4. Behind the documented reverse proxy every request comes from the proxy's address; django-axes
therefore gets the client address from ``client_ip`` — the same trusted-proxy rule as the application's own rate
limits (``core.ratelimit.client_address``, ``WEERBAAR_TRUSTED_PROXIES``). Axes locks a user name at one address
after ``WEERBAAR_LOGIN_FAILURE_LIMIT`` failures (``AXES_LOCKOUT_PARAMETERS``): an attacker locks only themselves.

Many addresses (a botnet) could still try one user name a few times each. So failures are also counted per user
name, over all addresses: after ``LOGIN_SLOWDOWN_AFTER`` of them each further attempt has to wait a delay that
doubles with every failure (1 s, 2 s, 4 s … at most ``LOGIN_SLOWDOWN_MAX_SECONDS``) after the last one; an attempt
inside the delay is answered 429 with Retry-After, without checking the password. The count lapses an hour after
the last failure. The real user is not held by this: a browser where that user name passed the password step
carries a signed *device cookie* (OWASP, "Slow down online guessing attacks with device cookies"), and attempts
for that user name from that browser skip the slowdown. Someone on a new device may have to wait while an attack
goes on; a colleague or the administrator can help (``docs/security.md``).
"""

from __future__ import annotations

import ipaddress
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from weerbaar.core.ratelimit import client_address
from weerbaar.core.references import keyed_hash

DEVICE_COOKIE = "wb_device"
DEVICE_COOKIE_SALT = "weerbaar.accounts.signin.device"
DEVICE_COOKIE_MAX_AGE = 180 * 24 * 3600
DEVICE_COOKIE_NAMES = 5  # user names remembered per browser (a shared desk)
SLOWDOWN_MEMORY_SECONDS = 3600


def _now() -> float:
    return time.time()


def client_ip(request: HttpRequest) -> str | None:
    """django-axes' ``AXES_CLIENT_IP_CALLABLE``: the client address by the application's trusted-proxy rule.

    None when that is no IP address (a request without ``REMOTE_ADDR``, such as Django's ``force_login``): axes
    stores the address in an IP column, which PostgreSQL refuses to fill with the limiter's ``unknown``.
    """
    address = client_address(request)
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return None
    return address


def _name_key(username: str) -> str:
    return keyed_hash(username.strip().casefold(), purpose="staff-sign-in")[:32]


def _limits() -> tuple[int, int]:
    options = settings.WEERBAAR
    return int(options.get("LOGIN_SLOWDOWN_AFTER", 10)), int(options.get("LOGIN_SLOWDOWN_MAX_SECONDS", 60))


def _known_names(request: HttpRequest) -> list[str]:
    raw = request.COOKIES.get(DEVICE_COOKIE, "")
    if not raw:
        return []
    try:
        value = signing.loads(raw, salt=DEVICE_COOKIE_SALT, max_age=DEVICE_COOKIE_MAX_AGE)
    except signing.BadSignature:
        return []
    return [name for name in value if isinstance(name, str)] if isinstance(value, list) else []


def is_known_device(request: HttpRequest, username: str) -> bool:
    return _name_key(username) in _known_names(request)


def remember_device(request: HttpRequest, response: HttpResponse, username: str) -> None:
    """After a passed password step: this browser may skip the slowdown for this user name from now on."""
    key = _name_key(username)
    names = [key, *(name for name in _known_names(request) if name != key)][:DEVICE_COOKIE_NAMES]
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps(names, salt=DEVICE_COOKIE_SALT),
        max_age=DEVICE_COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _state_key(username: str) -> str:
    return f"signin-slow:{_name_key(username)}"


def slowdown_wait(request: HttpRequest, username: str) -> int:
    """Seconds this attempt must still wait (0: go ahead)."""
    after, longest = _limits()
    if after <= 0 or is_known_device(request, username):
        return 0
    state = cache.get(_state_key(username))
    if not state:
        return 0
    failures, last = state
    if failures < after:
        return 0
    delay = min(2 ** min(failures - after, 30), longest)
    remaining = last + delay - _now()
    return max(int(remaining + 0.999), 0) if remaining > 0 else 0


def slowdown_failed(username: str) -> None:
    """Count one failed password for this user name, from any address."""
    key = _state_key(username)
    state = cache.get(key)
    failures = state[0] if state else 0
    cache.set(key, (failures + 1, _now()), timeout=SLOWDOWN_MEMORY_SECONDS)


PASSWORD_MAX_LENGTH = 128


class MaximumLengthValidator:
    """Passwords of more than 128 characters are refused when they are set (ASVS 2.1.2: at least 64 allowed, more
    than 128 refused); the sign-in form refuses them too, before any hashing."""

    def __init__(self, max_length: int = PASSWORD_MAX_LENGTH) -> None:
        self.max_length = max_length

    def validate(self, password: str, user: object = None) -> None:
        if len(password) > self.max_length:
            from django.core.exceptions import ValidationError
            from django.utils.translation import gettext as _

            raise ValidationError(
                _("Een wachtwoord mag hoogstens %(max)d tekens lang zijn.") % {"max": self.max_length},
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        from django.utils.translation import gettext as _

        return _("Hoogstens %(max)d tekens.") % {"max": self.max_length}
