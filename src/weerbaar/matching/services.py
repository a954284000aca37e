"""Writes of matching: switching it on and off, adding an identifier, the nightly job, reviews, leaving the index.

No write here answers whether an identifier is known: adding one says only that it was recorded (no match is
looked for at that moment), the job runs at night, and only coordinators see what it found — the kind of
identifier and the two cases, never a value or a token.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import phonenumbers
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from weerbaar.accounts import policy
from weerbaar.cases.choices import CloseReason, Status
from weerbaar.cases.models import Case
from weerbaar.core import clock
from weerbaar.core.audit import audit_record
from weerbaar.core.errors import Conflict, Forbidden, InvalidInput, NotFound, RateLimited
from weerbaar.incidents.models import Incident
from weerbaar.matching import tokens
from weerbaar.matching.choices import Decision, MatchStatus
from weerbaar.matching.models import Match, MatchingSwitch, MatchReview, MatchToken, PerpetratorIdentifier
from weerbaar.matching.normalise import WEAK, Form, normalise
from weerbaar.notifications.services import notify, notify_coordinators

MAX_REASON = 500
DAY = timedelta(hours=24)
HOUR = timedelta(hours=1)
REVIEW_PATH = "/werkruimte/koppelingen"

# --- the switch ---------------------------------------------------------------------------------------------


def matching_enabled() -> bool:
    return MatchingSwitch.objects.filter(pk=1, enabled=True).exists()


def matching_switch(*, actor: Any, enabled: bool) -> bool:
    """Switch matching on or off (administrators, or the command line); audited. Switching on needs the matching
    key. Returns whether anything changed."""
    if not isinstance(actor, str) and not policy.can_switch_matching(actor):
        raise Forbidden(_("Alleen een beheerder zet koppelen aan of uit."))
    if enabled:
        tokens.current_epoch()  # Conflict without a key
    with transaction.atomic():
        switch, _created = MatchingSwitch.objects.select_for_update().get_or_create(pk=1)
        if switch.enabled == enabled:
            return False
        switch.enabled, switch.changed_at = enabled, clock.now()
        switch.changed_by = actor if isinstance(actor, str) else actor.get_username()
        switch.save()
        audit_record(actor=actor, action="matching.enabled" if enabled else "matching.disabled")
    return True


def _require_enabled() -> None:
    if not matching_enabled():
        raise Conflict(
            _("Koppelen staat uit. Een beheerder zet het aan nadat de DPIA met de FG is afgerond."), code="matching_off"
        )


# --- adding an identifier -----------------------------------------------------------------------------------


def _holder(case: Case) -> str:
    """Who the office holder of ``case`` is, for telling two cases of one person apart: their e-mail address or
    phone number from the sealed request, else the case itself (then every other case counts as another person)."""
    request = case.open("sealed_request")
    email = str(request.get("email") or "").strip().lower()
    if email:
        return f"email:{email}"
    phone = str(request.get("phone") or "").strip()
    if phone:
        try:
            number = phonenumbers.parse(phone, "NL")
            return "phone:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        except phonenumbers.NumberParseException:
            pass
    return f"case:{case.reference}"


def _index(identifier: PerpetratorIdentifier, case: Case, forms: list[Form], *, epoch: str, key: bytes) -> int:
    holder = tokens.holder_token(key, _holder(case))
    rows = [
        MatchToken(
            identifier=identifier,
            case=case,
            kind=form.kind,
            weak=form.strength == WEAK,
            epoch=epoch,
            token=tokens.token(key, form),
            holder=holder,
        )
        for form in forms
    ]
    MatchToken.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _check_quota(actor: Any, now: datetime) -> None:
    quota = int(settings.MATCHING_DAILY_QUOTA)
    recent = PerpetratorIdentifier.objects.filter(author=actor, created_at__gt=now - DAY)
    if recent.count() >= quota:
        first = recent.order_by("created_at").values_list("created_at", flat=True).first() or now
        raise RateLimited(
            _("U heeft vandaag al %(n)s daderkenmerken ingevoerd, het maximum per 24 uur. Probeer het later opnieuw.")
            % {"n": quota},
            retry_after=max(60, int((first + DAY - now).total_seconds()) + 1),
        )


def _alert_bulk_entry(actor: Any, now: datetime) -> None:
    """Many entries by one advisor within an hour: tell the coordinators (once a day per advisor), audited."""
    threshold = int(settings.MATCHING_BULK_ALERT)
    if PerpetratorIdentifier.objects.filter(author=actor, created_at__gt=now - HOUR).count() != threshold:
        return
    audit_record(actor=actor, action="matching.bulk_entry", details={"withinAnHour": threshold})
    notify_coordinators(
        kind="matching_bulk_entry", key=f"matching-bulk:{actor.pk}:{now:%Y-%m-%d}", link=REVIEW_PATH, now=now
    )


def identifier_add(
    *, access: policy.CaseAccess, incident_number: int, kind: Any, value: Any, platform: Any = ""
) -> PerpetratorIdentifier:
    """Record an identifier of the perpetrator of one incident: sealed, tokenised, audited without the value.

    Only ever added (never changed or looked up); no match is sought now. ``InvalidInput`` for a value that is no
    identifier of ``kind`` (a name without a birth year included), ``Conflict`` with matching off or the case
    closed, ``RateLimited`` past the advisor's daily quota."""
    actor = access.actor
    if not policy.can_add_perpetrator_identifiers(access):
        raise Forbidden(_("Alleen de adviseur van de zaak voert daderkenmerken in."))
    _require_enabled()
    platform = platform if isinstance(platform, str) else ""
    forms = normalise(str(kind or ""), value if isinstance(value, str) else "", platform)
    epoch, key = tokens.current_epoch()
    now = clock.now()
    _check_quota(actor, now)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=access.case.pk)
        if case.status == Status.CLOSED:
            raise Conflict(_("Deze zaak is gesloten; heropen haar om iets toe te voegen."), code="case_closed")
        incident = Incident.objects.filter(case=case, number=incident_number).first()
        if incident is None:
            raise NotFound(_("Dit incident bestaat niet."))
        sealed = {"value": value.strip()}
        if kind == "handle":
            sealed["platform"] = platform
        identifier = PerpetratorIdentifier.create_sealed(
            sealed={"sealed_value": sealed},
            under=case,
            case=case,
            incident=incident,
            kind=kind,
            author=actor,
            created_at=now,
        )
        _index(identifier, case, forms, epoch=epoch, key=key)
        audit_record(
            actor=actor,
            action="matching.identifier_added",
            object_type="case",
            object_id=case.reference,
            details={"incident": incident.number, "kind": kind},
        )
        _alert_bulk_entry(actor, now)
    return identifier


