"""The coarser pre-counts (SliceCount) and the dimensions only they hold: VPT code, concern level, support."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.api.conftest import staff_client
from tests.concerns.factories import case_with_incidents, save_note
from tests.factories import UserFactory
from tests.matrix import once_per_module
from weerbaar.cases.models import Case
from weerbaar.stats import selectors
from weerbaar.stats.jobs import ROW_DIMENSIONS, TRIPLE_DIMENSIONS, counted_rows, stats_refresh
from weerbaar.stats.models import SliceCount

pytestmark = pytest.mark.django_db


@once_per_module
def world():
    from weerbaar.core.synthetic import synthetic_load
    from weerbaar.directory.services import reference_data_load

    reference_data_load()
    synthetic_load(140, seed=5, years=1, now=timezone.now(), force=True)
    # One more case, claimed, with two concern notes: the newest version's level counts, the older one not at all.
    case, advisor = case_with_incidents(incidents=1)
    save_note(advisor, case, level="low")
    save_note(advisor, case, level="high")
    return {
        "analyst": UserFactory(username="ali", role="analyst"),
        "total": Case.objects.count(),
        "refreshed": stats_refresh(),
    }


def single(name: str):
    return SliceCount.objects.filter(first=name, second="", third="").values_list("first_value", "count")


def period() -> tuple[date, date]:
    today = timezone.localdate()
    return date(today.year - 1, today.month, 1), today


def test_every_coarse_pre_count_adds_up_to_every_help_request(world):
    assert world["refreshed"]["slices"] == SliceCount.objects.count()
    sums: Counter[tuple[str, str, str]] = Counter()
    for names in SliceCount.objects.values_list("first", "second", "third", "count"):
        sums[names[:3]] += names[3]
    singles = sorted(ROW_DIMENSIONS)
    pairs = {(a, b, "") for a, b in itertools.combinations(singles, 2)}
    triples = set(itertools.combinations(sorted(TRIPLE_DIMENSIONS), 3))
    assert set(sums) == {("", "", "")} | {(name, "", "") for name in singles} | pairs | triples
    assert world["total"] == 141
    assert set(sums.values()) == {141}


@pytest.mark.parametrize(
    "by", [["role", "province"], ["act", "quarter"], ["outcome"], ["month"], ["route", "role", "channel"]]
)
def test_the_pre_count_gives_the_table_the_counted_help_requests_give(world, by):
    """A table read from its slice is the one the refresh's own count of every help request gives."""
    first, last = period()
    fields = ["month" if name in selectors.PERIODS else name for name in by]
    positions = [0 if field == "month" else 1 + ROW_DIMENSIONS.index(field) for field in fields]
    expected: Counter[tuple] = Counter()
    for row, count in counted_rows().items():
        if first <= row[0] <= last:
            expected[tuple(row[p] for p in positions)] += count
    coarse = selectors._grouped(by, fields, first, last)
    found = Counter({tuple(row[field] for field in fields): row["n"] for row in coarse})
    assert found == +expected
    assert sum(found.values()) > 0


def test_the_newest_concern_note_gives_the_level_and_cases_without_one_count_as_none(world):
    levels = Counter()
    for value, count in SliceCount.objects.filter(first="concern", second="", third="").values_list(
        "first_value", "count"
    ):
        levels[value] += count
    assert levels == {"high": 1, "none": 140}


def test_the_vpt_code_comes_from_the_first_incidents_police_report(world):
    from weerbaar.incidents.models import PoliceReport

    values = Counter()
    for value, count in single("vpt"):
        values[value] += count
    with_report = PoliceReport.objects.filter(incident__number=1).count()
    assert sum(values.values()) == 141
    assert values["none"] == 141 - with_report
    assert values["yes"] + values["no"] + values["unknown"] == with_report > 0


