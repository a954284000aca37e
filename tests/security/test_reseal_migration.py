"""The data migrations that re-seal every part from the old case-wide associated data to the row's own.

Rows are written the old way (``case:<reference>|<field>``, as before ``core.sealing``), the migration's
functions run, and the live models open them; backwards brings the old associated data back. What cannot be
read (a key that does not unwrap, a value that opens with neither) stops the migration unless the operator says
to skip it. ``weerbaar keys reseal`` runs the same walk on the live models. One test runs the cases migration
through Django's migration executor, down and up again.
"""

from __future__ import annotations

import importlib
import io
import json
from collections import OrderedDict

import pytest
from django.apps import apps as live_apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings
from django.utils import timezone

from tests.factories import UserFactory, make_case
from weerbaar.accounts.models import Role
from weerbaar.aftercare.models import AftercarePlan, CheckIn, HouseholdMember
from weerbaar.cases import services
from weerbaar.cases.choices import MessageSender
from weerbaar.cases.models import Case, CaseMessage, CaseNote, StatusChange
from weerbaar.core import crypto
from weerbaar.core.crypto import DecryptionError
from weerbaar.core.models import AuditEntry
from weerbaar.core.resealing import SKIP_UNREADABLE, MissingKey, Unreadable
from weerbaar.directory.models import Association, Partner
from weerbaar.incidents.models import Evidence, Incident, PoliceReport
from weerbaar.network.models import Consent, Referral

MIGRATIONS = {
    app: importlib.import_module(f"weerbaar.{app}.migrations.{name}")
    for app, name in (
        ("cases", "0004_reseal_parts"),
        ("incidents", "0002_reseal_parts"),
        ("aftercare", "0003_reseal_parts"),
        ("network", "0002_reseal_parts"),
    )
}


def old_seal(case: Case, aad: str, value: object) -> bytes:
    key = case.data_key()
    if isinstance(value, str):
        return crypto.seal_text(key, value, aad=f"case:{case.reference}|{aad}")
    return crypto.seal_json(key, value, aad=f"case:{case.reference}|{aad}")


def old_open(case: Case, aad: str, blob: bytes) -> bytes:
    return crypto.open_sealed(case.data_key(), bytes(blob), aad=f"case:{case.reference}|{aad}")


class AppsAsTheMigrationsKnowThem:
    """The live app registry under the names the migrations were written with: cases' ``Task`` is the to-dos
    app's ``Todo`` now (the same table, and the same part type "task" in its associated data)."""

    MOVED = {"cases.task": "todos.Todo"}

    def get_model(self, app_label: str, model_name: str | None = None):
        label = app_label if model_name is None else f"{app_label}.{model_name}"
        return live_apps.get_model(self.MOVED.get(label.lower(), label))


def run(direction: str) -> None:
    for migration in MIGRATIONS.values():
        getattr(migration, direction)(AppsAsTheMigrationsKnowThem(), None)


