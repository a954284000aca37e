"""The hash-chained audit log: append (``audit_record``) and verify (``audit_verify``)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from weerbaar.core.models import AuditEntry, AuditHead

GENESIS_HASH = "0" * 64


def _canonical(
    *, sequence: int, at: datetime, actor: str, action: str, object_type: str, object_id: str, details: dict[str, Any]
) -> bytes:
    return json.dumps(
        {
            "sequence": sequence,
            "at": at.isoformat(timespec="microseconds"),
            "actor": actor,
            "action": action,
            "objectType": object_type,
            "objectId": object_id,
            "details": details,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()


def compute_hash(previous_hash: str, **fields: Any) -> str:
    return hashlib.sha256(previous_hash.encode() + b"\n" + _canonical(**fields)).hexdigest()


def actor_label(actor: Any) -> str:
    """A stable, content-free label for whoever acts: a staff user, an office holder or the system."""
    if actor is None:
        return "system"
    if isinstance(actor, str):
        return actor
    username = getattr(actor, "username", None)
    if username:
        return f"user:{username}"
    return "anonymous"


def audit_record(
    *,
    actor: Any,
    action: str,
    object_type: str = "",
    object_id: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the chain. Runs inside the caller's transaction when there is one."""
    details = details or {}
    # No savepoint: an entry belongs to the caller's change and fails or commits with it.
    with transaction.atomic(savepoint=False):
        head, _ = AuditHead.objects.select_for_update().get_or_create(id=1)
        # Truncate to microseconds in UTC so the stored value hashes identically after a round trip.
        at = timezone.now().astimezone(UTC).replace(tzinfo=UTC)
        sequence = head.sequence + 1
        fields = {
            "sequence": sequence,
            "at": at,
            "actor": actor_label(actor),
            "action": action,
            "object_type": object_type,
            "object_id": str(object_id),
            "details": details,
        }
        entry_hash = compute_hash(head.entry_hash, **fields)
        entry = AuditEntry.objects.create(previous_hash=head.entry_hash, entry_hash=entry_hash, **fields)
        head.sequence = sequence
        head.entry_hash = entry_hash
        head.save(update_fields=["sequence", "entry_hash"])
    return entry


@dataclass(frozen=True)
class AuditVerification:
    ok: bool
    checked: int
    first_broken_sequence: int | None = None
    reason: str = ""


def audit_verify() -> AuditVerification:
    """Walk the whole chain; report the first entry whose link or hash does not match."""
    previous = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    for entry in AuditEntry.objects.order_by("sequence").iterator(chunk_size=2000):
        if entry.sequence != expected_sequence:
            return AuditVerification(False, checked, expected_sequence, "entry missing from the chain")
        if entry.previous_hash != previous:
            return AuditVerification(False, checked, entry.sequence, "link to the previous entry is broken")
        recomputed = compute_hash(
            previous,
            sequence=entry.sequence,
            at=entry.at.astimezone(UTC),
            actor=entry.actor,
            action=entry.action,
            object_type=entry.object_type,
            object_id=entry.object_id,
            details=entry.details,
        )
        if recomputed != entry.entry_hash:
            return AuditVerification(False, checked, entry.sequence, "entry content does not match its hash")
        previous = entry.entry_hash
        expected_sequence += 1
        checked += 1
    head = AuditHead.objects.filter(id=1).first()
    if head is None and checked:
        return AuditVerification(False, checked, checked + 1, "the chain's head record is missing")
    if head is not None and head.sequence > checked:
        return AuditVerification(False, checked, checked + 1, "entries after this point were removed")
    if head is not None and head.sequence < checked:
        return AuditVerification(False, checked, head.sequence + 1, "entry added outside the audit log")
    if head is not None and checked and head.entry_hash != previous:
        return AuditVerification(False, checked, checked, "last entry does not match the chain's head")
    return AuditVerification(True, checked)
