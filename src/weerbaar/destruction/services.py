"""Destroying a case by crypto-shredding: the use case other apps call (retention lists, erasure requests).

``case_destroy`` destroys, in one transaction, the case's data key and with it every value sealed under it (the
request, notes, messages, calls, status reasons, incidents, police reports, damage items, evidence details,
referral content and consents, aftercare plans and answers, the office holder's e-mail choice), every row that
belongs to the case (to-dos, notifications and e-mails about it, follow-up credentials, portal sessions and
bearer tokens, phone-number hashes, telephony calls matched to it) and, once the transaction has committed, the
evidence files in the vault (originals and renditions). What stays is a ``DestroyedCase`` tombstone with
metadata only and the audit entries. The reference then answers 404 everywhere (there is no case any more) and is
never issued again (``core.references`` asks ``reference_destroyed``). When the metadata period of the retention
policy has passed, ``tombstone_erase_metadata`` deletes the tombstone and keeps only the reference
(``DestroyedReference``).

``case_contact_erase`` erases only the office holder's contact details, for a case whose retention policy keeps
them for a shorter period than the content (``retention``'s daily job): the request is sealed again without name,
e-mail address and phone number; the phone-number hashes for matching calls, the e-mail choice (its sealed
address) and the office holder's queued e-mails go; calls matched to the case lose the link and the caller's
number; a partner referral's consented contact detail is emptied. The content stays until its own date.

A destruction is appended to the deletion ledger (``backups.ledger``) before the transaction commits, so a
restore of an older backup destroys the case again (``case_destroy_again``, registered as the ledger's destroyer).
A destruction that fails leaves everything as it was; one that commits but crashes before the vault files are
removed leaves ciphertext under a key that no longer exists (see docs/decisions/0008-destruction.md).

Apps that may refuse a destruction (a legal hold) register a guard: a callable that raises a ``DomainError``
(``Conflict``) for a case that must stay. Guards are asked inside the transaction, with the case locked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from weerbaar.accounts import policy
from weerbaar.accounts.models import User
from weerbaar.backups import ledger
from weerbaar.cases.models import Case
from weerbaar.core import clock
from weerbaar.core.audit import audit_record
from weerbaar.core.errors import InvalidInput, NotFound
from weerbaar.core.history import history_erasure
from weerbaar.destruction.models import ContactErasure, DestroyedCase, DestroyedReference
from weerbaar.incidents import vault
from weerbaar.incidents.models import Evidence
from weerbaar.intake.portal import SESSION_KEY as PORTAL_SESSION_KEY
from weerbaar.network.models import Consent
from weerbaar.notifications.models import Notification, OfficeHolderEmail, OutgoingMail
from weerbaar.telephony.models import Call, CasePhone

MAX_REASON = 500
REPLAY_ACTOR = "system:backup.restore"

DestructionGuard = Callable[[Case], None]
_guards: list[DestructionGuard] = []


def register_destruction_guard(guard: DestructionGuard) -> None:
    """Add a check that may refuse destroying a case by raising a ``DomainError`` (e.g. ``Conflict`` for a legal
    hold). Called from an app's ``AppConfig.ready()``; registering the same callable twice changes nothing."""
    if guard not in _guards:
        _guards.append(guard)


def destruction_guards() -> tuple[DestructionGuard, ...]:
    return tuple(_guards)


def reference_destroyed(reference: str) -> bool:
    """Whether ``reference`` belonged to a destroyed case (it is never issued again), also after the metadata
    of its tombstone has been erased."""
    # One statement for both tables: the check runs on every help request (intake's statement bound).
    tombstones = DestroyedCase.objects.filter(reference=reference).values_list("reference")
    erased = DestroyedReference.objects.filter(reference=reference).values_list("reference")
    return tombstones.union(erased, all=True).exists()


def _actor_name(actor: Any) -> str:
    if isinstance(actor, User):
        return actor.get_username()
    name = str(actor or "").strip()
    if not name:
        raise ValueError("a destruction names who destroys")
    return name[:150]


def _reason(reason: str) -> str:
    from django.utils.translation import gettext as _

    reason = (reason or "").strip()
    problem = ""
    if not reason:
        problem = _("Geef de reden van de vernietiging.")
    elif len(reason) > MAX_REASON:
        problem = _("Maximaal %(n)s tekens.") % {"n": MAX_REASON}
    if problem:
        raise InvalidInput(problem, invalid_params=[{"name": "reason", "reason": problem}])
    return reason


