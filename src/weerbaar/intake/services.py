"""Write use cases of intake: submitting a help request and the office holder's follow-up access."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from weerbaar.accounts.policy import OfficeHolder
from weerbaar.cases.choices import Channel, PreferredContact
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


def follow_up_code_reset(*, case: Case, actor: Any) -> str:
    """Issue a new code (for example when the office holder lost it and called the advisor)."""
    code = new_follow_up_code()
    with transaction.atomic():
        FollowUpCredential.objects.update_or_create(
            case=case, defaults={"code_hash": follow_up_code_hash(code), "created_at": clock.now()}
        )
        FollowUpSession.objects.filter(case=case).delete()
        audit_record(actor=actor, action="case.follow_up_code_reset", object_type="case", object_id=case.reference)
    return code


def follow_up_verify(*, reference: str, code: str, client: str) -> OfficeHolder:
    """Check reference + code. Any mismatch gives the same ``NotFound``; attempts are rate-limited."""
    limit = settings.WEERBAAR["FOLLOW_UP_RATE_LIMIT"]
    message = _("Te veel pogingen. Probeer het over een kwartier opnieuw, of bel 070-3738314.")
    ratelimit.hit("follow-up-ip", client, limit=limit, window_seconds=900, message=message)
    normalised = normalise_reference(reference)
    ratelimit.hit("follow-up-ref", normalised or "invalid", limit=limit, window_seconds=900, message=message)
    credential = (
        FollowUpCredential.objects.select_related("case").filter(case__reference=normalised).first()
        if normalised
        else None
    )
    # Compare against a dummy hash when the reference is unknown so both paths cost the same.
    stored = credential.code_hash if credential else "0" * 64
    if not follow_up_code_matches(code or "", stored) or credential is None:
        raise NotFound(GENERIC_SIGN_IN_ERROR)
    FollowUpCredential.objects.filter(pk=credential.pk).update(last_used_at=clock.now())
    principal = OfficeHolder(case_id=credential.case_id, reference=credential.case.reference)
    audit_record(
        actor=principal.username,
        action="case.office_holder_signed_in",
        object_type="case",
        object_id=principal.reference,
    )
    return principal


def follow_up_credential_stamp(*, case_id: int) -> str | None:
    """A value that changes whenever the case's follow-up code is replaced (no secret in it)."""
    created = FollowUpCredential.objects.filter(case_id=case_id).values_list("created_at", flat=True).first()
    return created.isoformat() if created else None


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def follow_up_session_create(*, principal: OfficeHolder) -> tuple[str, datetime]:
    token = "wbs_" + secrets.token_urlsafe(32)
    now = clock.now()
    expires = now + timedelta(seconds=settings.WEERBAAR["FOLLOW_UP_SESSION_SECONDS"])
    FollowUpSession.objects.filter(expires_at__lt=now).delete()
    FollowUpSession.objects.create(
        case_id=principal.case_id, token_hash=_token_digest(token), created_at=now, expires_at=expires
    )
    return token, expires


def follow_up_session_resolve(token: str) -> OfficeHolder | None:
    if not token.startswith("wbs_"):
        return None
    row = (
        FollowUpSession.objects.select_related("case")
        .filter(token_hash=_token_digest(token), expires_at__gt=clock.now())
        .first()
    )
    if row is None:
        return None
    return OfficeHolder(case_id=row.case_id, reference=row.case.reference)
