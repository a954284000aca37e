"""Disclosure control: the rules one by one, and property tests that attack everything a table publishes."""

from __future__ import annotations

import itertools
import math
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.stats.attacker import bounds, pinned
from weerbaar.stats.disclosure import (
    SUPPRESSED_LABEL,
    TOTAL,
    Dimension,
    Policy,
    PolicyError,
    ProtectedTable,
    UnprotectableTable,
    month_codes,
    protect,
)

ROLES = Dimension.flat("role", ["burgemeester", "wethouder", "raadslid"])
PROVINCES = Dimension.flat("province", ["DR", "FR", "GR"])


@pytest.mark.parametrize("threshold", [4, 0, -10, 1])
def test_a_threshold_below_five_is_refused(threshold):
    with pytest.raises(PolicyError):
        Policy(threshold=threshold)


def test_thresholds_of_five_and_more_are_accepted():
    assert Policy(threshold=5).threshold == 5
    assert Policy().threshold == 10
    assert Policy().rounding == 5
    assert Policy().percent_min_denominator == 50


def test_small_cells_are_suppressed_and_the_rest_rounded_to_five():
    table = protect([ROLES], {("burgemeester",): 3, ("wethouder",): 42, ("raadslid",): 61})
    small = table.cell(("burgemeester",))
    assert small.suppressed
    assert small.count is None
    assert small.label == SUPPRESSED_LABEL
    assert table.cell(("raadslid",)).count == 60  # 61 → 60
    assert table.cell((TOTAL,)).count == 105  # 106 → 105
    # burgemeester = total - wethouder - raadslid: the smaller of the other two is hidden too
    assert table.cell(("wethouder",)).suppressed
    assert protect([ROLES], {("wethouder",): 62, ("raadslid",): 61}).cell(("wethouder",)).count == 60


def test_zero_is_a_small_cell_too():
    table = protect([ROLES], {("wethouder",): 40, ("raadslid",): 61})
    assert table.cell(("burgemeester",)).suppressed


def test_rounding_is_half_up_to_five():
    policy = Policy()
    assert [policy.round(v) for v in (10, 12, 13, 17, 18, 100)] == [10, 10, 15, 15, 20, 100]


def test_percentages_need_a_denominator_of_fifty_and_use_the_rounded_counts():
    big = protect([ROLES], {("burgemeester",): 13, ("wethouder",): 22, ("raadslid",): 21})  # total 56
    assert big.percent(("wethouder",), of=(TOTAL,)) == round(100 * 20 / 55)
    small = protect([ROLES], {("burgemeester",): 13, ("wethouder",): 22, ("raadslid",): 12})  # total 47
    assert small.percent(("wethouder",), of=(TOTAL,)) is None
    hidden = protect([ROLES], {("burgemeester",): 3, ("wethouder",): 42, ("raadslid",): 61})
    assert hidden.percent(("burgemeester",), of=(TOTAL,)) is None


def test_a_larger_threshold_hides_more():
    counts = {("burgemeester",): 12, ("wethouder",): 42, ("raadslid",): 61}
    assert not protect([ROLES], counts).cell(("burgemeester",)).suppressed
    assert protect([ROLES], counts, Policy(threshold=15)).cell(("burgemeester",)).suppressed


def test_the_period_tree_links_months_quarters_half_years_and_years():
    periods = Dimension.periods("period", date(2025, 11, 1), date(2026, 2, 28))
    assert periods.leaves == ("2025-11", "2025-12", "2026-01", "2026-02")
    assert periods.ancestors("2026-02") == ["2026-02", "2026-Q1", "2026-H1", "2026", TOTAL]
    assert month_codes(date(2026, 12, 5), date(2027, 1, 1)) == ["2026-12", "2027-01"]


def test_unknown_values_and_negative_counts_are_refused():
    with pytest.raises(ValueError):
        protect([ROLES], {("gedeputeerde",): 3})
    with pytest.raises(ValueError):
        protect([ROLES], {("wethouder",): -1})


def test_a_cell_published_elsewhere_is_never_chosen_to_protect_another():
    counts = {("burgemeester",): 3, ("wethouder",): 42, ("raadslid",): 61}
    table = protect([ROLES], counts, keep_published=[("wethouder",)])
    assert not table.cell(("wethouder",)).suppressed
    assert table.cell(("raadslid",)).suppressed
    forced = protect([ROLES], counts, suppress=[("raadslid",)])
    assert forced.cell(("raadslid",)).suppressed
    assert not forced.cell(("wethouder",)).suppressed
    assert not pinned(forced)


