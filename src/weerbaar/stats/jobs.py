"""The refresh of the pre-aggregated figures (``stats_refresh``), registered with the kernel's scheduler.

It counts every help request once — open, closed or destroyed — per month and dimension into the pre-counts
(``SliceCount``, and ``MeasureCount`` for the figures that are not a split of the help requests) and replaces the
previous figures in one transaction, so a table reads its own slice of at most a few tens of thousands of rows
instead of every case (issue 15: a table over a million incidents within half a second). The facts of the first incident
(act, channel, route to the police) are sealed under the case's key: the job opens them in memory, counts them
and keeps nothing but the counts. Running it twice in a row changes nothing the second time.
"""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.aftercare.models import AftercarePlan
from weerbaar.cases.models import Case
from weerbaar.concerns.choices import Level
from weerbaar.core.jobs import Job
from weerbaar.council.choices import HELD_STATUSES
from weerbaar.council.models import CouncilRequest
from weerbaar.destruction.models import DestroyedCase
from weerbaar.incidents.models import Incident
from weerbaar.network.models import Referral
from weerbaar.stats.models import MeasureCount, Refresh, SliceCount

UNKNOWN = "unknown"
NONE = "none"
OPEN = "open"
LEVELS = tuple(Level.values)
#: The dimensions of a counted row, after its month (``Row``). The pre-counts (``SliceCount``) keep every one, two
#: at a time, and three at a time only of ``TRIPLE_DIMENSIONS``, the first seven (with ``vpt``, ``concern`` or
#: ``support`` among three, the rows would be nearly as many as the cases).
ROW_DIMENSIONS = ("role", "province", "association", "outcome", "act", "channel", "route", "vpt", "concern", "support")
TRIPLE_DIMENSIONS = ROW_DIMENSIONS[:7]
Row = tuple[date, str, str, str, str, str, str, str, str, str, str]
#: Which referrals count as support given: sent to the partner (whatever the partner answered since).
SUPPORT_NONE, SUPPORT_REFERRAL, SUPPORT_AFTERCARE, SUPPORT_BOTH = "none", "referral", "aftercare", "both"


def _first_incident_facts(case: Case) -> tuple[str, str, str, str]:
    """Act, channel, route to the police and whether the VPT code was used (the police report's "vptCode": yes,
    no, unknown; "none" without a report) of the case's first incident."""
    incidents = list(case.incidents.all())
    if not incidents:
        return NONE, NONE, NONE, NONE
    incident = incidents[0]
    try:
        facts = incident.opened_facts(under=case)
        act = facts["acts"][0] if facts["acts"] else NONE
        channel = facts["channel"] or NONE
        report = getattr(incident, "police_report", None)
        details = report.open("sealed_details", under=case) if report else {}
        route = str(details.get("kind") or NONE) if report else NONE
        vpt = str(details.get("vptCode") or UNKNOWN) if report else NONE
    except Exception:
        return UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN
    return act, channel, route, vpt


def _concern_level(case: Case) -> str:
    """The level of the case's newest concern note (low, moderate, high), "none" without one."""
    notes = list(case.concern_notes.all())
    if not notes:
        return NONE
    try:
        level = str(max(notes, key=lambda note: note.version).open("sealed_content", under=case).get("level") or "")
    except Exception:
        return UNKNOWN
    return level if level in LEVELS else UNKNOWN


def _support(case: Case, referred: set[int], aftercare: set[int]) -> str:
    has_referral, has_aftercare = case.pk in referred, case.pk in aftercare
    if has_referral and has_aftercare:
        return SUPPORT_BOTH
    if has_referral:
        return SUPPORT_REFERRAL
    return SUPPORT_AFTERCARE if has_aftercare else SUPPORT_NONE


def counted_rows() -> Counter[Row]:
    counts: Counter[Row] = Counter()
    first_incidents = Prefetch("incidents", queryset=Incident.objects.filter(number=1).select_related("police_report"))
    cases = (
        Case.objects.select_related("province", "association")
        .prefetch_related(first_incidents, "concern_notes")
        .order_by("pk")
    )
    referred = set(Referral.objects.filter(sent_at__isnull=False).values_list("case_id", flat=True))
    aftercare = set(AftercarePlan.objects.values_list("case_id", flat=True))
    for case in cases.iterator(chunk_size=2000):
        month = timezone.localdate(case.created_at).replace(day=1)
        province = case.province.code if case.province else UNKNOWN
        act, channel, route, vpt = _first_incident_facts(case)
        counts[
            (
                month,
                case.role,
                province,
                case.association.code,
                case.outcome or OPEN,
                act,
                channel,
                route,
                vpt,
                _concern_level(case),
                _support(case, referred, aftercare),
            )
        ] += 1
    destroyed = DestroyedCase.objects.select_related("province", "association").order_by("pk")
    for tomb in destroyed.iterator(chunk_size=2000):
        province = tomb.province.code if tomb.province else UNKNOWN
        month = tomb.created_on.replace(day=1)
        gone = (UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN)  # act, channel, route, vpt, concern, support
        counts[(month, tomb.role, province, tomb.association.code, tomb.outcome or UNKNOWN, *gone)] += 1
    return counts


Slice = tuple[int, ...]  # indexes into ROW_DIMENSIONS, in alphabetical order of their names


