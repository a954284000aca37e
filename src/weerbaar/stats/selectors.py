"""The analysts' tables: counts of help requests from the pre-aggregated figures, always through disclosure control.

``statistics_table(by=[...], first=..., last=...)`` answers the statistics API, the analysts' page and its CSV
download alike. The period is widened to whole months (the figures are kept per month; a one-day difference
between two tables must not single out a case). Every dimension's values are listed in full — a combination
nobody reported counts 0 and is suppressed like every other small cell — and every table is protected together
with all its linked tables (totals, and months under quarters, half-years and years).
"""

from __future__ import annotations

import calendar
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.cache import cache
from django.db.models import Sum
from django.db.models.functions import Coalesce

from weerbaar.cases.choices import OfficeRole, Outcome
from weerbaar.concerns.choices import Level
from weerbaar.directory.models import Association, Province
from weerbaar.guidance import rules
from weerbaar.guidance.forms import ACTS as ACT_TEXTS
from weerbaar.incidents.choices import IncidentChannel, TriState
from weerbaar.stats.conf import configured_policy
from weerbaar.stats.disclosure import TOTAL, Dimension, Policy, ProtectedTable, protect, protected_percentiles
from weerbaar.stats.jobs import (
    NONE,
    OPEN,
    SUPPORT_AFTERCARE,
    SUPPORT_BOTH,
    SUPPORT_NONE,
    SUPPORT_REFERRAL,
    TRIPLE_DIMENSIONS,
    UNKNOWN,
)
from weerbaar.stats.models import MeasureCount, Refresh, SliceCount

PERIODS = ("month", "quarter", "year")
DIMENSIONS = (
    "role",
    "province",
    "association",
    "act",
    "channel",
    "route",
    "outcome",
    "vpt",
    "concern",
    "support",
    *PERIODS,
)
#: Only these can be three in one table (the pre-counts hold three together only of ``TRIPLE_DIMENSIONS``):
#: vpt, concern and support go with at most one other besides the period.
MAX_DIMENSIONS = 3
MAX_MONTHS = 120  # ten years of months in one table
ACT_LABELS = {code: label for code, (label, _hint) in ACT_TEXTS.items()}


class StatisticsQueryError(ValueError):
    """A request for a table that cannot be answered (unknown dimension, too many, bad period)."""


def dimension_values(name: str) -> list[str]:
    """Every value of a plain dimension, in display order (municipality is never one)."""
    if name == "role":
        return list(OfficeRole.values)
    if name == "province":
        return [*Province.objects.order_by("code").values_list("code", flat=True), UNKNOWN]
    if name == "association":
        return list(Association.objects.order_by("code").values_list("code", flat=True))
    if name == "act":
        return [*rules.ACTS, NONE, UNKNOWN]
    if name == "channel":
        return [*IncidentChannel.values, NONE, UNKNOWN]
    if name == "route":
        return ["complaint", "registration", NONE, UNKNOWN]
    if name == "outcome":
        return [*Outcome.values, OPEN, UNKNOWN]
    if name == "vpt":
        return [*TriState.values, NONE]  # yes, no, unknown (the report does not say), none (no report)
    if name == "concern":
        return [*Level.values, NONE, UNKNOWN]
    if name == "support":
        return [SUPPORT_NONE, SUPPORT_REFERRAL, SUPPORT_AFTERCARE, SUPPORT_BOTH, UNKNOWN]
    raise StatisticsQueryError(name)


def whole_months(first: date, last: date) -> tuple[date, date]:
    return first.replace(day=1), last.replace(day=calendar.monthrange(last.year, last.month)[1])


def parse_by(raw: str) -> list[str]:
    names = [part.strip() for part in raw.split(",") if part.strip()]
    if not names:
        raise StatisticsQueryError("by")
    unknown = [name for name in names if name not in DIMENSIONS]
    if unknown or len(set(names)) != len(names):
        raise StatisticsQueryError("by")
    if len(names) > MAX_DIMENSIONS or sum(name in PERIODS for name in names) > 1:
        raise StatisticsQueryError("by")
    plain = [name for name in names if name not in PERIODS]
    if len(plain) > 2 and not set(plain) <= set(TRIPLE_DIMENSIONS):
        raise StatisticsQueryError("by")
    return names


