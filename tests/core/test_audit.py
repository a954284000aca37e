"""The hash-chained audit log (core/audit.py): verification detects every kind of tampering."""

from __future__ import annotations

import itertools
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from weerbaar.accounts import policy
from weerbaar.core.audit import GENESIS_HASH, audit_record, audit_verify, compute_hash
from weerbaar.core.models import AuditEntry, AuditHead

CHAIN_LENGTH = 25
db_hypothesis = hsettings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@contextmanager
def rolled_back():
    """Run a tampering experiment and undo it, so each hypothesis example starts from the intact chain."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def chain(db):
    for n in range(CHAIN_LENGTH):
        audit_record(
            actor=None if n % 3 == 0 else f"user:advisor{n % 4}",
            action=["case.created", "case.claimed", "case.content_read", "case.note_added"][n % 4],
            object_type="case",
            object_id=f"WB-TEST-{n:04d}",
            details={"n": n, "urgent": n % 2 == 0, "nested": {"list": [n, "ë"]}},
        )
    assert audit_verify().ok
    return list(AuditEntry.objects.order_by("sequence"))


def tamper(entry: AuditEntry, field: str) -> None:
    changes = {
        "at": entry.at + timedelta(microseconds=1),
        "actor": entry.actor + "x",
        "action": "case.deleted",
        "object_type": "note",
        "object_id": entry.object_id + "0",
        "details": {**entry.details, "forged": True},
        "previous_hash": "f" * 64,
        "entry_hash": "e" * 64,
    }
    AuditEntry.objects.filter(pk=entry.pk).update(**{field: changes[field]})


def test_empty_log_verifies(db):
    result = audit_verify()
    assert result.ok
    assert result.checked == 0


def test_chain_verifies_after_many_writes(db):
    for n in range(500):
        audit_record(actor=f"user:u{n % 7}", action="case.content_read", object_type="case", object_id=str(n))
    result = audit_verify()
    assert result.ok
    assert result.checked == 500
    head = AuditHead.objects.get(id=1)
    assert head.sequence == 500
    assert head.entry_hash == AuditEntry.objects.get(sequence=500).entry_hash


def test_entries_link_to_their_predecessor(chain):
    assert chain[0].previous_hash == GENESIS_HASH
    for before, after in itertools.pairwise(chain):
        assert after.previous_hash == before.entry_hash
        assert after.sequence == before.sequence + 1


def test_audit_record_joins_the_callers_transaction(db):
    audit_record(actor=None, action="kept")

    def failing_write():
        with transaction.atomic():
            audit_record(actor=None, action="rolled.back")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        failing_write()
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["kept"]
    assert audit_verify().ok


@db_hypothesis
@given(
    index=st.integers(min_value=0, max_value=CHAIN_LENGTH - 1),
    field=st.sampled_from(
        ["at", "actor", "action", "object_type", "object_id", "details", "previous_hash", "entry_hash"]
    ),
)
def test_changing_any_field_of_any_entry_is_detected(chain, index, field):
    with rolled_back():
        tamper(chain[index], field)
        result = audit_verify()
        assert not result.ok
        assert result.first_broken_sequence == chain[index].sequence
        assert result.checked == index


@db_hypothesis
@given(index=st.integers(min_value=0, max_value=CHAIN_LENGTH - 1))
def test_renumbering_an_entry_is_detected(chain, index):
    with rolled_back():
        AuditEntry.objects.filter(pk=chain[index].pk).update(sequence=10_000 + index)
        result = audit_verify()
        assert not result.ok
        assert result.first_broken_sequence == chain[index].sequence


@db_hypothesis
@given(index=st.integers(min_value=0, max_value=CHAIN_LENGTH - 2))
def test_deleting_an_entry_is_detected(chain, index):
    with rolled_back():
        AuditEntry.objects.filter(pk=chain[index].pk).delete()
        result = audit_verify()
        assert not result.ok
        assert result.first_broken_sequence == chain[index].sequence


def test_deleting_the_last_entry_is_detected_through_the_head(chain):
    AuditEntry.objects.filter(pk=chain[-1].pk).delete()
    result = audit_verify()
    assert not result.ok
    assert result.first_broken_sequence == CHAIN_LENGTH
    assert "removed" in result.reason


def test_deleting_the_last_entries_and_the_head_is_detected(chain):
    AuditEntry.objects.filter(sequence__gt=CHAIN_LENGTH - 3).delete()
    AuditHead.objects.all().delete()
    result = audit_verify()
    assert not result.ok


def test_replacing_the_last_entry_with_a_recomputed_forgery_is_detected(chain):
    last = chain[-1]
    fields = {
        "sequence": last.sequence,
        "at": last.at,
        "actor": "user:someone-else",
        "action": last.action,
        "object_type": last.object_type,
        "object_id": last.object_id,
        "details": last.details,
    }
    forged_hash = compute_hash(last.previous_hash, **fields)
    AuditEntry.objects.filter(pk=last.pk).update(actor="user:someone-else", entry_hash=forged_hash)
    result = audit_verify()
    assert not result.ok
    assert result.first_broken_sequence == last.sequence


@db_hypothesis
@given(pair=st.lists(st.integers(min_value=0, max_value=CHAIN_LENGTH - 1), min_size=2, max_size=2, unique=True))
def test_reordering_entries_is_detected(chain, pair):
    i, j = sorted(pair)
    with rolled_back():
        a, b = chain[i], chain[j]
        AuditEntry.objects.filter(pk=a.pk).update(sequence=99_999)
        AuditEntry.objects.filter(pk=b.pk).update(sequence=a.sequence)
        AuditEntry.objects.filter(pk=a.pk).update(sequence=b.sequence)
        result = audit_verify()
        assert not result.ok
        assert result.first_broken_sequence == a.sequence


@db_hypothesis
@given(position=st.integers(min_value=0, max_value=CHAIN_LENGTH - 1))
def test_inserting_a_forged_entry_is_detected(chain, position):
    """Shift the later entries up and slip in a well-formed forgery that links to its predecessor."""
    with rolled_back():
        previous = chain[position - 1].entry_hash if position else GENESIS_HASH
        sequence = position + 1
        for entry in reversed(chain[position:]):
            AuditEntry.objects.filter(pk=entry.pk).update(sequence=entry.sequence + 1)
        forged = {
            "sequence": sequence,
            "at": chain[position].at,
            "actor": "user:mallory",
            "action": "case.content_read",
            "object_type": "case",
            "object_id": "WB-TEST-0000",
            "details": {},
        }
        AuditEntry.objects.create(previous_hash=previous, entry_hash=compute_hash(previous, **forged), **forged)
        result = audit_verify()
        assert not result.ok
        # The forgery links and hashes well, but carries no MAC under the audit key.
        assert result.first_broken_sequence == sequence


def test_appending_a_forged_entry_behind_the_log_is_detected(chain):
    last = chain[-1]
    forged = {
        "sequence": last.sequence + 1,
        "at": last.at,
        "actor": "user:mallory",
        "action": "case.content_read",
        "object_type": "case",
        "object_id": "WB-TEST-0001",
        "details": {},
    }
    AuditEntry.objects.create(
        previous_hash=last.entry_hash, entry_hash=compute_hash(last.entry_hash, **forged), **forged
    )
    result = audit_verify()
    assert not result.ok
    assert result.first_broken_sequence == last.sequence + 1


def test_audit_verify_command_exits_zero_when_intact(chain, capsys):
    call_command("audit", "verify")
    assert f"{CHAIN_LENGTH} entries" in capsys.readouterr().out


def test_audit_verify_command_names_the_first_broken_entry(chain):
    tamper(chain[6], "details")
    tamper(chain[11], "actor")
    with pytest.raises(CommandError, match=r"entry 7\b"):
        call_command("audit", "verify")


def test_reads_of_case_content_are_audited(reference_data):
    from tests.factories import UserFactory, make_case
    from weerbaar.accounts.models import Role
    from weerbaar.cases import selectors, services

    advisor = UserFactory(role=Role.ADVISOR)
    case, _ = make_case(state="claimed", advisor=advisor)
    services.case_note_add(actor=advisor, reference=case.reference, text="notitie")
    services.case_message_send(actor=advisor, reference=case.reference, text="bericht")
    services.case_call_log(
        actor=advisor,
        reference=case.reference,
        occurred_at=case.created_at,
        direction="outgoing",
        summary="gesprek",
        duration_minutes=5,
    )

    def audited(read, action):
        before = AuditEntry.objects.count()
        read(access=policy.access_case(advisor, case.reference))
        new = list(AuditEntry.objects.filter(sequence__gt=before))
        assert [(e.action, e.object_id, e.actor) for e in new] == [(action, case.reference, f"user:{advisor.username}")]

    audited(selectors.case_request_read, "case.content_read")
    audited(selectors.case_notes_read, "case.notes_read")
    audited(selectors.case_messages_read, "case.messages_read")
    audited(selectors.case_calls_read, "case.calls_read")
    assert audit_verify().ok


detail_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53), max_value=2**53)
    | st.text(st.characters(blacklist_characters="\x00", blacklist_categories=["Cs"]), max_size=30),
    lambda c: (
        st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8).filter(lambda k: "\x00" not in k), c, max_size=3)
    ),
    max_leaves=10,
)


@db_hypothesis
@given(details=st.dictionaries(st.sampled_from(["from", "to", "note", "assignee", "ünï"]), detail_values, max_size=4))
def test_details_survive_the_database_round_trip_with_the_same_hash(db, details):
    with rolled_back():
        entry = audit_record(
            actor="user:ä", action="probe", object_type="case", object_id="WB-0000-0000", details=details
        )
        assert AuditEntry.objects.get(pk=entry.pk).details == details
        assert audit_verify().ok


def test_an_entry_is_pending_inside_its_transaction_and_chained_after_the_commit(
    db, django_capture_on_commit_callbacks
):
    audit_record(actor=None, action="before")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        entry = audit_record(actor=None, action="inside")
        assert AuditEntry.objects.get(pk=entry.pk).sequence is None  # no place in the chain, no lock taken
    entry.refresh_from_db()
    assert entry.sequence == 2
    assert entry.previous_hash == AuditEntry.objects.get(sequence=1).entry_hash
    assert audit_verify().ok


def test_a_planted_pending_entry_is_never_chained(chain):
    from weerbaar.core.audit_sealing import audit_seal

    planted = AuditEntry.objects.create(
        sequence=None, at=chain[0].at, actor="user:mallory", action="case.content_read", previous_hash="", mac=""
    )
    audit_seal()
    planted.refresh_from_db()
    assert planted.sequence is None
    result = audit_verify()
    assert not result.ok
    assert "pending without a valid MAC" in result.reason
