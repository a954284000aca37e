"""The data migrations that re-seal every part from the old case-wide associated data to the row's own.

Rows are written the old way (``case:<reference>|<field>``, as before ``core.sealing``), the migration's
functions run, and the live models open them; backwards brings the old associated data back. One test runs
the cases migration through Django's migration executor, down and up again.
"""

from __future__ import annotations

import importlib
import json
from collections import OrderedDict

import pytest
from django.apps import apps as live_apps
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
from weerbaar.core.resealing import MissingKey
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
            channel="email",
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


def test_a_value_that_opens_with_neither_is_left_as_it_was(old_world):
    case, values = old_world
    note = values[0][0]
    garbage = old_seal(case, "something-else", "x")
    CaseNote.objects.filter(pk=note.pk).update(sealed_text=garbage)
    run("forwards")
    assert bytes(fresh(note).sealed_text) == garbage
    assert fresh(values[1][0]).open("sealed_text") == "een bericht"  # the others were re-sealed


def test_a_crypto_shredded_case_is_skipped(old_world):
    case, values = old_world
    Case.objects.filter(pk=case.pk).update(wrapped_key=b"\x00" * 60)
    before = bytes(fresh(values[0][0]).sealed_text)
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
    latest = executor.loader.graph.leaf_nodes("cases")
    try:
        executor.migrate([("cases", "0003_tasks")])
        case = Case.objects.get(pk=case.pk)
        assert old_open(case, "note", fresh(note).sealed_text) == b"door de executor"
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    assert fresh(note).open("sealed_text") == "door de executor"
