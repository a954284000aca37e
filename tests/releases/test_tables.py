"""The protection of one release's tables and the check of a draft against the frozen releases (pure, no database).

The property tests play the attacker: with every cell both releases publish (exact values, stronger than the
rounded ones the public sees), an exhaustive search over the underlying counts must leave every suppressed cell
below the threshold at least two possible values.
"""

from __future__ import annotations

import numpy as np
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


def _true(leaves, year, column, row, first):
    years = [year] if column == "year" else list(range(first, year + 1))
    rows = ROWS if row == TOTAL else [row]
    return sum(leaves[(y, r)] for y in years for r in rows)


def attack(year_cells, first, true_leaves, span):
    """Exhaustive search: the suppressed primary cells (true value below the threshold) left with one value.

    Every assignment of the underlying counts (0..span per year and row) is written out at once, as one row of an
    array (11⁶ rows for two years of three rows at ``span=10``); the rows that agree with everything the releases
    publish are kept, and a hidden cell is pinned when it takes one value on all of them. This is the definition
    itself, without cleverness to get wrong; numpy makes it a second's work instead of minutes of Python loops."""
    years, width = len(year_cells), len(ROWS)
    leaves = np.indices((span + 1,) * (years * width), dtype=np.int16).reshape(years * width, -1).T
    leaves = leaves.reshape(-1, years, width)  # [assignment, year, row]
    blocks = {"year": leaves, "cumulative": leaves.cumsum(axis=1, dtype=np.int16)}
    agrees = np.ones(len(leaves), dtype=bool)
    hidden = []
    for index, (year, cells) in enumerate(year_cells):
        for column in ("year", "cumulative"):
            for row, value in cells[column].items():
                block = blocks[column][:, index, :]
                values = block.sum(axis=1, dtype=np.int16) if row == TOTAL else block[:, ROWS.index(row)]
                if value is None:
                    hidden.append(((year, column, row), values))
                else:
                    agrees &= values == value
    return sorted(
        cell
        for cell, values in hidden
        if len(np.unique(values[agrees])) == 1 and _true(true_leaves, *cell, first) < POLICY.threshold
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
