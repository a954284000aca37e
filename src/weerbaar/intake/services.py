"""Write use cases of intake: submitting a help request and the office holder's follow-up access."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from weerbaar.accounts import policy
from weerbaar.accounts.policy import OfficeHolder
from weerbaar.cases.choices import Channel, PreferredContact, Status
from weerbaar.cases.models import Case
from weerbaar.cases.services import case_open
from weerbaar.core import clock, ratelimit
from weerbaar.core.audit import audit_record
from weerbaar.core.errors import NotFound
from weerbaar.core.references import (
    follow_up_code_hash,
    follow_up_code_matches,
    new_follow_up_code,
    normalise_reference,
)
from weerbaar.intake.models import FollowUpCredential, FollowUpSession
from weerbaar.intake.validation import validate_help_request
from weerbaar.web.dates import moment_text

GENERIC_SIGN_IN_ERROR = "De combinatie van zaaknummer en code klopt niet."


@dataclass(frozen=True)
class SubmittedRequest:
    case: Case
    follow_up_code: str  # shown once, never stored in plain text
    next_steps: list[str]


def intake_rate_limit(client: str) -> None:
    ratelimit.hit(
        "intake",
        client,
        limit=settings.WEERBAAR["INTAKE_RATE_LIMIT"],
        window_seconds=3600,
        message=_("U heeft vanaf dit adres veel hulpvragen verstuurd. Bel 070-3738314; bij acuut gevaar 112."),
    )


def _portal_reply(notify_by_email: bool) -> str:
    if notify_by_email:
        return _(
            "Een adviseur van %(association)s antwoordt u alleen in Mijn zaak, uiterlijk %(deadline)s. U krijgt geen "
            "telefoontje; wel een e-mail zonder inhoud als er iets nieuws is in Mijn zaak."
        )
    return _(
        "Een adviseur van %(association)s antwoordt u alleen in Mijn zaak, uiterlijk %(deadline)s. U krijgt "
        "geen telefoontje en geen e-mail: kijk dus zelf in Mijn zaak."
    )


def next_steps_for(case: Case, *, notify_by_email: bool = False) -> list[str]:
    """What happens now, in the order a frightened reader needs it: 112, then (outside working hours) when the
    request is read and the line to call now, then the rest. Every moment is written by ``moment_text``."""
    phone = settings.WEERBAAR["NATIONAL_PHONE"]
    steps = []
    if case.acute_danger:
        steps.append(_("Bent u in acuut gevaar? Bel direct 112."))
    read_from = clock.read_from(case.created_at)
    if read_from:
        steps.append(
            _(
                "Het is nu buiten kantoortijd: wij lezen uw hulpvraag vanaf %(moment)s. Wilt u nu iemand spreken? "
                "Bel %(phone)s, de telefoon wordt dag en nacht opgenomen."
            )
            % {"moment": moment_text(read_from), "phone": phone}
        )
    deadline = {"association": case.association.short_name, "deadline": moment_text(case.respond_by)}
    steps += [
        _("Bewaar uw zaaknummer en uw persoonlijke code op een veilige plek: de code wordt niet nog eens getoond."),
        _portal_reply(notify_by_email) % deadline
        if case.preferred_contact == PreferredContact.PORTAL
        else _("Een adviseur van %(association)s neemt contact met u op, uiterlijk %(deadline)s.") % deadline,
        _("Met uw zaaknummer en code kunt u de status bekijken en berichten sturen en lezen."),
    ]
    if not read_from:
        steps.append(_("Liever direct iemand spreken? Bel %(phone)s, dag en nacht bereikbaar.") % {"phone": phone})
    return steps


def help_request_submit(*, raw: dict[str, Any], channel: Channel, actor: Any = None) -> SubmittedRequest:
    """Validate, route, encrypt and store a help request; return the reference and the one-time code."""
    data = validate_help_request(raw, channel=channel)
    code = new_follow_up_code()
    with transaction.atomic():
        case = case_open(data=data, actor=actor)
        FollowUpCredential.objects.create(case=case, code_hash=follow_up_code_hash(code), created_at=case.created_at)
        if data.notify_by_email:
            from weerbaar.notifications.services import office_holder_email_set

            office_holder_email_set(case=case, email=data.email, actor=actor, now=case.created_at)
    return SubmittedRequest(
        case=case, follow_up_code=code, next_steps=next_steps_for(case, notify_by_email=data.notify_by_email)
    )


@dataclass(frozen=True)
class Verified:
    """A right reference and code: who signed in, and the generation of sessions they may open."""

    principal: OfficeHolder
    generation: int  # a session opened now lives until the credential's generation moves on


class FollowUpAccessEnded(NotFound):
    """The right reference and code, but the case was closed longer ago than its office holder may read it."""


def access_ended_message() -> str:
    return _(
        "Deze zaak is gesloten en niet meer in te zien. Heeft u opnieuw hulp nodig? Bel 070-3738314 of vraag "
        "opnieuw hulp."
    )


def follow_up_access_until(*, status: str, closed_at: datetime | None) -> datetime | None:
    """Until when the office holder of a closed case may still read it (``WEERBAAR_CLOSED_ACCESS_DAYS`` after
    closing, 90 by default); None while the case is open."""
    if status != Status.CLOSED or closed_at is None:
        return None
    return closed_at + timedelta(days=settings.WEERBAAR["CLOSED_ACCESS_DAYS"])


def _access_open(status: str, closed_at: datetime | None) -> bool:
    until = follow_up_access_until(status=status, closed_at=closed_at)
    return until is None or clock.now() < until


def _end_sessions(credential: FollowUpCredential) -> None:
    """End every session of the case at once: bearer tokens are deleted, web sessions of "Mijn zaak" see the
    generation they were opened in pass."""
    FollowUpCredential.objects.filter(pk=credential.pk).update(generation=F("generation") + 1)
    FollowUpSession.objects.filter(case_id=credential.case_id).delete()


def follow_up_code_reset(*, actor: Any, reference: str) -> str:
    """Issue a new code for a case the actor works on (content access), for example when the office holder lost
    it or it reached someone else. The old code stops working and every portal session and bearer token of the
    case ends at once. The new code is returned to be shown once and passed on by phone."""
    code = new_follow_up_code()
    with transaction.atomic():
        case = policy.access_case(actor, reference, level=policy.CONTENT, for_update=True).case
        credential, _created = FollowUpCredential.objects.select_for_update().get_or_create(
            case=case, defaults={"code_hash": follow_up_code_hash(code), "created_at": clock.now()}
        )
        FollowUpCredential.objects.filter(pk=credential.pk).update(
            code_hash=follow_up_code_hash(code), created_at=clock.now()
        )
        _end_sessions(credential)
        audit_record(actor=actor, action="case.follow_up_code_reset", object_type="case", object_id=case.reference)
    return code


def follow_up_sessions_end(*, principal: OfficeHolder) -> None:
    """ "Overal uitloggen": the office holder ends every session of their case (web and API), this one included.
    The code keeps working; only an advisor can replace it."""
    with transaction.atomic():
        credential = FollowUpCredential.objects.select_for_update().filter(case_id=principal.case_id).first()
        if credential is None:
            return
        _end_sessions(credential)
        audit_record(
            actor=principal.username,
            action="case.office_holder_signed_out_everywhere",
            object_type="case",
            object_id=principal.reference,
        )


def follow_up_limits(*, reference: str, client: str) -> None:
    """The rate limits of sign-in attempts: per reference *and* client address (``FOLLOW_UP_RATE_LIMIT``), and
    per address whatever the reference (``FOLLOW_UP_ADDRESS_RATE_LIMIT``). Never per reference alone: whoever
    knows a reference could then keep its office holder out by typing wrong codes, while guessing a 130-bit code
    from many addresses stays hopeless without such a lock. Every attempt counts, the right one too."""
    conf = settings.WEERBAAR
    message = _("Te veel pogingen. Probeer het over een kwartier opnieuw, of bel 070-3738314.")
    ratelimit.hit(
        "follow-up-ip", client, limit=conf["FOLLOW_UP_ADDRESS_RATE_LIMIT"], window_seconds=900, message=message
    )
    ratelimit.hit(
        "follow-up-ref-ip",
        f"{normalise_reference(reference) or 'invalid'} {client}",
        limit=conf["FOLLOW_UP_RATE_LIMIT"],
        window_seconds=900,
        message=message,
    )


def follow_up_check(*, reference: str, code: str, client: str) -> Verified:
    """Check reference + code. Any mismatch gives the same ``NotFound``; attempts are rate-limited. The right
    code of a case closed longer than the access period ago gives ``FollowUpAccessEnded``."""
    follow_up_limits(reference=reference, client=client)
    normalised = normalise_reference(reference)
    credential = (
        FollowUpCredential.objects.select_related("case").filter(case__reference=normalised).first()
        if normalised
        else None
    )
    # Compare against a dummy hash when the reference is unknown so both paths cost the same.
    stored = credential.code_hash if credential else "0" * 64
    if not follow_up_code_matches(code or "", stored) or credential is None:
        raise NotFound(GENERIC_SIGN_IN_ERROR)
    if not _access_open(credential.case.status, credential.case.closed_at):
        raise FollowUpAccessEnded(access_ended_message())
    FollowUpCredential.objects.filter(pk=credential.pk).update(last_used_at=clock.now())
    principal = OfficeHolder(case_id=credential.case_id, reference=credential.case.reference)
    audit_record(
        actor=principal.username,
        action="case.office_holder_signed_in",
        object_type="case",
        object_id=principal.reference,
    )
    return Verified(principal=principal, generation=credential.generation)


def follow_up_verify(*, reference: str, code: str, client: str) -> OfficeHolder:
    """``follow_up_check`` for callers that open no session."""
    return follow_up_check(reference=reference, code=code, client=client).principal


def follow_up_session_generation(*, case_id: int) -> int | None:
    """The generation a session of the case must have been opened in to be alive now; None when no session of
    the case may live (no credential, or the case closed longer than the access period ago)."""
    row = (
        FollowUpCredential.objects.filter(case_id=case_id)
        .values_list("generation", "case__status", "case__closed_at")
        .first()
    )
    if row is None or not _access_open(row[1], row[2]):
        return None
    return int(row[0])


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def follow_up_session_create(*, principal: OfficeHolder, generation: int | None = None) -> tuple[str, datetime]:
    """A bearer token for the API, alive until it expires or the sessions of the case end (``generation``: the
    one ``follow_up_check`` saw; without it the current one)."""
    if generation is None:
        generation = follow_up_session_generation(case_id=principal.case_id) or 0
    token = "wbs_" + secrets.token_urlsafe(32)
    now = clock.now()
    expires = now + timedelta(seconds=settings.WEERBAAR["FOLLOW_UP_SESSION_SECONDS"])
    FollowUpSession.objects.filter(expires_at__lt=now).delete()
    FollowUpSession.objects.create(
        case_id=principal.case_id,
        token_hash=_token_digest(token),
        created_at=now,
        expires_at=expires,
        generation=generation,
    )
    return token, expires


def follow_up_session_resolve(token: str) -> OfficeHolder | None:
    if not token.startswith("wbs_"):
        return None
    row = (
        FollowUpSession.objects.select_related("case", "case__follow_up")
        .filter(token_hash=_token_digest(token), expires_at__gt=clock.now())
        .first()
    )
    if row is None:
        return None
    credential = getattr(row.case, "follow_up", None)
    if credential is None or credential.generation != row.generation:
        return None  # opened before the code was replaced or every session ended
    if not _access_open(row.case.status, row.case.closed_at):
        return None
    return OfficeHolder(case_id=row.case_id, reference=row.case.reference)
