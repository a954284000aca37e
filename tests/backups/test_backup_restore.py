"""`weerbaar backup create|verify|restore` (issue 13 point 5): the restore drill on SQLite and PostgreSQL.

Create → change → restore into an emptied target: the data equals the snapshot at backup time, the audit log
verifies, every evidence hash matches. A non-empty target, a wrong identity, a changed archive are refused.
The deletion ledger is replayed: a case destroyed after the backup stays destroyed.
"""

from __future__ import annotations

import io
import shutil
import tarfile
from pathlib import Path

import pyrage
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.factories import UserFactory, image_bytes, make_case, minimal_pdf
from weerbaar.backups import archive, database, ledger
from weerbaar.cases.models import Case
from weerbaar.cases.services import case_note_add
from weerbaar.core import clock
from weerbaar.core.audit import audit_verify
from weerbaar.core.models import AuditEntry, AuditHead
from weerbaar.incidents import services, vault
from weerbaar.incidents.models import Evidence

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def target(settings, tmp_path):
    """A data directory of its own: evidence store, checkpoints, ledger and scratch space under tmp_path."""
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
    assert archive.evidence_root() == evidence
    return tmp_path


@pytest.fixture
def keys(tmp_path):
    identity = pyrage.x25519.Identity.generate()
    other = pyrage.x25519.Identity.generate()
    (tmp_path / "key.txt").write_text(f"# created: test\n# public key: {identity.to_public()}\n{identity}\n")
    (tmp_path / "other.txt").write_text(f"{other}\n")
    return {
        "recipient": str(identity.to_public()),
        "identity": tmp_path / "key.txt",
        "other": tmp_path / "other.txt",
    }


@pytest.fixture
def world(reference_data, target):
    advisor = UserFactory(username="adv", role="advisor")
    cases = []
    for files in ((("a.pdf", minimal_pdf()), ("b.png", image_bytes())), (("c.txt", b"screenshot notes\n"),)):
        case, _ = make_case(state="claimed", advisor=advisor)
        for name, data in files:
            services.evidence_add(
                actor=advisor, reference=case.reference, upload=services.Upload(name, data, len(data))
            )
        cases.append(case)
    return {"advisor": advisor, "cases": cases}


def _plain(value):
    return bytes(value) if isinstance(value, memoryview) else value


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table of ours, except what a restore itself appends (audit entries after the backup's
    head, the check's own stamp on evidence)."""
    rows = {}
    for model in database.our_models():
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "last_verified_at"]
        query = model._base_manager.order_by("pk").values_list(*fields)
        rows[model._meta.db_table] = [tuple(_plain(v) for v in row) for row in query]
    return rows


def empty_target() -> None:
    """What a fresh machine has: a migrated database without data and no evidence files."""
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(archive.evidence_root(), ignore_errors=True)


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_restore_drill_brings_back_exactly_the_snapshot(world, keys, target):
    before = snapshot()
    head = AuditEntry.objects.order_by("-sequence").first()
    file = target / "out" / "backup.age"
    output = _run("backup", "create", "--to", str(file), "--recipient", keys["recipient"])
    assert f"Backup written: {file}" in output
    assert "2 cases, 3 evidence records" in output
    assert file.read_bytes().startswith(b"age-encryption.org/v1")
    blob = file.read_bytes()
    # nothing readable without the key: no case reference (twelve characters, never by chance in ciphertext),
    # no SQLite or pg_dump header
    for reference in Case.objects.values_list("reference", flat=True):
        assert reference.encode() not in blob
    assert b"SQLite format 3" not in blob
    assert b"PGDMP" not in blob

    # change after the backup: a new case, a note; then the disk is lost
    make_case()
    case_note_add(actor=world["advisor"], reference=world["cases"][0].reference, text="after the backup")
    empty_target()
    assert not Case.objects.exists()

    output = _run("backup", "restore", str(file), "--identity", str(keys["identity"]))
    assert "Evidence files matching their SHA-256: 3" in output
    assert "Destroyed again from the deletion ledger: 0" in output
    after = snapshot()
    audit_table = AuditEntry._meta.db_table
    restored_audit = [row for row in after.pop(audit_table) if row[1] <= head.sequence]
    before_audit = before.pop(audit_table)
    assert restored_audit == before_audit
    after.pop(AuditHead._meta.db_table), before.pop(AuditHead._meta.db_table)  # moved on by the restore's checks
    assert after == before
    assert audit_verify().ok  # the restored checkpoint file agrees with the chain
    for evidence in Evidence.objects.select_related("case"):
        assert vault.exists(evidence.storage_name)


