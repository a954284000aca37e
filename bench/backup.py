"""Time and size of a backup and a restore of a bench database (issue 13 point 5; figures only).

    .venv/bin/python bench/backup.py [--cases 100000] [--evidence 200]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME .venv/bin/python bench/backup.py ...

1. A fresh data directory and database (SQLite, or the scratch PostgreSQL database of ``bench/run.py``), the bench's
   cases bulk-inserted (each with its own data key and sealed request; audit entries only for the newest, the
   log's anchor, and for the evidence) and ``--evidence`` evidence files of
   100 KiB on cases of the bench advisor, through the real evidence service (encrypted into the store).
2. ``backup create`` in-process: wall time and archive size. ``backup verify``: wall time.
3. ``weerbaar backup restore`` as a command (a new process, as an operator runs it) into a second, empty data
   directory and database: wall time including the process start; it loads, checks the counts, verifies the audit
   log and every evidence hash.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # bench/run.py, beside this file


def audit_newest_case() -> None:
    """The bulk insert writes no audit entries; the audit log's anchor needs the newest case's "case.created"."""
    from weerbaar.cases.models import Case
    from weerbaar.core.audit import audit_record

    newest = Case.objects.order_by("-id").first()
    assert newest is not None
    audit_record(actor="system:bench", action="case.created", object_type="case", object_id=newest.reference)


def add_evidence(count: int) -> int:
    from weerbaar.accounts.models import User
    from weerbaar.cases.models import Case
    from weerbaar.incidents import services

    advisor = User.objects.get(username=bench.ADVISOR)
    references = list(
        Case.objects.filter(assigned_to=advisor, status__in=["in_progress", "aftercare"]).values_list(
            "reference", flat=True
        )[: max(count, 1)]
    )
    for number in range(count):
        data = (f"bench evidence {number}\n" * 6000)[: 100 * 1024].encode()
        reference = references[number % len(references)]
        services.evidence_add(
            actor=advisor, reference=reference, upload=services.Upload(f"e{number}.txt", data, len(data))
        )
    return count


def empty_postgres(database_url: str, name: str) -> str:
    """A new, empty database ``name`` on the server of ``database_url`` (whose database must exist)."""
    import psycopg

    parts = urlsplit(database_url)
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return urlunsplit(parts._replace(path="/" + name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000, help="Cases in the bench database (default 100000).")
    parser.add_argument("--evidence", type=int, default=200, help="Evidence files of 100 KiB (default 200).")
    parser.add_argument("--keep", action="store_true", help="Keep the data directories and scratch databases.")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="weerbaar-bench-backup-"))
    source_dir, target_dir = work / "source", work / "target"
    database_url = os.environ.get("DATABASE_URL", "").strip()
    kind, source_url = bench.prepare_environment(source_dir)
    env = dict(os.environ)
    bench.django_setup()
    bench.staff_create()
    started = time.perf_counter()
    bench.bulk_insert_cases(args.cases)
    audit_newest_case()
    add_evidence(args.evidence)
    bench.log(f"bench database made in {time.perf_counter() - started:.1f} s")

    import pyrage

    from weerbaar.backups.archive import backup_create, backup_verify

    identity = pyrage.x25519.Identity.generate()
    key_file = work / "backup-key.txt"
    key_file.write_text(f"{identity}\n")
    archive_file = work / "weerbaar.age"

    started = time.perf_counter()
    summary = backup_create(archive_file, [str(identity.to_public())])
    create_seconds = time.perf_counter() - started
    started = time.perf_counter()
    backup_verify(archive_file, key_file)
    verify_seconds = time.perf_counter() - started

    from django.db import connection

    connection.close()
    target_env = {**env, "WEERBAAR_DATA_DIR": str(target_dir)}
    target_url = ""
    if kind == "postgresql":
        target_url = empty_postgres(database_url, bench.bench_db_name(database_url) + "_restore")
        target_env["DATABASE_URL"] = target_url
    else:
        target_env.pop("DATABASE_URL", None)
    started = time.perf_counter()
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "weerbaar"),
            "backup",
            "restore",
            str(archive_file),
            "--identity",
            str(key_file),
        ],
        env=target_env,
        capture_output=True,
        text=True,
        check=False,
    )
    restore_seconds = time.perf_counter() - started
    if result.returncode != 0:
        print(result.stdout, result.stderr, file=sys.stderr)
        return 1

    counts = summary.manifest["counts"]
    load = os.getloadavg()
    print(f"backup bench on {kind}: {counts['cases']} cases, {counts['evidence']} evidence files of 100 KiB, "
          f"{counts['auditEntries']} audit entries (load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
          f"{os.cpu_count()} cores)")  # fmt: skip
    print(f"  backup create   {create_seconds:7.1f} s   archive {summary.size / 1024 / 1024:8.1f} MiB")
    print(f"  backup verify   {verify_seconds:7.1f} s")
    print(f"  backup restore  {restore_seconds:7.1f} s   (a new process: load, counts, audit verify, evidence hashes)")
    for line in result.stdout.splitlines():
        print(f"    {line}")

    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
        if kind == "postgresql":
            bench.drop_scratch_postgres(source_url)
            bench.drop_scratch_postgres(target_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
