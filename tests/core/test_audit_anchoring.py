"""The audit log cannot be shortened, rewritten or wiped quietly (issue 12 point 5).

Attacks by someone with write access to the database but without the audit key: each must make
`weerbaar audit verify` fail. MACs (core/audit.py), the head's MAC, signed checkpoints outside the database
(core/audit_checkpoints.py), expected heads (``--expect``) and the newest case as an anchor.
"""

from __future__ import annotations

import importlib
import json
import os
import shlex
import sys

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.core.management.base import CommandError

from weerbaar.core import clock
from weerbaar.core.audit import (
    GENESIS_HASH,
    AuditIntegrityError,
    Expectation,
    audit_record,
    audit_verify,
    compute_hash,
    head_mac,
)
from weerbaar.core.audit_checkpoints import checkpoint_write, checkpoints_read
from weerbaar.core.jobs import JOBS
from weerbaar.core.models import AuditEntry, AuditHead

LENGTH = 12


@pytest.fixture
def chain(db):
    for n in range(LENGTH):
        audit_record(actor=f"user:u{n % 3}", action="case.content_read", object_type="case", object_id=f"WB-{n}")
    assert audit_verify().ok
    return list(AuditEntry.objects.order_by("sequence"))


def cut_back_to(keep: int) -> None:
    """The attack of finding 5: delete the newest entries and edit the head to match what is left."""
    AuditEntry.objects.filter(sequence__gt=keep).delete()
    last = AuditEntry.objects.get(sequence=keep)
    AuditHead.objects.filter(id=1).update(sequence=keep, entry_hash=last.entry_hash)


def test_every_entry_and_the_head_carry_a_mac(chain):
    assert all(len(entry.mac) == 64 for entry in chain)
    head = AuditHead.objects.get(id=1)
    assert head.mac == head_mac(head.sequence, head.entry_hash)


def test_the_mac_depends_on_the_key(chain, settings):
    settings.AUDIT_KEY = b"another key, another installation!"
    result = audit_verify()
    assert not result.ok
    assert result.first_broken_sequence == 1
    assert "MAC" in result.reason


def test_deleting_the_newest_entries_and_editing_the_head_is_detected(chain):
    cut_back_to(LENGTH - 3)
    result = audit_verify()
    assert not result.ok
    assert "head MAC" in result.reason


def test_a_replayed_older_head_is_caught_by_the_checkpoint(chain):
    """The head row copied from an earlier moment (its MAC valid) still fails against a later checkpoint."""
    old_head = AuditHead.objects.values("sequence", "entry_hash", "mac").get(id=1)
    for n in range(3):
        audit_record(actor="system", action="later", object_id=str(n))
    assert checkpoint_write(now=clock.now())["written"] == 1
    AuditEntry.objects.filter(sequence__gt=old_head["sequence"]).delete()
    AuditHead.objects.filter(id=1).update(**old_head)
    assert audit_verify(use_checkpoints=False).ok  # without anything outside the database, it would pass
    result = audit_verify()
    assert not result.ok
    assert result.first_broken_sequence == LENGTH + 1
    assert "checkpoint" in result.reason


def test_a_replayed_older_head_is_caught_by_an_expected_head(chain):
    old_head = AuditHead.objects.values("sequence", "entry_hash", "mac").get(id=1)
    audit_record(actor="system", action="later")
    recorded = AuditEntry.objects.get(sequence=LENGTH + 1)
    AuditEntry.objects.filter(sequence__gt=LENGTH).delete()
    AuditHead.objects.filter(id=1).update(**old_head)
    result = audit_verify(expect=[Expectation(recorded.sequence, recorded.entry_hash)])
    assert not result.ok
    assert "expected head" in result.reason


def test_a_full_rewrite_with_recomputed_hashes_is_detected(chain):
    """Without the key every hash can be recomputed, but no MAC: the rewritten log does not verify."""
    previous = GENESIS_HASH
    for entry in chain:
        fields = {
            "sequence": entry.sequence,
            "at": entry.at,
            "actor": "user:mallory" if entry.sequence == 2 else entry.actor,
            "action": entry.action,
            "object_type": entry.object_type,
            "object_id": entry.object_id,
            "details": entry.details,
        }
        new_hash = compute_hash(previous, **fields)
        AuditEntry.objects.filter(pk=entry.pk).update(
            actor=fields["actor"], previous_hash=previous, entry_hash=new_hash
        )
        previous = new_hash
    AuditHead.objects.filter(id=1).update(entry_hash=previous)
    result = audit_verify()
    assert not result.ok
    assert result.first_broken_sequence == 2
    assert "MAC" in result.reason


