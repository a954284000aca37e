"""`weerbaar worker` with WEERBAAR_TASKS_BACKEND=rq as a process: schedules, runs through Redis, stops on SIGTERM."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.tasks_rq.conftest import REDIS_URL

ROOT = Path(__file__).resolve().parents[2]
WEERBAAR = [sys.executable, "-c", "from weerbaar.cli import main; main()"]


def _env(data_dir: Path, queue_name: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WEERBAAR_") and k != "DJANGO_SETTINGS_MODULE"}
    env.pop("DATABASE_URL", None)  # its own SQLite file: never the shared test database
    env.update(
        WEERBAAR_DEBUG="1",
        WEERBAAR_DATA_DIR=str(data_dir),
        WEERBAAR_TASKS_BACKEND="rq",
        WEERBAAR_REDIS_URL=REDIS_URL,
        WEERBAAR_TASKS_QUEUE=queue_name,
        WEERBAAR_SCHEDULER_TICK_SECONDS="1",
    )
    return env


def _runs(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as db:
        return dict(db.execute("SELECT status, count(*) FROM core_jobrun GROUP BY status").fetchall())


def test_rq_worker_process_runs_scheduled_jobs_through_redis_and_stops_on_sigterm(migrated_data_dir, rq_queue_name):
    import redis

    tmp_path = migrated_data_dir  # as `weerbaar migrate` left it (tests/migrated.py)
    env = _env(tmp_path, rq_queue_name)
    database = tmp_path / "weerbaar.sqlite3"
    worker = subprocess.Popen(  # noqa: S603 - our own command
        [*WEERBAAR, "worker"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        deadline = time.monotonic() + 90
        while _runs(database).get("succeeded", 0) < 1 or _runs(database).get("scheduled", 0):
            assert worker.poll() is None, worker.stdout.read() if worker.stdout else ""
            assert time.monotonic() < deadline, f"no scheduled job ran through Redis within 90 s: {_runs(database)}"
            time.sleep(0.5)
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=30) == 0
        output = worker.stdout.read() if worker.stdout else ""
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=10)
    assert f"Weerbaar worker running on Redis queue '{rq_queue_name}' (scheduler on)" in output
    runs = _runs(database)
    assert runs.get("succeeded", 0) >= 1
    assert "failed" not in runs, output[-3000:]
    # They went through Redis: RQ's registry of finished jobs of this queue holds them.
    client = redis.Redis.from_url(REDIS_URL)
    assert client.zcard(f"rq:finished:{rq_queue_name}") == runs["succeeded"]
