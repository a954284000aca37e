"""Time of the nightly matching job over a large index (issue 14; figures only, enforces nothing).

    .venv/bin/python bench/matching.py [--identifiers 1000000] [--cases 10000] [--shared 0.005]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/matching.py ...

1. A fresh data directory and database (SQLite, or the scratch PostgreSQL database of ``bench/run.py``) with
   ``--cases`` cases bulk-inserted (each with its own data key), one incident each, and ``--identifiers``
   perpetrator identifiers spread over them. The tokens are generated directly in bulk (random 256-bit values as
   HMAC-SHA-256 would give, by SQL in the database; sealing a million values one by one would measure the sealing,
   not the job): a
   fraction ``--shared`` of them is shared by two cases of different office holders, the rest is unique.
2. Times ``matching.services.matching_run`` — one ``GROUP BY token HAVING COUNT(DISTINCT holder) > 1`` over the
   index, then pairing only the rows of the shared tokens — and, apart, the ``GROUP BY`` alone.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # bench/run.py, beside this file

BATCH = 5000


def fill(identifiers: int, shared_fraction: float) -> int:
    """Incidents, identifiers and tokens in bulk; returns how many tokens are shared by two cases."""
    from django.db import connection, transaction
    from django.utils import timezone

    from weerbaar.accounts.models import User
    from weerbaar.cases.models import Case
    from weerbaar.incidents.models import Incident

    now = timezone.now()
    today = timezone.localdate()
    author = User.objects.filter(role="advisor").first()
    case_ids = list(Case.objects.values_list("pk", flat=True))
    with transaction.atomic():
        Incident.objects.bulk_create(
            [
                Incident(
                    case_id=pk,
                    number=1,
                    occurred_on=today,
                    learned_on=today,
                    related_to_office=True,
                    sealed_details=b"",
                    recorded_by="advisor",
                    created_at=now,
                    updated_at=now,
                )
                for pk in case_ids
            ],
            batch_size=BATCH,
        )
    shared = int(identifiers * shared_fraction / 2)  # each shared token is two identifiers
    # In the database, not row by row from Python: a million identifiers and their tokens in two statements. The
    # two identifiers of a shared token go to neighbouring cases (two office holders), the rest spread over all.
    postgres = connection.vendor == "postgresql"
    series = (
        "SELECT generate_series(0, %s - 1) AS n"
        if postgres
        else "WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n + 1 < %s) SELECT n FROM seq"
    )
    random_hex = "md5(random()::text) || md5(random()::text)" if postgres else "lower(hex(randomblob(32)))"
    padded = "lpad(({x})::text, 64, '0')" if postgres else "printf('%%064d', {x})"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_cases")
        cursor.execute(
            "CREATE TEMP TABLE bench_cases AS SELECT row_number() OVER (ORDER BY c.id) - 1 AS idx, c.id AS case_id, "
            "i.id AS incident_id FROM cases_case c JOIN incidents_incident i ON i.case_id = c.id"
        )
        cursor.execute(
            "INSERT INTO matching_perpetratoridentifier (case_id, incident_id, kind, sealed_value, author_id, "
            f"created_at) SELECT bc.case_id, bc.incident_id, 'phone', %s, %s, %s FROM ({series}) seq "
            "JOIN bench_cases bc ON bc.idx = CASE WHEN seq.n < %s THEN (seq.n / 2 + seq.n %% 2) %% %s "
            "ELSE (seq.n * 7919) %% %s END",
            [b"", author.pk, now, identifiers, shared * 2, len(case_ids), len(case_ids)],
        )
        cursor.execute("SELECT MIN(id) FROM matching_perpetratoridentifier")
        first = cursor.fetchone()[0]
        cursor.execute(
            "INSERT INTO matching_matchtoken (identifier_id, case_id, kind, weak, epoch, token, holder) "
            "SELECT p.id, p.case_id, 'phone', %s, 'bench', "
            f"CASE WHEN p.id - %s < %s THEN {padded.format(x='(p.id - %s) / 2')} ELSE {random_hex} END, "
            f"{padded.format(x='p.case_id')} FROM matching_perpetratoridentifier p",
            [False, first, shared * 2, first],
        )
    return shared


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--identifiers", type=int, default=1_000_000, help="Identifiers in the index (1000000).")
    parser.add_argument("--cases", type=int, default=10_000, help="Cases they are spread over (default 10000).")
    parser.add_argument("--shared", type=float, default=0.005, help="Fraction of identifiers shared (0.005).")
    parser.add_argument("--keep", action="store_true", help="Keep the data directory and scratch database.")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="weerbaar-bench-matching-"))
    kind, url = bench.prepare_environment(work)
    os.environ["WEERBAAR_MATCHING_KEYS"] = json.dumps({"bench": base64.b64encode(os.urandom(32)).decode()})
    try:
        bench.django_setup()
        bench.staff_create()
        started = time.perf_counter()
        bench.bulk_insert_cases(args.cases)
        shared = fill(args.identifiers, args.shared)
        bench.log(f"bench database made in {time.perf_counter() - started:.1f} s")

        from django.db import connection
        from django.utils import timezone

        from weerbaar.matching import services
        from weerbaar.matching.models import Match, MatchToken

        if kind == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        services.matching_switch(actor="system:bench", enabled=True)
        started = time.perf_counter()
        found = len(list(services.shared_tokens("bench").values_list("token", flat=True)))
        group_by = time.perf_counter() - started
        started = time.perf_counter()
        result = services.matching_run(timezone.now())
        job = time.perf_counter() - started
        assert found == shared, (found, shared)
        assert result["proposed"] == Match.objects.count(), result
        print("| database | identifiers (tokens) | cases | shared tokens | GROUP BY alone | nightly job | matches |")
        print("|---|---|---|---|---|---|---|")
        print(
            f"| {kind} | {MatchToken.objects.count()} | {args.cases} | {found} | {group_by:.2f} s | {job:.2f} s | "
            f"{result['proposed']} |"
        )
        print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        bench.cleanup(args.keep, kind, url, work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
