"""Sealing: chaining the audit entries that transactions have committed, in one total order, outside them.

``audit_record`` only inserts a *pending* entry (no sequence, no hash yet; a MAC over its content under the
audit key) as part of the caller's transaction, so a change and its entry still commit or roll back together,
and no lock is held for the rest of that transaction. After the commit, the sealer takes the chain: it
gives the pending entries (in order of id) the next sequence numbers, their hashes and MACs, and moves the
head, in one short transaction. One sealer at a time (a PostgreSQL advisory lock; SQLite's single writer);
a request that finds the lock taken leaves its entry to the holder, which looks again after releasing it,
so every committed entry is sealed by whoever is sealing, in batches under load.

A pending entry whose content MAC does not match (a row planted in the database) is never sealed, and
``audit_verify`` reports it. Entries left pending by a process that died after its commit are sealed by
the next sealer (any request that audits, the checkpoint job, ``weerbaar audit verify``).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from django.db import connection, transaction

from weerbaar.core.audit import (
    _mac,
    compute_hash,
    entry_mac,
    head_mac,
    mac_matches,
)
from weerbaar.core.lean import LeanRead
from weerbaar.core.models import AuditEntry, AuditHead

logger = logging.getLogger(__name__)

ADVISORY_LOCK = 0x57425F41554449  # "WB_AUDI": PostgreSQL advisory lock key of the sealer
BATCH = 500
# Pending entries this process found with a bad MAC, by (id, mac): never sealed. The MAC too, so a genuine
# entry that later gets the same id (SQLite reuses the ids of rolled-back rows) is not mistaken for one.
_planted: set[tuple[int, str]] = set()
# The pending entries, oldest first: read after every audited request, so composed once (``core.lean``).
PENDING = LeanRead(AuditEntry, where=["sequence__isnull"], order_by=["id"], limit=BATCH)


def pending_mac(*, at: datetime, actor: str, action: str, object_type: str, object_id: str, details: Any) -> str:
    """MAC over a pending entry's content (sequence 0 in the canonical form): only the application writes one."""
    content = compute_hash(
        "pending",
        sequence=0,
        at=at,
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        details=details,
    )
    return _mac(b"weerbaar-audit-pending", content)


def _pending_mac_of(entry: AuditEntry) -> str:
    return pending_mac(
        at=entry.at.astimezone(UTC),
        actor=entry.actor,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        details=entry.details,
    )


def _in_real_transaction() -> bool:
    """Inside a transaction that will commit (not only a test case's wrapping transaction, which never does)."""
    conn = transaction.get_connection()
    return conn.in_atomic_block and any(not getattr(block, "_from_testcase", False) for block in conn.atomic_blocks)


def seal_soon() -> None:
    """Seal after the caller's transaction commits; at once when there is none (autocommit)."""
    if not _in_real_transaction():
        audit_seal()
        return
    conn = transaction.get_connection()
    if not any(func is _seal_after_commit for _, func, _ in conn.run_on_commit):
        # robust: the change has committed; a failing seal must not turn its answer into an error (the entry
        # stays pending and the next sealer takes it).
        transaction.on_commit(_seal_after_commit, robust=True)


def _seal_after_commit() -> None:
    audit_seal()


def _try_lock() -> bool:
    if connection.vendor != "postgresql":
        return True  # SQLite: transactions begin IMMEDIATE, one writer at a time
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [ADVISORY_LOCK])
        return bool(cursor.fetchone()[0])


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _lock_head() -> tuple[int, str] | None:
    """Take the sealer's lock and the head row (``FOR UPDATE``): the head's sequence and hash, or ``None`` when
    another sealer holds the lock.

    On PostgreSQL one statement: the advisory lock is tried as part of reading the head, and the row is only
    returned (and row-locked) when it was free. No row means the lock is taken — or there is no head yet, which
    the slower path below tells apart (advisory locks are re-entrant within a session).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {_q('sequence')}, {_q('entry_hash')} FROM {_q(AuditHead._meta.db_table)} "  # noqa: S608 (names)
                f"WHERE {_q('id')} = 1 AND pg_try_advisory_xact_lock(%s) FOR UPDATE",
                [ADVISORY_LOCK],
            )
            row = cursor.fetchone()
        if row is not None:
            return int(row[0]), str(row[1])
    if not _try_lock():
        return None
    # The row lock too: keeps the chain linear against a process of the previous version during a deploy.
    head, _ = AuditHead.objects.select_for_update().get_or_create(id=1)
    return head.sequence, head.entry_hash


def _sealable() -> Any:
    pending = AuditEntry.objects.filter(sequence__isnull=True)
    for entry_id, mac in _planted:
        pending = pending.exclude(id=entry_id, mac=mac)
    return pending


def _any_sealable() -> bool:
    if _planted:
        return bool(_sealable().exists())
    with connection.cursor() as cursor:  # the partial index audit_entry_pending answers this
        cursor.execute(
            f"SELECT 1 FROM {_q(AuditEntry._meta.db_table)} WHERE {_q('sequence')} IS NULL LIMIT 1"  # noqa: S608
        )
        return cursor.fetchone() is not None


def _seal_batch() -> int | None:
    """Seal up to ``BATCH`` pending entries in one transaction; ``None`` when another sealer holds the lock.

    Plain SQL for the writes (one ``UPDATE`` per entry, sent together, and one for the head): this runs after
    every audited request, and composing Django's ``bulk_update`` cost more CPU than everything else here.
    """
    with transaction.atomic():
        head = _lock_head()
        if head is None:
            return None
        pending = list(_sealable().order_by("id")[:BATCH]) if _planted else PENDING.rows()
        if not pending:
            return 0
        sequence, previous = head
        rows = []
        for entry in pending:
            if not mac_matches(_pending_mac_of(entry), entry.mac):
                _planted.add((entry.id, entry.mac))
                logger.error("audit entry id %s is pending without a valid MAC: not sealed", entry.id)
                continue
            sequence += 1
            entry_hash = compute_hash(
                previous,
                sequence=sequence,
                at=entry.at.astimezone(UTC),
                actor=entry.actor,
                action=entry.action,
                object_type=entry.object_type,
                object_id=entry.object_id,
                details=entry.details,
            )
            rows.append((sequence, previous, entry_hash, entry_mac(entry_hash), entry.id))
            previous = entry_hash
        if rows:
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {_q(AuditEntry._meta.db_table)} SET {_q('sequence')} = %s, "  # noqa: S608 (names)
                    f"{_q('previous_hash')} = %s, {_q('entry_hash')} = %s, {_q('mac')} = %s WHERE {_q('id')} = %s",
                    rows,
                )
                cursor.execute(
                    f"UPDATE {_q(AuditHead._meta.db_table)} SET {_q('sequence')} = %s, "  # noqa: S608 (names)
                    f"{_q('entry_hash')} = %s, {_q('mac')} = %s WHERE {_q('id')} = 1",
                    [sequence, previous, head_mac(sequence, previous)],
                )
        return len(rows)


def audit_seal() -> int:
    """Seal every pending entry there is, or leave them to the sealer holding the lock. Returns how many.

    After each batch (its commit released the lock) look again: an entry whose own sealer found the lock
    taken committed before that attempt, so it is visible here.
    """
    total = 0
    while True:
        done = _seal_batch()
        if done is None:
            return total
        total += done
        if not _any_sealable():
            return total