def test_a_wiped_log_is_refused_while_cases_exist(reference_data):
    from tests.factories import make_case

    make_case()
    assert audit_verify().ok
    AuditEntry.objects.all().delete()
    AuditHead.objects.all().delete()
    result = audit_verify(use_checkpoints=False)
    assert not result.ok
    assert "newest case" in result.reason


def test_a_log_cut_back_to_before_the_newest_case_is_refused(reference_data):
    """Even with a head that checks out (here: rewritten by the application itself, as a replay would)."""
    from tests.factories import make_case

    make_case()
    keep = AuditEntry.objects.count()
    make_case()
    assert audit_verify().ok
    AuditEntry.objects.filter(sequence__gt=keep).delete()
    last = AuditEntry.objects.get(sequence=keep)
    AuditHead.objects.filter(id=1).update(
        sequence=keep, entry_hash=last.entry_hash, mac=head_mac(keep, last.entry_hash)
    )
    result = audit_verify(use_checkpoints=False)
    assert not result.ok
    assert "newest case" in result.reason


def test_an_unsigned_checkpoint_line_is_refused(chain, settings):
    checkpoint_write(now=clock.now())
    path = settings.AUDIT_CHECKPOINT_FILE
    line = json.loads(path.read_text().splitlines()[0])
    line["sequence"] = 3
    with path.open("a") as handle:
        handle.write(json.dumps(line) + "\n")
    result = audit_verify()
    assert not result.ok
    assert "not signed" in result.reason


def test_checkpoints_are_written_once_per_head_and_agree(chain, settings):
    assert checkpoint_write(now=clock.now()) == {"written": 1, "sequence": LENGTH}
    assert checkpoint_write(now=clock.now()) == {"written": 0, "sequence": LENGTH}
    audit_record(actor="system", action="later")
    assert JOBS["audit_checkpoint"].run(clock.now()) == {"written": 1, "sequence": LENGTH + 1}
    assert [c.sequence for c in checkpoints_read()] == [LENGTH, LENGTH + 1]
    assert os.stat(settings.AUDIT_CHECKPOINT_FILE).st_mode & 0o077 == 0
    result = audit_verify()
    assert result.ok
    assert result.checkpoints == 2


def test_checkpoints_also_go_to_the_operators_command(chain, settings, tmp_path):
    outside = tmp_path / "append-only.log"
    settings.AUDIT_CHECKPOINT_COMMAND = shlex.join(
        [sys.executable, "-c", f"import sys; open({str(outside)!r}, 'a').write(sys.stdin.read())"]
    )
    checkpoint_write(now=clock.now())
    assert outside.read_text() == settings.AUDIT_CHECKPOINT_FILE.read_text()
    assert json.loads(outside.read_text())["sequence"] == LENGTH


def test_a_tampered_head_is_never_checkpointed(chain, settings):
    cut_back_to(LENGTH - 1)
    with pytest.raises(AuditIntegrityError):
        checkpoint_write(now=clock.now())
    assert not settings.AUDIT_CHECKPOINT_FILE.exists()


def test_the_upgrade_migration_macs_existing_entries(chain):
    AuditEntry.objects.update(mac="")
    AuditHead.objects.update(mac="")
    assert not audit_verify().ok
    migration = importlib.import_module("weerbaar.core.migrations.0005_audit_mac")
    migration.mac_existing(django_apps, None)
    assert audit_verify().ok


def test_expect_parses_and_rejects(chain):
    head = chain[-1]
    assert Expectation.parse(f"{head.sequence}:{head.entry_hash}") == Expectation(head.sequence, head.entry_hash)
    for bad in ("12", "x:" + "a" * 64, "3:abc", "3:" + "g" * 64):
        with pytest.raises(ValueError):
            Expectation.parse(bad)


def test_command_expect_and_checkpoint(chain, capsys):
    head = chain[-1]
    call_command("audit", "checkpoint")
    call_command("audit", "verify", "--expect", f"{head.sequence}:{head.entry_hash}")
    out = capsys.readouterr().out
    assert f"Chain head: entry {LENGTH}, sha256 {head.entry_hash}" in out
    assert "Checkpoints agreeing: 1" in out
    with pytest.raises(CommandError, match=r"expected head"):
        call_command("audit", "verify", "--expect", f"3:{head.entry_hash}")
    with pytest.raises(CommandError, match=r"SEQUENCE:HASH"):
        call_command("audit", "verify", "--expect", "nonsense")
