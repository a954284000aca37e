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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
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

    deleted, _ = Session.objects.filter(expire_date__lt=now).delete()
    return {"deleted": deleted}


def _prune_task_results(now: datetime) -> dict[str, Any]:
    from django_tasks_db.models import DBTaskResult

    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=now - timedelta(days=7)).delete()
    return {"deleted": deleted}


# The kernel's own housekeeping of the tables it (and Django) keeps; registered by CoreConfig.ready().
KERNEL_JOBS = (
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


@task(queue_name="default")
def run_job(run_id: int) -> dict[str, Any]:
    """Run one scheduled job; a run that already succeeded is not run again."""
    with transaction.atomic():
        run = JobRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status == JobRun.Status.SUCCEEDED:
            return {"skipped": True}
        run.status = JobRun.Status.RUNNING
        run.started_at = timezone.now()
        run.attempts += 1
        run.save(update_fields=["status", "started_at", "attempts"])
    job = JOBS.get(run.job)
    try:
        if job is None:
            raise LookupError(f"unknown job {run.job!r}")
        summary = job.run(timezone.now())
    except Exception as exc:
        JobRun.objects.filter(pk=run.pk).update(
            status=JobRun.Status.FAILED, finished_at=timezone.now(), error=type(exc).__name__[:200]
        )
        logger.warning("job %s (run %s) failed: %s", run.job, run.pk, type(exc).__name__)
        raise
    JobRun.objects.filter(pk=run.pk).update(
        status=JobRun.Status.SUCCEEDED, finished_at=timezone.now(), summary=summary, error=""
    )
    return summary


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
