"""The coordinators' red banner: on every workspace page while a background job is overdue (its last success
is older than two of its periods plus a margin), for coordinators and administrators only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from weerbaar.core import jobs
from weerbaar.core.models import JobRun

BANNER = 'data-testid="jobs-overdue"'


def _succeeded(job: jobs.Job, at) -> JobRun:
    return JobRun.objects.create(
        job=job.name, slot=jobs.slot_of(job, at), scheduled_at=at, started_at=at, finished_at=at, status="succeeded"
    )


def _all_ran(at) -> None:
    for job in jobs.JOBS.values():
        _succeeded(job, at)


@pytest.mark.django_db
def test_nothing_is_overdue_before_the_worker_ever_ran():
    assert jobs.overdue_jobs() == []


@pytest.mark.django_db
def test_a_job_is_overdue_after_two_periods_and_the_margin_and_not_before():
    now = timezone.now()
    _all_ran(now - timedelta(minutes=1))
    assert jobs.overdue_jobs(now=now) == []
    mail = jobs.JOBS["send_mail"]  # every minute
    limit = jobs.overdue_after(mail)
    assert limit == 2 * mail.every + jobs.OVERDUE_MARGIN
    ran = now - timedelta(minutes=1)
    assert mail not in jobs.overdue_jobs(now=ran + limit)
    late = jobs.overdue_jobs(now=ran + limit + timedelta(seconds=1))
    assert mail in late
    assert all(j.every * 2 + jobs.OVERDUE_MARGIN < limit + timedelta(seconds=1) for j in late)
    assert jobs.JOBS["clear_sessions"] not in late  # daily: not due for two days


@pytest.mark.django_db
def test_a_failed_or_stuck_run_does_not_count_as_a_success():
    now = timezone.now()
    _all_ran(now)
    escalate = jobs.JOBS["escalate_overdue"]
    later = now + jobs.overdue_after(escalate) + timedelta(minutes=1)
    JobRun.objects.create(job=escalate.name, slot=jobs.slot_of(escalate, later), scheduled_at=later, status="failed")
    assert escalate in jobs.overdue_jobs(now=later)


@pytest.mark.django_db
def test_a_job_that_never_succeeded_counts_from_the_first_run_of_the_worker():
    now = timezone.now()
    first = now - timedelta(days=3)
    JobRun.objects.create(job="escalate_overdue", slot=first, scheduled_at=first, status="failed")
    expected = {job for job in jobs.JOBS.values() if jobs.overdue_after(job) < timedelta(days=3)}
    assert jobs.JOBS["verify_evidence"] not in expected  # weekly: overdue after two weeks
    assert set(jobs.overdue_jobs(now=now)) == expected


def test_coordinators_see_the_banner_on_every_workspace_page_others_never(people, as_user):
    _all_ran(timezone.now() - timedelta(days=3))
    for path in ("/werkruimte", "/werkruimte/taken", "/werkruimte/achtergrondtaken"):
        html = as_user(people["coordinator"]).get(path).content.decode()
        assert BANNER in html, path
        assert "Achtergrondtaken lopen achter" in html
        assert "E-mailmeldingen versturen" in html  # names the late jobs by their titles
    admin = as_user(people["admin"]).get("/werkruimte/adresboek").content.decode()
    assert BANNER in admin
    for role in ("advisor", "partner", "analyst"):
        response = as_user(people[role]).get("/medewerkers", follow=True)
        assert BANNER not in response.content.decode(), role


def test_no_banner_when_the_jobs_run_on_time(people, as_user):
    _all_ran(timezone.now())
    html = as_user(people["coordinator"]).get("/werkruimte").content.decode()
    assert BANNER not in html
    assert (
        ">te laat</strong>" not in as_user(people["coordinator"]).get("/werkruimte/achtergrondtaken").content.decode()
    )


def test_the_job_page_marks_each_late_job(people, as_user):
    now = timezone.now()
    _all_ran(now)
    JobRun.objects.filter(job="send_mail").update(finished_at=now - timedelta(hours=1))
    html = as_user(people["coordinator"]).get("/werkruimte/achtergrondtaken").content.decode()
    assert html.count(">te laat</strong>") == 1
    assert html.index(">te laat<") > html.index('id="job-send_mail"')


def test_the_banner_costs_the_same_queries_however_many_runs(people, as_user):
    from django.core.cache import cache

    client = as_user(people["coordinator"])
    _all_ran(timezone.now() - timedelta(days=3))
    client.get("/werkruimte/taken")
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        assert BANNER in client.get("/werkruimte/taken").content.decode()
    mail = jobs.JOBS["send_mail"]
    for minutes in range(1, 60):
        _succeeded(mail, timezone.now() - timedelta(days=3, minutes=minutes))
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get("/werkruimte/taken")
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as cached:  # within 30 seconds: from the cache
        assert BANNER in client.get("/werkruimte/taken").content.decode()
    assert len(cached) == len(few) - len(jobs.JOBS)


@pytest.mark.django_db
def test_the_banner_follows_the_runs_within_its_cache_time():
    from django.core.cache import cache

    _all_ran(timezone.now() - timedelta(days=3))
    assert jobs.JOBS["send_mail"] in jobs.overdue_jobs_cached()
    _succeeded(jobs.JOBS["send_mail"], timezone.now())  # the worker runs again
    assert jobs.JOBS["send_mail"] in jobs.overdue_jobs_cached()  # cached for up to 30 seconds
    cache.delete(jobs.OVERDUE_CACHE_KEY)  # as when those 30 seconds are over
    assert jobs.JOBS["send_mail"] not in jobs.overdue_jobs_cached()
