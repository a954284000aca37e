"""How the web layer knows the office holder: through the follow-up sessions that intake keeps.

The office holder has no account. Intake verifies the reference and follow-up code and keeps the sessions (an API
bearer token, or the "Mijn zaak" web session); the web layer only asks who is signed in. Intake registers its
session store here in its ``AppConfig.ready()``, so ``web`` never imports a feature app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

from weerbaar.accounts.policy import OfficeHolder


@dataclass(frozen=True)
class OfficeHolderSessions:
    from_token: Callable[[str], OfficeHolder | None]  # an API bearer token -> who it belongs to, or None
    from_request: Callable[[HttpRequest], OfficeHolder | None]  # the web session of "Mijn zaak" -> who, or None
    sign_out: Callable[[HttpRequest], None]  # end the web session of "Mijn zaak"
    sign_in_url: str  # the URL name of the sign-in page of "Mijn zaak"
    present: Callable[[HttpRequest], bool]  # a Mijn zaak session in this request (cheap: no check that it lives)


_registered: list[OfficeHolderSessions] = []


def register(sessions: OfficeHolderSessions) -> None:
    _registered[:] = [sessions]


def sessions() -> OfficeHolderSessions:
    if not _registered:
        raise ImproperlyConfigured("No office holder sessions registered: is weerbaar.intake in INSTALLED_APPS?")
    return _registered[0]
