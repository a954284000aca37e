"""In-process cost of one help request: CPU time, SQL statements and (optionally) a profile.

    .venv/bin/python bench/intake_profile.py [--requests 300] [--profile] [--top 40]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/intake_profile.py

Production settings and a fresh database, like ``bench/run.py`` (a scratch ``NAME_bench`` on PostgreSQL), then
``POST /api/v1/help-requests`` through Django's test client — the whole middleware stack, DRF, validation,
routing, the case key, sealing, the follow-up credential, notifications and the audit entry with its seal —
without a server or network. It prints this process's CPU time per request (``time.process_time``, which other
load on the machine disturbs much less than wall time), the SQL statements of one request, and with
``--profile`` the functions with the most cumulative time (cProfile). Enforces nothing (see bench/README.md).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import cleanup, django_setup, intake_payloads, prepare_environment


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=300, help="Help requests to time (default 300).")
    parser.add_argument("--profile", action="store_true", help="Also print a cProfile of the timed requests.")
    parser.add_argument("--top", type=int, default=45, help="Rows of the profile (default 45).")
    parser.add_argument("--sql", action="store_true", help="Print the SQL statements of one request.")
    parser.add_argument("--keep", action="store_true", help="Keep the data directory and scratch database.")
    args = parser.parse_args(argv)

    data_dir = Path(tempfile.mkdtemp(prefix="weerbaar-intake-"))
    db_kind, db_url = prepare_environment(data_dir)
    (data_dir / "staticfiles").mkdir()  # whitenoise looks for it; nothing static is served here
    try:
        django_setup()
        from django.db import connection
        from django.test import Client

        from weerbaar.core.audit import audit_verify

        bodies = intake_payloads(args.requests + 21)
        client = Client()

        def post(body: bytes) -> None:
            response = client.post(
                "/api/v1/help-requests",
                body,
                content_type="application/json",
                HTTP_ACCEPT="application/json",
                HTTP_HOST="127.0.0.1",
            )
            assert response.status_code == 201, response.content[:500]

        for body in bodies[:20]:  # warm-up: imports, connections, caches
            post(body)
        queries: list[str] = []

        def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            post(bodies[20])
        timed = bodies[21:]
        profiler = cProfile.Profile(time.process_time) if args.profile else None  # CPU, not waiting
        cpu, wall = time.process_time(), time.perf_counter()
        if profiler:
            profiler.enable()
        for body in timed:
            post(body)
        if profiler:
            profiler.disable()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        verification = audit_verify(use_checkpoints=False)
        print(f"database: {db_kind}; load average {os.getloadavg()[0]:.1f}")
        print(
            f"{len(timed)} help requests: {1000 * cpu / len(timed):.2f} ms CPU/request "
            f"({1000 * wall / len(timed):.2f} ms wall){' under cProfile' if profiler else ''}"
        )
        print(f"SQL statements of one request: {len(queries)}")
        print(f"audit verify: {'ok' if verification.ok else 'BROKEN'}, {verification.checked} entries")
        if args.sql:
            for sql in queries:
                print("  ", sql[:160])
        if profiler:
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("cumulative").print_stats(args.top)
            stats.sort_stats("tottime").print_stats(args.top)
            print(out.getvalue())
    finally:
        cleanup(args.keep, db_kind, db_url, data_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
