"""The deletion ledger: which cases were destroyed, and when, kept OUTSIDE every backup.

A backup made before a case was destroyed still holds that case. So that a restore does not bring it back, every
destruction appends one line to the ledger (``settings.DELETION_LEDGER_FILE``, default
``$WEERBAAR_DATA_DIR/deletion-ledger.jsonl``; in production a path on another disk or host, see
docs/operations.md), and ``weerbaar backup restore`` replays the ledger: every listed case that the restored
database still holds is destroyed again.

A line is ``{"reference": "WB-…", "destroyedAt": "2026-12-07T12:00:00+00:00", "mac": "…"}``: the reference and
the moment only, never content. The MAC (HMAC-SHA-256 under the audit key, ``WEERBAAR_AUDIT_KEY``) means a line
that someone added or changed without the key is refused, so nobody who can only write the file can make a restore
destroy cases.

The destruction work of issue 13 calls ``ledger_append`` when it destroys a case and registers how a case is
destroyed with ``register_destroyer``; until then the replay removes the case and its evidence files
(``remove_case``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

from weerbaar.cases.models import Case
from weerbaar.core.audit import audit_record
from weerbaar.core.history import history_erasure
from weerbaar.incidents import vault
from weerbaar.incidents.models import Evidence

PURPOSE = b"deletion-ledger"


class LedgerError(Exception):
    """The ledger cannot be read or a line is not signed with the audit key: the replay does nothing."""


@dataclass(frozen=True)
class LedgerEntry:
    reference: str
    destroyed_at: datetime


def _path() -> Path:
    return Path(settings.DELETION_LEDGER_FILE)


def _mac(reference: str, stamp: str) -> str:
    message = PURPOSE + b"\n" + f"{reference}|{stamp}".encode()
    return hmac.new(settings.AUDIT_KEY, message, hashlib.sha256).hexdigest()


def ledger_append(reference: str, destroyed_at: datetime, *, path: Path | None = None) -> None:
    """Record that the case ``reference`` was destroyed at ``destroyed_at`` (append-only, fsynced)."""
    if not reference or "\n" in reference:
        raise ValueError("a ledger line needs a one-line reference")
    stamp = destroyed_at.astimezone(UTC).isoformat(timespec="seconds")
    line = json.dumps(
        {"reference": reference, "destroyedAt": stamp, "mac": _mac(reference, stamp)}, separators=(",", ":")
    )
    path = path or _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, (line + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)


def ledger_read(path: Path | None = None) -> list[LedgerEntry]:
    """Every line of the ledger, oldest first; an unreadable or unsigned line raises ``LedgerError``."""
    path = path or _path()
    if not path.exists():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            reference, stamp, mac = str(data["reference"]), str(data["destroyedAt"]), str(data["mac"])
            moment = datetime.fromisoformat(stamp)
        except (ValueError, KeyError, TypeError) as exc:
            raise LedgerError(f"deletion ledger line {number} is unreadable") from exc
        if not hmac.compare_digest(_mac(reference, stamp), mac):
            raise LedgerError(f"deletion ledger line {number} is not signed with the audit key")
        entries.append(LedgerEntry(reference, moment))
    return entries


Destroyer = Callable[[Case, LedgerEntry], None]


def remove_case(case: Case, entry: LedgerEntry) -> None:
    """The replay's destruction until issue 13's crypto-shredding registers its own: the case row with
    everything that cascades from it (its history too) and its evidence files."""
    names = [
        name
        for row in Evidence.objects.filter(case=case).values_list(
            "storage_name", "preview_storage_name", "blurred_storage_name"
        )
        for name in row
        if name
    ]
    with history_erasure():
        case.delete()
    for name in names:
        vault.delete(name)


_destroyer: list[Destroyer] = [remove_case]


def register_destroyer(destroyer: Destroyer) -> None:
    """The retention work's way of destroying a case (crypto-shredding), used by every later replay."""
    _destroyer[0] = destroyer


def _cases(pks: list[int]) -> Iterator[Case]:
    for start in range(0, len(pks), 500):
        yield from Case.objects.filter(pk__in=pks[start : start + 500]).order_by("pk")


def ledger_replay(path: Path | None = None) -> list[str]:
    """Destroy again every listed case that the database holds; returns their references, oldest case first."""
    entries = ledger_read(path)
    wanted = {entry.reference: entry for entry in entries}
    destroyed = []
    references = list(wanted)
    present = []
    for start in range(0, len(references), 500):  # within every database's limit of query parameters
        present += list(Case.objects.filter(reference__in=references[start : start + 500]).values_list("pk", flat=True))
    for case in _cases(sorted(present)):
        entry = wanted[case.reference]
        _destroyer[0](case, entry)
        audit_record(
            actor="system:backup.restore",
            action="case.destroyed_again",
            object_type="case",
            object_id=entry.reference,
            details={"destroyedAt": entry.destroyed_at.astimezone(UTC).isoformat(timespec="seconds")},
        )
        destroyed.append(entry.reference)
    return destroyed
