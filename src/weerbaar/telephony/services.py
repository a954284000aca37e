"""Write use cases of the phone line: receiving call events, and keeping the case phone index."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Case, IntegerField, Value, When

from weerbaar.accounts import policy
from weerbaar.accounts.models import User
from weerbaar.cases.choices import Status
from weerbaar.core import clock
from weerbaar.core.audit import audit_record
from weerbaar.core.errors import Conflict
from weerbaar.telephony.models import Call, CallEvent, CallEventKind, CasePhone
from weerbaar.telephony.numbers import normalise_phone, phone_hash
from weerbaar.telephony.validation import CallEventData

logger = logging.getLogger(__name__)

REPLAY_WINDOW = timedelta(minutes=5)
AUDIT_ACTOR = "telephony"


def _advisor(username: str) -> User | None:
    """The user who may take calls with that user name (advisor or coordinator, active), else None."""
    user = User.objects.filter(username=username, is_active=True).first()
    return user if user is not None and policy.can_use_phone_line(user) else None


def caller_case_match(*, advisor: User | None, number_hash: str | None) -> Any:
    """The case of this caller that ``advisor`` may work on: an open one first, then the newest.

    A withheld number (``number_hash`` None) never matches: nothing is known to match on.
    """
    if advisor is None or number_hash is None:
        return None
    case_ids = CasePhone.objects.filter(phone_hash=number_hash).values("case_id")
    return (
        policy.cases_matchable_for_call(advisor)
        .filter(pk__in=case_ids)
        .annotate(closed=Case(When(status=Status.CLOSED, then=Value(1)), default=Value(0), output_field=IntegerField()))
        .order_by("closed", "-created_at", "-pk")
        .first()
    )


def call_event_receive(*, data: CallEventData, now: datetime | None = None) -> CallEvent:
    """Record one signed event. A replay (same call and event again, or a time out of the window) is a Conflict."""
    now = now or clock.now()
    if abs(data.at - now) > REPLAY_WINDOW:
        raise Conflict("The event time is more than 5 minutes from now: refused as a possible replay.")
    number_hash = phone_hash(data.number) if data.number is not None else None
    advisor = _advisor(data.advisor_username)
    try:
        with transaction.atomic():
            call = _call_locked(data, number_hash, now)
            event = CallEvent.objects.create(call=call, event=data.event, at=data.at, received_at=now)
            _apply(call, data, advisor, now)
            call.save()
            audit_record(
                actor=AUDIT_ACTOR,
                action=f"telephony.{data.event}",
                object_type="call",
                object_id=str(call.pk),
                details={
                    "advisor": advisor.username if advisor else None,
                    "matched": call.matched_case_id is not None,
                    "withheld": call.number_withheld,
                },
            )
    except IntegrityError as exc:
        raise Conflict("This event of this call was received already.") from exc
    if advisor is None:
        # Not case content: the provider's user name, so coordinators can fix the mapping.
        logger.warning("telephony: call %s names no advisor who takes calls; left unassigned", call.pk)
    return event


def _call_locked(data: CallEventData, number_hash: str | None, now: datetime) -> Call:
    call = Call.objects.select_for_update().filter(call_id=data.call_id).first()
    if call is not None:
        _take_number(call, data, number_hash)
        return call
    call = Call(call_id=data.call_id, from_hash=number_hash, created_at=now, updated_at=now)
    call.give_data_key()  # a withheld number too: every call holds a data key (see models)
    if data.number is not None:
        call.seal("sealed_from", data.number)
    try:
        with transaction.atomic():  # a savepoint: when a concurrent first event of this call won, load its row
            call.save()
        return call
    except IntegrityError:
        pass
    call = Call.objects.select_for_update().get(call_id=data.call_id)
    _take_number(call, data, number_hash)
    return call


def _take_number(call: Call, data: CallEventData, number_hash: str | None) -> None:
    """Events of one call stay consistent: a number once stored is kept (a later withheld ``from`` or another
    number changes nothing); a call that had none so far takes the number a later event does carry."""
    if call.from_hash is None and data.number is not None and number_hash is not None:
        call.from_hash = number_hash
        call.seal("sealed_from", data.number)


def _apply(call: Call, data: CallEventData, advisor: User | None, now: datetime) -> None:
    if data.event == CallEventKind.NEW_CALL:
        call.started_at = data.at
    elif data.event == CallEventKind.ANSWERED:
        call.answered_at = data.at
    else:
        call.ended_at = data.at
    if call.started_at is None or data.at < call.started_at:
        call.started_at = min(t for t in (call.started_at, call.answered_at, call.ended_at, data.at) if t is not None)
    # The latest event names who has the call (a call can ring at one advisor and be answered by another).
    if advisor is not None:
        if advisor.pk != call.advisor_id:
            call.advisor = advisor
            call.matched_case = None
        call.unknown_advisor = ""
    elif call.advisor_id is None:
        call.unknown_advisor = data.advisor_username[:150]
    if call.matched_case_id is None and call.advisor_id is not None and call.from_hash is not None:
        call.matched_case = caller_case_match(advisor=call.advisor, number_hash=call.from_hash)
    call.updated_at = now


# --- the case side: a keyed hash of each case's contact number ---------------------------------------------


PHONE_INDEX = "telephony.phone_index"


def request_phone_hash(request: dict[str, Any]) -> str | None:
    """The keyed hash of the number in an opened help request, or None when it has none."""
    number = normalise_phone(str(request.get("phone") or ""))
    return phone_hash(number) if number else None


def case_phone_hash(case: Any) -> str | None:
    """The keyed hash of the number in a case's sealed request, or None when it has none (or it cannot be read).

    Background work (a new case, the backfill): the number is opened under the index's own grant and only its
    keyed hash leaves this function; nobody reads it, so there is no read to audit. Only a live ``Case``: the
    data migration 0002_case_phones opens its historical rows itself."""
    from weerbaar.core.crypto import DecryptionError

    try:
        request = policy.require_content(policy.system_access(case, purpose=PHONE_INDEX)).open("sealed_request")
    except DecryptionError:  # a shredded or unreadable case: nothing to match
        return None
    return request_phone_hash(request)


def case_phone_index(*, case: Any, actor: Any = None) -> CasePhone | None:
    """Index a newly opened case's number; link the actor's recent unmatched calls from that number to it.

    The actor is the advisor who recorded a phone intake right after the call: that call now shows the case.
    """
    number_hash = case_phone_hash(case)
    if number_hash is None:
        return None
    # One statement (no savepoint, no read first): a second index of the same number is skipped by the unique pair.
    row = CasePhone(case_id=case.pk, phone_hash=number_hash)
    CasePhone.objects.bulk_create([row], ignore_conflicts=True)
    if isinstance(actor, User) and policy.can_read_case_content(actor, case):
        Call.objects.filter(
            advisor=actor,
            from_hash=number_hash,
            matched_case__isnull=True,
            created_at__gte=clock.now() - timedelta(days=1),
        ).update(matched_case=case)
    return row


def case_phones_backfill() -> int:
    """Fill ``CasePhone`` for every existing case; returns how many were new. Idempotent: existing rows are kept.
    (The data migration 0002_case_phones does the same on its historical models.)"""
    from weerbaar.cases.models import Case as CaseModel

    created = 0
    fields = ("reference", "key_id", "wrapped_key", "sealed_request")
    for case in CaseModel.objects.only(*fields).order_by("pk").iterator(chunk_size=500):
        number_hash = case_phone_hash(case)
        if number_hash is None:
            continue
        _, new = CasePhone.objects.get_or_create(case_id=case.pk, phone_hash=number_hash)
        created += int(new)
    return created
