"""Revoking the office holder's follow-up access on the web: an advisor replaces the code (a panel on the case
page and the page that shows the new code once), and the office holder signs out everywhere from Mijn zaak."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from weerbaar.accounts.decorators import SignedInRequest, case_worker_required
from weerbaar.core.errors import NotFound
from weerbaar.intake import services
from weerbaar.intake.portal import current_office_holder, portal_sign_out
from weerbaar.web.http import no_store


def follow_up_code_panel(request: HttpRequest, access: Any) -> str:
    """The case page's panel (content access only, like every panel): replace the office holder's code."""
    return render_to_string("intake/_follow_up_code_panel.html", {"case": access.case}, request=request)


@case_worker_required
@never_cache
@require_POST
def follow_up_code_reset(request: SignedInRequest, reference: str) -> HttpResponse:
    """Replace the code; the new one is on this answer only (no-store), to be read out to the office holder."""
    try:
        code = services.follow_up_code_reset(actor=request.user, reference=reference)
    except NotFound as exc:
        raise Http404 from exc
    context = {"reference": reference, "follow_up_code": code}
    return no_store(render(request, "intake/follow_up_code_reset_done.html", context), bare=True)


@require_POST
def portal_sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    """ "Overal uitloggen": every session of the case ends (other browsers, the app's bearer tokens, this one)."""
    principal = current_office_holder(request)
    if principal is not None:
        services.follow_up_sessions_end(principal=principal)
    portal_sign_out(request)
    messages.info(
        request,
        _(
            "U bent overal uitgelogd: op alle apparaten en in apps. Denkt u dat iemand anders uw code kent? Bel uw "
            "adviseur via 070-3738314 voor een nieuwe code."
        ),
    )
    return redirect("intake:portal_login")
