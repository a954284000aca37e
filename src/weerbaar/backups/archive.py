"""``weerbaar backup``: one archive, encrypted to age recipients, that comes back.

The archive is a tar file encrypted with age (``pyrage``) to one or more public keys; only a holder of a matching
private key (kept offline, docs/operations.md) can open it. Inside, under ``weerbaar-backup/``:

- ``database.sqlite3`` or ``database.pgdump``: the database (``backups.database``);
- ``evidence/…``: every file of the evidence store, as stored (already encrypted under each case's data key);
- ``audit-checkpoint.json``: a signed checkpoint of the audit chain's head, written just before the dump;
- ``manifest.json`` (last): format version, moment, database vendor, counts, the key-encryption key ids the
  dump's wrapped data keys use (``keyEncryptionKeyIds``), and the SHA-256 and size of every other member.

Beside the archive, in plain, its key note (``backups.keynotes``) repeats those key ids, so that
``weerbaar keys retire`` can tell which kept backups still need a key without the offline backup key.

The key-encryption keys and the audit key are NOT in the archive: an opened backup still needs them
(docs/decisions/0007-backups.md). ``restore`` refuses a target that holds data, checks every member against the
manifest before it writes anything, loads the database, puts the evidence back, verifies the audit log against
the archive's checkpoint, replays the deletion ledger (``backups.ledger``) and re-checks every evidence hash. It
refuses, before writing anything, a backup whose manifest names a key-encryption key that is not configured.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files.storage import storages
from django.db import connection

from weerbaar.backups import database, keynotes
from weerbaar.core import clock, crypto
from weerbaar.core.audit import Expectation

FORMAT = "weerbaar-backup/1"
ROOT = "weerbaar-backup"
MANIFEST = "manifest.json"
CHECKPOINT = "audit-checkpoint.json"
EVIDENCE = "evidence"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup cannot be made, opened or restored; ``code`` is the command's exit status."""

    code = 1


class TargetNotEmpty(BackupError):
    code = 3


class WrongIdentity(BackupError):
    code = 4


class BackupDamaged(BackupError):
    code = 5


class KeysMissing(BackupError):
    code = 6


@dataclass
class Summary:
    manifest: dict[str, Any]
    path: Path
    size: int = 0
    destroyed_again: list[str] = field(default_factory=list)
    evidence_checked: int = 0
    audit_entries: int = 0


def _age() -> Any:
    """``pyrage``, imported when a backup is made or opened (loading the app, e.g. for its job, needs no age)."""
    import pyrage

    return pyrage


# --- keys ------------------------------------------------------------------------------------------------------


def parse_recipient(text: str) -> Any:
    text = text.strip()
    if not text.startswith("age1"):
        raise BackupError(f"not an age public key (age1…): {text[:16]}…")
    try:
        return _age().x25519.Recipient.from_str(text)
    except Exception as exc:  # pyrage's RecipientError
        raise BackupError(f"not a valid age public key: {text[:16]}…") from exc


