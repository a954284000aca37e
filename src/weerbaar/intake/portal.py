"""The office holder's web session ("Mijn zaak"): only the case id and reference, never case content."""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.csrf import rotate_token

from weerbaar.accounts.policy import OfficeHolder
from weerbaar.intake.services import follow_up_session_generation

SESSION_KEY = "weerbaar_office_holder"


def portal_sign_in(request: HttpRequest, principal: OfficeHolder, *, generation: int) -> None:
    """Remember the verified office holder; a new session key and CSRF token against fixation. ``generation``
    is the one ``follow_up_check`` saw: when the code is replaced, or the office holder signs out everywhere,
    it moves on and this session ends."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = {
        "case_id": principal.case_id,
        "reference": principal.reference,
        "generation": generation,
    }
    rotate_token(request)


def current_office_holder(request: HttpRequest) -> OfficeHolder | None:
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    case_id, reference = data.get("case_id"), data.get("reference")
    if not isinstance(case_id, int) or not isinstance(reference, str) or not reference:
        return None
    generation = data.get("generation")
    # Ended: a new code, "Overal uitloggen", or the case closed longer than the access period ago.
    if not isinstance(generation, int) or generation != follow_up_session_generation(case_id=case_id):
        request.session.pop(SESSION_KEY, None)
        return None
    return OfficeHolder(case_id=case_id, reference=reference)


def portal_session_present(request: HttpRequest) -> bool:
    """Whether the request carries a Mijn zaak session (alive or not: its pages are private either way)."""
    session = getattr(request, "session", None)
    return session is not None and SESSION_KEY in session


def portal_sign_out(request: HttpRequest) -> None:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # The same browser also has a staff sign-in: end only the office holder's part.
        request.session.pop(SESSION_KEY, None)
        request.session.cycle_key()
    else:
        request.session.flush()
    rotate_token(request)