@dataclass(frozen=True)
class StatisticsTable:
    by: tuple[str, ...]
    first: date
    last: date
    policy: Policy
    table: ProtectedTable
    levels: tuple[tuple[str, ...], ...]  # the nodes shown per dimension (leaves, or quarters / years)
    refreshed_at: Any

    def rows(self) -> list[dict[str, Any]]:
        """One dict per cell: the dimensions' values, ``count`` (rounded or None) and ``suppressed``."""
        found = []
        for cell in self.table.cells(self.levels):
            row: dict[str, Any] = dict(zip(self.by, cell.key, strict=True))
            row["count"] = cell.count
            row["suppressed"] = cell.suppressed
            found.append(row)
        return found

    def total(self) -> Any:
        return self.table.cell(tuple(TOTAL for _ in self.by))

    def margin(self, index: int) -> list[Any]:
        """The totals over every other dimension for each shown value of dimension ``index``."""
        cells = []
        for node in self.levels[index]:
            key = tuple(node if i == index else TOTAL for i in range(len(self.by)))
            cells.append(self.table.cell(key))
        return cells


def _period_nodes(dimension: Dimension, level: str) -> tuple[str, ...]:
    if level == "month":
        return dimension.leaves
    marker = {"quarter": "-Q", "year": ""}[level]
    if level == "year":
        return tuple(node for node in dimension.nodes if node != TOTAL and node.isdigit())
    return tuple(node for node in dimension.nodes if marker in node)


def statistics_table(*, by: Sequence[str], first: date, last: date, policy: Policy | None = None) -> StatisticsTable:
    if first > last:
        raise StatisticsQueryError("from")
    first, last = whole_months(first, last)
    if (last.year - first.year) * 12 + last.month - first.month + 1 > MAX_MONTHS:
        raise StatisticsQueryError("to")
    policy = policy or configured_policy()
    refreshed = Refresh.objects.order_by("-finished_at").values_list("finished_at", flat=True).first()
    # The figures change once a night: a table is protected once per refresh and kept (the cache holds only the
    # protected table's counts, the same the page shows, with the exact ones used to round them).
    described = ":".join(
        [",".join(by), first.isoformat(), last.isoformat(), str(refreshed and refreshed.timestamp()), repr(policy)]
    )
    cache_key = "stats:" + hashlib.sha256(described.encode()).hexdigest()
    cached = cache.get(cache_key)
    if isinstance(cached, StatisticsTable):
        return cached
    result = _statistics_table(by=by, first=first, last=last, policy=policy, refreshed=refreshed)
    cache.set(cache_key, result, 24 * 3600)
    return result


def _statistics_table(*, by: Sequence[str], first: date, last: date, policy: Policy, refreshed: Any) -> StatisticsTable:
    dims: list[Dimension] = []
    levels: list[tuple[str, ...]] = []
    fields: list[str] = []
    for name in by:
        if name in PERIODS:
            dimension = Dimension.periods(name, first, last)
            levels.append(_period_nodes(dimension, name))
            fields.append("month")
        else:
            dimension = Dimension.flat(name, dimension_values(name))
            levels.append(dimension.leaves)
            fields.append(name)
        dims.append(dimension)
    grouped = _grouped(by, fields, first, last)
    counts: dict[tuple[str, ...], int] = {}
    known = [set(dimension.leaves) for dimension in dims]
    for row in grouped:
        key = tuple(
            f"{row['month']:%Y-%m}" if name in PERIODS else str(row[field])
            for name, field in zip(by, fields, strict=True)
        )
        # a value that has since left its list (a province code renamed) counts under "unknown"; never dropped
        key = tuple(value if value in known[i] or UNKNOWN not in known[i] else UNKNOWN for i, value in enumerate(key))
        if all(value in known[i] for i, value in enumerate(key)):
            counts[key] = counts.get(key, 0) + row["n"]
    return StatisticsTable(
        by=tuple(by),
        first=first,
        last=last,
        policy=policy,
        table=protect(dims, counts, policy),
        levels=tuple(levels),
        refreshed_at=refreshed,
    )


def _grouped(by: Sequence[str], fields: list[str], first: date, last: date) -> list[dict[str, Any]]:
    """The exact counts per month and value of the table's dimensions, from the table's own slice of the
    pre-counts (``SliceCount``: at most a few tens of thousands of rows, whatever the number of cases). Each dict
    has the ``fields`` (``month`` for the period) and ``n``."""
    plain = sorted(name for name in by if name not in PERIODS)
    period = any(name in PERIODS for name in by)
    names = [*plain, "", "", ""][:3]
    columns = ["first_value", "second_value", "third_value"][: len(plain)]
    grouped = (
        SliceCount.objects.filter(month__gte=first, month__lte=last, first=names[0], second=names[1], third=names[2])
        .values(*columns, *(["month"] if period else []))
        .annotate(n=Coalesce(Sum("count"), 0))
        .order_by()
    )
    rows = []
    for row in grouped:
        found = {name: row[column] for name, column in zip(plain, columns, strict=True)}
        if period:
            found["month"] = row["month"]
        found["n"] = row["n"]
        rows.append(found)
    return rows


