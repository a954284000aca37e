"""Workflow history is append-only: the ORM and the database refuse changing and deleting its rows.

The three histories (a case's status changes, a council request's, a referral's events) are written by the real
services; every door that could change or remove a row afterwards is tried: ``save()``, ``QuerySet.update()``,
``delete()``, ``QuerySet.delete()``, deleting the record they belong to, and raw SQL. Only the deliberate path
(``history_erasure``) deletes, and only re-sealing a sealed column updates.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction

from tests.council.factories import make_council_request
from tests.factories import UserFactory, make_case
from tests.network.factories import partner_with_user, referral_in
from weerbaar.accounts.models import Role
from weerbaar.cases import services as case_services
from weerbaar.cases.models import Case, StatusChange
from weerbaar.core.history import AppendOnlyError, HistoryRow, append_only_triggers_present, history_erasure
from weerbaar.council.models import CouncilRequest, CouncilStatusChange
from weerbaar.directory.models import Association
from weerbaar.network.models import Referral, ReferralEvent

pytestmark = pytest.mark.django_db
POSTGRES = connection.vendor == "postgresql"
_PARTNERS = itertools.count()


def _advisor():
    return UserFactory(role=Role.ADVISOR, association=Association.objects.get(code="nvvr"))


def _case_history():
    case, _code = make_case(state="closed", advisor=_advisor())
    return case, StatusChange.objects.filter(case=case), "changed_at"


def _council_history():
    request = make_council_request(actor=UserFactory(role=Role.COORDINATOR), until="exploratory_talk")
    return request, CouncilStatusChange.objects.filter(request=request), "at"


def _referral_history():
    advisor = _advisor()
    case, _code = make_case(state="claimed", advisor=advisor)
    partner, partner_user = partner_with_user(f"pia{next(_PARTNERS)}")
    referral = referral_in("accepted", advisor, case, partner, partner_user=partner_user)
    return referral, ReferralEvent.objects.filter(referral=referral), "at"


HISTORIES = {"case": _case_history, "council": _council_history, "referral": _referral_history}


@pytest.fixture(params=list(HISTORIES))
def history(request, reference_data):
    record, rows, moment = HISTORIES[request.param]()
    assert rows.count() >= 3  # the services wrote it: opening row and steps
    return record, rows, moment


def _as_it_was(rows):
    return list(rows.order_by("id").values())


def test_every_history_model_is_append_only_and_has_its_database_trigger():
    models = [m for m in apps.get_models() if issubclass(m, HistoryRow)]
    assert set(models) == {StatusChange, CouncilStatusChange, ReferralEvent}
    for model in models:
        assert append_only_triggers_present(model), model


def test_saving_a_changed_row_is_refused(history):
    _record, rows, moment = history
    before = _as_it_was(rows)
    row = rows.first()
    setattr(row, moment, getattr(row, moment) - timedelta(days=30))
    with pytest.raises(AppendOnlyError), transaction.atomic():
        row.save()
    with pytest.raises(AppendOnlyError), transaction.atomic():
        row.save(update_fields=[moment])
    assert _as_it_was(rows) == before


def test_a_new_row_with_an_existing_id_does_not_overwrite_it(history):
    _record, rows, _moment = history
    before = _as_it_was(rows)
    row = rows.last()
    row._state.adding = True  # a copy posing as new, with the id of the row it copies
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()
    assert _as_it_was(rows) == before


def test_queryset_update_is_refused(history):
    _record, rows, moment = history
    before = _as_it_was(rows)
    with pytest.raises(AppendOnlyError), transaction.atomic():
        rows.update(**{moment: before[0][moment] - timedelta(days=30)})
    assert _as_it_was(rows) == before


def test_deleting_a_row_or_the_rows_or_the_record_is_refused(history):
    record, rows, _moment = history
    before = _as_it_was(rows)
    with pytest.raises(AppendOnlyError), transaction.atomic():
        rows.first().delete()
    with pytest.raises(AppendOnlyError), transaction.atomic():
        rows.delete()
    with pytest.raises(AppendOnlyError), transaction.atomic():
        record.delete()  # the cascade would take the history with it
    assert _as_it_was(rows) == before
    assert type(record).objects.filter(pk=record.pk).exists()


def test_the_database_refuses_a_raw_update(history):
    _record, rows, moment = history
    before = _as_it_was(rows)
    table = rows.model._meta.db_table
    column = rows.model._meta.get_field(moment).column
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE "{table}" SET "{column}" = %s WHERE id = %s',  # noqa: S608 - names from the model
            [before[0][moment] - timedelta(days=30), before[0]["id"]],
        )
    assert _as_it_was(rows) == before


@pytest.mark.skipif(not POSTGRES, reason="SQLite: Django empties tables with DELETE between tests; the ORM refuses")
def test_the_database_refuses_a_raw_delete(history):
    _record, rows, _moment = history
    before = _as_it_was(rows)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'DELETE FROM "{rows.model._meta.db_table}" WHERE id = %s', [before[0]["id"]])  # noqa: S608 - names from the model
    assert _as_it_was(rows) == before


def test_an_unchanged_raw_update_passes_so_the_trigger_compares_values(history):
    _record, rows, moment = history
    before = _as_it_was(rows)
    table = rows.model._meta.db_table
    column = rows.model._meta.get_field(moment).column
    with connection.cursor() as cursor:
        cursor.execute(f'UPDATE "{table}" SET "{column}" = "{column}" WHERE id = %s', [before[0]["id"]])  # noqa: S608 - names from the model
    assert _as_it_was(rows) == before


def test_a_sealed_reason_can_be_resealed_but_nothing_else_with_it(reference_data):
    advisor = _advisor()
    case, _code = make_case(state="closed", advisor=advisor)
    case_services.case_transition(actor=advisor, reference=case.reference, target="in_progress", reason="Nieuw")
    row = StatusChange.objects.filter(case=case).latest("id")
    resealed = b"another ciphertext of the same text"
    row.sealed_reason = resealed
    row.save(update_fields=["sealed_reason"])  # what a re-seal after a key or associated-data change does
    assert bytes(StatusChange.objects.get(pk=row.pk).sealed_reason) == resealed
    with connection.cursor() as cursor:
        cursor.execute('UPDATE "cases_statuschange" SET "sealed_reason" = %s WHERE id = %s', [b"again", row.pk])
    with pytest.raises(AppendOnlyError), transaction.atomic():
        StatusChange.objects.filter(pk=row.pk).update(sealed_reason=b"x", reason_code="duplicate")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            'UPDATE "cases_statuschange" SET "sealed_reason" = %s, "to_status" = %s WHERE id = %s',
            [b"x", "closed", row.pk],
        )
    assert StatusChange.objects.get(pk=row.pk).to_status == "in_progress"


def test_history_erasure_is_the_one_way_to_delete_a_record_with_its_history(history):
    record, rows, _moment = history
    model = type(record)
    with history_erasure():
        record.delete()
    assert not model.objects.filter(pk=record.pk).exists()
    assert not rows.exists()
    # The permission ended with the block.
    other, other_rows, _ = HISTORIES[{Case: "case", CouncilRequest: "council", Referral: "referral"}[model]]()
    with pytest.raises(AppendOnlyError), transaction.atomic():
        other.delete()
    assert other_rows.exists()
    if POSTGRES:
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f'DELETE FROM "{rows.model._meta.db_table}"')  # noqa: S608 - names from the model
        assert other_rows.exists()
