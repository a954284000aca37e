"""Disclosure control: the one place that decides which counts may leave the system, and how.

Every figure the analysts' view, the statistics API, the CSV download and the public yearly overview show goes
through ``protect``. It takes a table of counts over one to a few dimensions, computes every linked table that
the same data gives (each dimension is a tree: its values and their total; periods are months → quarters →
half-years → years → the whole range), and returns each cell either published (rounded) or suppressed.

The rules (docs/statistics.md explains them to analysts):

1. **Primary suppression.** Every cell whose count is below the threshold (default 10, never below 5 —
   ``Policy`` refuses a lower one) is suppressed, zero included: "nobody in Drenthe" names people too.
2. **Secondary suppression.** A suppressed cell could be recomputed from totals: a row total minus the
   published cells of that row, a year minus its half-years, a half-year table against a year table. So each
   primary cell must lie in a *pattern* of suppressed cells — the tensor product over the dimensions of one
   vector per dimension that satisfies that dimension's sums (a sibling difference ``+a -b``, or a path up to
   the total ``+leaf +parent … +total``) — along which the whole table can move while every published cell stays
   the same and every suppressed cell stays ≥ 0. Such a pattern proves the cell is not pinned: an attacker who
   knows every published cell exactly (even unrounded) and solves all sums (linear algebra, interval bounds)
   still finds at least two possible values. Where no pattern exists yet, the cheapest one (fewest, smallest
   cells, margins last) is suppressed as well (the hypercube method of τ-ARGUS, written once here).
3. **Rounding.** Every published count is rounded to the nearest multiple of 5 (``Policy.rounding``).
4. **Percentages** only when the exact denominator is at least 50, computed from the *rounded* counts, so a
   percentage never tells more than the counts beside it.

Suppressed cells are all shown alike (``Cell.label``: a multiplication sign, count ``None``): showing "<10" for
the small ones and something else for the cells hidden to protect them would tell an attacker which is which.

The module is pure Python (no Django): callers build ``Dimension`` s, count their rows per leaf combination and
call ``protect``. Example::

    roles = Dimension.flat("role", ["burgemeester", "wethouder", "raadslid"])
    table = protect([roles], {("burgemeester",): 3, ("wethouder",): 40, ("raadslid",): 61})
    table.cell(("wethouder",)).count        # 40
    table.cell(("burgemeester",)).suppressed  # True
    table.cell((TOTAL,))                       # the total, itself protected
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

TOTAL = "*"  # the code of a dimension's root: the total over all its values
MIN_THRESHOLD = 5  # the threshold can be configured, never below this
SUPPRESSED_LABEL = "\u00d7"  # the multiplication sign, as Statistics Netherlands marks a secret cell

Key = tuple[str, ...]


class PolicyError(ValueError):
    """A disclosure policy that would publish too much (threshold below 5, rounding below 1, …)."""


class UnprotectableTable(ValueError):
    """The cells already published (``keep_published``) leave a small cell exposed whatever else is suppressed:
    the table cannot be published safely. Callers refuse to publish it; nothing is half-protected."""


@dataclass(frozen=True)
class Policy:
    threshold: int = 10
    rounding: int = 5
    percent_min_denominator: int = 50

    def __post_init__(self) -> None:
        if not isinstance(self.threshold, int) or self.threshold < MIN_THRESHOLD:
            raise PolicyError(f"the disclosure threshold must be an integer of at least {MIN_THRESHOLD}")
        if not isinstance(self.rounding, int) or self.rounding < 1:
            raise PolicyError("the rounding base must be a positive integer")
        if not isinstance(self.percent_min_denominator, int) or self.percent_min_denominator < self.threshold:
            raise PolicyError("percentages need a denominator of at least the threshold")

    def round(self, count: int) -> int:
        """Round half up to the nearest multiple of ``rounding``."""
        return ((count + self.rounding // 2) // self.rounding) * self.rounding


@dataclass(frozen=True)
class Dimension:
    """One dimension of a table as a tree: ``children`` maps every inner node to its children; the leaves are
    the values rows are counted under; ``root`` (``TOTAL``) is the total over all of them."""

    name: str
    children: Mapping[str, tuple[str, ...]]
    root: str = TOTAL
    parent: dict[str, str] = field(init=False, repr=False, compare=False)
    nodes: tuple[str, ...] = field(init=False, repr=False, compare=False)
    leaves: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _leaves_under: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parent: dict[str, str] = {}
        order: list[str] = []
        leaves: list[str] = []
        under: dict[str, tuple[str, ...]] = {}

        def walk(node: str) -> tuple[str, ...]:
            order.append(node)
            kids = self.children.get(node, ())
            if not kids:
                leaves.append(node)
                under[node] = (node,)
                return under[node]
            found: list[str] = []
            for kid in kids:
                if kid in parent or kid == self.root:
                    raise ValueError(f"{self.name}: {kid!r} appears twice in the tree")
                parent[kid] = node
                found.extend(walk(kid))
            under[node] = tuple(found)
            return under[node]

        walk(self.root)
        object.__setattr__(self, "parent", parent)
        object.__setattr__(self, "nodes", tuple(order))
        object.__setattr__(self, "leaves", tuple(leaves))
        object.__setattr__(self, "_leaves_under", under)

    @classmethod
    def flat(cls, name: str, values: Iterable[str]) -> Dimension:
        """Values with only their total above them (role, province, channel, …)."""
        values = tuple(values)
        if not values:
            raise ValueError(f"{name}: a dimension needs at least one value")
        return cls(name, {TOTAL: values})

    @classmethod
    def periods(cls, name: str, first: date, last: date) -> Dimension:
        """The months from ``first`` to ``last`` (whole months), under their quarter, half-year and year, under
        the total of the range. Codes: ``2026-01``, ``2026-Q1``, ``2026-H1``, ``2026``."""
        months = month_codes(first, last)
        if not months:
            raise ValueError(f"{name}: the period has no month")
        children: dict[str, list[str]] = {TOTAL: []}
        for code in months:
            year, month = code.split("-")
            quarter = f"{year}-Q{(int(month) - 1) // 3 + 1}"
            half = f"{year}-H{(int(month) - 1) // 6 + 1}"
            for up, down in ((TOTAL, year), (year, half), (half, quarter), (quarter, code)):
                kids = children.setdefault(up, [])
                if down not in kids:
                    kids.append(down)
        return cls(name, {node: tuple(kids) for node, kids in children.items()})

    def leaves_under(self, node: str) -> tuple[str, ...]:
        return self._leaves_under[node]

    def ancestors(self, node: str) -> list[str]:
        """The node and every node above it, up to the root."""
        chain = [node]
        while chain[-1] in self.parent:
            chain.append(self.parent[chain[-1]])
        return chain

    def depth(self, node: str) -> int:
        return len(self.ancestors(node)) - 1

    def siblings(self, node: str) -> tuple[str, ...]:
        if node not in self.parent:
            return ()
        return tuple(kid for kid in self.children[self.parent[node]] if kid != node)

    def level_of(self, node: str) -> int:
        """How far below the root (0 = the total)."""
        return self.depth(node)


def month_codes(first: date, last: date) -> list[str]:
    codes = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        codes.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return codes


@dataclass(frozen=True)
class Cell:
    key: Key
    count: int | None  # rounded; None when suppressed
    suppressed: bool

    @property
    def label(self) -> str:
        return SUPPRESSED_LABEL if self.suppressed else str(self.count)


# One dimension's vector: (node, sign) pairs whose sums balance in that dimension's tree.
Vector = tuple[tuple[str, int], ...]


@dataclass
class ProtectedTable:
    dimensions: tuple[Dimension, ...]
    policy: Policy
    _values: dict[Key, int]
    _suppressed: set[Key]

    def cell(self, key: Key) -> Cell:
        if key not in self._values:
            raise KeyError(key)
        if key in self._suppressed:
            return Cell(key, None, True)
        return Cell(key, self.policy.round(self._values[key]), False)

    def cells(self, levels: Sequence[Sequence[str]] | None = None) -> Iterator[Cell]:
        """Every cell, or those whose node in dimension i is one of ``levels[i]``, in the trees' order."""
        choices = levels or [dim.nodes for dim in self.dimensions]
        for key in itertools.product(*choices):
            yield self.cell(key)

    def percent(self, key: Key, of: Key) -> int | None:
        """``key`` as a whole percentage of ``of`` — None if either is suppressed or ``of`` is below the minimum
        denominator. Computed from the rounded counts, so it tells nothing they do not."""
        part, whole = self.cell(key), self.cell(of)
        if part.count is None or whole.count is None or self._values[of] < self.policy.percent_min_denominator:
            return None
        return round(100 * part.count / whole.count) if whole.count else None

    @property
    def suppressed_keys(self) -> frozenset[Key]:
        return frozenset(self._suppressed)

    def published(self) -> dict[Key, int]:
        """The exact values of every published cell — for tests that play the attacker, never for display."""
        return {key: value for key, value in self._values.items() if key not in self._suppressed}


