"""The advisor's phone page: the caller log, the active call, and a phone intake pre-filled from a call.

The number never travels in a URL: the intake link carries the call's numeric id, and the form reads the
number from the call after ``policy.access_own_call`` (only the advisor the call was put through to).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from weerbaar.accounts import policy
from weerbaar.accounts.decorators import staff_required
from weerbaar.core.errors import NotFound
from weerbaar.intake.forms import PhoneIntakeForm
from weerbaar.telephony import selectors
from weerbaar.web.http import no_store


@staff_required(permission=policy.can_use_phone_line)
@never_cache
@require_GET
def calls(request: HttpRequest) -> HttpResponse:
    unassigned = policy.is_coordinator(request.user) and request.GET.get("toon") == "niet-toegewezen"
    log = selectors.call_log_read(user=request.user, unassigned_only=unassigned)
    coordinator = policy.is_coordinator(request.user)
    context = {**log, "nav": "telephony", "unassigned": unassigned, "is_coordinator": coordinator}
    response = render(request, "telephony/calls.html", context)
    return no_store(response, bare=True)


@staff_required(permission=policy.can_record_phone_intake)
@never_cache
@require_GET
def phone_intake_from_call(request: HttpRequest, call_id: int) -> HttpResponse:
    """The existing phone intake form (it posts to ``intake:phone_intake``) with the caller's number filled in."""
    try:
        number = selectors.call_number_for_intake(access=policy.access_own_call(request.user, call_id))
    except NotFound as exc:
        raise Http404(exc.message) from exc
    form = PhoneIntakeForm(initial={"phone": number, "preferred_contact": "phone"})
    response = render(request, "intake/phone_intake.html", {"form": form, "nav": "telephony"})
    return no_store(response, bare=True)