def _cubes(counts: Counter[Row]) -> dict[Slice, Counter[tuple[Any, ...]]]:
    """Every slice's counts, keyed (month, *values). Only the finest slices are counted row by row: three of
    ``TRIPLE_DIMENSIONS`` (over the rows collapsed to those seven: fewer than the counted rows) and every two
    of which one is not among them; the rest are summed from a slice that holds them — a pair from a triple, a
    single from a pair, the total from a single. At a million help requests about half the work of counting
    every slice row by row, with the same result."""
    order = sorted(range(len(ROW_DIMENSIONS)), key=lambda i: ROW_DIMENSIONS[i])
    triple = [i for i in order if ROW_DIMENSIONS[i] in TRIPLE_DIMENSIONS]
    pairs = list(itertools.combinations(order, 2))
    cubes: dict[Slice, Counter[tuple[Any, ...]]] = {}
    collapsed: Counter[tuple[Any, ...]] = Counter()
    for row, count in counts.items():
        collapsed[(row[0], *(row[1 + i] for i in triple))] += count
    for positions in itertools.combinations(range(len(triple)), 3):
        cube: Counter[tuple[Any, ...]] = Counter()
        for key, count in collapsed.items():
            cube[(key[0], *(key[1 + p] for p in positions))] += count
        cubes[tuple(triple[p] for p in positions)] = cube
    direct = [pair for pair in pairs if not set(pair) <= set(triple)]
    for pair in direct:
        cubes[pair] = Counter()
    for row, count in counts.items():
        for i, j in direct:
            cubes[(i, j)][(row[0], row[1 + i], row[1 + j])] += count

    def summed(source: Slice, kept: Slice) -> Counter[tuple[Any, ...]]:
        positions = [source.index(i) for i in kept]
        found: Counter[tuple[Any, ...]] = Counter()
        for key, count in cubes[source].items():
            found[(key[0], *(key[1 + p] for p in positions))] += count
        return found

    for pair in pairs:
        if pair not in cubes:
            cubes[pair] = summed(next(t for t in cubes if len(t) == 3 and set(pair) <= set(t)), pair)
    for i in order:
        cubes[(i,)] = summed(next(pair for pair in pairs if i in pair), (i,))
    cubes[()] = summed((order[0],), ())
    return cubes


def slice_rows(counts: Counter[Row]) -> list[SliceCount]:
    """The coarser pre-counts (``SliceCount``): per month, the total, every dimension on its own, every two
    together and every three of ``TRIPLE_DIMENSIONS`` together (names in alphabetical order, "" for none)."""
    found = []
    for picked, cube in _cubes(counts).items():
        names = [ROW_DIMENSIONS[i] for i in picked] + [""] * (3 - len(picked))
        for key, count in cube.items():
            shown = [*key[1:], "", "", ""][:3]
            found.append(
                SliceCount(
                    month=key[0],
                    first=names[0],
                    first_value=shown[0],
                    second=names[1],
                    second_value=shown[1],
                    third=names[2],
                    third_value=shown[2],
                    count=count,
                )
            )
    found.sort(key=lambda row: (row.month, row.first, row.second, row.third, row.first_value, row.second_value))
    return found


def _month(moment: datetime) -> date:
    return timezone.localdate(moment).replace(day=1)


def measure_rows() -> list[MeasureCount]:
    """The figures that do not split the help requests (``MeasureCount``): referrals by partner kind, hours to
    the first response and whether it came by the respond-by moment, council conversations held. Plain
    columns only: nothing sealed is opened for them."""
    found: Counter[tuple[str, date, str]] = Counter()
    for kind, sent_at in Referral.objects.filter(sent_at__isnull=False).values_list("kind", "sent_at").iterator():
        if sent_at is not None:
            found[("referral", _month(sent_at), kind)] += 1
    cases = Case.objects.values_list("created_at", "respond_by", "claimed_at").order_by("pk")
    for created_at, respond_by, claimed_at in cases.iterator(chunk_size=5000):
        month = _month(created_at)
        if claimed_at is None:
            found[("deadline", month, OPEN)] += 1
            continue
        hours = max(0, -(-int((claimed_at - created_at).total_seconds()) // 3600))  # whole hours, rounded up
        found[("response", month, str(hours))] += 1
        found[("deadline", month, "on_time" if claimed_at <= respond_by else "late")] += 1
    held = CouncilRequest.objects.filter(status__in=HELD_STATUSES, held_on__isnull=False)
    for held_on in held.values_list("held_on", flat=True):
        if held_on is not None:
            found[("council", held_on.replace(day=1), "held")] += 1
    return [
        MeasureCount(measure=measure, month=month, value=value, count=count)
        for (measure, month, value), count in sorted(found.items())
    ]


def stats_refresh(*, now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    counts = counted_rows()
    slices = slice_rows(counts)
    measures = measure_rows()
    with transaction.atomic():
        SliceCount.objects.all().delete()
        MeasureCount.objects.all().delete()
        SliceCount.objects.bulk_create(slices, batch_size=2000)
        MeasureCount.objects.bulk_create(measures, batch_size=2000)
        Refresh.objects.create(finished_at=now, cases=sum(counts.values()), rows=len(slices))
    return {"cases": sum(counts.values()), "slices": len(slices), "measures": len(measures)}


def _stats_refresh(now: datetime) -> dict[str, Any]:
    return stats_refresh(now=now)


JOBS = (
    Job(
        "stats_refresh",
        timedelta(hours=24),
        _stats_refresh,
        _("Telt alle hulpvragen per maand en kenmerk opnieuw voor de statistieken (alleen aantallen)."),
        _("dagelijks"),
        title=_("Statistieken bijwerken"),
        position=975,
    ),
)
