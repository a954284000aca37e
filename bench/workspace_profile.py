"""In-process cost of the advisor's workspace pages: CPU time, SQL statements and (optionally) a profile.

    .venv/bin/python bench/workspace_profile.py [--cases 5000] [--requests 50] [--profile] [--top 40]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/workspace_profile.py --cases 100000

Production settings and a fresh database, like ``bench/run.py`` (a scratch ``NAME_bench`` on PostgreSQL) with
its bulk-inserted cases and bench advisor, then ``GET /werkruimte``, ``/werkruimte?sectie=nieuw``, the case
page and its messages tab through Django's test client (the whole middleware stack, a signed-in and verified
session) without a server or network. Per page it prints this process's CPU time per request
(``time.process_time``: other load on the machine disturbs it much less than wall time, so two commits can be
compared on a busy machine), the wall time, the statements of one request and the time the database took for
them; with ``--profile`` the functions with the most cumulative time (cProfile, CPU). Static files are
collected without compression (the same manifest look-ups as production, minutes less). Enforces nothing
(see bench/README.md).
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
from importlib import import_module
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import (
    ADVISOR,
    HOST,
    advisor_case_reference,
    bulk_insert_cases,
    cleanup,
    django_setup,
    prepare_environment,
    staff_create,
)


def signed_in_client():  # type: ignore[no-untyped-def]
    """A test client with the bench advisor's signed-in, second-factor-verified session (as ``run.query_counts``)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from weerbaar.accounts.models import User

    advisor = User.objects.get(username=ADVISOR)
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(advisor.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = advisor.get_session_auth_hash()
    session["otp_device_id"] = TOTPDevice.objects.get(user=advisor).persistent_id
    session.save()
    client = Client(HTTP_HOST=HOST, REMOTE_ADDR="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=5000, help="Cases in the database (default 5000).")
    parser.add_argument("--requests", type=int, default=50, help="Timed requests per page (default 50).")
    parser.add_argument("--profile", action="store_true", help="Also print a cProfile of each page's requests.")
    parser.add_argument("--top", type=int, default=40, help="Rows of each profile (default 40).")
    parser.add_argument("--keep", action="store_true", help="Keep the data directory and scratch database.")
    args = parser.parse_args(argv)

    data_dir = Path(tempfile.mkdtemp(prefix="weerbaar-workspace-"))
    db_kind, db_url = prepare_environment(data_dir)
    try:
        django_setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test.utils import CaptureQueriesContext, override_settings

        staff_create()
        inserted, seconds = bulk_insert_cases(args.cases)
        print(f"database: {db_kind}; {inserted:,} cases inserted in {seconds:.1f} s")
        storages = {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
        }
        with override_settings(STORAGES=storages):
            call_command("collectstatic", interactive=False, verbosity=0)
            client = signed_in_client()
            case_path = f"/werkruimte/zaken/{advisor_case_reference()}"
            pages = [
                ("GET /werkruimte", "/werkruimte"),
                ("GET /werkruimte?sectie=nieuw", "/werkruimte?sectie=nieuw"),
                ("GET case page", case_path),
                ("GET case messages tab", case_path + "/berichten"),
            ]
            print(f"load average {os.getloadavg()[0]:.1f}; {args.requests} requests per page after 3 warm-ups")
            for label, path in pages:
                for _ in range(3):  # warm-up: imports, connections, template loaders
                    assert client.get(path).status_code == 200, path
                with CaptureQueriesContext(connection) as ctx:
                    client.get(path)
                # Read now: the next request's request_started signal empties the connection's query log.
                statements = len(ctx.captured_queries)
                sql_ms = 1000 * sum(float(query["time"]) for query in ctx.captured_queries)
                profiler = cProfile.Profile(time.process_time) if args.profile else None
                cpu, wall = time.process_time(), time.perf_counter()
                if profiler:
                    profiler.enable()
                for _ in range(args.requests):
                    client.get(path)
                if profiler:
                    profiler.disable()
                cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
                print(
                    f"{label}: {1000 * cpu / args.requests:.1f} ms CPU/request "
                    f"({1000 * wall / args.requests:.1f} ms wall){' under cProfile' if profiler else ''}; "
                    f"{statements} statements, {sql_ms:.1f} ms in the database (one request)"
                )
                if profiler:
                    out = io.StringIO()
                    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.top)
                    print(out.getvalue())
    finally:
        cleanup(args.keep, db_kind, db_url, data_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
