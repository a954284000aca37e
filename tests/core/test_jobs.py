"""Background jobs: one run per job per slot, a real worker runs them, and every job is idempotent."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.factories import make_case
from weerbaar.cases.models import Case
from weerbaar.core import jobs
from weerbaar.core.models import AuditEntry, JobRun

AMS = ZoneInfo("Europe/Amsterdam")


def run_worker(*args: str) -> str:
    out = io.StringIO()
    call_command("worker", "--batch", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_slots_align_to_the_period():
    job = jobs.JOBS["escalate_overdue"]
    moment = datetime(2026, 11, 30, 9, 7, 31, tzinfo=AMS)
    assert jobs.slot_of(job, moment) == datetime(2026, 11, 30, 9, 5, tzinfo=AMS)
    assert jobs.slot_of(job, moment + timedelta(minutes=3)) == datetime(2026, 11, 30, 9, 10, tzinfo=AMS)


@pytest.mark.django_db
def test_a_slot_is_scheduled_once_however_often_the_scheduler_ticks():
    now = datetime(2026, 11, 30, 9, 7, tzinfo=AMS)
    first = jobs.schedule_due_jobs(now=now)
    assert sorted(r.job for r in first) == sorted(jobs.JOBS)
    assert jobs.schedule_due_jobs(now=now) == []
    assert DBTaskResult.objects.count() == len(jobs.JOBS)
    # Two minutes on, only the jobs that run every minute or two have a new slot.
    soon = jobs.schedule_due_jobs(now=now + timedelta(minutes=2))
    assert all(jobs.JOBS[r.job].every <= timedelta(minutes=2) for r in soon)
    assert jobs.schedule_due_jobs(now=now + timedelta(minutes=2)) == []
    later = jobs.schedule_due_jobs(now=now + timedelta(minutes=5))
    assert "escalate_overdue" in {r.job for r in later}
    assert all(jobs.JOBS[r.job].every < timedelta(days=1) for r in later)  # daily and weekly: still in their slot


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_every_due_job_and_a_second_run_changes_nothing(reference_data, monkeypatch):
    # Both runs in one slot: the scheduler's clock is held at one moment. On the real clock a minute boundary
    # between the two runs gave the every-minute jobs a new slot, and "Scheduled 1" (a CI flake).
    moment = timezone.now()
    monkeypatch.setattr(jobs, "timezone", SimpleNamespace(now=lambda: moment))
    case, _code = make_case(overdue=True)
    out = run_worker()
    assert f"Scheduled {len(jobs.JOBS)} job run(s)." in out
    runs = {r.job: r for r in JobRun.objects.all()}
    assert {r.status for r in runs.values()} == {"succeeded"}
    assert runs["escalate_overdue"].summary == {"escalated": 1}
    assert runs["verify_evidence"].summary == {"checked": 0}
    assert all(r.attempts == 1 and r.finished_at for r in runs.values())
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    escalated_at = Case.objects.get(pk=case.pk).escalated_at
    assert escalated_at is not None

    # Same slot again: nothing scheduled, nothing run, nothing changed.
    assert "Scheduled 0 job run(s)." in run_worker()
    assert JobRun.objects.count() == len(jobs.JOBS)
    # The job itself twice in a row: the second run changes nothing either.
    audit_count = AuditEntry.objects.count()
    assert jobs.JOBS["escalate_overdue"].run(datetime.now(tz=AMS)) == {"escalated": 0}
    assert Case.objects.get(pk=case.pk).escalated_at == escalated_at
    assert AuditEntry.objects.count() == audit_count


@pytest.mark.django_db
def test_escalation_honours_working_hours_and_holidays(reference_data):
    # Received on Christmas Eve at 16:30 (a Thursday): not urgent, so due at the end of the next working
    # day. 25 and 26 December are public holidays and then comes a weekend: due Monday 28 December, 17:00.
    from weerbaar.core.clock import respond_by

    received = datetime(2026, 12, 24, 16, 30, tzinfo=AMS)
    case, _code = make_case()
    Case.objects.filter(pk=case.pk).update(
        created_at=received, respond_by=respond_by(received_at=received, urgent=False)
    )
    due = Case.objects.get(pk=case.pk).respond_by
    assert due.astimezone(AMS) == datetime(2026, 12, 28, 17, 0, tzinfo=AMS)
    escalate = jobs.JOBS["escalate_overdue"].run
    for moment in (datetime(2026, 12, 25, 12, 0, tzinfo=AMS), datetime(2026, 12, 27, 23, 0, tzinfo=AMS)):
        assert escalate(moment) == {"escalated": 0}
    assert escalate(datetime(2026, 12, 28, 17, 5, tzinfo=AMS)) == {"escalated": 1}
    assert escalate(datetime(2026, 12, 28, 17, 10, tzinfo=AMS)) == {"escalated": 0}


@pytest.mark.django_db
def test_a_failing_job_is_recorded_by_kind_only(monkeypatch):
    def broken(now):
        raise ValueError("Sam de Vries, Dorpsstraat 12")  # content must not reach the run record

    monkeypatch.setitem(
        jobs.JOBS, "escalate_overdue", jobs.Job("escalate_overdue", timedelta(minutes=5), broken, "x", "x")
    )
    run = JobRun.objects.create(
        job="escalate_overdue", slot=datetime(2026, 1, 1, tzinfo=AMS), scheduled_at=datetime(2026, 1, 1, tzinfo=AMS)
    )
    with pytest.raises(ValueError):
        jobs.run_job.call(run.pk)
    run.refresh_from_db()
    assert (run.status, run.error, run.attempts) == ("failed", "ValueError", 1)
    assert "Dorpsstraat" not in str(run.summary)


@pytest.mark.django_db
def test_a_succeeded_run_is_not_run_again():
    run = JobRun.objects.create(
        job="clear_sessions",
        slot=datetime(2026, 1, 1, tzinfo=AMS),
        scheduled_at=datetime(2026, 1, 1, tzinfo=AMS),
        status=JobRun.Status.SUCCEEDED,
        attempts=1,
    )
    assert jobs.run_job.call(run.pk) == {"skipped": True}
    run.refresh_from_db()
    assert run.attempts == 1