def protect(
    dimensions: Sequence[Dimension],
    counts: Mapping[Key, int],
    policy: Policy | None = None,
    *,
    keep_published: Iterable[Key] = (),
    suppress: Iterable[Key] = (),
) -> ProtectedTable:
    """Protect a table of counts: ``counts`` maps a tuple of leaves (one per dimension) to a count (missing
    combinations count 0). Returns every cell of every linked table (all node combinations).

    ``keep_published``: cells already published elsewhere (a frozen release) — never chosen as secondary
    suppressions. ``suppress``: cells to suppress whatever their count (suppressed in a frozen release)."""
    policy = policy or Policy()
    dims = tuple(dimensions)
    if not dims:
        raise ValueError("a table needs at least one dimension")
    chains = [{leaf: dim.ancestors(leaf) for leaf in dim.leaves} for dim in dims]
    values: dict[Key, int] = dict.fromkeys(itertools.product(*[dim.nodes for dim in dims]), 0)
    for key, count in counts.items():
        if len(key) != len(dims):
            raise ValueError(f"key {key!r} has {len(key)} values for {len(dims)} dimensions")
        if count < 0:
            raise ValueError("counts are never negative")
        try:
            ups = [chains[i][leaf] for i, leaf in enumerate(key)]
        except KeyError as error:
            raise ValueError(f"{error.args[0]!r} is not a value of the table") from None
        for cell in itertools.product(*ups):
            values[cell] += count

    suppressed = {key for key, value in values.items() if value < policy.threshold}
    primary = sorted(suppressed, key=lambda key: (values[key], key))
    suppressed |= {tuple(key) for key in suppress}
    frozen = {tuple(key) for key in keep_published} - suppressed
    vectors: dict[tuple[int, str], list[Vector]] = {}
    for key in primary:
        _protect_cell(dims, values, suppressed, frozen, key, vectors)
    return ProtectedTable(dims, policy, values, suppressed)


