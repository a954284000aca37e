"""The failure of issue 11, reproduced: the database is locked by another process (``seed --demo`` during
``make run``) while ``weerbaar worker`` runs. The worker's loop used to die on "database is locked"; now it
logs the exception's class, restarts its loop, and runs every job once the lock is gone.
"""

from __future__ import annotations

import queue
import signal
import sqlite3
import subprocess
import threading
import time

from tests.cli.test_worker import ROOT, WEERBAAR, _env, _jobs_succeeded, _runs_per_slot
from weerbaar.core.jobs import JOBS


def _lines(stream, into: queue.Queue) -> None:
    for line in stream:
        into.put(line)
    into.put(None)


def _wait_for(lines: queue.Queue, text: str, seen: list[str], *, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not any(text in line for line in seen):
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"no {text!r} within {seconds} s:\n" + "".join(seen)
        try:
            line = lines.get(timeout=remaining)
        except queue.Empty:
            continue
        assert line is not None, "the worker ended:\n" + "".join(seen)
        seen.append(line)


def test_the_worker_survives_a_locked_database_and_runs_the_jobs_afterwards(migrated_data_dir):
    tmp_path = migrated_data_dir  # as `weerbaar migrate` left it (tests/migrated.py)
    env = _env(tmp_path) | {"WEERBAAR_SQLITE_BUSY_TIMEOUT_SECONDS": "1"}
    database = tmp_path / "weerbaar.sqlite3"
    other = sqlite3.connect(database, isolation_level=None, timeout=30)
    other.execute("BEGIN EXCLUSIVE")  # another process writes (seed --demo) and keeps the write lock
    worker = subprocess.Popen(  # noqa: S603 - our own command
        [*WEERBAAR, "worker"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: queue.Queue = queue.Queue()
    seen: list[str] = []
    threading.Thread(target=_lines, args=(worker.stdout, lines), daemon=True).start()
    try:
        _wait_for(lines, "worker loop stopped on OperationalError; restart 1", seen, seconds=60)
        assert worker.poll() is None, "".join(seen)
        other.execute("COMMIT")  # the other process is done
        other.close()
        deadline = time.monotonic() + 120
        while _jobs_succeeded(database) != set(JOBS):
            assert worker.poll() is None, "".join(seen)
            assert time.monotonic() < deadline, "the worker did not run the jobs after the lock ended"
            time.sleep(0.5)  # polling the outcome; the worker itself is never waited for by time
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=30) == 0
    finally:
        if worker.poll() is None:
            worker.kill()
    assert _runs_per_slot(database) == 1
    output = "".join(seen)
    assert "Traceback" not in output  # the class name is logged, not the exception's text or stack
