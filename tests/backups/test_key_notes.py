"""Backups name the key-encryption keys they need (manifest and key note), and a kept backup holds a key back from
retirement until it ages out (issue 13 point 6); a restore without a needed key is refused before anything is written.
"""

from __future__ import annotations

import io
import json
import shutil
from collections import OrderedDict
from datetime import timedelta
from pathlib import Path

import pyrage
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.council.factories import make_council_request
from tests.factories import make_case
from weerbaar.backups import archive, keynotes
from weerbaar.backups.jobs import scheduled_backup
from weerbaar.cases.models import Case
from weerbaar.core import clock
from weerbaar.core.models import AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)

NEW_KEY = b"b" * 32


@pytest.fixture
def target(settings, tmp_path):
    """A data directory of its own (evidence store, checkpoints, ledger, scratch) and a backup directory."""
    evidence = tmp_path / "data" / "evidence"
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": {
            **settings.STORAGES["evidence"],
            "OPTIONS": {**settings.STORAGES["evidence"]["OPTIONS"], "location": str(evidence)},
        },
    }
    settings.DATA_DIR = tmp_path / "data"
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "data" / "audit-checkpoints.jsonl"
    settings.DELETION_LEDGER_FILE = tmp_path / "ledger" / "deletion-ledger.jsonl"
    identity = pyrage.x25519.Identity.generate()
    (tmp_path / "key.txt").write_text(f"{identity}\n")
    settings.BACKUP_DIR = str(tmp_path / "backups")
    settings.BACKUP_RECIPIENTS = [str(identity.to_public())]
    settings.BACKUP_KEEP = 2
    return tmp_path


@pytest.fixture
def old_id():
    return next(iter(django_settings.KEY_ENCRYPTION_KEYS))


@pytest.fixture
def both_keys(settings, old_id):
    """Put a new key first, keeping the old one (what the operator does before ``keys rotate``)."""
    old_key = django_settings.KEY_ENCRYPTION_KEYS[old_id]

    def put_first() -> None:
        settings.KEY_ENCRYPTION_KEYS = OrderedDict([("2027b", NEW_KEY), (old_id, old_key)])

    return put_first


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _manifest(file: Path, identity: Path) -> dict:
    summary = archive.backup_verify(file, identity)
    return summary.manifest


def test_manifest_and_note_name_every_key_the_dump_uses(reference_data, target, both_keys, old_id):
    make_case()
    both_keys()
    make_council_request()  # wrapped under the new key; the case still under the old one
    file = target / "out" / "manual.age"
    archive.backup_create(file, django_settings.BACKUP_RECIPIENTS)

    assert _manifest(file, target / "key.txt")["keyEncryptionKeyIds"] == sorted(["2027b", old_id])
    note = json.loads((target / "out" / "manual.age.keys.json").read_text())
    assert note["keyEncryptionKeyIds"] == sorted(["2027b", old_id])
    assert note["archive"] == "manual.age"
    assert set(note) == {"format", "archive", "createdAt", "keyEncryptionKeyIds"}  # names only, no case data
    output = _run("backup", "verify", str(file), "--identity", str(target / "key.txt"))
    assert f"Key-encryption keys it needs: {', '.join(sorted(['2027b', old_id]))}" in output


def test_a_kept_backup_holds_the_old_key_until_it_ages_out(reference_data, target, both_keys, old_id):
    make_case(description="Voor de rotatie")
    start = clock.now()
    assert scheduled_backup(start)["written"] == 1  # under the old key only
    both_keys()
    _run("keys", "rotate")

    with pytest.raises(CommandError, match=r"still needed \(backups\): backup weerbaar-backup-.*\.age") as refused:
        _run("keys", "retire", old_id)
    assert refused.value.returncode == 4
    assert "the backup job keeps the newest 2" in str(refused.value)
    assert AuditEntry.objects.filter(action="keys.retirement_refused").order_by("id").last().details == {
        "reason": "backups",
        "count": 1,
    }

    # two newer backups (made after the rotation, under the new key only) push the old one out
    for day in (1, 2):
        scheduled_backup(start + timedelta(days=day))
    kept = sorted(path.name for path in (target / "backups").iterdir())
    assert len(kept) == 4  # two archives, each with its key note; the old archive's note went with it
    assert all(
        json.loads((target / "backups" / f"{name}.keys.json").read_text())["keyEncryptionKeyIds"] == ["2027b"]
        for name in kept
        if name.endswith(".age")
    )

    out = _run("keys", "retire", old_id)
    assert "checked 2 kept backup(s) in" in out
    assert AuditEntry.objects.filter(action="keys.retired", object_id=old_id).count() == 1


