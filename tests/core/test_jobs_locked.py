"""A locked database does not lose a job run: ``run_job`` retries with growing pauses, then records the outcome.

The lock is real: another connection (a thread, like ``seed --demo`` in another process) holds a write
transaction on the job-run table. The test's in-memory SQLite shares its cache between connections, so the
job's write meets "database table is locked" at once instead of after the busy timeout; a file database
waits for the timeout first, then raises "database is locked" — both are retried. No sleeping: the pause is
replaced by a function that records it and lets the other connection commit.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from django.db import OperationalError, connection, connections, transaction
from django.utils import timezone

from weerbaar.core import jobs
from weerbaar.core.models import JobRun


def _run(name: str = "clear_sessions") -> JobRun:
    now = timezone.now()
    return JobRun.objects.create(job=name, slot=jobs.slot_of(jobs.JOBS[name], now), scheduled_at=now)


class WriteLock:
    """Another connection that holds a write transaction on core_jobrun until released."""

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        self.held = threading.Event()
        self.release = threading.Event()
        self.thread = threading.Thread(target=self._hold)

    def _hold(self) -> None:
        try:
            with transaction.atomic():
                JobRun.objects.filter(pk=self.run_id).update(error="")
                self.held.set()
                self.release.wait(timeout=30)
        finally:
            connections.close_all()

    def __enter__(self) -> WriteLock:
        self.thread.start()
        assert self.held.wait(timeout=10)
        return self

    def __exit__(self, *exc: Any) -> None:
        self.release.set()
        self.thread.join(timeout=10)


@pytest.mark.django_db(transaction=True)
def test_a_job_that_meets_a_locked_database_is_retried_and_succeeds(monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's write lock")
    run = _run()
    pauses: list[float] = []
    with WriteLock(run.pk) as lock:

        def pause(seconds: float) -> None:
            pauses.append(seconds)
            if len(pauses) == 2:  # locked twice: then the other writer commits
                lock.release.set()
                lock.thread.join(timeout=10)

        monkeypatch.setattr(jobs, "sleep", pause)
        summary = jobs.run_job.call(run.pk)
    assert pauses == [0.5, 1.0]
    assert summary == {"deleted": 0, "rateLimitCounters": 0}
    run.refresh_from_db()
    assert run.status == JobRun.Status.SUCCEEDED
    assert run.attempts == 1  # the locked attempts never got to count themselves
    assert run.error == ""


@pytest.mark.django_db
def test_a_job_locked_inside_its_work_is_retried_with_growing_pauses(monkeypatch):
    calls: list[int] = []

    def flaky(now):
        calls.append(1)
        if len(calls) < 4:
            raise OperationalError("database is locked")
        return {"done": len(calls)}

    job = jobs.Job("flaky_test_job", timedelta(minutes=1), flaky, "test")
    monkeypatch.setitem(jobs.JOBS, job.name, job)
    pauses: list[float] = []
    monkeypatch.setattr(jobs, "sleep", pauses.append)
    run = JobRun.objects.create(job=job.name, slot=timezone.now(), scheduled_at=timezone.now())
    assert jobs.run_job.call(run.pk) == {"done": 4}
    assert pauses == [0.5, 1.0, 2.0]
    run.refresh_from_db()
    assert (run.status, run.attempts) == (JobRun.Status.SUCCEEDED, 4)


@pytest.mark.django_db
def test_a_lock_that_never_ends_fails_the_run_after_the_last_pause(monkeypatch, caplog):
    def locked(now):
        raise OperationalError("database is locked")

    job = jobs.Job("locked_test_job", timedelta(minutes=1), locked, "test")
    monkeypatch.setitem(jobs.JOBS, job.name, job)
    pauses: list[float] = []
    monkeypatch.setattr(jobs, "sleep", pauses.append)
    run = JobRun.objects.create(job=job.name, slot=timezone.now(), scheduled_at=timezone.now())
    with pytest.raises(OperationalError):
        jobs.run_job.call(run.pk)
    assert tuple(pauses) == jobs.LOCKED_RETRY_DELAYS
    run.refresh_from_db()
    assert (run.status, run.error, run.attempts) == (JobRun.Status.FAILED, "OperationalError", 6)


@pytest.mark.django_db
def test_other_errors_are_not_retried_and_their_message_is_not_logged(monkeypatch, caplog):
    def broken(now):
        raise ValueError("Jansen, wethouder te Utrecht")  # stands for case content in an exception message

    job = jobs.Job("broken_test_job", timedelta(minutes=1), broken, "test")
    monkeypatch.setitem(jobs.JOBS, job.name, job)
    pauses: list[float] = []
    monkeypatch.setattr(jobs, "sleep", pauses.append)
    run = JobRun.objects.create(job=job.name, slot=timezone.now(), scheduled_at=timezone.now())
    with pytest.raises(ValueError):
        jobs.run_job.call(run.pk)
    assert pauses == []
    run.refresh_from_db()
    assert (run.status, run.error) == (JobRun.Status.FAILED, "ValueError")
    assert "ValueError" in caplog.text
    assert "Jansen" not in caplog.text


@pytest.mark.django_db
def test_the_worker_loop_restarts_after_an_unexpected_exception_and_counts_it(caplog):
    from weerbaar.core.management.commands.worker import RESTART_DELAYS, Supervisor

    rounds: list[int] = []

    def loop() -> None:
        rounds.append(1)
        if len(rounds) == 1:
            raise OperationalError("database is locked")
        if len(rounds) == 2:
            raise RuntimeError("Jansen, wethouder te Utrecht")  # stands for case content in a message
        # the third round ends by itself (a graceful shutdown)

    pauses: list[float] = []
    supervisor = Supervisor(sleep=pauses.append)
    supervisor.run(loop)
    assert len(rounds) == 3
    assert supervisor.restarts == 2
    assert pauses == list(RESTART_DELAYS[:2])
    assert "worker loop stopped on OperationalError; restart 1" in caplog.text
    assert "worker loop stopped on RuntimeError; restart 2" in caplog.text
    assert "Jansen" not in caplog.text


def test_a_shutdown_is_not_restarted():
    from weerbaar.core.management.commands.worker import Supervisor

    def loop() -> None:
        raise SystemExit(0)  # the worker's SIGTERM handler

    pauses: list[float] = []
    with pytest.raises(SystemExit):
        Supervisor(sleep=pauses.append).run(loop)
    assert pauses == []
