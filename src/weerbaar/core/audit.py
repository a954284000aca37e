"""The hash-chained, MAC-ed audit log: append (``audit_record``) and verify (``audit_verify``).

Each entry's ``entry_hash`` chains it to its predecessor; its ``mac`` (HMAC-SHA-256 under
``settings.AUDIT_KEY``, a key kept outside the database and apart from the key-encryption keys) proves the
application wrote it. The head row carries a MAC too, and signed checkpoints of the head are written outside
the database (``core.audit_checkpoints``), so a shortened, rewritten or wiped log no longer verifies.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from weerbaar.core.models import AuditEntry, AuditHead
from weerbaar.core.registry import Registry

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


def _mac(purpose: bytes, message: str) -> str:
    return hmac.new(settings.AUDIT_KEY, purpose + b"\n" + message.encode(), hashlib.sha256).hexdigest()


def entry_mac(entry_hash: str) -> str:
    """The entry's MAC: over its hash, which covers its content, its sequence and its predecessor."""
    return _mac(b"weerbaar-audit-entry", entry_hash)


def head_mac(sequence: int, entry_hash: str) -> str:
    return _mac(b"weerbaar-audit-head", f"{sequence}:{entry_hash}")


def checkpoint_mac(sequence: int, entry_hash: str, at: str) -> str:
    return _mac(b"weerbaar-audit-checkpoint", f"{sequence}:{entry_hash}:{at}")


def mac_matches(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode(), (given or "").encode())


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
    """Add one entry; part of the caller's transaction when there is one, chained right after it commits.

    The entry is inserted *pending* (no sequence yet, a MAC over its content): it commits or rolls back with
    the caller's change, and no lock is held for the rest of that transaction. ``core.audit_sealing`` gives
    it its place in the chain after the commit (at once when there is no transaction).
    """
    from weerbaar.core.audit_sealing import pending_mac, seal_soon

    # Truncate to microseconds in UTC so the stored value hashes identically after a round trip.
    at = timezone.now().astimezone(UTC).replace(tzinfo=UTC)
    fields: dict[str, Any] = {
        "at": at,
        "actor": actor_label(actor),
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id),
        "details": details or {},
    }
    entry = AuditEntry.objects.create(
        sequence=None, previous_hash="", entry_hash=None, mac=pending_mac(**fields), **fields
    )
    seal_soon()
    return entry


# --- anchors: what proves the log cannot be empty or end before a given object ---------------------------


@dataclass(frozen=True)
class Anchor:
    """An app's newest object that must have an audit entry (``newest()`` → ``(object_type, object_id)``).

    Registered by apps in ``AppConfig.ready()``; ``cases`` registers its newest case, whose creation is
    audited in the same transaction. A log wiped or cut back to before that object then fails verification.
    """

    name: str
    position: int
    newest: Callable[[], tuple[str, str] | None]


_anchors: Registry[Anchor] = Registry("audit anchor")


def register_anchor(*anchors: Anchor) -> None:
    _anchors.register(*anchors)


# --- verification ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditVerification:
    ok: bool
    checked: int
    first_broken_sequence: int | None = None
    reason: str = ""
    head_sequence: int = 0
    head_hash: str = GENESIS_HASH
    checkpoints: int = 0


@dataclass(frozen=True)
class Expectation:
    """A head recorded elsewhere (``--expect SEQUENCE:HASH``): that entry must exist with that hash."""

    sequence: int
    entry_hash: str
    source: str = "expected head"

    @classmethod
    def parse(cls, text: str) -> Expectation:
        sequence, sep, entry_hash = text.strip().partition(":")
        entry_hash = entry_hash.strip().lower()
        if not sep or not sequence.strip().isdigit() or len(entry_hash) != 64:
            raise ValueError("expected SEQUENCE:HASH, e.g. 18342:5c1f… (64 hex characters)")
        if any(c not in "0123456789abcdef" for c in entry_hash):
            raise ValueError("the hash must be 64 hex characters")
        return cls(int(sequence), entry_hash)


