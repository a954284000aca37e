"""Time of a key-encryption-key rotation and retirement on a bench database (issue 13 point 6; figures only).

    .venv/bin/python bench/keys.py [--cases 100000] [--batch-size 500]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/keys.py ...

1. A fresh data directory and database (SQLite, or the scratch PostgreSQL database of ``bench/run.py``) with the
   bench's cases bulk-inserted, each with its own data key wrapped under the key ``bench1``.
2. A new key ``bench2`` first in the setting (the old one kept); ``weerbaar keys rotate`` in-process: wall time and
   CPU time of this process (the database server's time is not in the CPU figure), re-wrapped keys per second.
3. ``weerbaar keys retire bench1``: wall time (it counts the records under the key in every key holder's table and
   reads the kept backups' key notes).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from collections import OrderedDict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # bench/run.py, beside this file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000, help="Cases in the bench database (default 100000).")
    parser.add_argument("--batch-size", type=int, default=500, help="keys rotate --batch-size (default 500).")
    parser.add_argument("--keep", action="store_true", help="Keep the data directory and scratch database.")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="weerbaar-bench-keys-"))
    kind, url = bench.prepare_environment(work)
    try:
        bench.django_setup()
        bench.staff_create()
        started = time.perf_counter()
        bench.bulk_insert_cases(args.cases)
        bench.log(f"bench database made in {time.perf_counter() - started:.1f} s")

        from django.conf import settings
        from django.core.management import call_command

        from weerbaar.cases.models import Case

        old = dict(settings.KEY_ENCRYPTION_KEYS)
        settings.KEY_ENCRYPTION_KEYS = OrderedDict([("bench2", os.urandom(32)), *old.items()])
        out = io.StringIO()
        wall, cpu = time.perf_counter(), time.process_time()
        call_command("keys", "rotate", "--batch-size", str(args.batch_size), stdout=out)
        rotate_wall, rotate_cpu = time.perf_counter() - wall, time.process_time() - cpu
        assert not Case.objects.exclude(key_id="bench2").exists(), out.getvalue()
        started = time.perf_counter()
        call_command("keys", "retire", next(iter(old)), stdout=io.StringIO())
        retire_wall = time.perf_counter() - started

        cases = Case.objects.count()
        print("| database | cases | batch | keys rotate (wall) | CPU of this process | keys/s | keys retire |")
        print("|---|---|---|---|---|---|---|")
        print(
            f"| {kind} | {cases} | {args.batch_size} | {rotate_wall:.1f} s | {rotate_cpu:.1f} s | "
            f"{cases / rotate_wall:.0f} | {retire_wall * 1000:.0f} ms |"
        )
        print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        bench.cleanup(args.keep, kind, url, work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