@pytest.mark.parametrize("damage", ["missing", "garbage", "other archive"])
def test_a_backup_without_a_readable_note_may_need_the_key_and_refuses(reference_data, target, old_id, damage):
    make_case()
    scheduled_backup(clock.now())
    [file] = keynotes.kept_archives(Path(django_settings.BACKUP_DIR))
    note = keynotes.note_path(file)
    if damage == "missing":
        note.unlink()
    elif damage == "garbage":
        note.write_text("{not json")
    else:
        note.write_text(note.read_text().replace(file.name, "weerbaar-backup-other.age"))
    # even a key that no record and no note names: the backup without a readable note may need it
    with pytest.raises(CommandError, match=f"backup {file.name} may need it") as refused:
        _run("keys", "retire", "2019z")
    assert refused.value.returncode == 4


def test_restore_without_a_key_the_backup_needs_is_refused_before_anything_is_written(
    reference_data, target, settings, old_id
):
    make_case()
    file = target / "backup.age"
    archive.backup_create(file, django_settings.BACKUP_RECIPIENTS)
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(archive.evidence_root(), ignore_errors=True)
    settings.KEY_ENCRYPTION_KEYS = OrderedDict([("2027b", NEW_KEY)])  # the old key was retired too early

    with pytest.raises(CommandError, match=f"needs the key-encryption key\\(s\\) {old_id}, which") as refused:
        _run("backup", "restore", str(file), "--identity", str(target / "key.txt"))
    assert refused.value.returncode == 6
    assert not Case.objects.exists()


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    ids=st.lists(st.text(min_size=1, max_size=32), max_size=5, unique=True),
    junk=st.binary(max_size=200),
)
def test_note_round_trips_and_anything_else_is_a_clear_refusal(tmp_path, ids, junk):
    """A note written is read back with the same ids; any other bytes in its place give KeyNoteError, no crash."""
    file = tmp_path / "weerbaar-backup-x.age"
    keynotes.note_write(file, created_at="2026-12-07T02:00:00+00:00", key_ids=ids)
    assert keynotes.note_read(file)["keyEncryptionKeyIds"] == sorted(ids)
    keynotes.note_path(file).write_bytes(junk)
    try:
        note = keynotes.note_read(file)
    except keynotes.KeyNoteError:
        pass
    else:  # only a well-formed note of this very archive is accepted
        assert note["archive"] == file.name


def test_a_backup_being_made_holds_back_every_key_it_may_need(reference_data, target, both_keys, old_id, monkeypatch):
    """Rotation and retirement while the backup job is taking its snapshot: the snapshot still holds the old
    wrapping, so the retirement must wait for that backup, too."""
    from weerbaar.backups import database

    make_case()
    both_keys()
    real_dump = database.dump
    seen: dict[str, object] = {}

    def dump_then_rotate_and_retire(path):
        dumped = real_dump(path)  # the snapshot: the case under the old key
        _run("keys", "rotate")
        with pytest.raises(CommandError, match="is being made and may need it") as refused:
            _run("keys", "retire", old_id)
        seen["status"] = refused.value.returncode
        return dumped

    monkeypatch.setattr(database, "dump", dump_then_rotate_and_retire)
    scheduled_backup(clock.now())
    assert seen == {"status": 4}
    [file] = keynotes.kept_archives(Path(django_settings.BACKUP_DIR))
    assert keynotes.note_read(file)["keyEncryptionKeyIds"] == [old_id]  # exactly what the snapshot holds
    with pytest.raises(CommandError, match=f"backup {file.name} .* needs it"):
        _run("keys", "retire", old_id)


def test_a_failed_backup_leaves_no_note_behind(reference_data, target, monkeypatch):
    make_case()

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(pyrage, "encrypt_file", broken)
    with pytest.raises(OSError, match="disk full"):
        scheduled_backup(clock.now())
    assert list((target / "backups").iterdir()) == []
    assert "checked 0 kept backup(s)" in _run("keys", "retire", "2019z")