def read_identities(path: Path) -> list[Any]:
    """The private keys in an age key file (``age-keygen`` output: comment lines and AGE-SECRET-KEY-1… lines)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise BackupError(f"cannot read the identity file {path}: {exc.strerror}") from exc
    identities = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            identities.append(_age().x25519.Identity.from_str(line))
        except Exception as exc:
            raise BackupError(f"the identity file {path} holds a line that is not an age private key") from exc
    if not identities:
        raise BackupError(f"the identity file {path} holds no age private key (AGE-SECRET-KEY-1…)")
    return identities


# --- helpers ---------------------------------------------------------------------------------------------------


def evidence_root() -> Path:
    return Path(storages["evidence"].location)  # type: ignore[attr-defined]


def _evidence_files(root: Path) -> Iterator[tuple[str, Path]]:
    if not root.exists():
        return
    for directory, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            full = Path(directory) / name
            yield full.relative_to(root).as_posix(), full


def _sha256(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


@contextmanager
def _workdir() -> Iterator[Path]:
    """A private scratch directory beside the data (the plaintext tar never leaves the machine)."""
    base = Path(getattr(settings, "BACKUP_WORK_DIR", "") or settings.DATA_DIR)
    base.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=".backup-", dir=base))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(f"{ROOT}/{name}")
    info.size, info.mode, info.mtime = len(data), 0o600, 0
    tar.addfile(info, io.BytesIO(data))


def _add_file(tar: tarfile.TarFile, name: str, path: Path) -> None:
    info = tar.gettarinfo(str(path), arcname=f"{ROOT}/{name}")
    info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
    with path.open("rb") as handle:
        tar.addfile(info, handle)


# --- create ----------------------------------------------------------------------------------------------------


def latest_checkpoint(now: datetime) -> str:
    """A signed checkpoint line of the head (written now if the head moved since the last one); "" if empty."""
    from weerbaar.core.audit_checkpoints import _last_line, checkpoint_write

    if checkpoint_write(now=now)["sequence"] == 0:
        return ""
    return _last_line(Path(settings.AUDIT_CHECKPOINT_FILE))


def backup_create(destination: Path, recipients: list[str], *, now: datetime | None = None) -> Summary:
    """Write one archive to ``destination`` (atomically: a partial file never carries the final name)."""
    if not recipients:
        raise BackupError("at least one --recipient (an age public key) is needed")
    keys = [parse_recipient(text) for text in recipients]
    now = now or clock.now()
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    created_at = now.astimezone(UTC).isoformat(timespec="seconds")
    # Before the snapshot, a provisional key note naming every configured key: while the backup is being made,
    # `keys retire` sees that it may need any of them. The exact ids replace it once the dump is taken.
    keynotes.note_write(destination, created_at=created_at, key_ids=crypto.key_ids())
    try:
        return _backup_write(destination, keys, now, created_at)
    except BaseException:
        if not destination.exists():
            keynotes.note_remove(destination)
        raise


def _backup_write(destination: Path, keys: list[Any], now: datetime, created_at: str) -> Summary:
    members: dict[str, dict[str, Any]] = {}
    with _workdir() as work:
        checkpoint = latest_checkpoint(now)
        dump_path = work / database.member_name()
        dumped = database.dump(dump_path)
        plain = work / "backup.tar"
        with tarfile.open(plain, "w", format=tarfile.PAX_FORMAT) as tar:
            digest, size = _sha256(dump_path)
            members[database.member_name()] = {"sha256": digest, "size": size}
            _add_file(tar, database.member_name(), dump_path)
            dump_path.unlink()
            if checkpoint:
                data = (checkpoint + "\n").encode()
                members[CHECKPOINT] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                _add_bytes(tar, CHECKPOINT, data)
            evidence_count = 0
            for relative, path in _evidence_files(evidence_root()):
                digest, size = _sha256(path)
                members[f"{EVIDENCE}/{relative}"] = {"sha256": digest, "size": size}
                _add_file(tar, f"{EVIDENCE}/{relative}", path)
                evidence_count += 1
            manifest = {
                "format": FORMAT,
                "createdAt": created_at,
                "databaseVendor": connection.vendor,
                "counts": {**dumped.counts, "evidenceFiles": evidence_count},
                "keyEncryptionKeyIds": dumped.key_ids,
                "auditCheckpoint": json.loads(checkpoint) if checkpoint else None,
                "members": members,
            }
            _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
        partial = destination.with_name(destination.name + ".partial")
        # the exact note first: an archive never carries its final name without the note that names its keys
        keynotes.note_write(destination, created_at=created_at, key_ids=dumped.key_ids)
        _age().encrypt_file(str(plain), str(partial), keys)
        os.chmod(partial, 0o600)
        os.replace(partial, destination)
    return Summary(manifest=manifest, path=destination, size=destination.stat().st_size)


# --- open and check --------------------------------------------------------------------------------------------


def _decrypt(source: Path, identities: list[Any], work: Path) -> Path:
    if not Path(source).is_file():
        raise BackupError(f"no backup at {source}")
    plain = work / "backup.tar"
    try:
        _age().decrypt_file(str(source), str(plain), identities)
    except _age().DecryptError as exc:
        message = str(exc).lower()
        if "no matching keys" in message or "no identity matched" in message or "matching" in message:
            raise WrongIdentity(
                "the identity cannot open this backup: it was not encrypted to that key's public key"
            ) from exc
        raise BackupDamaged(f"the backup cannot be decrypted (damaged or not an age file): {exc}") from exc
    except OSError as exc:  # pyrage's streaming decryption reports a truncated or corrupted body this way
        raise BackupDamaged(f"the backup cannot be decrypted: it is damaged or cut short ({exc})") from exc
    return plain


def _safe_name(name: str) -> str:
    """The member's name below ROOT; anything that could escape the target is refused."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts or path.parts[0] != ROOT or len(path.parts) < 2:
        raise BackupDamaged(f"the archive holds an unexpected member {name!r}")
    return PurePosixPath(*path.parts[1:]).as_posix()