def case_destroy(case: Case, *, actor: Any, reason: str, approved_by: Sequence[User] = ()) -> DestroyedCase:
    """Destroy ``case`` by crypto-shredding and leave its tombstone (one transaction).

    ``actor``: who destroys (``"system:retention"`` or a staff member); ``reason``: the ground, never content
    (at most 500 characters); ``approved_by``: the people who approved (recorded on the tombstone and in the
    audit entry). Raises ``NotFound`` for a case that no longer exists, ``InvalidInput`` without a reason, and
    whatever a registered guard raises to refuse (nothing is changed then)."""
    reason = _reason(reason)
    destroyed_by = _actor_name(actor)
    approvers = list(dict.fromkeys(approved_by))
    with transaction.atomic():
        locked = Case.objects.select_for_update().filter(pk=case.pk).first()
        if locked is None:
            raise NotFound()
        for guard in destruction_guards():
            guard(locked)
        now = clock.now()
        tombstone, files = _shred(locked, destroyed_by=destroyed_by, reason=reason, at=now)
        _forget_key(case)
        if approvers:
            tombstone.approved_by.set(approvers)
        audit_record(
            actor=actor,
            action="case.destroyed",
            object_type="case",
            object_id=tombstone.reference,
            details={"approvedBy": [user.get_username() for user in approvers], "evidenceFiles": files},
        )
        # Last, before the commit: a crash after the commit must not leave a destroyed case out of the ledger.
        ledger.ledger_append(tombstone.reference, now)
    return tombstone


def tombstone_erase_metadata(reference: str, *, actor: Any) -> bool:
    """The metadata period of the destroyed case ``reference`` has passed: delete its tombstone (year, role,
    association, province, outcome, close reason, dates, who destroyed it and on what ground, who approved) and
    keep only the reference with the moment of erasure (``DestroyedReference``), so the reference is still never
    issued again. One transaction, audited as ``case.metadata_erased`` with the reference only. Returns False,
    changing nothing, when there is no tombstone of ``reference`` (already erased: calling it twice is harmless)."""
    _actor_name(actor)  # who erases is named, as for a destruction
    with transaction.atomic():
        tombstone = DestroyedCase.objects.select_for_update().filter(reference=reference).first()
        if tombstone is None:
            return False
        _secure_delete()
        DestroyedReference.objects.get_or_create(reference=reference, defaults={"metadata_erased_at": clock.now()})
        tombstone.delete()  # with its approvers (the many-to-many rows)
        audit_record(actor=actor, action="case.metadata_erased", object_type="case", object_id=reference)
        transaction.on_commit(_checkpoint)
    return True


CONTACT_FIELDS = ("name", "email", "phone")  # the contact details in a case's sealed request
CONTACT_ERASURE = "destruction.contact_erasure"  # the purpose of the system grant that re-seals the request


def case_contact_erase(case: Case, *, actor: Any) -> ContactErasure | None:
    """Erase the office holder's contact details of ``case`` and keep its content (one transaction).

    The request is sealed again with empty ``name``, ``email`` and ``phone`` (every reader already copes with an
    empty value); the case's phone-number hashes (``CasePhone``), the e-mail choice (``OfficeHolderEmail``) and
    the queued e-mails to the office holder are deleted; telephony calls matched to the case lose the link, the
    caller's number and its hash (the call stays in the caller log as a call without a number); the contact
    detail consented for a partner referral is sealed as empty. A ``ContactErasure`` row records when and by whom.
    Audited as ``case.contact_erased`` with counts only. The destruction guards (a legal hold) are asked first
    and may refuse. Idempotent: returns None, changing nothing, for a case whose contact details were erased
    already. ``NotFound`` for a case that no longer exists."""
    name = _actor_name(actor)
    with transaction.atomic():
        locked = Case.objects.select_for_update().filter(pk=case.pk).first()
        if locked is None:
            raise NotFound()
        if ContactErasure.objects.filter(case=locked).exists():
            return None
        for guard in destruction_guards():
            guard(locked)
        _secure_delete()
        request = policy.require_content(policy.system_access(locked, purpose=CONTACT_ERASURE)).open("sealed_request")
        had = sorted(field for field in CONTACT_FIELDS if request.get(field))
        request.update(dict.fromkeys(CONTACT_FIELDS, ""))
        locked.seal("sealed_request", request)
        Case.objects.filter(pk=locked.pk).update(sealed_request=locked.sealed_request)
        phones = CasePhone.objects.filter(case=locked).delete()[0]
        email = OfficeHolderEmail.objects.filter(case=locked).delete()[0]
        OutgoingMail.objects.filter(case=locked, status=OutgoingMail.Status.QUEUED).delete()
        calls = Call.objects.filter(matched_case=locked).update(matched_case=None, from_hash=None, sealed_from=None)
        consents = 0
        for consent in Consent.objects.filter(referral__case=locked).select_related("referral"):
            consent.seal("sealed_contact", "", under=locked)
            consent.save(update_fields=["sealed_contact"])
            consents += 1
        erasure = ContactErasure.objects.create(case=locked, erased_at=clock.now(), erased_by=name)
        audit_record(
            actor=actor,
            action="case.contact_erased",
            object_type="case",
            object_id=locked.reference,
            details={
                "fields": had,
                "phoneHashes": phones,
                "emailChoice": bool(email),
                "calls": calls,
                "consents": consents,
            },
        )
        transaction.on_commit(_checkpoint)
    case.__dict__.pop("_sealing_data_key", None)
    return erasure


