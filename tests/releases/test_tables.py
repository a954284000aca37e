"""The protection of one release's tables and the check of a draft against the frozen releases (pure, no database).

The property tests play the attacker: with every cell both releases publish (exact values, stronger than the
rounded ones the public sees), an exhaustive search over the underlying counts must leave every suppressed cell
below the threshold at least two possible values.
"""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from weerbaar.releases.tables import Exposure, chain_problems, link_band, protect_table
from weerbaar.stats.disclosure import TOTAL, Policy

POLICY = Policy(threshold=5, rounding=1, percent_min_denominator=50)  # exact values: the strongest attacker
ROWS = ["a", "b", "c"]


def release(year, current, before=None, frozen=None, policy=POLICY):
    cells = protect_table(ROWS, year=year, current=current, before=before, frozen_total=frozen, policy=policy)
    return {"code": "office", "cells": cells}


def test_a_small_count_is_hidden_and_others_rounded():
    cells = protect_table(
        ROWS, year=2025, current={"a": 3, "b": 42, "c": 58}, before=None, frozen_total=None, policy=Policy()
    )
    assert cells["year"]["a"] is None
    assert cells["year"]["b"] is None or cells["year"]["b"] % 5 == 0
    assert cells["year"][TOTAL] == 105  # 103 rounded to 5
    # the small cell cannot be recomputed from the total: another cell of the row is hidden as well
    assert sum(1 for row in ROWS if cells["year"][row] is None) >= 2


def test_independent_rows_are_each_their_own_count():
    cells = protect_table(
        ["cases", "incidents"], year=2025, current={"cases": 3, "incidents": 40}, before=None, frozen_total=None,
        policy=Policy(), independent=True,
    )  # fmt: skip
    assert cells["year"] == {"cases": None, "incidents": 40}


def test_the_check_names_a_cell_a_difference_would_reveal():
    first = release(2024, {"a": 2, "b": 30, "c": 30})
    assert first["cells"]["cumulative"]["a"] is None
    # A careless draft for 2025 that publishes both its year and its cumulative for "a": a - the 2024 total
    second = release(2025, {"a": 20, "b": 30, "c": 30})
    second["cells"]["cumulative"] = {"a": 22, "b": 60, "c": 60, TOTAL: 142}
    problems = chain_problems([(2024, [first]), (2025, [second])])
    assert Exposure("office", 2024, "cumulative", "a") in problems


def test_a_draft_protected_against_the_frozen_release_passes_the_check():
    first = release(2024, {"a": 2, "b": 30, "c": 30})
    second = release(
        2025, {"a": 20, "b": 30, "c": 30}, before={"a": 2, "b": 30, "c": 30}, frozen=first["cells"]["cumulative"]
    )
    # 2024's hidden cells may meet a published total only where another hidden cell keeps them unpinned
    assert second["cells"]["year"]["a"] is None or second["cells"]["cumulative"]["a"] is None
    assert chain_problems([(2024, [first]), (2025, [second])]) == []


def test_link_bands():
    assert [link_band(n) for n in (0, 1, 9, 10, 49, 50, 99, 100, 5000)] == [
        "none", "lt10", "lt10", "10-49", "10-49", "50-99", "50-99", "100+", "100+",
    ]  # fmt: skip


# --- the attacker -----------------------------------------------------------------------------------------


def _published(year_cells, previous_year):
    """Every (column, row) → exact value the releases publish, as functions of the underlying leaf counts."""
    known = {}
    for year, cells in year_cells:
        for column in ("year", "cumulative"):
            for row, value in cells[column].items():
                if value is not None:
                    known[(year, column, row)] = value
    return known


def _true(leaves, year, column, row, first):
    years = [year] if column == "year" else list(range(first, year + 1))
    rows = ROWS if row == TOTAL else [row]
    return sum(leaves[(y, r)] for y in years for r in rows)


