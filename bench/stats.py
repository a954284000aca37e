"""Time of the analysts' statistics tables over 1,000,000 help requests (issue 15 point 4; figures only).

    .venv/bin/python bench/stats.py [--cases 1000000] [--years 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/stats.py ...

1. A fresh data directory and database (SQLite, or the scratch PostgreSQL database of ``bench/run.py``) with the
   reference data.
2. ``--cases`` synthetic help requests drawn in memory (role, province, association, outcome, month, the first
   incident's act, channel, route and VPT code, concern level and support, with the mix of ``weerbaar seed
   --synthetic``'s distributions), counted the way the ``stats_refresh`` job counts them (``jobs.counted_rows``
   shape) and turned into the pre-counts by the job's own ``slice_rows``, bulk-inserted. The refresh job's time
   over real sealed cases is not measured here (it runs nightly); the time (and CPU time) to build the pre-counts
   from the counted rows and to insert them is printed.
3. ``selectors.statistics_table`` — the query, the disclosure control (primary and secondary suppression,
   rounding) and the rows — for the tables an analyst asks for, each timed 5 times with an empty cache before
   the first: the first call (the table is counted, protected and cached until the next refresh; the figure
   issue 15 sets at <= 0.5 s) and the median of the other four (from the cache), in ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # bench/run.py, beside this file

TABLES = [
    ("role", "province"),
    ("month", "role"),
    ("quarter", "act"),
    ("year", "channel", "route"),
    ("role", "province", "association"),
    ("outcome", "route", "month"),
    ("concern", "support", "quarter"),
    ("vpt", "role"),
]


def weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def synthetic_rows(cases: int, years: int, today: date) -> Counter:
    from weerbaar.cases.choices import Outcome
    from weerbaar.directory.models import Province
    from weerbaar.guidance import rules
    from weerbaar.incidents.choices import IncidentChannel

    rng = random.Random(2026)
    roles = {"raadslid": 60, "wethouder": 18, "burgemeester": 8, "statenlid": 7, "gedeputeerde": 2, "other": 5}
    association = {
        "raadslid": "nvvr",
        "wethouder": "wethoudersvereniging",
        "burgemeester": "ngb",
        "statenlid": "statenlidnu",
    }
    provinces = list(Province.objects.values_list("code", flat=True))
    outcomes = {**dict.fromkeys(Outcome.values, 10), "open": 15}
    channels = {
        IncidentChannel.ONLINE.value: 50,
        IncidentChannel.EMAIL.value: 9,
        IncidentChannel.PHONE.value: 8,
        IncidentChannel.LETTER.value: 5,
        IncidentChannel.IN_PERSON_WORK.value: 14,
        IncidentChannel.AT_HOME.value: 8,
        IncidentChannel.ELSEWHERE.value: 6,
    }
    acts = list(rules.ACTS)
    routes = {"complaint": 7, "registration": 5, "none": 88}
    vpts = {"yes": 4, "no": 3, "unknown": 5}
    concerns = {"none": 40, "low": 35, "moderate": 18, "high": 7}
    supports = {"none": 70, "referral": 20, "aftercare": 6, "both": 4}
    months = [date(today.year - y, m, 1) for y in range(years) for m in range(1, 13)]
    months = [month for month in months if month <= today]
    counts: Counter = Counter()
    for _ in range(cases):
        role = weighted(rng, roles)
        route = weighted(rng, routes)
        counts[
            (
                rng.choice(months),
                role,
                rng.choice(provinces),
                association.get(role, "bzk"),
                weighted(rng, outcomes),
                rng.choice(acts),
                weighted(rng, channels),
                route,
                "none" if route == "none" else weighted(rng, vpts),
                weighted(rng, concerns),
                weighted(rng, supports),
            )
        ] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=1_000_000, help="Help requests counted (default 1000000).")
    parser.add_argument("--years", type=int, default=3, help="Years they are spread over (default 3).")
    parser.add_argument("--keep", action="store_true", help="Keep the data directory and scratch database.")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="weerbaar-bench-stats-"))
    kind, url = bench.prepare_environment(work)
    try:
        bench.django_setup()
        from django.core.cache import cache
        from django.utils import timezone

        from weerbaar.directory.services import reference_data_load
        from weerbaar.stats import selectors
        from weerbaar.stats.jobs import slice_rows
        from weerbaar.stats.models import SliceCount

        reference_data_load()
        today = timezone.localdate()
        started = time.perf_counter()
        counts = synthetic_rows(args.cases, args.years, today)
        drawn = time.perf_counter() - started
        started, cpu = time.perf_counter(), time.process_time()
        pairs = slice_rows(counts)
        built, built_cpu = time.perf_counter() - started, time.process_time() - cpu
        started, cpu = time.perf_counter(), time.process_time()
        SliceCount.objects.bulk_create(pairs, batch_size=5000)
        inserted, inserted_cpu = time.perf_counter() - started, time.process_time() - cpu
        bench.log(
            f"{args.cases} help requests drawn in {drawn:.1f} s: {len(counts)} distinct rows; pre-counts built in "
            f"{built:.1f} s (CPU {built_cpu:.1f} s): {len(pairs)} SliceCount rows, inserted in {inserted:.1f} s "
            f"(CPU {inserted_cpu:.1f} s)"
        )
        first = date(today.year - 1, today.month, 1)
        print(
            f"| database | help requests | SliceCount rows | table (from {first} to {today}) | cells | "
            "suppressed | first call | cached (median) |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for by in TABLES:
            timings = []
            cache.clear()
            for _ in range(5):
                began = time.perf_counter()
                table = selectors.statistics_table(by=list(by), first=first, last=today)
                rows = table.rows()
                timings.append(time.perf_counter() - began)
            hidden = sum(row["suppressed"] for row in rows)
            print(
                f"| {kind} | {args.cases} | {len(pairs)} | by={','.join(by)} | {len(rows)} | "
                f"{hidden} | {timings[0] * 1000:.0f} ms | {statistics.median(timings[1:]) * 1000:.1f} ms |"
            )
        print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        bench.cleanup(args.keep, kind, url, work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