def contact_erased_at(case: Case) -> datetime | None:
    """When the contact details of ``case`` were erased on their own, or None."""
    return ContactErasure.objects.filter(case_id=case.pk).values_list("erased_at", flat=True).first()


def case_destroy_again(case: Case, entry: ledger.LedgerEntry) -> None:
    """The deletion ledger's destroyer: a restored backup still held ``case``; shred it as the first time (no
    guards: it was destroyed already; no ledger line: it is in the ledger). ``ledger_replay`` audits it."""
    with transaction.atomic():
        _shred(case, destroyed_by=REPLAY_ACTOR, reason="deletion ledger replay after a restore", at=entry.destroyed_at)
    _forget_key(case)


def _forget_key(case: Case) -> None:
    """The caller's instance no longer holds the plain data key (``core.sealing`` caches it on the instance)."""
    case.__dict__.pop("_sealing_data_key", None)
    case.key_id, case.wrapped_key, case.sealed_request = "", b"", b""


def _shred(case: Case, *, destroyed_by: str, reason: str, at: datetime) -> tuple[DestroyedCase, int]:
    """Everything of one case, inside the caller's transaction; returns the tombstone and the number of files."""
    _secure_delete()
    reference = case.reference
    files = [
        name
        for row in Evidence.objects.filter(case=case).values_list(
            "storage_name", "preview_storage_name", "blurred_storage_name"
        )
        for name in row
        if name
    ]
    tombstone, _ = DestroyedCase.objects.get_or_create(
        reference=reference,
        defaults={
            "year": timezone.localtime(case.created_at).year,
            "role": case.role,
            "association_id": case.association_id,
            "province_id": case.province_id,
            "outcome": case.outcome,
            "close_reason": case.close_reason,
            "created_on": timezone.localtime(case.created_at).date(),
            "closed_on": timezone.localtime(case.closed_at).date() if case.closed_at else None,
            "destroyed_at": at,
            "destroyed_by": destroyed_by,
            "reason": reason,
        },
    )
    # The shredding itself: the wrapped data key and the sealed request go first; every part sealed under the
    # key goes with the rows below.
    Case.objects.filter(pk=case.pk).update(key_id="", wrapped_key=b"", sealed_request=b"")
    # Rows that do not cascade from the case: evidence before its incident (PROTECT), calls matched to the case
    # (their own key holds the caller's number), and notifications that name the reference in their key or link.
    Evidence.objects.filter(case=case).delete()
    Call.objects.filter(matched_case=case).delete()
    about = Q(key__contains=reference) | Q(link__contains=reference)
    Notification.objects.filter(about).delete()
    OutgoingMail.objects.filter(Q(case=case) | Q(key__contains=reference) | Q(body__contains=reference)).delete()
    _end_portal_sessions(case)
    with history_erasure():
        Case.objects.filter(pk=case.pk).delete()  # notes, messages, incidents, referrals, todos, tokens, …
    transaction.on_commit(lambda: _remove_files(files))
    return tombstone, len(files)


def portal_sessions(case: Case) -> list[str]:
    """The keys of the live web sessions of "Mijn zaak" signed in to ``case`` (they name its reference)."""
    keys = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        signed_in = session.get_decoded().get(PORTAL_SESSION_KEY)
        if isinstance(signed_in, dict) and signed_in.get("case_id") == case.pk:
            keys.append(session.pk)
    return keys


def _end_portal_sessions(case: Case) -> None:
    Session.objects.filter(pk__in=portal_sessions(case)).delete()


def _remove_files(names: list[str]) -> None:
    for name in names:
        vault.delete(name)
    _checkpoint()


def _secure_delete() -> None:
    if connection.vendor == "sqlite":
        # SQLite overwrites deleted content with zeros instead of leaving it in free pages of the file.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")


def _checkpoint() -> None:
    if connection.vendor == "sqlite":
        # Copy the overwritten pages into the database file and empty the write-ahead log, which still held the
        # pages as they were before (a busy reader only postpones this to SQLite's next checkpoint).
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