def test_verify_checks_without_restoring_and_catches_a_changed_member(world, keys, target):
    file = target / "backup.age"
    archive.backup_create(file, [keys["recipient"]])
    output = _run("backup", "verify", str(file), "--identity", str(keys["identity"]))
    assert output.startswith(f"Backup intact: {file}")
    assert Case.objects.count() == 2  # nothing changed

    # re-encrypt a copy with one evidence byte flipped: the manifest no longer matches
    plain = pyrage.decrypt(file.read_bytes(), archive.read_identities(keys["identity"]))
    changed = io.BytesIO()
    with (
        tarfile.open(fileobj=io.BytesIO(plain)) as source,
        tarfile.open(fileobj=changed, mode="w", format=tarfile.PAX_FORMAT) as out,
    ):
        flipped = False
        for info in source:
            data = source.extractfile(info).read()  # type: ignore[union-attr]
            if "/evidence/" in info.name and not flipped:
                data, flipped = data[:-1] + bytes([data[-1] ^ 1]), True
            out.addfile(info, io.BytesIO(data))
    assert flipped
    bad = target / "bad.age"
    bad.write_bytes(pyrage.encrypt(changed.getvalue(), [pyrage.x25519.Recipient.from_str(keys["recipient"])]))
    with pytest.raises(CommandError, match=r"does not match its SHA-256 in the manifest") as exc:
        _run("backup", "verify", str(bad), "--identity", str(keys["identity"]))
    assert exc.value.returncode == archive.BackupDamaged.code


def test_non_empty_target_is_refused_and_nothing_changes(world, keys, target):
    file = target / "backup.age"
    archive.backup_create(file, [keys["recipient"]])
    make_case()
    before = snapshot()
    with pytest.raises(CommandError, match=r"the target is not empty: the database holds data") as exc:
        _run("backup", "restore", str(file), "--identity", str(keys["identity"]))
    assert exc.value.returncode == archive.TargetNotEmpty.code
    assert snapshot() == before

    # evidence files alone also make the target non-empty
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match=r"the evidence store .* holds files"):
        _run("backup", "restore", str(file), "--identity", str(keys["identity"]))


def test_wrong_identity_is_refused_with_a_clear_message(world, keys, target):
    file = target / "backup.age"
    archive.backup_create(file, [keys["recipient"]])
    empty_target()
    with pytest.raises(CommandError, match=r"the identity cannot open this backup") as exc:
        _run("backup", "restore", str(file), "--identity", str(keys["other"]))
    assert exc.value.returncode == archive.WrongIdentity.code
    with pytest.raises(CommandError, match=r"the identity cannot open this backup"):
        _run("backup", "verify", str(file), "--identity", str(keys["other"]))
    assert not Case.objects.exists()  # nothing restored


def test_several_recipients_each_open_it(world, keys, target):
    second = pyrage.x25519.Identity.generate()
    (target / "second.txt").write_text(f"{second}\n")
    file = target / "backup.age"
    _run(
        "backup", "create", "--to", str(file), "--recipient", keys["recipient"], "--recipient", str(second.to_public())
    )
    for identity in (keys["identity"], target / "second.txt"):
        assert "Backup intact" in _run("backup", "verify", str(file), "--identity", str(identity))


def test_invalid_recipient_is_refused_and_writes_nothing(world, target):
    file = target / "backup.age"
    with pytest.raises(CommandError, match=r"not an age public key"):
        _run("backup", "create", "--to", str(file), "--recipient", "AGE-SECRET-KEY-1QQQ")
    assert not file.exists()


def test_destroyed_case_stays_destroyed_after_a_restore(world, keys, target):
    """Issue 13's test: backup → destroy one case → restore → the destroyed case is gone again, the rest intact."""
    gone, kept = world["cases"]
    gone_reference = gone.reference
    gone_files = list(Evidence.objects.filter(case=gone).values_list("storage_name", flat=True))
    file = target / "backup.age"
    archive.backup_create(file, [keys["recipient"]])
    kept_rows = snapshot()

    ledger.remove_case(Case.objects.get(pk=gone.pk), None)  # type: ignore[arg-type]
    ledger.ledger_append(gone_reference, clock.now())
    empty_target()

    output = _run("backup", "restore", str(file), "--identity", str(keys["identity"]))
    assert "Destroyed again from the deletion ledger: 1" in output
    assert "Evidence files matching their SHA-256: 1" in output
    assert not Case.objects.filter(reference=gone_reference).exists()
    assert not any(vault.exists(name) for name in gone_files)
    assert Case.objects.get(reference=kept.reference).pk == kept.pk
    assert Evidence.objects.filter(case__reference=kept.reference).count() == 1
    assert AuditEntry.objects.filter(action="case.destroyed_again", object_id=gone_reference).count() == 1
    assert audit_verify(use_checkpoints=False).ok
    restored = snapshot()
    case_table = Case._meta.db_table
    assert list(restored[case_table]) == [row for row in kept_rows[case_table] if row[0] == kept.pk]


