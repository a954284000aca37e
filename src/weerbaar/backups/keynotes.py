"""Key notes: beside every backup archive, in plain, the key-encryption key ids its database needs.

An archive is encrypted to the offline backup key, so the server cannot open it to see which key-encryption keys
its wrapped data keys need. ``backup_create`` therefore writes ``<archive>.keys.json`` next to the archive:

    {"format": "weerbaar-backup-keys/1", "archive": "weerbaar-backup-20261207T020000Z.age",
     "createdAt": "2026-12-07T02:00:00+00:00", "keyEncryptionKeyIds": ["2026a"]}

— the same ids as the manifest inside (``keyEncryptionKeyIds``), read from the dump's own snapshot. Key ids are
names, not keys, and the note holds nothing about any case. It is written before the archive gets its final name,
and pruned with it. Nobody gains by forging one: whoever can change a note beside an archive can delete the
archive.

``weerbaar keys retire KEY_ID`` asks ``backups_key_use`` (registered as a ``core.keyusers.KeyUser``): every
``*.age`` file in ``WEERBAAR_BACKUP_DIR`` is a kept backup; one whose note names the key needs it, and one without
a readable note (an archive from before key notes, a note lost or damaged) may need it — both refuse the
retirement. So does a note whose archive is not there (yet): ``backup_create`` writes a provisional note naming
every configured key before it takes the snapshot, and the exact one before the archive gets its name, so a backup
being made holds back every key it may need. Archives kept elsewhere (off-site copies, manual
``backup create --to``) are the operator's to check: their notes travel with them, and ``backup verify`` prints
the ids from the manifest (docs/operations.md).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from django.conf import settings

from weerbaar.core.keyusers import KeyUse

NOTE_FORMAT = "weerbaar-backup-keys/1"
NOTE_SUFFIX = ".keys.json"


class KeyNoteError(Exception):
    """A note is missing or unreadable: which keys the archive needs is unknown."""


def note_path(archive: Path) -> Path:
    return archive.with_name(archive.name + NOTE_SUFFIX)


def note_write(archive: Path, *, created_at: str, key_ids: list[str]) -> Path:
    """Write the note of ``archive`` (atomically; the archive need not exist yet)."""
    note = {
        "format": NOTE_FORMAT,
        "archive": archive.name,
        "createdAt": created_at,
        "keyEncryptionKeyIds": sorted(key_ids),
    }
    path = note_path(archive)
    partial = path.with_name(path.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(note, handle, indent=1)
        handle.write("\n")
    os.replace(partial, path)
    return path


def note_read(archive: Path) -> dict[str, Any]:
    """The note of ``archive``; ``KeyNoteError`` says why it cannot be trusted to name the keys."""
    path = note_path(archive)
    try:
        note = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KeyNoteError("it has no key note (made before key notes, or the note was lost)") from None
    except (OSError, ValueError) as exc:
        raise KeyNoteError(f"its key note {path.name} cannot be read") from exc
    if not isinstance(note, dict):
        raise KeyNoteError(f"its key note {path.name} is not the note of this archive")
    ids = note.get("keyEncryptionKeyIds")
    if (
        note.get("format") != NOTE_FORMAT
        or note.get("archive") != archive.name
        or not isinstance(ids, list)
        or not all(isinstance(key_id, str) for key_id in ids)
    ):
        raise KeyNoteError(f"its key note {path.name} is not the note of this archive")
    return note


def note_remove(archive: Path) -> None:
    note_path(archive).unlink(missing_ok=True)


def kept_archives(directory: Path) -> list[Path]:
    """Every backup archive in ``directory`` (the job's and any other ``*.age`` file put there), oldest name first."""
    if not directory.is_dir():
        return []
    return sorted(path for path in directory.glob("*.age") if path.is_file())


def backups_key_use(key_id: str) -> KeyUse:
    """Which kept backups need (or may need) the key-encryption key ``key_id``."""
    if not settings.BACKUP_DIR:
        return KeyUse(checked="no kept backups to check: WEERBAAR_BACKUP_DIR is not set")
    directory = Path(settings.BACKUP_DIR)
    archives = kept_archives(directory)
    needs = []
    for archive in archives:
        try:
            note = note_read(archive)
        except KeyNoteError as exc:
            needs.append(f"backup {archive.name} may need it: {exc}")
            continue
        if key_id in note["keyEncryptionKeyIds"]:
            needs.append(f"backup {archive.name} (made {note.get('createdAt', '?')}) needs it")
    for note_file in sorted(directory.glob(f"*{NOTE_SUFFIX}")):
        archive = note_file.with_name(note_file.name.removesuffix(NOTE_SUFFIX))
        if archive.exists():
            continue  # seen above
        try:
            note = note_read(archive)
        except KeyNoteError:
            continue  # a note of no archive that names nothing readable: nothing can need a key through it
        if key_id in note["keyEncryptionKeyIds"]:
            needs.append(
                f"backup {archive.name} is being made and may need it (if no backup is running, its archive was "
                f"removed by hand: then remove {note_file.name} too)"
            )
    advice = (
        f"Keep the key until these backups are gone: the backup job keeps the newest {settings.BACKUP_KEEP} "
        "(WEERBAAR_BACKUP_KEEP), and a backup made after `weerbaar keys rotate` no longer needs the key; or delete "
        "them (and every copy) deliberately."
    )
    return KeyUse(checked=f"checked {len(archives)} kept backup(s) in {directory}", needs=needs, advice=advice)