def audit_verify(*, expect: list[Expectation] | None = None, use_checkpoints: bool = True) -> AuditVerification:
    """Walk the whole chain: links, hashes, MACs, the head, the checkpoints, the expected heads, the anchors.

    Reports the first problem found. ``use_checkpoints`` reads ``settings.AUDIT_CHECKPOINT_FILE``.
    """
    from weerbaar.core.audit_checkpoints import CheckpointError, checkpoints_read
    from weerbaar.core.audit_sealing import audit_seal

    audit_seal()  # chain what committed transactions left pending (normally nothing, or the last milliseconds)
    expectations = list(expect or [])
    checkpoint_count = 0
    if use_checkpoints:
        try:
            checkpoints = checkpoints_read()
        except CheckpointError as exc:
            return AuditVerification(False, 0, exc.sequence, str(exc))
        checkpoint_count = len(checkpoints)
        expectations += checkpoints
    wanted: dict[int, list[Expectation]] = {}
    for expectation in expectations:
        wanted.setdefault(expectation.sequence, []).append(expectation)

    previous = GENESIS_HASH
    expected_sequence = 1
    checked = 0

    def broken(sequence: int | None, reason: str) -> AuditVerification:
        return AuditVerification(False, checked, sequence, reason, checkpoints=checkpoint_count)

    for entry in AuditEntry.objects.filter(sequence__isnull=False).order_by("sequence").iterator(chunk_size=2000):
        if entry.sequence != expected_sequence:
            return broken(expected_sequence, "entry missing from the chain")
        if entry.previous_hash != previous:
            return broken(entry.sequence, "link to the previous entry is broken")
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
            return broken(entry.sequence, "entry content does not match its hash")
        if not mac_matches(entry_mac(entry.entry_hash), entry.mac):
            return broken(entry.sequence, "entry MAC does not match (not written with the audit key)")
        for expectation in wanted.pop(entry.sequence, []):
            if expectation.entry_hash != entry.entry_hash:
                return broken(entry.sequence, f"entry differs from the {expectation.source}")
        previous = entry.entry_hash
        expected_sequence += 1
        checked += 1
    if wanted:
        sequence = min(wanted)
        return broken(
            checked + 1,
            f"the log ends at entry {checked}, but the {wanted[sequence][0].source} names entry {sequence}",
        )
    planted = AuditEntry.objects.filter(sequence__isnull=True).order_by("id").first()
    if planted is not None:
        return broken(None, f"entry id {planted.id} is pending without a valid MAC (written outside the application)")
    head = AuditHead.objects.filter(id=1).first()
    if head is None and checked:
        return broken(checked + 1, "the chain's head record is missing")
    if head is not None:
        if head.sequence > checked:
            return broken(checked + 1, "entries after this point were removed")
        if head.sequence < checked:
            return broken(head.sequence + 1, "entry added outside the audit log")
        if checked and head.entry_hash != previous:
            return broken(checked, "last entry does not match the chain's head")
        if (checked or head.mac) and not mac_matches(head_mac(head.sequence, head.entry_hash), head.mac):
            return broken(checked, "the chain's head MAC does not match (head edited outside the application)")
    for anchor in _anchors:
        newest = anchor.newest()
        if newest is None:
            continue
        object_type, object_id = newest
        if not AuditEntry.objects.filter(object_type=object_type, object_id=object_id).exists():
            return broken(
                checked + 1,
                f"the log has no entry for the newest {anchor.name}: entries were removed (log shortened or wiped)",
            )
    return AuditVerification(True, checked, head_sequence=checked, head_hash=previous, checkpoints=checkpoint_count)


class AuditIntegrityError(Exception):
    """The head does not check out: not checkpointed, and a job that meets it fails visibly."""


def audit_verify_head() -> tuple[int, str]:
    """The head's sequence and hash after a quick check (head MAC; its entry present, linked and MAC-ed)."""
    head = AuditHead.objects.filter(id=1).first()
    if head is None or head.sequence == 0:
        if AuditEntry.objects.exists():
            raise AuditIntegrityError("the chain's head record is missing")
        return 0, GENESIS_HASH
    if not mac_matches(head_mac(head.sequence, head.entry_hash), head.mac):
        raise AuditIntegrityError("the chain's head MAC does not match")
    entry = AuditEntry.objects.filter(sequence=head.sequence).first()
    if entry is None or entry.entry_hash != head.entry_hash or not mac_matches(entry_mac(entry.entry_hash), entry.mac):
        raise AuditIntegrityError("the chain's head does not match its last entry")
    if AuditEntry.objects.filter(sequence__gt=head.sequence).exists():
        raise AuditIntegrityError("entries beyond the chain's head")
    return head.sequence, head.entry_hash