def value_label(dimension: str, value: str) -> str:
    """The Dutch (translated) name of a value, for the analysts' page and the CSV's header row."""
    from django.utils.translation import gettext as _

    if dimension == "vpt" and value in ("yes", "no", NONE):
        return str({"yes": _("gebruikt"), "no": _("niet gebruikt"), NONE: _("geen melding of aangifte")}[value])
    special = {NONE: _("geen"), UNKNOWN: _("onbekend"), OPEN: _("nog open"), TOTAL: _("totaal")}
    if value in special:
        return str(special[value])
    if dimension == "role":
        return str(OfficeRole(value).label) if value in OfficeRole.values else value
    if dimension == "outcome":
        return str(Outcome(value).label) if value in Outcome.values else value
    if dimension == "channel":
        return str(IncidentChannel(value).label) if value in IncidentChannel.values else value
    if dimension == "route":
        return str({"complaint": _("aangifte"), "registration": _("melding")}.get(value, value))
    if dimension in ("province", "association"):
        return _directory_names(dimension).get(value, value)
    if dimension == "act":
        return str(ACT_LABELS.get(value, value))
    if dimension == "concern":
        return str(Level(value).label) if value in Level.values else value
    if dimension == "support":
        support = {
            SUPPORT_REFERRAL: _("doorverwezen naar een partner"),
            SUPPORT_AFTERCARE: _("nazorg"),
            SUPPORT_BOTH: _("doorverwezen en nazorg"),
        }
        return str(support.get(value, value))
    return value


def _directory_names(dimension: str) -> dict[str, str]:
    model = Province if dimension == "province" else Association
    return dict(model.objects.values_list("code", "name"))


def value_labels(dimension: str, values: Sequence[str]) -> list[str]:
    """``value_label`` for many values at once (one query for provinces and associations)."""
    if dimension in ("province", "association"):
        names = _directory_names(dimension)
        return [names.get(value) or value_label(dimension, value) for value in values]
    return [value_label(dimension, value) for value in values]


# --- the figures beside the tables: support, response times, council conversations ---------------------------

DEADLINE_VALUES = ("on_time", "late", OPEN)


@dataclass(frozen=True)
class Figures:
    """The figures of a period that do not split the help requests, each through disclosure control."""

    referrals: ProtectedTable  # referrals sent, by partner kind
    referral_kinds: tuple[tuple[str, str], ...]  # (kind, label) in display order
    deadline: ProtectedTable  # help requests taken on by the respond-by moment, late, or not yet
    response_hours: list[int] | None  # median and 90th percentile, None when too few were taken on
    council: ProtectedTable  # council conversations held, per year
    council_targets: dict[str, int | None]  # the coordinators' target per year (a plan, not a count of people)


def _measure(measure: str, first: date, last: date) -> dict[str, int]:
    rows = (
        MeasureCount.objects.filter(measure=measure, month__gte=first, month__lte=last)
        .values("value")
        .annotate(n=Sum("count"))
        .order_by()
    )
    return {row["value"]: row["n"] for row in rows}


def figures(*, first: date, last: date, policy: Policy | None = None) -> Figures:
    from weerbaar.council.models import CoverageTarget
    from weerbaar.directory.choices import PartnerKind

    first, last = whole_months(first, last)
    policy = policy or configured_policy()
    kinds = Dimension.flat("kind", PartnerKind.values)
    referred = _measure("referral", first, last)
    referrals = protect([kinds], {(kind,): n for kind, n in referred.items() if kind in PartnerKind.values}, policy)
    deadline = protect(
        [Dimension.flat("deadline", DEADLINE_VALUES)],
        {(value,): n for value, n in _measure("deadline", first, last).items() if value in DEADLINE_VALUES},
        policy,
    )
    hours = {int(value): n for value, n in _measure("response", first, last).items()}
    years = [str(year) for year in range(first.year, last.year + 1)]
    held: dict[tuple[str, ...], int] = {}
    for row in (
        MeasureCount.objects.filter(measure="council", month__gte=first, month__lte=last)
        .values_list("month", "count")
        .order_by()
    ):
        held[(str(row[0].year),)] = held.get((str(row[0].year),), 0) + row[1]
    targets = dict(CoverageTarget.objects.filter(year__in=[int(y) for y in years]).values_list("year", "sessions"))
    return Figures(
        referrals=referrals,
        referral_kinds=tuple((kind, str(label)) for kind, label in PartnerKind.choices),
        deadline=deadline,
        response_hours=protected_percentiles(hours, (0.5, 0.9), policy),
        council=protect([Dimension.flat("year", years)], held, policy),
        council_targets={year: targets.get(int(year)) for year in years},
    )