def test_support_counts_sent_referrals_and_aftercare_plans(world):
    from weerbaar.aftercare.models import AftercarePlan
    from weerbaar.network.models import Referral

    referred = set(Referral.objects.filter(sent_at__isnull=False).values_list("case_id", flat=True))
    aftercare = set(AftercarePlan.objects.values_list("case_id", flat=True))
    values = Counter()
    for value, count in SliceCount.objects.filter(first="support", second="", third="").values_list(
        "first_value", "count"
    ):
        values[value] += count
    assert values["both"] == len(referred & aftercare)
    assert values["referral"] == len(referred - aftercare)
    assert values["aftercare"] == len(aftercare - referred)
    assert values["none"] == 141 - len(referred | aftercare)
    assert values["referral"] + values["both"] > 0


@pytest.mark.parametrize("by", ["vpt,role", "concern,quarter", "support", "support,concern,year"])
def test_the_api_answers_the_new_dimensions_through_disclosure_control(world, by):
    first, last = period()
    response = staff_client(world["analyst"]).get(f"/api/v1/statistics?from={first}&to={last}&by={by}")
    assert response.status_code == 200, response.content
    cells = response.json()["cells"]
    names = by.split(",")
    assert cells
    assert all(set(names) <= set(cell) for cell in cells)
    for cell in cells:
        assert (cell["count"] is None) == cell["suppressed"]
        assert cell["count"] is None or (cell["count"] % 5 == 0 and cell["count"] >= 10)
    if "concern" in names:  # the one case with a note is far below the threshold: never shown as a count
        assert all(cell["suppressed"] for cell in cells if cell["concern"] == "high")


@pytest.mark.parametrize("by", ["vpt,role,province", "support,concern,vpt", "concern,act,channel"])
def test_three_dimensions_with_one_only_the_coarse_pre_count_holds_are_refused(world, by):
    first, last = period()
    response = staff_client(world["analyst"]).get(f"/api/v1/statistics?from={first}&to={last}&by={by}")
    assert response.status_code == 400


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(selectors.DIMENSIONS), min_size=1, max_size=4))
def test_every_accepted_by_can_be_read_from_one_slice_of_the_pre_counts(names):
    """What parse_by accepts is exactly what the pre-counts hold: at most three, at most one period, and three
    besides the period only of TRIPLE_DIMENSIONS (the slices hold no other three together)."""
    plain = [name for name in names if name not in selectors.PERIODS]
    readable = (
        len(names) <= 3
        and len(set(names)) == len(names)
        and len(names) - len(plain) <= 1
        and (len(plain) <= 2 or set(plain) <= set(TRIPLE_DIMENSIONS))
    )
    try:
        assert selectors.parse_by(",".join(names)) == names
    except selectors.StatisticsQueryError:
        assert not readable
    else:
        assert readable


def test_the_slices_are_what_counting_every_slice_row_by_row_gives():
    """The refresh sums coarse slices from finer ones; counted the slow way, row by row, they are the same."""
    import random

    from weerbaar.stats.jobs import slice_rows

    rng = random.Random(4)
    counts: Counter = Counter()
    for _ in range(400):
        month = date(2026, rng.randint(1, 3), 1)
        counts[(month, *(rng.choice(["a", "b", "c"]) for _ in ROW_DIMENSIONS))] += rng.randint(1, 3)
    order = sorted(range(len(ROW_DIMENSIONS)), key=lambda i: ROW_DIMENSIONS[i])
    monthly = [i for i in order if ROW_DIMENSIONS[i] in TRIPLE_DIMENSIONS]
    slices = [(), *((i,) for i in order), *itertools.combinations(order, 2), *itertools.combinations(monthly, 3)]
    expected: Counter = Counter()
    for row, count in counts.items():
        for picked in slices:
            names = [ROW_DIMENSIONS[i] for i in picked] + [""] * (3 - len(picked))
            values = [row[1 + i] for i in picked] + [""] * (3 - len(picked))
            expected[(row[0], *names, *values)] += count
    found = Counter(
        {
            (r.month, r.first, r.second, r.third, r.first_value, r.second_value, r.third_value): r.count
            for r in slice_rows(counts)
        }
    )
    assert found == expected