@pytest.fixture
def old_world(staff):
    """One case with a part of every kind, sealed the old way (as the rows of a database before the migration)."""
    case, _ = make_case(state="claimed", advisor=staff.advisor)
    case = Case.objects.get(pk=case.pk)
    now = timezone.now()
    rows = {
        "note": CaseNote.objects.create(case=case, author=staff.advisor, created_at=now),
        "message": CaseMessage.objects.create(case=case, sender=MessageSender.OFFICE_HOLDER, created_at=now),
        "incident": Incident.objects.create(
            case=case,
            number=1,
            occurred_on=now.date(),
            learned_on=now.date(),
            related_to_office=True,
            recorded_by="advisor",
            created_at=now,
            updated_at=now,
        ),
        "evidence": Evidence.objects.create(
            case=case,
            number=1,
            sha256="0" * 64,
            size=1,
            media_type="application/pdf",
            storage_name="ab/" + "1" * 40,
            recorded_by="advisor",
            uploaded_at=now,
        ),
    }
    rows["report"] = PoliceReport.objects.create(incident=rows["incident"], updated_by="advisor", updated_at=now)
    plan = AftercarePlan.objects.create(case=case, started_at=now)
    rows["member"] = HouseholdMember.objects.create(plan=plan, number=1, created_at=now, created_by=staff.advisor)
    rows["check_in"] = CheckIn.objects.create(plan=plan, due_at=now, created_at=now)
    partner = Partner.objects.create(name="Partner", kind="peer")
    rows["referral"] = Referral.objects.create(
        case=case, partner=partner, kind="peer", proposed_by=staff.advisor, proposed_at=now, updated_at=now
    )
    rows["consent"] = Consent.objects.create(
        referral=rows["referral"], contact_method="email", given_by="office_holder", method="portal",
        given_at=now, recorded_at=now,
    )  # fmt: skip
    ref = rows["referral"].pk
    # (row, field, old associated data, plain value)
    values = [
        (rows["note"], "sealed_text", "note", "een notitie"),
        (rows["message"], "sealed_text", "message", "een bericht"),
        (rows["incident"], "sealed_details", "incident", {"description": "wat er gebeurde"}),
        (rows["evidence"], "sealed_details", "evidence", {"fileName": "brief.pdf", "sourceUrl": ""}),
        (rows["report"], "sealed_details", "police_report", {"policeReference": "PL-1"}),
        (rows["member"], "sealed_name", "household_name", "Kim"),
        (rows["member"], "sealed_relation", "household_relation", "partner"),
        (rows["check_in"], "sealed_question", "checkin_question", "Hoe gaat het?"),
        (rows["check_in"], "sealed_answer", "checkin_answer", {"text": "goed", "mood": "good"}),
        (rows["referral"], "sealed_question", f"referral:{ref}:question", "de vraag"),
        (rows["referral"], "sealed_report", f"referral:{ref}:report", "het verslag"),
        (rows["consent"], "sealed_contact", f"referral:{ref}:contact", "kim@example.org"),
    ]
    for row, field, aad, value in values:
        type(row).objects.filter(pk=row.pk).update(**{field: old_seal(case, aad, value)})
    # the status changes of make_case have no reason: give the first one an old-style reason
    status = StatusChange.objects.filter(case=case).first()
    StatusChange.objects.filter(pk=status.pk).update(sealed_reason=old_seal(case, "status_reason", "omdat"))
    values.append((status, "sealed_reason", "status_reason", "omdat"))
    return case, values


def fresh(row):
    return type(row).objects.get(pk=row.pk)


def test_forwards_reseals_every_part_so_the_live_models_open_it(old_world):
    _case, values = old_world
    for row, field, _aad, _value in values:
        with pytest.raises(crypto.DecryptionError):
            fresh(row).open(field)  # sealed the old way: the live model refuses it
    run("forwards")
    for row, field, _aad, value in values:
        assert fresh(row).open(field) == value, (type(row).__name__, field)
    run("forwards")  # running twice changes nothing
    for row, field, _aad, value in values:
        assert fresh(row).open(field) == value


def test_backwards_brings_the_old_associated_data_back(old_world):
    case, values = old_world
    run("forwards")
    run("backwards")
    for row, field, aad, value in values:
        plain = old_open(case, aad, getattr(fresh(row), field))
        assert (plain.decode() if isinstance(value, str) else json.loads(plain)) == value


def test_a_value_that_opens_with_neither_stops_the_migration(old_world):
    case, values = old_world
    note = values[0][0]
    CaseNote.objects.filter(pk=note.pk).update(sealed_text=old_seal(case, "something-else", "een geheim"))
    with pytest.raises(Unreadable, match=f"CaseNote {note.pk}: a sealed value opens with neither") as refused:
        run("forwards")
    assert SKIP_UNREADABLE in str(refused.value)
    assert "geheim" not in str(refused.value)
    assert case.reference not in str(refused.value)


def test_the_operator_can_skip_a_value_that_opens_with_neither(old_world, monkeypatch):
    case, values = old_world
    note = values[0][0]
    garbage = old_seal(case, "something-else", "x")
    CaseNote.objects.filter(pk=note.pk).update(sealed_text=garbage)
    monkeypatch.setenv(SKIP_UNREADABLE, "1")
    run("forwards")
    assert bytes(fresh(note).sealed_text) == garbage
    assert fresh(values[1][0]).open("sealed_text") == "een bericht"  # the others were re-sealed