def check(plain: Path) -> dict[str, Any]:
    """Every member against the manifest (SHA-256 and size, nothing missing, nothing extra); returns it."""
    seen: dict[str, dict[str, Any]] = {}
    manifest: dict[str, Any] | None = None
    try:
        with tarfile.open(plain, "r:") as tar:
            for info in tar:
                name = _safe_name(info.name)
                if not info.isfile():
                    raise BackupDamaged(f"the archive holds a member that is not a file: {name!r}")
                handle = tar.extractfile(info)
                assert handle is not None
                if name == MANIFEST:
                    manifest = json.loads(handle.read())
                    continue
                digest, size = hashlib.sha256(), 0
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                seen[name] = {"sha256": digest.hexdigest(), "size": size}
    except (tarfile.TarError, ValueError) as exc:
        raise BackupDamaged(f"the archive is not a readable backup: {exc}") from exc
    if manifest is None or manifest.get("format") != FORMAT:
        raise BackupDamaged("the archive has no manifest of a Weerbaar backup (format weerbaar-backup/1)")
    expected = manifest.get("members") or {}
    for name, want in expected.items():
        if name not in seen:
            raise BackupDamaged(f"member {name!r} named in the manifest is missing")
        if seen[name] != {"sha256": want.get("sha256"), "size": want.get("size")}:
            raise BackupDamaged(f"member {name!r} does not match its SHA-256 in the manifest")
    extra = sorted(set(seen) - set(expected))
    if extra:
        raise BackupDamaged(f"member {extra[0]!r} is not in the manifest")
    return manifest


def backup_verify(source: Path, identity_file: Path) -> Summary:
    """Decrypt and check the manifest and every hash, writing nothing outside a scratch directory."""
    identities = read_identities(identity_file)
    with _workdir() as work:
        manifest = check(_decrypt(Path(source), identities, work))
    return Summary(manifest=manifest, path=Path(source), size=Path(source).stat().st_size)


# --- restore ---------------------------------------------------------------------------------------------------


def target_problems() -> list[str]:
    """Why the target is not empty (database tables of ours with rows, files in the evidence store)."""
    problems = []
    tables = database.non_empty_tables()
    if tables:
        shown = ", ".join(tables[:5]) + (" …" if len(tables) > 5 else "")
        problems.append(f"the database holds data ({shown})")
    if next(_evidence_files(evidence_root()), None):
        problems.append(f"the evidence store {evidence_root()} holds files")
    return problems


def _extract_evidence(plain: Path) -> None:
    root = evidence_root()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    with tarfile.open(plain, "r:") as tar:
        for info in tar:
            name = _safe_name(info.name)
            if not name.startswith(EVIDENCE + "/"):
                continue
            target = root / PurePosixPath(name).relative_to(EVIDENCE)
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            handle = tar.extractfile(info)
            assert handle is not None
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                shutil.copyfileobj(handle, out, CHUNK)


def _extract_member(plain: Path, name: str, target: Path) -> None:
    with tarfile.open(plain, "r:") as tar:
        handle = tar.extractfile(f"{ROOT}/{name}")
        assert handle is not None
        with target.open("wb") as out:
            shutil.copyfileobj(handle, out, CHUNK)