def test_ledger_lines_without_the_audit_key_are_refused(target, reference_data):
    ledger.ledger_append("WB-AAAA-BBBB", clock.now())
    path = Path(target / "ledger" / "deletion-ledger.jsonl")
    assert [entry.reference for entry in ledger.ledger_read()] == ["WB-AAAA-BBBB"]
    assert "WB-AAAA-BBBB" in path.read_text()
    assert "destroyedAt" in path.read_text()
    with path.open("a") as handle:
        handle.write('{"reference":"WB-CCCC-DDDD","destroyedAt":"2026-01-01T00:00:00+00:00","mac":"00"}\n')
    with pytest.raises(ledger.LedgerError, match=r"line 2 is not signed"):
        ledger.ledger_read()


def test_backup_of_an_other_vendor_is_refused(world, keys, target, monkeypatch):
    file = target / "backup.age"
    archive.backup_create(file, [keys["recipient"]])
    empty_target()
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    monkeypatch.setattr(archive.database, "member_name", lambda: "x")
    real_check = archive.check
    monkeypatch.setattr(archive, "check", lambda plain: {**real_check(plain), "databaseVendor": other})
    with pytest.raises(CommandError, match=rf"holds a {other} database"):
        _run("backup", "restore", str(file), "--identity", str(keys["identity"]))
    assert not Case.objects.exists()


def test_scheduled_job_writes_backups_and_keeps_the_newest(world, keys, target, settings):
    from datetime import timedelta

    from weerbaar.backups.jobs import scheduled_backup
    from weerbaar.core import jobs

    assert jobs.JOBS["backup"].run is scheduled_backup
    assert scheduled_backup(clock.now()) == {"skipped": 1}  # no directory, no recipient: nothing written
    settings.BACKUP_DIR = str(target / "backups")
    settings.BACKUP_RECIPIENTS = [keys["recipient"]]
    settings.BACKUP_KEEP = 2
    start = clock.now()
    for day in range(3):
        summary = scheduled_backup(start + timedelta(days=day))
        assert summary["written"] == 1
        assert summary["removed"] == (1 if day == 2 else 0)
    kept = sorted(path.name for path in (target / "backups").glob("*.age"))
    assert len(kept) == 2
    assert sorted(path.name for path in (target / "backups").glob("*.keys.json")) == [f"{n}.keys.json" for n in kept]
    assert kept[0] == f"weerbaar-backup-{start + timedelta(days=1):%Y%m%dT%H%M%SZ}.age"
    newest = target / "backups" / kept[1]
    assert "2 cases" in _run("backup", "verify", str(newest), "--identity", str(keys["identity"]))


def test_replay_of_a_long_ledger_destroys_every_listed_case_and_nothing_else(world, target):
    """More references than a query may carry parameters; a reference that no longer exists is skipped."""
    first, second = world["cases"]
    path = target / "ledger" / "deletion-ledger.jsonl"
    path.parent.mkdir(parents=True)
    lines = [f"WB-GONE-{number:04d}" for number in range(1200)]
    lines[700:700] = [second.reference]
    with path.open("w") as handle:
        for reference in lines:
            stamp = "2026-12-01T10:00:00+00:00"
            handle.write(
                f'{{"reference":"{reference}","destroyedAt":"{stamp}","mac":"{ledger._mac(reference, stamp)}"}}\n'
            )
    assert ledger.ledger_replay() == [second.reference]
    assert list(Case.objects.values_list("reference", flat=True)) == [first.reference]
    assert ledger.ledger_replay() == []  # idempotent


def test_command_line_exit_statuses_name_the_refusal(world, keys, target, capsys):
    """Through the real command line: 3 for a non-empty target, 4 for a wrong key, 5 for a damaged archive."""
    from django.core.management import execute_from_command_line

    file = target / "backup.age"
    archive.backup_create(file, [keys["recipient"]])
    argv = ["weerbaar", "backup", "restore", str(file), "--identity"]
    with pytest.raises(SystemExit) as exc:
        execute_from_command_line([*argv, str(keys["identity"])])
    assert exc.value.code == 3
    assert "the target is not empty" in capsys.readouterr().err
    empty_target()
    with pytest.raises(SystemExit) as exc:
        execute_from_command_line([*argv, str(keys["other"])])
    assert exc.value.code == 4
    damaged = target / "damaged.age"
    damaged.write_bytes(file.read_bytes()[:-100])
    with pytest.raises(SystemExit) as exc:
        execute_from_command_line(["weerbaar", "backup", "verify", str(damaged), "--identity", str(keys["identity"])])
    assert exc.value.code == 5
    assert not Case.objects.exists()
