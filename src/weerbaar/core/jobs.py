"""Scheduled background jobs: what runs how often, the scheduler tick and the task that runs a job.

``weerbaar worker`` runs the scheduler (a thread calling ``schedule_due_jobs``) beside the django-tasks
worker. Every job has a fixed period; time is cut into slots aligned to that period (UTC epoch), and
``schedule_due_jobs`` creates one ``JobRun`` per (job, slot) — the unique constraint makes a second
scheduler, a restart or a double tick enqueue nothing twice — and enqueues ``run_job`` for it. The jobs
themselves are idempotent too: running one twice in a row changes nothing the second time.

The kernel knows no job but its own housekeeping: every app registers the jobs over its data in its
``AppConfig.ready()`` (``register``), with the position that fixes the order of the coordinators' page.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from weerbaar.core.models import JobRun
from weerbaar.core.registry import Registry

logger = logging.getLogger(__name__)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    run: Callable[[datetime], dict[str, Any]]  # gets the moment it runs at; returns counts for the summary
    description: Any  # lazily translated text for the coordinators' page
    every_label: Any = ""
    title: Any = ""  # lazily translated Dutch name for the coordinators' page (the code name stays beside it)
    position: int = 0  # its place on the coordinators' page and in a scheduler tick (see ``core.registry``)


# Every app registers its own jobs in its AppConfig.ready() (``register``); each job lives in the app that owns
# the data it changes. ``JOBS`` is the registry's mapping by name, in order of position.
_registry: Registry[Job] = Registry("job")
JOBS: dict[str, Job] = _registry.entries


def register(*jobs: Job) -> None:
    _registry.register(*jobs)


def _clear_sessions(now: datetime) -> dict[str, Any]:
    from django.contrib.sessions.models import Session

    from weerbaar.core.ratelimit import counters_prune

    deleted, _ = Session.objects.filter(expire_date__lt=now).delete()
    # The rate limits' counters of windows that have passed go with them (core/ratelimit.py).
    return {"deleted": deleted, "rateLimitCounters": counters_prune(now)}


def _prune_task_results(now: datetime) -> dict[str, Any]:
    from django_tasks_db.models import DBTaskResult

    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=now - timedelta(days=7)).delete()
    return {"deleted": deleted}


def _audit_checkpoint(now: datetime) -> dict[str, Any]:
    from weerbaar.core.audit_checkpoints import checkpoint_write

    return checkpoint_write(now=now)


# The kernel's own housekeeping of the tables it (and Django) keeps; registered by CoreConfig.ready().
KERNEL_JOBS = (
    Job(
        "audit_checkpoint",
        timedelta(minutes=5),
        _audit_checkpoint,
        _("De kop van het auditlog wordt ondertekend buiten de database vastgelegd."),
        _("elke 5 minuten"),
        title=_("Auditlog vastleggen"),
        position=75,
    ),
    Job(
        "clear_sessions",
        timedelta(days=1),
        _clear_sessions,
        _("Verlopen sessies worden verwijderd."),
        _("elke dag"),
        title=_("Verlopen sessies opruimen"),
        position=80,
    ),
    Job(
        "prune_task_results",
        timedelta(days=1),
        _prune_task_results,
        _("Afgeronde taakgegevens ouder dan 7 dagen worden verwijderd."),
        _("elke dag"),
        title=_("Oude taakgegevens opruimen"),
        position=90,
    ),
)


def slot_of(job: Job, now: datetime) -> datetime:
    """The start of the period ``now`` falls in, aligned to the UTC epoch."""
    periods = (now - EPOCH) // job.every
    return EPOCH + periods * job.every


def schedule_due_jobs(*, now: datetime | None = None) -> list[JobRun]:
    """Create and enqueue the run of every job whose current slot has none yet; returns the new runs."""
    now = now or timezone.now()
    created: list[JobRun] = []
    for job in JOBS.values():
        slot = slot_of(job, now)
        try:
            with transaction.atomic():
                run = JobRun.objects.create(job=job.name, slot=slot, scheduled_at=now)
                run_job.using(queue_name=settings.TASKS_QUEUE).enqueue(run.pk)
        except IntegrityError:
            continue  # this slot was scheduled already (another scheduler, a restart, a double tick)
        created.append(run)
    return created


# A job that meets a locked database (SQLite while another process writes: ``seed --demo`` beside the worker)
# is tried again after these pauses, in seconds, on top of the connection's own busy timeout. Jobs are
# idempotent, so a retry after a half-done attempt is safe. ``sleep`` is replaceable for tests.
LOCKED_RETRY_DELAYS: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0, 8.0)
sleep: Callable[[float], None] = time.sleep


def is_locked_database(exc: BaseException) -> bool:
    """SQLite's "database is locked" (busy) and "database table is locked" (shared cache)."""
    return isinstance(exc, OperationalError) and "is locked" in str(exc)


