"""`weerbaar worker` as a real process: it schedules and runs the jobs, and stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from weerbaar.core.jobs import JOBS

ROOT = Path(__file__).resolve().parents[2]
WEERBAAR = [sys.executable, "-c", "from weerbaar.cli import main; main()"]


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WEERBAAR_") and k != "DJANGO_SETTINGS_MODULE"}
    env.pop("DATABASE_URL", None)  # its own SQLite file: never the shared test database
    env.update(
        WEERBAAR_DEBUG="1",
        WEERBAAR_DATA_DIR=str(data_dir),
        WEERBAAR_SCHEDULER_TICK_SECONDS="1",
        WEERBAAR_WORKER_INTERVAL_SECONDS="1",
    )
    return env


def _succeeded(database: Path) -> int:
    with sqlite3.connect(database) as db:
        return db.execute("SELECT count(*) FROM core_jobrun WHERE status = 'succeeded'").fetchone()[0]


def _jobs_succeeded(database) -> set[str]:
    with sqlite3.connect(database) as db:
        return {row[0] for row in db.execute("SELECT DISTINCT job FROM core_jobrun WHERE status = 'succeeded'")}


def _runs_per_slot(database) -> int:
    with sqlite3.connect(database) as db:
        return db.execute("SELECT max(n) FROM (SELECT count(*) AS n FROM core_jobrun GROUP BY job, slot)").fetchone()[0]


def test_worker_process_runs_the_jobs_and_stops_on_sigterm(migrated_data_dir):
    tmp_path = migrated_data_dir  # as `weerbaar migrate` left it (tests/migrated.py)
    env = _env(tmp_path)
    worker = subprocess.Popen(  # noqa: S603 - our own command
        [*WEERBAAR, "worker"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        deadline = time.monotonic() + 90
        while _jobs_succeeded(tmp_path / "weerbaar.sqlite3") != set(JOBS):  # every job of its first slot
            assert worker.poll() is None, worker.stdout.read() if worker.stdout else ""
            assert time.monotonic() < deadline, "the worker did not run the scheduled jobs within 90 s"
            time.sleep(0.5)
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=30) == 0
        output = worker.stdout.read() if worker.stdout else ""
        assert "Weerbaar worker running (scheduler on)" in output
    finally:
        if worker.poll() is None:
            worker.kill()
    # A slot is run once, however often the worker ticked (jobs that run every minute may have had a second
    # slot meanwhile, each run once).
    assert _runs_per_slot(tmp_path / "weerbaar.sqlite3") == 1
    assert _succeeded(tmp_path / "weerbaar.sqlite3") >= len(JOBS)
