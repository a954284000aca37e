"""Signed checkpoints of the audit chain's head, written outside the database.

A checkpoint is one JSON line ``{"sequence", "entryHash", "at", "mac"}``, the MAC under the audit key.
It is appended to ``settings.AUDIT_CHECKPOINT_FILE`` (default ``$WEERBAAR_DATA_DIR/audit-checkpoints.jsonl``)
and, when ``settings.AUDIT_CHECKPOINT_COMMAND`` is set, also given on standard input to that command (an
append-only place the operator names: ``logger -t weerbaar-audit``, an ssh to a log host, ...).
``weerbaar audit verify`` checks every checkpoint in the file: the entry it names must still be in the chain
with the same hash, so deleting the newest entries (and fixing up the head) or rewriting the log shows.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings

from weerbaar.core.audit import (
    Expectation,
    audit_verify_head,
    checkpoint_mac,
    mac_matches,
)


class CheckpointError(Exception):
    def __init__(self, message: str, sequence: int | None = None) -> None:
        super().__init__(message)
        self.sequence = sequence


def _path() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_FILE)


def checkpoint_line(*, sequence: int, entry_hash: str, at: datetime) -> str:
    stamp = at.astimezone(UTC).isoformat(timespec="seconds")
    return json.dumps(
        {
            "sequence": sequence,
            "entryHash": entry_hash,
            "at": stamp,
            "mac": checkpoint_mac(sequence, entry_hash, stamp),
        },
        separators=(",", ":"),
    )


def checkpoint_parse(line: str, number: int) -> Expectation:
    """One line of the file as an expectation; a line that is not signed by the audit key is an error."""
    try:
        data = json.loads(line)
        sequence, entry_hash, at, mac = int(data["sequence"]), str(data["entryHash"]), str(data["at"]), data["mac"]
    except (ValueError, KeyError, TypeError) as exc:
        raise CheckpointError(f"checkpoint line {number} is unreadable") from exc
    if not mac_matches(checkpoint_mac(sequence, entry_hash, at), str(mac)):
        raise CheckpointError(f"checkpoint line {number} is not signed with the audit key", sequence)
    return Expectation(sequence, entry_hash, source=f"checkpoint of {at} (line {number})")


def checkpoints_read(path: Path | None = None) -> list[Expectation]:
    path = path or _path()
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [checkpoint_parse(line, number) for number, line in enumerate(lines, start=1) if line.strip()]


def _last_line(path: Path) -> str:
    if not path.exists():
        return ""
    with path.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        handle.seek(max(0, size - 4096))
        tail = handle.read().decode("utf-8", errors="replace").strip().splitlines()
    return tail[-1] if tail else ""


def checkpoint_write(*, now: datetime, force: bool = False) -> dict[str, Any]:
    """Append a signed checkpoint of the current head, unless the last one already names it.

    The head is checked first (its MAC, and that its entry is in the chain with a valid MAC): a tampered
    head is never checkpointed; the error fails the job, so coordinators see it on the jobs page.
    """
    from weerbaar.core.audit_sealing import audit_seal

    audit_seal()
    sequence, entry_hash = audit_verify_head()
    if sequence == 0:
        return {"written": 0, "sequence": 0}
    path = _path()
    last = _last_line(path)
    if last and not force:
        try:
            previous = json.loads(last)
        except ValueError:
            previous = {}
        if previous.get("sequence") == sequence and previous.get("entryHash") == entry_hash:
            return {"written": 0, "sequence": sequence}
    line = checkpoint_line(sequence=sequence, entry_hash=entry_hash, at=now)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, (line + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    command = settings.AUDIT_CHECKPOINT_COMMAND
    if command:
        # The operator's command, as configured, without a shell; a failure fails the job (it is retried).
        subprocess.run(shlex.split(command), input=line + "\n", text=True, timeout=60, check=True)  # noqa: S603
    return {"written": 1, "sequence": sequence}
