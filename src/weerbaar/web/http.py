"""HTTP details every view shares: responses no cache may keep, the language of the answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

R = TypeVar("R", bound=HttpResponseBase)


def no_store(response: R, *, bare: bool = False) -> R:
    """Tell every cache to keep no copy of ``response`` (a Django or a DRF response) and return it.

    By default the full set for pages with an office holder's case or request on them (Mijn zaak, the receipt,
    the portal pages of incidents, referrals and aftercare, staff pages of a partner or council request):
    ``no-store, no-cache, private, max-age=0``, added to what the response already says, so that browsers and
    proxies that do not know ``no-store`` still neither share nor reuse it. ``bare``: exactly
    ``Cache-Control: no-store``, replacing any other value (files, a password shown once, staff pages whose
    view also has ``never_cache``).
    """
    if bare:
        response["Cache-Control"] = "no-store"
    else:
        patch_cache_control(response, no_store=True, no_cache=True, private=True, max_age=0)
    return response


API_PREFIX = "/api/"


def is_private_request(request: HttpRequest) -> bool:
    """Whether the answer to ``request`` may carry case content or a code: every API answer (a case, its notes,
    messages, incidents, evidence, tasks; the office holder's endpoints; the 201s with a follow-up code or a
    bearer token), and every page for a signed-in staff member or an office holder signed in to Mijn zaak."""
    if request.path.startswith(API_PREFIX):
        return True
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    from weerbaar.web.office_holders import sessions

    return sessions().present(request)


class NoStoreMiddleware:
    """The one rule: no cache keeps an answer that may carry case content or a code (``is_private_request``).

    An answer that already says ``no-store`` keeps what its view chose (the full set of Mijn zaak, exactly
    ``no-store`` on files); any other gets ``no-store`` — exactly that on the API, the full set on pages, replacing
    ``public`` and any ``max-age``. Public pages for visitors who are not signed in are left as their views made
    them (the receipt and the help request's pages say ``no-store`` themselves).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if "no-store" not in response.get("Cache-Control", "") and is_private_request(request):
            no_store(response, bare=request.path.startswith(API_PREFIX))
        return response


def content_language() -> str:
    """The language of this request's answer, for text built in code (step plans, labels, amounts): ``en`` when
    the active language is English, else ``nl``."""
    return "en" if (get_language() or "").startswith("en") else "nl"