def test_the_attacker_recovers_cells_when_only_small_cells_are_hidden():
    """The attacker is honest: without secondary suppression it pins the hidden cell (so the tests can fail)."""
    counts = {("burgemeester", "DR"): 3, ("wethouder", "DR"): 42, ("raadslid", "DR"): 61}
    table = protect([ROLES, PROVINCES], counts)
    naive = ProtectedTable(
        table.dimensions, table.policy, dict(table._values), {k for k, v in table._values.items() if v < 10}
    )
    assert ("burgemeester", "DR") in pinned(naive)
    assert not pinned(table)


def test_a_half_year_table_minus_the_year_reveals_nothing():
    periods = Dimension.periods("period", date(2026, 1, 1), date(2026, 12, 31))
    counts = {(code,): 20 for code in month_codes(date(2026, 1, 1), date(2026, 12, 31))}
    counts[("2026-05",)] = 2
    table = protect([periods], counts)
    assert table.cell(("2026-05",)).suppressed
    assert not pinned(table)
    low, high = bounds(table)[("2026-05",)]
    assert high is None or high > low


# --- property tests: random tables, attacked with everything published ------------------------------------

COUNT = st.sampled_from([0, 0, 0, 1, 2, 3, 4, 6, 9, 10, 11, 12, 14, 17, 25, 40, 90])


@st.composite
def flat_dimension(draw, name):
    size = draw(st.integers(min_value=1, max_value=4))
    return Dimension.flat(name, [f"{name}{i}" for i in range(size)])


@st.composite
def period_dimension(draw):
    start = draw(st.sampled_from([date(2025, 5, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 6, 1)]))
    months = draw(st.integers(min_value=1, max_value=7))
    last_month = month_codes(start, date(2030, 1, 1))[months - 1]
    year, month = map(int, last_month.split("-"))
    return Dimension.periods("period", start, date(year, month, 1))


@st.composite
def tables(draw):
    shape = draw(st.sampled_from(["f", "p", "ff", "fp", "fff", "ffp"]))
    dims = []
    for index, kind in enumerate(shape):
        if kind == "p":
            dims.append(draw(period_dimension()))
        else:
            dims.append(draw(flat_dimension(f"d{index}")))
    while len(dims) > 1 and math.prod(len(dim.nodes) for dim in dims) > 60:
        dims.pop(0)  # keep the exact attacker fast: at most 60 cells over all linked tables
    cells = list(itertools.product(*[dim.leaves for dim in dims]))
    counts = {cell: draw(COUNT) for cell in cells}
    threshold = draw(st.sampled_from([5, 10, 10, 15]))
    return dims, counts, Policy(threshold=threshold)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_no_suppressed_cell_can_be_recovered_from_everything_published(table_input):
    dims, counts, policy = table_input
    table = protect(dims, counts, policy)
    for cell in table.cells():
        exact = table._values[cell.key]
        if exact < policy.threshold:
            assert cell.suppressed
            assert cell.count is None
        if not cell.suppressed:
            assert cell.count is not None
            assert cell.count % policy.rounding == 0
            assert abs(cell.count - exact) <= 2
    assert pinned(table) == {}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_protection_is_deterministic(table_input):
    dims, counts, policy = table_input
    first = protect(dims, counts, policy)
    second = protect(dims, dict(reversed(list(counts.items()))), policy)
    assert first.suppressed_keys == second.suppressed_keys


def test_the_configured_threshold_below_five_stops_the_start(settings):
    from django.core.exceptions import ImproperlyConfigured

    from weerbaar.stats.conf import configured_policy

    settings.STATS_THRESHOLD = 4
    with pytest.raises(ImproperlyConfigured):
        configured_policy()
    settings.STATS_THRESHOLD = 12
    assert configured_policy().threshold == 12


def test_the_app_checks_the_policy_at_start_up(settings):
    from django.apps import apps
    from django.core.exceptions import ImproperlyConfigured

    settings.STATS_THRESHOLD = 3
    with pytest.raises(ImproperlyConfigured):
        apps.get_app_config("stats").ready()


def test_cells_already_published_that_leave_a_small_cell_exposed_are_refused_not_half_protected():
    """With the large cell and the total both published before, the small one is their difference whatever is
    suppressed now: protect refuses (a ValueError its callers turn into a refusal), it never returns a table."""
    roles = Dimension.flat("role", ["burgemeester", "wethouder"])
    counts = {("burgemeester",): 3, ("wethouder",): 40}
    with pytest.raises(UnprotectableTable):
        protect([roles], counts, keep_published={("wethouder",), (TOTAL,)})
    # Only one of the two published: the other can still be suppressed, and is.
    table = protect([roles], counts, keep_published={("wethouder",)})
    assert table.cell((TOTAL,)).suppressed
    assert table.cell(("burgemeester",)).suppressed
