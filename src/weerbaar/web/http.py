"""HTTP details every view shares: responses no cache may keep, the language of the answer."""

from __future__ import annotations

from typing import TypeVar

from django.http import HttpResponseBase
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


def content_language() -> str:
    """The language of this request's answer, for text built in code (step plans, labels, amounts): ``en`` when
    the active language is English, else ``nl``."""
    return "en" if (get_language() or "").startswith("en") else "nl"