_CANDIDATES_PER_DIMENSION = 5


def _down(dim: Dimension, node: str, leaf: str) -> list[str]:
    """The path from ``node`` down to ``leaf`` (below it), node first."""
    path = dim.ancestors(leaf)
    return list(reversed(path[: path.index(node) + 1]))


def _vectors(dim: Dimension, node: str) -> list[Vector]:
    """The balanced vectors of one dimension that move ``node`` by +1."""
    vectors: list[Vector] = []
    downs = [_down(dim, node, leaf) for leaf in dim.leaves_under(node)]
    for sibling in dim.siblings(node):
        for down in downs:
            for other in (_down(dim, sibling, leaf) for leaf in dim.leaves_under(sibling)):
                vectors.append(tuple((n, 1) for n in down) + tuple((n, -1) for n in other))
    above = dim.ancestors(node)[1:]
    for down in downs:
        vectors.append(tuple((n, 1) for n in down) + tuple((n, 1) for n in above))
    return vectors


def _protect_cell(
    dims: tuple[Dimension, ...],
    values: dict[Key, int],
    suppressed: set[Key],
    frozen: set[Key],
    key: Key,
    vectors_of: dict[tuple[int, str], list[Vector]],
) -> None:
    def line_score(i: int, vector: Vector) -> tuple[int, int] | None:
        # How this vector fares on the line through the cell (other coordinates fixed): cells it would add. None
        # when the line alone already fails (a 0 it must move down, a cell published before): every pattern with
        # this vector holds that line, so none is tried.
        new = cost = 0
        for node, sign in vector:
            cell = (*key[:i], node, *key[i + 1 :])
            if sign < 0 and values[cell] < 1:
                return None
            if cell not in suppressed:
                if cell in frozen:
                    return None
                new += 1
                cost += values[cell]
        return (new, cost)

    per_dim: list[list[Vector]] = []
    for i, dim in enumerate(dims):
        if (i, key[i]) not in vectors_of:
            vectors_of[(i, key[i])] = _vectors(dim, key[i])
        vectors = vectors_of[(i, key[i])]
        lines = [(line_score(i, v), len(v), n, v) for n, v in enumerate(vectors)]
        scored = sorted(((score, size, n), v) for score, size, n, v in lines if score is not None)
        ranked = [v for _score, v in scored]
        chosen = ranked[:_CANDIDATES_PER_DIMENSION]
        ups = [v for v in ranked if all(sign > 0 for _n, sign in v)]
        if ups and ups[0] not in chosen:
            chosen.append(ups[0])  # the path to the total is always feasible: keep one
        per_dim.append(chosen)

    best: tuple[tuple[int, int, int], list[Key]] | None = None
    # Per chosen vector: its nodes, and per node 1 if it moves down (sign -1) and 2 if it is a margin (an inner
    # node of its tree) — so one pass over a pattern's cells needs no per-cell arithmetic but two sums.
    nodes_of = [[tuple(node for node, _sign in v) for v in vectors] for vectors in per_dim]
    codes_of = [
        [tuple((sign < 0) + 2 * (node in dim.children) for node, sign in v) for v in vectors]
        for vectors, dim in zip(per_dim, dims, strict=True)
    ]
    for combo in itertools.product(*[range(len(vectors)) for vectors in per_dim]):
        new: list[Key] = []
        margins = cost = 0
        feasible = True
        nodes = [nodes_of[i][j] for i, j in enumerate(combo)]
        codes = [codes_of[i][j] for i, j in enumerate(combo)]
        for cell, code in zip(itertools.product(*nodes), itertools.product(*codes), strict=True):
            value = values[cell]
            if value < 1 and sum(c & 1 for c in code) & 1:
                feasible = False  # moving the cell up needs this one to go down: it must not be 0
                break
            if cell not in suppressed:
                if cell in frozen:
                    feasible = False
                    break
                new.append(cell)
                cost += value
                margins += sum(c >> 1 for c in code)
                # Every part of the score only grows: once this pattern scores no better than the best so far, it
                # cannot end better, so the rest of it is not looked at (the same choice, sooner).
                if best is not None and (margins, len(new), cost) >= best[0]:
                    feasible = False
                    break
        if not feasible:
            continue
        score = (margins, len(new), cost)
        if best is None or score < best[0]:
            best = (score, new)
            if not new:
                return  # already protected
    if best is None:
        raise UnprotectableTable("no protecting pattern: the cells already published leave a small cell exposed")
    suppressed.update(best[1])


def protected_percentiles(
    histogram: Mapping[int, int], quantiles: Sequence[float], policy: Policy | None = None
) -> list[int] | None:
    """Percentiles (e.g. the median, 0.5, and the 90th, 0.9) of whole numbers given as ``{value: how many}``, or
    None when fewer than the threshold were counted: in a small group a percentile is one person's own figure.
    The values are whole numbers (hours) already, so a percentile never tells more precisely than that; the
    nearest-rank method, so every percentile is a value that occurs."""
    policy = policy or Policy()
    total = sum(histogram.values())
    if total < policy.threshold:
        return None
    ordered = sorted((value, count) for value, count in histogram.items() if count > 0)
    found = []
    for quantile in quantiles:
        rank = max(1, -(-round(quantile * 1000) * total // 1000))  # ceil(q * n), at least 1
        seen = 0
        for value, count in ordered:
            seen += count
            if seen >= rank:
                found.append(value)
                break
    return found