# --- leaving and re-entering the index ------------------------------------------------------------------------


def case_leave_index(case: Case, *, actor: Any) -> int:
    """A withdrawn case leaves the index at once: its tokens and every match it is in (its sealed identifiers
    stay with the case). Returns how many tokens went."""
    deleted, _detail = MatchToken.objects.filter(case=case).delete()
    matches, _detail = Match.objects.filter(Q(case_a=case) | Q(case_b=case)).delete()
    if deleted or matches:
        audit_record(
            actor=actor,
            action="matching.case_left_index",
            object_type="case",
            object_id=case.reference,
            details={"tokens": deleted},
        )
    return deleted


def case_reindex(case: Case, *, epoch: str, key: bytes) -> int:
    """Tokenise every identifier of ``case`` under ``epoch`` from its sealed value (reopening, key rotation)."""
    access = policy.system_access(case, purpose="matching.index")
    policy.require_content(access)
    made = 0
    for identifier in PerpetratorIdentifier.objects.filter(case=case):
        sealed = identifier.open("sealed_value", under=case)
        try:
            forms = normalise(identifier.kind, str(sealed.get("value", "")), str(sealed.get("platform", "")))
        except InvalidInput:
            continue  # a rule made stricter since: the identifier no longer counts
        MatchToken.objects.filter(identifier=identifier, epoch=epoch).delete()
        made += _index(identifier, case, forms, epoch=epoch, key=key)
    return made


def tokens_rotate(*, actor: Any) -> dict[str, int]:
    """Tokenise every identifier again under the current epoch, then drop the tokens of every other epoch."""
    epoch, key = tokens.current_epoch()
    made = cases = 0
    withdrawn = Q(status=Status.CLOSED, close_reason=CloseReason.WITHDRAWN)
    case_ids = PerpetratorIdentifier.objects.values_list("case_id", flat=True).distinct()
    for case in Case.objects.filter(pk__in=case_ids).exclude(withdrawn).iterator():
        with transaction.atomic():
            made += case_reindex(case, epoch=epoch, key=key)
            cases += 1
    dropped, _detail = MatchToken.objects.exclude(epoch=epoch).delete()
    audit_record(actor=actor, action="matching.rotated", details={"epoch": epoch, "cases": cases, "tokens": made})
    return {"cases": cases, "tokens": made, "dropped": dropped}


# --- the nightly job ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    case_a: int
    case_b: int
    kind: str
    weak: bool


def shared_tokens(epoch: str) -> Any:
    """The tokens of ``epoch`` held by more than one office holder: one GROUP BY over the index."""
    return (
        MatchToken.objects.filter(epoch=epoch)
        .values("token")
        .annotate(holders=Count("holder", distinct=True))
        .filter(holders__gt=1)
        .values("token")
    )


