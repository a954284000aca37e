"""Time of the nightly matching job over a large index (issue 14; figures only, enforces nothing).

    .venv/bin/python bench/matching.py [--identifiers 1000000] [--cases 10000] [--shared 0.005]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/matching.py ...

1. A fresh data directory and database (SQLite, or the scratch PostgreSQL database of ``bench/run.py``) with
   ``--cases`` cases bulk-inserted (each with its own data key), one incident each, and ``--identifiers``
   perpetrator identifiers spread over them. The tokens are generated directly in bulk (random 256-bit values as
   HMAC-SHA-256 would give; sealing a million values one by one would measure the sealing, not the job): a
   fraction ``--shared`` of them is shared by two cases of different office holders, the rest is unique.
2. Times ``matching.services.matching_run`` — one ``GROUP BY token HAVING COUNT(DISTINCT holder) > 1`` over the
   index, then pairing only the rows of the shared tokens — and, apart, the ``GROUP BY`` alone.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # bench/run.py, beside this file

BATCH = 5000


def fill(identifiers: int, shared_fraction: float) -> int:
    """Incidents, identifiers and tokens in bulk; returns how many tokens are shared by two cases."""
    from django.db import transaction
    from django.utils import timezone

    from weerbaar.accounts.models import User
    from weerbaar.cases.models import Case
    from weerbaar.incidents.models import Incident
    from weerbaar.matching.models import MatchToken, PerpetratorIdentifier

    now = timezone.now()
    today = timezone.localdate()
    author = User.objects.filter(role="advisor").first()
    case_ids = list(Case.objects.values_list("pk", flat=True))
    holders = {pk: secrets.token_hex(32) for pk in case_ids}
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
    incident_of = dict(Incident.objects.values_list("case_id", "pk"))
    rng = random.Random(14)
    shared = int(identifiers * shared_fraction / 2)  # each shared token is two identifiers
    made = 0
    while made < identifiers:
        count = min(BATCH, identifiers - made)
        # The two identifiers of a shared token go to two neighbouring cases (two office holders); the rest anywhere.
        cases = [
            case_ids[(n // 2 + n % 2) % len(case_ids)] if n < shared * 2 else rng.choice(case_ids)
            for n in range(made, made + count)
        ]
        with transaction.atomic():
            rows = PerpetratorIdentifier.objects.bulk_create(
                [
                    PerpetratorIdentifier(
                        case_id=pk,
                        incident_id=incident_of[pk],
                        kind="phone",
                        sealed_value=b"",
                        author=author,
                        created_at=now,
                    )
                    for pk in cases
                ]
            )
            tokens = []
            for i, row in enumerate(rows):
                n = made + i
                token = f"{n // 2:064x}" if n < shared * 2 else secrets.token_hex(32)
                tokens.append(
                    MatchToken(
                        identifier_id=row.pk,
                        case_id=row.case_id,
                        kind="phone",
                        weak=False,
                        epoch="bench",
                        token=token,
                        holder=holders[row.case_id],
                    )
                )
            MatchToken.objects.bulk_create(tokens)
        made += count
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
        from django.db import connections

        connections.close_all()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
            if kind == "postgresql":
                bench.drop_scratch_postgres(url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
