"""A case's municipality is sealed with its request (issue 12, point 6).

Role + municipality names a burgemeester, so the municipality is no plain column any more: the province is (every
municipal case gets its municipality's), routing goes by role. Lists show the province; the case page shows the
municipality to whoever reads the request. Migrations ``cases/0008_municipality_sealed`` and ``0009`` move existing
cases both ways.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import make_case
from weerbaar.cases.models import Case
from weerbaar.directory.models import Municipality

BEFORE = ("cases", "0007_queue_covering_indexes")
SEALED = ("cases", "0009_municipality_column_removed")


def columns() -> set[str]:
    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, "cases_case")}


def request_of(case: Case) -> dict:
    """The opened request, read with only the columns every migration state has."""
    return (
        Case.objects.only("id", "reference", "key_id", "wrapped_key", "sealed_request")
        .get(pk=case.pk)
        .open("sealed_request")
    )


@pytest.mark.django_db
def test_the_municipality_is_sealed_and_the_province_plain(people):
    case, _ = make_case()  # a raadslid of GM0363 (Amsterdam)
    assert "municipality_id" not in columns()
    assert Case.objects.get(pk=case.pk).province.code == "PV27"
    request = Case.objects.get(pk=case.pk).open("sealed_request")
    assert (request["municipalityCode"], request["municipality"]) == ("GM0363", "Amsterdam")
    assert b"GM0363" not in bytes(Case.objects.get(pk=case.pk).sealed_request)


@pytest.mark.django_db
def test_a_provincial_case_seals_no_municipality(people):
    case, _ = make_case(role="statenlid", municipalityCode=None, provinceCode="PV27")
    request = Case.objects.get(pk=case.pk).open("sealed_request")
    assert "municipalityCode" not in request
    assert Case.objects.get(pk=case.pk).province.code == "PV27"


@pytest.mark.django_db
def test_the_case_page_shows_the_municipality_to_a_reader_of_the_request(people, as_user):
    case, _ = make_case(state="claimed", advisor=people["advisor"])
    html = as_user(people["advisor"]).get(f"/werkruimte/zaken/{case.reference}").content.decode()
    assert "Amsterdam, Noord-Holland" in html
    # a coordinator of another association sees the metadata only: the province
    other = as_user(people["coordinator"]).get(f"/werkruimte/zaken/{case.reference}")
    assert other.status_code == 200
    assert "Amsterdam" not in other.content.decode()
    assert "Noord-Holland" in other.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_migration_seals_the_column_and_backwards_restores_it(reference_data):
    municipal, _ = make_case()
    provincial, _ = make_case(role="statenlid", municipalityCode=None, provinceCode="PV20")
    amsterdam = Municipality.objects.get(code="GM0363")
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate([BEFORE])
        old = MigrationExecutor(connection).loader.project_state([BEFORE]).apps.get_model("cases", "Case")
        # backwards: the column filled from the sealed code, the request as the old code stored it
        assert old.objects.get(pk=municipal.pk).municipality_id == amsterdam.pk
        assert old.objects.get(pk=provincial.pk).municipality_id is None
        stripped = request_of(municipal)
        assert "municipalityCode" not in stripped
        assert "municipality" not in stripped
        old.objects.filter(pk=municipal.pk).update(province_id=None)  # an old case without a province

        MigrationExecutor(connection).migrate([SEALED])
        assert "municipality_id" not in columns()
        case = Case.objects.get(pk=municipal.pk)
        assert case.province.code == "PV27"  # taken from its municipality
        request = case.open("sealed_request")
        assert (request["municipalityCode"], request["municipality"]) == ("GM0363", "Amsterdam")
        assert request["name"] == stripped["name"]
        assert "municipalityCode" not in Case.objects.get(pk=provincial.pk).open("sealed_request")

        MigrationExecutor(connection).migrate([BEFORE])
        old = MigrationExecutor(connection).loader.project_state([BEFORE]).apps.get_model("cases", "Case")
        assert old.objects.get(pk=municipal.pk).municipality_id == amsterdam.pk
        assert "municipalityCode" not in request_of(municipal)
    finally:
        MigrationExecutor(connection).migrate(latest)
