"""Statistics: the refresh job counts every help request once, and the API answers per the contract."""

from __future__ import annotations

import math
from datetime import date

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.api.conftest import PROBLEM, staff_client
from tests.factories import UserFactory
from tests.matrix import once_per_module
from tests.stats.attacker import pinned
from weerbaar.cases.models import Case
from weerbaar.stats import selectors
from weerbaar.stats.jobs import ROW_DIMENSIONS, TRIPLE_DIMENSIONS, stats_refresh
from weerbaar.stats.models import SliceCount

pytestmark = pytest.mark.django_db


@once_per_module
def world():
    from django.utils import timezone

    from weerbaar.core.synthetic import synthetic_load
    from weerbaar.directory.services import reference_data_load

    reference_data_load()
    synthetic_load(150, seed=7, years=1, now=timezone.now(), force=True)
    return {
        "analyst": UserFactory(username="ali", role="analyst"),
        "coordinator": UserFactory(username="cora", role="coordinator"),
        "advisor": UserFactory(username="anna", role="advisor"),
        "refreshed": stats_refresh(),
    }


def this_year() -> tuple[str, str]:
    today = timezone.localdate()
    return f"{today.year - 1}-{today.month:02d}-01", today.isoformat()


def total() -> int:
    """Every help request, from the pre-count of all (no dimension)."""
    return sum(SliceCount.objects.filter(first="", second="", third="").values_list("count", flat=True))


def every_slice() -> list[tuple]:
    fields = ("month", "first", "first_value", "second", "second_value", "third", "third_value", "count")
    return sorted(SliceCount.objects.values_list(*fields))


def test_the_refresh_counts_every_help_request_once_and_is_idempotent(world):
    assert world["refreshed"]["cases"] == Case.objects.count() == 150
    assert total() == 150
    rows = every_slice()
    assert stats_refresh()["cases"] == 150
    assert every_slice() == rows
    assert SliceCount.objects.filter(first="act").exists()
    assert not SliceCount.objects.filter(first="act", first_value="unknown").exists()  # the sealed facts opened


def test_analysts_get_the_contract_shape(world):
    first, last = this_year()
    response = staff_client(world["analyst"]).get(f"/api/v1/statistics?from={first}&to={last}&by=role,province")
    assert response.status_code == 200
    body = response.json()
    assert body["threshold"] == 10
    assert body["rounding"] == 5
    assert body["from"].endswith("-01")
    cells = body["cells"]
    assert cells
    assert set(cells[0]) == {"role", "province", "count", "suppressed"}
    for cell in cells:
        assert (cell["count"] is None) == cell["suppressed"]
        assert cell["count"] is None or (cell["count"] % 5 == 0 and cell["count"] >= 10)
    assert any(cell["suppressed"] for cell in cells)


def test_coordinators_may_and_the_rest_may_not(world):
    first, last = this_year()
    url = f"/api/v1/statistics?from={first}&to={last}&by=year"
    assert staff_client(world["coordinator"]).get(url).status_code == 200
    forbidden = staff_client(world["advisor"]).get(url)
    assert forbidden.status_code == 403
    assert forbidden["Content-Type"].startswith(PROBLEM)
    assert APIClient().get(url).status_code == 401


@pytest.mark.parametrize(
    "query",
    [
        "by=role",  # no period
        "from=2026-01-01&to=2026-12-31",  # no by
        "from=2026-01-01&to=2026-12-31&by=municipality",
        "from=2026-01-01&to=2026-12-31&by=role,province,association,act",
        "from=2026-01-01&to=2026-12-31&by=month,year",
        "from=2026-01-01&to=2026-12-31&by=role,role",
        "from=2026-12-31&to=2026-01-01&by=role",
        "from=2010-01-01&to=2026-12-31&by=role",
        "from=31-12-2026&to=2026-12-31&by=role",
    ],
)
def test_bad_queries_are_problems(world, query):
    response = staff_client(world["analyst"]).get(f"/api/v1/statistics?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith(PROBLEM)


def test_periods_widen_to_whole_months_and_quarters_answer_by_quarter(world):
    response = staff_client(world["analyst"]).get("/api/v1/statistics?from=2026-02-14&to=2026-05-02&by=quarter")
    body = response.json()
    assert (body["from"], body["to"]) == ("2026-02-01", "2026-05-31")
    assert [cell["quarter"] for cell in body["cells"]] == ["2026-Q1", "2026-Q2"]


def test_a_real_table_leaves_nothing_to_recover(world):
    first, last = this_year()
    table = selectors.statistics_table(
        by=["route", "outcome"], first=date.fromisoformat(first), last=date.fromisoformat(last)
    )
    assert pinned(table.table, programme_up_to=0) == {}


def test_destroyed_cases_still_count(world):
    from weerbaar.destruction.models import DestroyedCase
    from weerbaar.directory.models import Association

    before = total()
    DestroyedCase.objects.create(
        reference="WB-TEST-0001",
        year=2026,
        role="burgemeester",
        association=Association.objects.get(code="ngb"),
        province=None,
        outcome="advised",
        created_on=date(2026, 3, 4),
        destroyed_at="2026-11-01T10:00:00+01:00",
        destroyed_by="test",
        reason="test",
    )
    stats_refresh()
    assert total() == before + 1
    # "act" comes first in every slice that holds it: each one's unknown act in March is the tombstone alone
    tomb = {"role": "burgemeester", "province": "unknown", "outcome": "advised", "association": "ngb"}
    tomb |= dict.fromkeys(("act", "channel", "route", "vpt", "concern", "support"), "unknown")
    rows = SliceCount.objects.filter(month=date(2026, 3, 1), first="act", first_value="unknown")
    assert rows.filter(second="", third="").get().count == 1
    # alone, with each other dimension, and with each two others of TRIPLE_DIMENSIONS
    assert rows.count() == 1 + (len(ROW_DIMENSIONS) - 1) + math.comb(len(TRIPLE_DIMENSIONS) - 1, 2)
    for row in rows:
        assert row.count == 1
        for name, value in ((row.second, row.second_value), (row.third, row.third_value)):
            assert value == (tomb[name] if name else "")
