"""The allow-listed national tables of the public yearly overview, and how one release's cells are protected.

A release for year Y publishes, per table, two columns: year Y and the total since the first release
("cumulative"). Every earlier year is shown as its own frozen release published it, never recomputed. The
three columns are linked — cumulative Y = cumulative Y-1 (frozen) + year Y — so a new release is protected in
the linked table ``[before, Y, total] x rows`` with ``weerbaar.stats.disclosure.protect``: the cells the frozen
release suppressed stay suppressed (``suppress``), the cells it published are never chosen to hide something
else (``keep_published``). ``chain_problems`` checks a draft against every frozen release before approval: no
suppressed cell of any release may be determined by what all of them publish together.

Pure Python (no Django models): the counts come from ``counts``, the storage from ``models.Release``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from weerbaar.core.exact import row_reduce
from weerbaar.stats.disclosure import SUPPRESSED_LABEL, TOTAL, Dimension, Policy, protect

BEFORE = "before"  # the cumulative total of the years before the release year (the frozen release's total)
COLUMNS = ("year", "cumulative")


@dataclass(frozen=True)
class Row:
    code: str
    label: str | Promise


@dataclass(frozen=True)
class TableSpec:
    code: str
    title: str | Promise
    caption: str | Promise  # what is counted, for the table's caption and the chart's text alternative
    rows: tuple[Row, ...]
    independent: bool = False  # each row is its own count (no total row): the totals table
    share_of: str = ""  # a row whose share of the total is shown as a percentage

    def label(self, code: str) -> str | Promise:
        if code == TOTAL:
            return _("Totaal")
        return next((row.label for row in self.rows if row.code == code), code)


# The fixed, allow-listed set (issue 15 point 3). Adding a table is a code change, reviewed like any other.
TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "totals",
        _("Totalen"),
        _("Hulpvragen die in het jaar binnenkwamen en incidenten die in het jaar werden vastgelegd."),
        (Row("cases", _("Hulpvragen")), Row("incidents", _("Incidenten"))),
        independent=True,
    ),
    TableSpec(
        "office",
        _("Soort ambt"),
        _("Hulpvragen naar het ambt van de aanvrager."),
        (
            Row("burgemeester", _("Burgemeester")),
            Row("wethouder", _("Wethouder")),
            Row("raadslid", _("Raadslid")),
            Row("statenlid", _("Statenlid")),
            Row("gedeputeerde", _("Gedeputeerde")),
            Row("other", _("Ander ambt")),
        ),
    ),
    TableSpec(
        "category",
        _("Soort incident"),
        _("Incidenten naar de zwaarste soort die erin voorkwam."),
        (
            Row("physical", _("Fysiek geweld of vernieling")),
            Row("threat", _("Bedreiging of afpersing")),
            Row("stalking", _("Stalking, intimidatie aan huis")),
            Row("privacy", _("Doxing, identiteitsmisbruik, hacken")),
            Row("insult", _("Belediging, haat, vijandige berichten")),
            Row("other", _("Anders")),
        ),
    ),
    TableSpec(
        "channel",
        _("Kanaal"),
        _("Incidenten naar de manier waarop ze plaatsvonden."),
        (
            Row("online", _("Online (sociale media, e-mail)")),
            Row("phone", _("Telefoon of sms")),
            Row("letter", _("Brief of kaart")),
            Row("in_person", _("Persoonlijk, op het werk of elders")),
            Row("at_home", _("Bij de woning")),
        ),
    ),
    TableSpec(
        "support",
        _("Gegeven ondersteuning"),
        _("Aanvaarde doorverwijzingen naar het netwerk en gestarte nazorgtrajecten."),
        (
            Row("security", _("Beveiliging en woningscan")),
            Row("psychosocial", _("Psychosociale hulp en slachtofferhulp")),
            Row("legal_aid", _("Juridische hulp")),
            Row("peer", _("Vakgenoot of ervaringsdeskundige")),
            Row("aftercare", _("Nazorgtraject")),
        ),
    ),
    TableSpec(
        "complaint",
        _("Aangifte"),
        _("Hulpvragen naar wat er bij de politie is gedaan."),
        (
            Row("complaint", _("Aangifte gedaan")),
            Row("registration", _("Alleen melding gedaan")),
            Row("none", _("Geen aangifte of melding")),
        ),
        share_of="complaint",
    ),
)
TABLES_BY_CODE = {spec.code: spec for spec in TABLES}

# Repeat perpetrators (confirmed links between cases, issue 14) are published only as a band.
LINK_BANDS: tuple[tuple[int, str], ...] = ((0, "none"), (1, "lt10"), (10, "10-49"), (50, "50-99"), (100, "100+"))
LINK_BAND_LABELS = {
    "none": _("geen"),
    "lt10": _("minder dan 10"),
    "10-49": _("10 tot 50"),
    "50-99": _("50 tot 100"),
    "100+": _("100 of meer"),
}


def link_band(count: int) -> str:
    band = "none"
    for lowest, code in LINK_BANDS:
        if count >= lowest:
            band = code
    return band


# --- one table ------------------------------------------------------------------------------------------


def _key(column: str, row: str) -> str:
    return f"{column}|{row}"


def protect_table(
    spec_rows: Sequence[str],
    *,
    year: int,
    current: Mapping[str, int],
    before: Mapping[str, int] | None,
    frozen_total: Mapping[str, int | None] | None,
    policy: Policy,
    independent: bool = False,
) -> dict[str, Any]:
    """The published cells of one table for ``year``: ``{"year": {row: count|None}, "cumulative": {...},
    "before": {...}}`` (None: suppressed; rows include ``TOTAL`` unless ``independent``).

    ``current``: this year's counts per row; ``before``: the counts of all earlier years together (None for the
    first release); ``frozen_total``: the previous frozen release's cumulative column as it was published.
    """
    if independent:
        parts = [
            protect_table(
                [row],
                year=year,
                current={row: current.get(row, 0)},
                before=None if before is None else {row: before.get(row, 0)},
                frozen_total=None
                if frozen_total is None
                else {row: frozen_total.get(row), TOTAL: frozen_total.get(row)},
                policy=policy,
            )
            for row in spec_rows
        ]
        return {
            column: {row: part[column][row] for row, part in zip(spec_rows, parts, strict=True)}
            for column in ("year", "cumulative", "before")
        }
    rows = Dimension.flat("row", list(spec_rows))
    this = str(year)
    if before is None:
        periods = Dimension("period", {TOTAL: (this,)})
        counts: dict[tuple[str, ...], int] = {(this, row): current.get(row, 0) for row in spec_rows}
        suppress: set[tuple[str, ...]] = set()
        keep: set[tuple[str, ...]] = set()
    else:
        periods = Dimension("period", {TOTAL: (BEFORE, this)})
        counts = {(this, row): current.get(row, 0) for row in spec_rows}
        counts.update({(BEFORE, row): before.get(row, 0) for row in spec_rows})
        frozen = frozen_total or {}
        suppress = {(BEFORE, row) for row in (*spec_rows, TOTAL) if frozen.get(row, None) is None}
        keep = {(BEFORE, row) for row in (*spec_rows, TOTAL) if frozen.get(row) is not None}
    table = protect([periods, rows], counts, policy, keep_published=keep, suppress=suppress)
    result: dict[str, dict[str, int | None]] = {"year": {}, "cumulative": {}, "before": {}}
    for row in (*spec_rows, TOTAL):
        result["year"][row] = table.cell((this, row)).count
        result["cumulative"][row] = table.cell((TOTAL, row)).count
        result["before"][row] = None if frozen_total is None else frozen_total.get(row)
    return result


# --- the check against the frozen releases ------------------------------------------------------------------


@dataclass(frozen=True)
class Exposure:
    table: str  # the table's code
    year: int  # the release
    column: str  # "year" or "cumulative"
    row: str


def chain_problems(releases: Sequence[tuple[int, Sequence[Mapping[str, Any]]]]) -> list[Exposure]:
    """The suppressed cells determined by everything the releases publish together (the frozen ones and a draft).

    ``releases``: ``(year, tables)`` oldest first, each ``tables`` as ``Release.tables["tables"]``. For each table,
    the unknowns are the suppressed cells of every release; the equations are each column's rows summing to its
    total and, from one release to the next, cumulative = previous cumulative + year (the first: cumulative =
    year). A suppressed cell is exposed when the equations fix its value (exact linear algebra over the rationals;
    rounding to 5 blurs a fixed value by a few units at most, which is still a disclosure).
    """
    problems: list[Exposure] = []
    codes = {table["code"] for _year, tables in releases for table in tables}
    for code in sorted(codes):
        chain: list[tuple[int, Mapping[str, Any] | None]] = [
            (year, next((t for t in tables if t["code"] == code), None)) for year, tables in releases
        ]
        problems += _table_problems(code, chain)
    return problems


def _table_problems(code: str, chain: Sequence[tuple[int, Mapping[str, Any] | None]]) -> list[Exposure]:
    spec = TABLES_BY_CODE.get(code)
    independent = bool(spec and spec.independent)
    variables: dict[tuple[int, str, str], int] = {}
    equations: list[tuple[dict[tuple[int, str, str], int], Fraction]] = []

    def term(year: int, column: str, row: str, value: int | None) -> tuple[tuple[int, str, str] | None, Fraction]:
        if value is None:
            key = (year, column, row)
            variables.setdefault(key, len(variables))
            return key, Fraction(0)
        return None, Fraction(value)

    def add(items: list[tuple[int, tuple[int, str, str] | None, Fraction]]) -> None:
        coefficients: dict[tuple[int, str, str], int] = {}
        constant = Fraction(0)
        for sign, key, value in items:
            if key is None:
                constant -= sign * value
            else:
                coefficients[key] = coefficients.get(key, 0) + sign
        coefficients = {k: c for k, c in coefficients.items() if c}
        if coefficients:
            equations.append((coefficients, constant))

    previous: tuple[int, Mapping[str, Any]] | None = None
    for year, table in chain:
        if table is None:
            previous = None
            continue
        cells = table["cells"]
        rows = [row for row in cells["year"] if row != TOTAL]
        for column in COLUMNS:
            if independent:
                continue
            total = term(year, column, TOTAL, cells[column].get(TOTAL))
            add([(1, *term(year, column, row, cells[column].get(row))) for row in rows] + [(-1, *total)])
        for row in [*rows, *([] if independent else [TOTAL])]:
            cumulative = term(year, "cumulative", row, cells["cumulative"].get(row))
            this = term(year, "year", row, cells["year"].get(row))
            if previous is None or previous[0] != year - 1:
                add([(1, *cumulative), (-1, *this)])
            else:
                prev_year, prev_table = previous
                before = term(prev_year, "cumulative", row, prev_table["cells"]["cumulative"].get(row))
                add([(1, *cumulative), (-1, *this), (-1, *before)])
        previous = (year, table)
    return [Exposure(code, key[0], key[1], key[2]) for key in sorted(_determined(variables, equations), key=str)]


def _determined(
    variables: Mapping[tuple[int, str, str], int],
    equations: Sequence[tuple[Mapping[tuple[int, str, str], int], Fraction]],
) -> list[tuple[int, str, str]]:
    """The variables whose value the equations fix: those with a zero in every vector of the null space."""
    size = len(variables)
    if not size or not equations:
        return []
    matrix = [[Fraction(0)] * size for _ in equations]
    for i, (coefficients, _constant) in enumerate(equations):
        for key, coefficient in coefficients.items():
            matrix[i][variables[key]] = Fraction(coefficient)
    # Reduced row echelon form; a variable is determined iff its pivot row has no free variable in it.
    pivots = row_reduce(matrix, size)
    free = set(range(size)) - set(pivots)
    determined = []
    for index, column in enumerate(pivots):
        if not any(matrix[index][f] != 0 for f in free):
            determined.append(column)
    names = {index: key for key, index in variables.items()}
    return [names[column] for column in determined]


# --- charts -------------------------------------------------------------------------------------------------


def chart(rows: Sequence[Mapping[str, Any]], *, width: int = 480, bar: int = 22, gap: int = 8) -> dict[str, Any]:
    """Horizontal bars of the year column (not the total), server-rendered as SVG by the template: each bar's
    width, its label and the value shown beside it (the suppressed label for a suppressed cell, which gets no bar)."""
    data = [row for row in rows if not row.get("is_total")]
    largest = max((row["year"] or 0 for row in data), default=0) or 1
    label_width, value_width = 190, 50
    room = width - label_width - value_width
    bars = []
    for index, row in enumerate(data):
        value = row["year"]
        bars.append(
            {
                "label": row["label"],
                "y": index * (bar + gap),
                "text_y": index * (bar + gap) + bar * 0.7,
                "width": 0 if value is None else max(1, round(room * value / largest)),
                "value": SUPPRESSED_LABEL if value is None else value,
            }
        )
    return {
        "bars": bars,
        "width": width,
        "height": max(len(bars) * (bar + gap) - gap, bar),
        "bar": bar,
        "bar_x": label_width,
        "value_x": width - value_width + 6,
    }