def backup_restore(source: Path, identity_file: Path) -> Summary:
    """Bring a backup back into an empty target, then prove it: audit log, ledger replay, evidence hashes."""
    from weerbaar.backups.ledger import LedgerError, ledger_read, ledger_replay
    from weerbaar.core.audit import audit_verify
    from weerbaar.core.audit_checkpoints import CheckpointError, checkpoint_parse
    from weerbaar.incidents.services import evidence_verify_all

    problems = target_problems()
    if problems:
        raise TargetNotEmpty(
            "the target is not empty: " + "; ".join(problems) + ". Restore only into an empty data directory and "
            "an empty (or freshly migrated) database; nothing was changed."
        )
    identities = read_identities(identity_file)
    try:
        ledger_read()  # an unreadable ledger stops the restore before anything is written
    except LedgerError as exc:
        raise BackupError(f"{exc}; nothing was restored") from exc
    with _workdir() as work:
        plain = _decrypt(Path(source), identities, work)
        manifest = check(plain)
        if manifest["databaseVendor"] != connection.vendor:
            raise BackupError(
                f"this backup holds a {manifest['databaseVendor']} database; the target is {connection.vendor}"
            )
        missing = [key_id for key_id in keys_needed(manifest) or [] if key_id not in settings.KEY_ENCRYPTION_KEYS]
        if missing:
            raise KeysMissing(
                f"this backup needs the key-encryption key(s) {', '.join(missing)}, which WEERBAAR_KEY_ENCRYPTION_KEYS "
                "does not hold: without them no case in it can be read. Put them back from the secret store (old "
                "keys are kept with the backups that need them); nothing was restored."
            )
        dump_path = work / database.member_name()
        _extract_member(plain, database.member_name(), dump_path)
        database.load(dump_path)
        dump_path.unlink()
        _extract_evidence(plain)
    connection.close()
    counts = database.current_counts()
    wanted = {name: manifest["counts"][name] for name in counts}
    if counts != wanted:
        raise BackupDamaged(f"the restored database holds {counts}, the manifest says {wanted}")
    expect: list[Expectation] = []
    if manifest.get("auditCheckpoint"):
        try:
            expect.append(checkpoint_parse(json.dumps(manifest["auditCheckpoint"]), 1))
        except CheckpointError as exc:
            raise BackupDamaged(f"the backup's audit checkpoint does not check out: {exc}") from exc
        checkpoint_file = Path(settings.AUDIT_CHECKPOINT_FILE)
        if not checkpoint_file.exists() or not checkpoint_file.stat().st_size:
            checkpoint_file.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(checkpoint_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(json.dumps(manifest["auditCheckpoint"], separators=(",", ":")) + "\n")
    result = audit_verify(expect=expect, use_checkpoints=False)
    if not result.ok:
        raise BackupDamaged(
            f"restored, but the audit log is BROKEN at entry {result.first_broken_sequence}: {result.reason}"
        )
    destroyed = ledger_replay()
    report = evidence_verify_all()
    if report.failed:
        reference, number, why = report.failed[0]
        raise BackupDamaged(
            f"restored, but {len(report.failed)} evidence file(s) fail their SHA-256 check "
            f"(first: {reference} exhibit {number}: {why})"
        )
    return Summary(
        manifest=manifest,
        path=Path(source),
        size=Path(source).stat().st_size,
        destroyed_again=destroyed,
        evidence_checked=report.checked,
        audit_entries=result.checked,
    )


def keys_needed(manifest: dict[str, Any]) -> list[str] | None:
    """The key-encryption key ids a backup's database needs; None for a backup made before manifests named them."""
    ids = manifest.get("keyEncryptionKeyIds")
    return [str(key_id) for key_id in ids] if isinstance(ids, list) else None


def backups_prune(directory: Path, keep: int) -> list[Path]:
    """Remove all but the ``keep`` newest scheduled backups in ``directory`` (with their key notes); returns what
    was removed."""
    found = sorted(directory.glob("weerbaar-backup-*.age"), key=lambda path: path.name, reverse=True)
    removed = found[max(keep, 1) :]
    for path in removed:
        path.unlink(missing_ok=True)
        keynotes.note_remove(path)
    return removed