def pairs_find(epoch: str) -> list[Found]:
    """Every pair of cases of different office holders that share a token (a pair found through an exact form of
    one kind is exact, even when a weak form also matched)."""
    rows = (
        MatchToken.objects.filter(epoch=epoch, token__in=shared_tokens(epoch))
        .order_by("token")
        .values_list("token", "case_id", "holder", "kind", "weak")
    )
    found: dict[tuple[int, int, str], bool] = {}
    for _token, group in itertools.groupby(rows.iterator(), key=lambda row: row[0]):
        members = list(group)
        for (_t1, case_1, holder_1, kind, weak), (_t2, case_2, holder_2, _k, _w) in itertools.combinations(members, 2):
            if case_1 == case_2 or holder_1 == holder_2:
                continue
            pair = (min(case_1, case_2), max(case_1, case_2), kind)
            found[pair] = found.get(pair, True) and weak
    return [Found(a, b, kind, weak) for (a, b, kind), weak in sorted(found.items())]


def matching_run(now: datetime) -> dict[str, Any]:
    """The nightly job: propose a match for every new pair; tell the coordinators. Nothing while matching is off."""
    if not matching_enabled():
        return {"enabled": False}
    try:
        epoch, _key = tokens.current_epoch()
    except Conflict as exc:
        raise ImproperlyConfigured("matching is on but WEERBAAR_MATCHING_KEYS is not set") from exc
    found = pairs_find(epoch)
    before = Match.objects.count()
    Match.objects.bulk_create(
        [Match(case_a_id=f.case_a, case_b_id=f.case_b, kind=f.kind, weak=f.weak, found_at=now) for f in found],
        ignore_conflicts=True,
        batch_size=1000,
    )
    proposed = Match.objects.count() - before
    if proposed:
        audit_record(actor="system:matching", action="matching.proposed", details={"matches": proposed})
        notify_coordinators(
            kind="matching_proposed", key=f"matching-proposed:{now:%Y-%m-%d}", link=REVIEW_PATH, now=now
        )
    return {"enabled": True, "pairs": len(found), "proposed": proposed}


# --- reviews -----------------------------------------------------------------------------------------------


def match_review(*, actor: Any, match_id: int, decision: Any, reason: Any) -> Match:
    """One coordinator's decision: two different coordinators confirm; one dismissal dismisses. The same
    coordinator twice is refused (``Conflict`` ``same_reviewer``), as is a decided match (``match_decided``)."""
    policy.may_review_matches(actor)
    problems = []
    if decision not in Decision.values:
        problems.append({"name": "decision", "reason": _("Kies: confirm of dismiss.")})
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason:
        problems.append({"name": "reason", "reason": _("Geef de reden van uw besluit.")})
    elif len(reason) > MAX_REASON:
        problems.append({"name": "reason", "reason": _("Maximaal %(n)s tekens.") % {"n": MAX_REASON}})
    if problems:
        raise InvalidInput(_("Controleer de gemarkeerde velden."), invalid_params=problems)
    now = clock.now()
    with transaction.atomic():
        match = Match.objects.select_for_update().filter(pk=match_id).first()
        if match is None:
            raise NotFound(_("Deze koppeling bestaat niet."))
        if match.status != MatchStatus.PROPOSED:
            raise Conflict(_("Over deze koppeling is al besloten."), code="match_decided")
        if MatchReview.objects.filter(match=match, reviewer=actor).exists():
            raise Conflict(
                _("U heeft deze koppeling al beoordeeld; een tweede coördinator moet bevestigen."), code="same_reviewer"
            )
        MatchReview.objects.create(match=match, reviewer=actor, decision=decision, reason=reason, created_at=now)
        if decision == Decision.DISMISS:
            match.status, match.decided_at = MatchStatus.DISMISSED, now
        elif match.reviews.filter(decision=Decision.CONFIRM).count() >= 2:
            match.status, match.decided_at = MatchStatus.CONFIRMED, now
        match.save(update_fields=["status", "decided_at"])
        audit_record(
            actor=actor,
            action="matching.reviewed",
            object_type="match",
            object_id=str(match.pk),
            details={"decision": decision, "status": match.status},
        )
        if match.status == MatchStatus.CONFIRMED:
            for case in Case.objects.filter(pk__in=[match.case_a_id, match.case_b_id]).select_related("assigned_to"):
                if case.assigned_to is not None:
                    notify(
                        recipients=[case.assigned_to],
                        kind="matching_confirmed",
                        key=f"matching-confirmed:{match.pk}:{case.reference}",
                        link=f"/werkruimte/zaken/{case.reference}",
                        now=now,
                    )
    return match
