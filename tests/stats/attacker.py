"""The attacker of the disclosure tests: everything a protected table publishes, solved exactly.

It knows every published cell's *exact* value (stronger than the rounded figures anyone sees), every sum that
links the cells (each inner node of each dimension's tree is the sum of its children, with every other coordinate
fixed: rows, columns, margins, quarters/half-years/years), and that counts are whole and never negative. Three
attacks, all in exact arithmetic (``fractions.Fraction``, integers):

- ``solved_by_sums``: the linear system of all sums, reduced (Gauss-Jordan); a cell is recovered when a
  combination of sums isolates it.
- ``interval_bounds``: every sum bounds each of its unknown cells by the bounds of the others, repeated until
  nothing changes (this finds cells pinned by zeros and by "it cannot be negative").
- ``bounds``: the least and greatest value of each cell under all of it at once (a linear programme, exact
  simplex); slow, so the tests use it on small tables only.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

from weerbaar.core.exact import row_reduce
from weerbaar.stats.disclosure import Key, ProtectedTable


def equations(table: ProtectedTable) -> list[tuple[Key, list[Key]]]:
    """Every (parent cell, children cells) sum of the table."""
    dims = table.dimensions
    found = []
    for i, dim in enumerate(dims):
        others = [d.nodes for j, d in enumerate(dims) if j != i]
        for node, kids in dim.children.items():
            for rest in itertools.product(*others):

                def at(n: str, rest: tuple[str, ...] = rest, i: int = i) -> Key:
                    return (*rest[:i], n, *rest[i:])

                found.append((at(node), [at(kid) for kid in kids]))
    return found


def system(table: ProtectedTable) -> tuple[list[Key], list[list[Fraction]], list[Fraction]]:
    """The sums over the suppressed cells: (unknown cells, rows, right-hand sides)."""
    unknown = sorted(table.suppressed_keys)
    index = {key: j for j, key in enumerate(unknown)}
    known = table.published()
    rows: list[list[Fraction]] = []
    rhs: list[Fraction] = []
    for parent, kids in equations(table):
        # parent - sum(kids) = 0, with the known cells moved to the right-hand side
        row = [Fraction(0)] * len(unknown)
        constant = Fraction(0)
        for key, sign in [(parent, 1)] + [(kid, -1) for kid in kids]:
            if key in index:
                row[index[key]] += sign
            else:
                constant -= sign * known[key]
        if any(row):
            rows.append(row)
            rhs.append(constant)
    return unknown, rows, rhs


def solved_by_sums(table: ProtectedTable) -> dict[Key, Fraction]:
    unknown, rows, rhs = system(table)
    matrix = [[*row, b] for row, b in zip(rows, rhs, strict=True)]
    pivots = row_reduce(matrix, len(unknown))
    solved = {}
    for r, col in enumerate(pivots):
        if all(matrix[r][k] == 0 for k in range(len(unknown)) if k != col):
            solved[unknown[col]] = matrix[r][-1]
    return solved


def interval_bounds(table: ProtectedTable) -> dict[Key, tuple[int, int | None]]:
    unknown, rows, rhs = system(table)
    low: list[int] = [0] * len(unknown)
    high: list[int | None] = [None] * len(unknown)
    changed = True
    while changed:
        changed = False
        for row, b in zip(rows, rhs, strict=True):
            for k, a in enumerate(row):
                if a == 0:
                    continue
                # a*y_k = b - sum(others): bound the others' sum, then y_k
                rest_low: Fraction | None = Fraction(0)
                rest_high: Fraction | None = Fraction(0)
                for j, c in enumerate(row):
                    if j == k or c == 0:
                        continue
                    lo_j, hi_j = (c * low[j], None if high[j] is None else c * high[j])
                    if c < 0:
                        lo_j, hi_j = (None if high[j] is None else c * high[j]), c * low[j]
                    rest_low = None if rest_low is None or lo_j is None else rest_low + lo_j
                    rest_high = None if rest_high is None or hi_j is None else rest_high + hi_j
                # y_k = (b - rest) / a
                candidates_high = None if rest_low is None else (b - rest_low) / a
                candidates_low = None if rest_high is None else (b - rest_high) / a
                if a < 0:
                    candidates_high, candidates_low = candidates_low, candidates_high
                if candidates_high is not None:
                    new_high = math.floor(candidates_high)
                    if high[k] is None or new_high < high[k]:
                        high[k] = new_high
                        changed = True
                if candidates_low is not None:
                    new_low = math.ceil(candidates_low)
                    if new_low > low[k]:
                        low[k] = new_low
                        changed = True
    return {key: (low[j], high[j]) for j, key in enumerate(unknown)}


def bounds(table: ProtectedTable) -> dict[Key, tuple[Fraction, Fraction | None]]:
    """(least, greatest or None when unbounded) for every suppressed cell: the linear programme."""
    unknown, rows, rhs = system(table)
    index = {key: j for j, key in enumerate(unknown)}
    result = {}
    for key, j in index.items():
        objective = [Fraction(0)] * len(unknown)
        objective[j] = Fraction(1)
        greatest = maximise(rows, rhs, objective)
        least = maximise(rows, rhs, [-c for c in objective])
        assert least is not None  # x >= 0 bounds it below
        result[key] = (-least, greatest)
    return result


def pinned(table: ProtectedTable, *, programme_up_to: int = 16) -> dict[Key, Fraction]:
    """The suppressed cells the attacker recovers exactly, by any of the three attacks (the linear programme
    only when there are at most ``programme_up_to`` suppressed cells)."""
    found: dict[Key, Fraction] = dict(solved_by_sums(table))
    for key, (low, high) in interval_bounds(table).items():
        if high is not None and high == low:
            found[key] = Fraction(low)
    if len(table.suppressed_keys) <= programme_up_to:
        for key, (least, greatest) in bounds(table).items():
            if greatest is not None and greatest == least:
                found[key] = least
    return found


def maximise(a: list[list[Fraction]], b: list[Fraction], c: list[Fraction]) -> Fraction | None:
    """max c·y subject to a·y = b, y >= 0; None when unbounded. Two-phase tableau simplex, Bland's rule."""
    m, n = len(a), len(c)
    tableau = []
    for i in range(m):
        sign = -1 if b[i] < 0 else 1
        tableau.append([sign * v for v in a[i]] + [Fraction(1 if k == i else 0) for k in range(m)] + [sign * b[i]])
    basis = [n + i for i in range(m)]

    def pivot(r: int, col: int) -> None:
        p = tableau[r][col]
        tableau[r] = [v / p for v in tableau[r]]
        for i in range(len(tableau)):
            if i != r and tableau[i][col] != 0:
                f = tableau[i][col]
                tableau[i] = [v - f * w for v, w in zip(tableau[i], tableau[r], strict=True)]
        basis[r] = col

    def run(objective: list[Fraction], allowed: int) -> bool:
        """Maximise over columns < allowed; False when unbounded."""
        while True:
            entering = None
            for col in range(allowed):
                if col in basis:
                    continue
                reduced = objective[col] - sum(objective[basis[i]] * tableau[i][col] for i in range(len(tableau)))
                if reduced > 0:
                    entering = col
                    break
            if entering is None:
                return True
            best = None
            for i in range(len(tableau)):
                if tableau[i][entering] > 0:
                    ratio = tableau[i][-1] / tableau[i][entering]
                    if best is None or (ratio, basis[i]) < best[0]:
                        best = ((ratio, basis[i]), i)
            if best is None:
                return False
            pivot(best[1], entering)

    phase1 = [Fraction(0)] * n + [Fraction(-1)] * m
    run(phase1, n + m)
    if any(tableau[i][-1] != 0 for i in range(len(tableau)) if basis[i] >= n):
        raise AssertionError("the published table is inconsistent with its own cells")
    # drive the artificial variables (all at zero) out of the basis, or drop their redundant rows
    i = 0
    while i < len(tableau):
        if basis[i] >= n:
            col = next((k for k in range(n) if tableau[i][k] != 0), None)
            if col is None:
                del tableau[i]
                del basis[i]
                continue
            pivot(i, col)
        i += 1
    full = list(c) + [Fraction(0)] * m
    if not run(full, n):
        return None
    return sum((full[basis[i]] * tableau[i][-1] for i in range(len(tableau))), Fraction(0))
