"""Scheduled background jobs: what runs how often, the scheduler tick and the task that runs a job.

``weerbaar worker`` runs the scheduler (a thread calling ``schedule_due_jobs``) beside the django-tasks
worker. Every job has a fixed period; time is cut into slots aligned to that period (UTC epoch), and
``schedule_due_jobs`` creates one ``JobRun`` per (job, slot) — the unique constraint makes a second
scheduler, a restart or a double tick enqueue nothing twice — and enqueues ``run_job`` for it. The jobs
themselves are idempotent too: running one twice in a row changes nothing the second time.
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


def _escalate(now: datetime) -> dict[str, Any]:
    from weerbaar.cases.services import cases_escalate_overdue

    return {"escalated": cases_escalate_overdue(now=now)}


def _verify_evidence(now: datetime) -> dict[str, Any]:
    from weerbaar.incidents.services import evidence_verify_all

    report = evidence_verify_all(now=now)
    if not report.ok:
        # Visible to coordinators as a failed run; the command line names the files.
        raise EvidenceCheckFailed(f"{len(report.failed or [])} of {report.checked} evidence files failed")
    return {"checked": report.checked}


def _clear_sessions(now: datetime) -> dict[str, Any]:
    from django.contrib.sessions.models import Session

    deleted, _ = Session.objects.filter(expire_date__lt=now).delete()
    return {"deleted": deleted}


def _prune_task_results(now: datetime) -> dict[str, Any]:
    from django_tasks_db.models import DBTaskResult

    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=now - timedelta(days=7)).delete()
    return {"deleted": deleted}


def _flag_red(now: datetime) -> dict[str, Any]:
    from weerbaar.notifications.services import cases_notify_red

    return {"reported": cases_notify_red(now=now)}


def _prune_notifications(now: datetime) -> dict[str, Any]:
    from weerbaar.notifications.services import notifications_prune

    return notifications_prune(now=now)


def _send_mail(now: datetime) -> dict[str, Any]:
    from weerbaar.notifications.services import mail_send_due

    return mail_send_due(now=now)


def _aftercare_checkins(now: datetime) -> dict[str, Any]:
    from weerbaar.aftercare.services import checkins_make_due

    return checkins_make_due(now=now)


def _referral_responses_overdue(now: datetime) -> dict[str, Any]:
    from weerbaar.network.services import referral_responses_overdue

    return referral_responses_overdue(now=now)


def _complaint_deadlines(now: datetime) -> dict[str, Any]:
    from weerbaar.cases.task_jobs import complaint_deadline_tasks

    return complaint_deadline_tasks(now=now)


def _task_reminders(now: datetime) -> dict[str, Any]:
    from weerbaar.cases.task_jobs import task_reminders

    return task_reminders(now=now)


class EvidenceCheckFailed(Exception):
    pass


JOBS: dict[str, Job] = {
    job.name: job
    for job in (
        Job(
            "referral_responses_overdue",
            timedelta(minutes=15),
            _referral_responses_overdue,
            _(
                "Doorverwijzingen waarop de netwerkpartner niet binnen twee werkdagen reageerde: een taak en een "
                "melding voor de adviseur."
            ),
            _("elk kwartier"),
            title=_("Doorverwijzingen zonder reactie"),
        ),
        Job(
            "escalate_overdue",
            timedelta(minutes=5),
            _escalate,
            _(
                "Nieuwe zaken die niemand oppakte vóór de reactietermijn (werkuren en feestdagen tellen mee) "
                "worden als geëscaleerd gemarkeerd."
            ),
            _("elke 5 minuten"),
            title=_("Zaken escaleren die te lang wachten"),
        ),
        Job(
            "flag_red",
            timedelta(minutes=5),
            _flag_red,
            _(
                "Coördinatoren krijgen één keer per zaak een melding als een nieuwe zaak na drie keer de "
                "reactietermijn nog door niemand is opgepakt (rood)."
            ),
            _("elke 5 minuten"),
            title=_("Zaken die veel te lang wachten melden"),
        ),
        Job(
            "send_mail",
            timedelta(minutes=1),
            _send_mail,
            _(
                "E-mailmeldingen (zonder inhoud van zaken) worden verstuurd; mislukte pogingen worden na 1, 5, 30 "
                "en 120 minuten herhaald, daarna krijgen coördinatoren een melding."
            ),
            _("elke minuut"),
            title=_("E-mailmeldingen versturen"),
        ),
        Job(
            "complaint_deadlines",
            timedelta(hours=1),
            _complaint_deadlines,
            _(
                "Incidenten waarvan de aangiftetermijn binnen 14 dagen verloopt en waarvoor nog geen aangifte is "
                "gedaan: een taak en een melding voor de adviseur van de zaak."
            ),
            _("elk uur"),
            title=_("Aangiftetermijnen bewaken"),
        ),
        Job(
            "task_reminders",
            timedelta(minutes=15),
            _task_reminders,
            _(
                "Open taken die uiterlijk aan het eind van de volgende werkdag af moeten zijn: één herinnering "
                "per taak."
            ),
            _("elk kwartier"),
            title=_("Herinneringen voor taken"),
        ),
        Job(
            "prune_notifications",
            timedelta(days=1),
            _prune_notifications,
            _(
                "Meldingen die langer dan 180 dagen gelezen zijn en e-mails die langer dan 30 dagen verstuurd zijn, "
                "worden verwijderd."
            ),
            _("elke dag"),
            title=_("Oude meldingen en e-mails opruimen"),
        ),
        Job(
            "clear_sessions",
            timedelta(days=1),
            _clear_sessions,
            _("Verlopen sessies worden verwijderd."),
            _("elke dag"),
            title=_("Verlopen sessies opruimen"),
        ),
        Job(
            "prune_task_results",
            timedelta(days=1),
            _prune_task_results,
            _("Afgeronde taakgegevens ouder dan 7 dagen worden verwijderd."),
            _("elke dag"),
            title=_("Oude taakgegevens opruimen"),
        ),
        Job(
            "aftercare_checkins",
            timedelta(minutes=15),
            _aftercare_checkins,
            _(
                "Check-ins van nazorgplannen waarvan het moment is gekomen: een taak voor de adviseur, "
                "een bericht in Mijn zaak en een melding."
            ),
            _("elk kwartier"),
            title=_("Check-ins van nazorg klaarzetten"),
        ),
        Job(
            "verify_evidence",
            timedelta(days=7),
            _verify_evidence,
            _("Elk bewaard bewijsstuk wordt gecontroleerd op zijn SHA-256-code."),
            _("elke week"),
            title=_("Bewijsstukken controleren"),
        ),
    )
}


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
