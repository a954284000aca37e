"""Encryption at rest: after real case work, no plaintext of case content is anywhere in the database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from django.db import connection

from tests.security.scenario import PLAINTEXTS, as_bytes, needles, run_case_work, scan_all_tables
from weerbaar.cases.models import Case, CaseCall, CaseMessage, CaseNote, StatusChange
from weerbaar.core.models import AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)


def test_scan_finds_plaintext_when_it_is_there(staff):
    """Guard against a blind scanner: a plaintext written on purpose must be found."""
    AuditEntry.objects.create(
        sequence=999_999,
        at="2026-01-01T00:00:00Z",
        actor="test",
        action="probe",
        details={"oops": PLAINTEXTS["description"]},
        previous_hash="0" * 64,
        entry_hash="1" * 64,
    )
    assert ("core_auditentry", "details", "description") in scan_all_tables()


def test_no_case_content_in_any_column_of_any_table(staff):
    scenario = run_case_work(staff)
    assert Case.objects.filter(reference=scenario.reference).exists()
    assert scan_all_tables() == []


def test_sealed_columns_hold_ciphertext_only(staff):
    scenario = run_case_work(staff)
    case = Case.objects.get(reference=scenario.reference)
    blobs = [bytes(case.sealed_request), bytes(case.wrapped_key)]
    blobs += [bytes(n.sealed_text) for n in CaseNote.objects.filter(case=case)]
    blobs += [bytes(m.sealed_text) for m in CaseMessage.objects.filter(case=case)]
    blobs += [bytes(c.sealed_summary) for c in CaseCall.objects.filter(case=case)]
    blobs += [bytes(s.sealed_reason) for s in StatusChange.objects.filter(case=case) if s.sealed_reason]
    assert len(blobs) == 2 + 1 + 2 + 1 + 2
    for blob in blobs:
        assert len(blob) > 28
        for forms in needles().values():
            assert not any(form in blob for form in forms)


def test_incident_columns_and_evidence_files_hold_ciphertext_only(staff):
    from weerbaar.incidents import vault
    from weerbaar.incidents.models import DamageItem, Evidence, Incident, PoliceReport

    scenario = run_case_work(staff)
    case = Case.objects.get(reference=scenario.reference)
    blobs = [bytes(i.sealed_details) for i in Incident.objects.filter(case=case)]
    blobs += [bytes(e.sealed_details) for e in Evidence.objects.filter(case=case)]
    blobs += [bytes(p.sealed_details) for p in PoliceReport.objects.filter(incident__case=case)]
    blobs += [bytes(d.sealed_description) for d in DamageItem.objects.filter(case=case)]
    stored = []
    for evidence in Evidence.objects.filter(case=case):
        for name in (evidence.storage_name, evidence.preview_storage_name, evidence.blurred_storage_name):
            if name:
                with vault.evidence_storage().open(name, "rb") as handle:
                    stored.append(handle.read())
    assert len(blobs) == 1 + 2 + 1 + 1
    assert len(stored) == 2 + 1 + 1  # the image with its two renditions, the text file
    for blob in blobs + stored:
        for forms in needles().values():
            assert not any(form in blob for form in forms)
    for data in stored:
        assert not data.startswith((b"\x89PNG", b"\xff\xd8", b"Transcriptie"))
        for evidence in Evidence.objects.filter(case=case):
            assert evidence.storage_name.encode() not in data


def test_follow_up_code_and_session_token_are_not_stored(staff):
    scenario = run_case_work(staff)
    code = scenario.follow_up_code.replace("-", "")
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    raw = as_bytes(value)
                    assert code.encode() not in raw.upper(), table
                    assert scenario.follow_up_code.encode() not in raw, table
                    assert scenario.session_token.encode() not in raw, table


def test_sqlite_database_file_contains_no_plaintext(staff, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("raw file scan applies to the embedded SQLite database only; columns are scanned above")
    run_case_work(staff)
    connection.ensure_connection()
    raw = connection.connection
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    files = []
    if not connection.is_in_memory_db():
        name = connection.settings_dict["NAME"]
        files += [name, f"{name}-wal"]
    # Page-by-page copy: includes free pages, where deleted rows linger.
    copy = tmp_path / "copy.sqlite3"
    target = sqlite3.connect(copy)
    raw.backup(target)
    target.close()
    files.append(str(copy))
    scanned = 0
    for path in files:
        if not Path(path).exists():
            continue
        data = Path(path).read_bytes()
        scanned += len(data)
        for label, forms in needles().items():
            assert not any(form in data for form in forms), f"{label} in plain text in {path}"
    assert scanned > 10_000
    # And the scan is not blind: the reference (plain metadata) is in the file.
    assert Case.objects.values_list("reference", flat=True).first().encode() in copy.read_bytes()


def test_no_audit_entry_contains_case_content(staff):
    scenario = run_case_work(staff)
    entries = list(AuditEntry.objects.filter(object_id=scenario.reference))
    assert {"case.created", "case.note_added", "case.content_read", "case.notes_read", "case.calls_read"} <= {
        e.action for e in entries
    }
    for entry in AuditEntry.objects.all():
        text = " ".join(
            str(v) for v in (entry.actor, entry.action, entry.object_type, entry.object_id, entry.details)
        ).encode()
        for label, forms in needles().items():
            assert not any(form in text for form in forms), (entry.sequence, label)
