"""`weerbaar audit verify`: exit 0 when the chain is intact, non-zero naming the first broken entry."""

from __future__ import annotations

import pytest
from django.core.management import execute_from_command_line
from django.core.management.base import CommandError

from weerbaar.core.audit import audit_record
from weerbaar.core.models import AuditEntry, AuditHead


@pytest.fixture
def chain(db):
    for number in range(5):
        audit_record(actor="system", action="test.event", object_type="thing", object_id=str(number))


def test_intact_chain_reports_the_number_of_entries_and_the_head(run, chain):
    lines = run("audit", "verify").splitlines()
    assert lines[0] == "Audit log intact: 5 entries"
    head = AuditEntry.objects.get(sequence=5)
    assert lines[1] == f"Chain head: entry 5, sha256 {head.entry_hash}"


def test_empty_log_is_intact(run):
    assert run("audit", "verify").splitlines() == ["Audit log intact: 0 entries", "Checkpoints agreeing: 0"]


def test_changed_details_are_reported_with_the_sequence(run, chain):
    AuditEntry.objects.filter(sequence=3).update(details={"forged": True})
    with pytest.raises(CommandError, match=r"entry 3: entry content does not match its hash"):
        run("audit", "verify")


def test_changed_actor_is_reported(run, chain):
    AuditEntry.objects.filter(sequence=2).update(actor="user:someone-else")
    with pytest.raises(CommandError, match=r"entry 2\b"):
        run("audit", "verify")


def test_deleted_entry_is_reported(run, chain):
    AuditEntry.objects.filter(sequence=4).delete()
    with pytest.raises(CommandError, match=r"entry 4: entry missing from the chain"):
        run("audit", "verify")


def test_deleted_last_entry_is_reported(run, chain):
    AuditEntry.objects.filter(sequence=5).delete()
    with pytest.raises(CommandError, match=r"entry 5: entries after this point were removed"):
        run("audit", "verify")


def test_command_line_exit_code_is_non_zero_when_broken(chain, capsys, keep_connection):
    execute_from_command_line(["weerbaar", "audit", "--skip-checks", "verify"])
    assert "Audit log intact: 5 entries" in capsys.readouterr().out
    AuditEntry.objects.filter(sequence=1).update(object_id="other")
    with pytest.raises(SystemExit) as exc:
        execute_from_command_line(["weerbaar", "audit", "--skip-checks", "verify"])
    assert exc.value.code != 0
    assert "entry 1" in capsys.readouterr().err


def test_contract_verify_exits_non_zero_after_cutting_back_and_after_wiping(reference_data, capsys, keep_connection):
    """Issue 12's contract line, through the real command line."""
    from tests.factories import make_case

    make_case()
    make_case()
    execute_from_command_line(["weerbaar", "audit", "--skip-checks", "verify"])
    assert "Audit log intact" in capsys.readouterr().out
    keep = AuditHead.objects.get(id=1).sequence - 1  # the newest entry deleted, the head edited to match them
    AuditEntry.objects.filter(sequence__gt=keep).delete()
    AuditHead.objects.filter(id=1).update(sequence=keep, entry_hash=AuditEntry.objects.get(sequence=keep).entry_hash)
    with pytest.raises(SystemExit) as exc:
        execute_from_command_line(["weerbaar", "audit", "--skip-checks", "verify"])
    assert exc.value.code != 0
    AuditEntry.objects.all().delete()
    AuditHead.objects.all().delete()
    with pytest.raises(SystemExit) as exc:
        execute_from_command_line(["weerbaar", "audit", "--skip-checks", "verify"])
    assert exc.value.code != 0
    assert "BROKEN" in capsys.readouterr().err