def attack(year_cells, first, true_leaves, span):
    """Exhaustive search: the suppressed primary cells (true value below the threshold) left with one value.

    Every assignment of the underlying counts (0..span per year and row) that agrees with everything published is
    considered. Year by year, forward: the only thing a later year's cells depend on from earlier years is the
    cumulative count per row, so assignments are merged by that vector, each carrying the values every hidden cell
    took on some path reaching it. This is the same answer as joining all years' combinations, without the product."""
    known = _published(year_cells, None)
    hidden = {
        (year, column, row)
        for year, cells in year_cells
        for column in ("year", "cumulative")
        for row, value in cells[column].items()
        if value is None
    }
    states: dict[tuple[int, ...], dict[tuple, set[int]]] = {tuple(0 for _ in ROWS): {}}
    for year, _cells in year_cells:
        ranges = [[known[(year, "year", row)]] if (year, "year", row) in known else range(span + 1) for row in ROWS]
        total = known.get((year, "year", TOTAL))
        options = [combo for combo in itertools.product(*ranges) if total is None or sum(combo) == total]
        cumulative_known = [
            (i, known[(year, "cumulative", row)]) for i, row in enumerate(ROWS) if (year, "cumulative", row) in known
        ]
        cumulative_total = known.get((year, "cumulative", TOTAL))
        by_key: dict[tuple[int, ...], list[tuple[int, ...]]] = {}
        for combo in options:
            by_key.setdefault(tuple(combo[i] for i, _ in cumulative_known), []).append(combo)
        after: dict[tuple[int, ...], dict[tuple, set[int]]] = {}
        for state, seen in states.items():
            for combo in by_key.get(tuple(value - state[i] for i, value in cumulative_known), ()):
                cumulative = tuple(s + c for s, c in zip(state, combo, strict=True))
                if cumulative_total is not None and sum(cumulative) != cumulative_total:
                    continue
                values = {(year, "year", row): combo[i] for i, row in enumerate(ROWS)}
                values |= {(year, "cumulative", row): cumulative[i] for i, row in enumerate(ROWS)}
                values[(year, "year", TOTAL)] = sum(combo)
                values[(year, "cumulative", TOTAL)] = sum(cumulative)
                target = after.setdefault(cumulative, {})
                for cell, earlier in seen.items():
                    target.setdefault(cell, set()).update(earlier)
                for cell, value in values.items():
                    if cell in hidden:
                        target.setdefault(cell, set()).add(value)
        states = after
    possible: dict[tuple, set[int]] = {}
    for seen in states.values():
        for cell, values in seen.items():
            possible.setdefault(cell, set()).update(values)
    return sorted(
        cell
        for cell in hidden
        if len(possible.get(cell, ())) == 1 and _true(true_leaves, *cell, first) < POLICY.threshold
    )


counts = st.fixed_dictionaries({row: st.integers(0, 9) for row in ROWS})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=counts, second=counts, careless=st.booleans())
def test_no_difference_with_the_frozen_release_pins_a_hidden_cell(first, second, careless):
    frozen = release(2024, first)
    if careless:  # drafted before 2024 was frozen: not protected against it
        draft = release(2025, second, before=first)
    else:
        draft = release(2025, second, before=first, frozen=frozen["cells"]["cumulative"])
    problems = chain_problems([(2024, [frozen]), (2025, [draft])])
    if not careless:
        assert problems == []  # protected against the frozen release: always approvable
    if problems:
        return  # refused: nothing is published
    leaves = {(2024, r): first[r] for r in ROWS} | {(2025, r): second[r] for r in ROWS}
    # Every count is at most 9, so a protecting pattern (one hidden count up, another down) stays within 0..10: a
    # wider search only finds more of the same alternatives, and costs its cube per year.
    pinned = attack([(2024, frozen["cells"]), (2025, draft["cells"])], 2024, leaves, span=10)
    assert pinned == [], pinned
