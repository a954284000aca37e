"""The data migration's function: CasePhone for every existing case, idempotent, skipping unreadable cases."""

from __future__ import annotations

import pytest

from tests.factories import make_case
from weerbaar.telephony.models import CasePhone
from weerbaar.telephony.numbers import phone_hash
from weerbaar.telephony.services import case_phones_backfill

pytestmark = pytest.mark.django_db


def test_backfill_indexes_cases_that_existed_before_the_phone_line(reference_data):
    first, _ = make_case(phone="06 12345678")
    second, _ = make_case(phone="+31 70 373 8314")
    without, _ = make_case(phone="", preferredContact="email")
    CasePhone.objects.all().delete()  # as before the migration

    assert case_phones_backfill() == 2
    assert set(CasePhone.objects.values_list("case_id", "phone_hash")) == {
        (first.pk, phone_hash("+31612345678")),
        (second.pk, phone_hash("+31703738314")),
    }
    assert not CasePhone.objects.filter(case=without).exists()


def test_backfill_twice_changes_nothing(reference_data):
    make_case()
    CasePhone.objects.all().delete()
    assert case_phones_backfill() == 1
    assert case_phones_backfill() == 0
    assert CasePhone.objects.count() == 1


def test_backfill_skips_a_case_whose_key_is_gone(reference_data):
    from weerbaar.cases.models import Case

    shredded, _ = make_case()
    kept, _ = make_case(phone="0612345679")
    Case.objects.filter(pk=shredded.pk).update(wrapped_key=b"\x00" * 60)  # crypto-shredded
    CasePhone.objects.all().delete()
    assert case_phones_backfill() == 1
    assert list(CasePhone.objects.values_list("case_id", flat=True)) == [kept.pk]


def test_the_data_migration_indexes_with_its_historical_models(reference_data):
    """The migration opens the historical rows itself (the live service opens a case only with an access object)."""
    import importlib

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from weerbaar.cases.models import Case

    case, _ = make_case(phone="06 12345678")
    shredded, _ = make_case(phone="0612345679")
    Case.objects.filter(pk=shredded.pk).update(wrapped_key=b"\x00" * 60)
    CasePhone.objects.all().delete()
    state = MigrationExecutor(connection).loader.project_state(("telephony", "0002_case_phones"))
    migration = importlib.import_module("weerbaar.telephony.migrations.0002_case_phones")
    migration.forwards(state.apps, None)
    migration.forwards(state.apps, None)  # twice changes nothing
    assert list(CasePhone.objects.values_list("case_id", "phone_hash")) == [(case.pk, phone_hash("+31612345678"))]