def test_a_wrong_key_under_the_right_key_id_stops_the_migration(old_world):
    """Not "crypto-shredded": a wrong key configured under the case's key id would otherwise skip every case."""
    case, _values = old_world
    wrong = OrderedDict([(case.key_id, b"w" * 32)])
    with override_settings(KEY_ENCRYPTION_KEYS=wrong), pytest.raises(Unreadable, match="does not unwrap"):
        run("forwards")


def test_the_operator_can_skip_a_case_whose_key_does_not_unwrap(old_world, monkeypatch):
    case, values = old_world
    Case.objects.filter(pk=case.pk).update(wrapped_key=b"\x00" * 60)
    with pytest.raises(Unreadable, match=f"CaseNote {values[0][0].pk}: the data key of its case"):
        run("forwards")
    before = bytes(fresh(values[0][0]).sealed_text)
    monkeypatch.setenv(SKIP_UNREADABLE, "1")
    run("forwards")
    assert bytes(fresh(values[0][0]).sealed_text) == before


def test_a_missing_key_encryption_key_stops_the_migration(old_world):
    only_another_key = OrderedDict([("other", b"o" * 32)])
    with override_settings(KEY_ENCRYPTION_KEYS=only_another_key), pytest.raises(MissingKey, match="put it back"):
        run("forwards")


@pytest.mark.django_db(transaction=True)
def test_the_cases_migration_runs_down_and_up_through_the_executor(reference_data):
    advisor = UserFactory(username="advisor_mig", role=Role.ADVISOR, association=Association.objects.get(code="nvvr"))
    case, _ = make_case(state="claimed", advisor=advisor)
    note = services.case_note_add(actor=advisor, reference=case.reference, text="door de executor")
    executor = MigrationExecutor(connection)
    # Every app's leaf, not only cases': going down unapplies the migrations of other apps that depend on
    # cases (notifications, incidents, ...), and the rest of the run needs them back.
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate([("cases", "0003_tasks")])
        case = Case.objects.get(pk=case.pk)
        assert old_open(case, "note", fresh(note).sealed_text) == b"door de executor"
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    assert fresh(note).open("sealed_text") == "door de executor"


def test_keys_reseal_repairs_rows_written_the_old_way_and_is_idempotent(old_world):
    """Rows an old-code process wrote during a rolling deploy, after the migrations ran: ``keys reseal`` re-seals."""
    _case, values = old_world
    out = io.StringIO()
    call_command("keys", "reseal", "--dry-run", stdout=out)
    assert f"Dry run: {len(values)} value(s) would be re-sealed" in out.getvalue()
    with pytest.raises(DecryptionError):
        fresh(values[0][0]).open("sealed_text")  # the dry run changed nothing
    out = io.StringIO()
    call_command("keys", "reseal", stdout=out)
    assert f"Re-sealed {len(values)} value(s)" in out.getvalue()
    for row, field, _aad, value in values:
        assert fresh(row).open(field) == value, (type(row).__name__, field)
    assert AuditEntry.objects.filter(action="keys.resealed").count() == 1
    out = io.StringIO()
    call_command("keys", "reseal", stdout=out)
    assert "Re-sealed 0 value(s)" in out.getvalue()
    assert AuditEntry.objects.filter(action="keys.resealed").count() == 1


def test_keys_reseal_refuses_what_cannot_be_read_and_changes_nothing(old_world):
    case, values = old_world
    consent = next(row for row, *_ in values if isinstance(row, Consent))  # the network's parts come last
    Consent.objects.filter(pk=consent.pk).update(sealed_contact=old_seal(case, "something-else", "x"))
    with pytest.raises(CommandError, match=f"Consent {consent.pk}"):
        call_command("keys", "reseal", stdout=io.StringIO())
    message = values[1][0]
    assert old_open(case, "message", fresh(message).sealed_text) == b"een bericht"  # all of it rolled back
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("keys", "reseal", "--dry-run", stdout=io.StringIO())