def _attempt(run_id: int) -> dict[str, Any] | None:
    """One attempt at a run: mark it running, run the job, mark it done. ``None``: nothing to do."""
    with transaction.atomic():
        run = JobRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status == JobRun.Status.SUCCEEDED:
            return None
        run.status = JobRun.Status.RUNNING
        run.started_at = timezone.now()
        run.attempts += 1
        run.save(update_fields=["status", "started_at", "attempts"])
    job = JOBS.get(run.job)
    if job is None:
        raise LookupError(f"unknown job {run.job!r}")
    summary = job.run(timezone.now())
    JobRun.objects.filter(pk=run.pk).update(
        status=JobRun.Status.SUCCEEDED, finished_at=timezone.now(), summary=summary, error=""
    )
    return summary


@task(queue_name="default")
def run_job(run_id: int) -> dict[str, Any]:
    """Run one scheduled job; a run that already succeeded is not run again; a locked database is retried."""
    delays = iter(LOCKED_RETRY_DELAYS)
    while True:
        try:
            summary = _attempt(run_id)
        except Exception as exc:
            delay = next(delays, None) if is_locked_database(exc) else None
            if delay is not None:
                logger.warning("job run %s: database is locked; retry in %.1f s", run_id, delay)
                sleep(delay)
                continue
            _record_failure(run_id, exc)
            raise
        return {"skipped": True} if summary is None else summary


def _record_failure(run_id: int, exc: BaseException) -> None:
    """Mark the run failed with the exception's class name only (never a message: it could carry content)."""
    name = type(exc).__name__[:200]
    try:
        JobRun.objects.filter(pk=run_id).update(status=JobRun.Status.FAILED, finished_at=timezone.now(), error=name)
    except OperationalError:
        logger.warning("job run %s failed (%s) and could not be marked failed", run_id, name)
        return
    logger.warning("job run %s failed: %s", run_id, name)


@dataclass(frozen=True)
class JobOverview:
    job: Job
    last: JobRun | None
    recent: list[JobRun]


def job_runs_overview(*, recent: int = 10) -> list[JobOverview]:
    """Per job: the latest run and the ``recent`` ones before it (for the coordinators' page)."""
    result = []
    for job in JOBS.values():
        runs = list(JobRun.objects.filter(job=job.name).order_by("-slot")[:recent])
        result.append(JobOverview(job, runs[0] if runs else None, runs))
    return result


# A job is overdue when its last successful run finished more than two of its periods ago, plus this margin
# for the scheduler's tick and a queue that is busy for a moment.
OVERDUE_MARGIN = timedelta(minutes=5)


def overdue_after(job: Job) -> timedelta:
    return 2 * job.every + OVERDUE_MARGIN


def overdue_jobs(*, now: datetime | None = None) -> list[Job]:
    """The jobs whose last success is older than ``overdue_after`` (the coordinators' red banner).

    A job that never succeeded counts from the first run the worker ever scheduled (of any job): on a fresh
    installation whose worker has not started yet nothing is overdue; once a worker has run, a job that never
    succeeds is overdue like any other. ``JobRun`` is never pruned, so every query walks the index on
    ``(job, -slot)`` from one end: one query per job, however many runs there are.
    """
    now = now or timezone.now()
    first_ever: list[datetime | None] = []  # looked up only when a job never succeeded

    def first_run() -> datetime | None:
        if not first_ever:
            firsts = [
                JobRun.objects.filter(job=name).order_by("slot").values_list("slot", flat=True).first() for name in JOBS
            ]
            first_ever.append(min((f for f in firsts if f is not None), default=None))
        return first_ever[0]

    late = []
    for job in JOBS.values():
        last = (
            JobRun.objects.filter(job=job.name, status=JobRun.Status.SUCCEEDED)
            .order_by("-slot")
            .values_list("finished_at", flat=True)
            .first()
        )
        since = last or first_run()
        if since is not None and now - since > overdue_after(job):
            late.append(job)
    return late


OVERDUE_CACHE_KEY = "weerbaar:jobs-overdue"
OVERDUE_CACHE_SECONDS = 30


def overdue_jobs_cached() -> list[Job]:
    """``overdue_jobs`` at most once per 30 seconds (the banner on every coordinator's workspace page)."""
    from django.core.cache import cache

    names = cache.get(OVERDUE_CACHE_KEY)
    if names is None:
        names = [job.name for job in overdue_jobs()]
        cache.set(OVERDUE_CACHE_KEY, names, OVERDUE_CACHE_SECONDS)
    return [JOBS[name] for name in names if name in JOBS]
