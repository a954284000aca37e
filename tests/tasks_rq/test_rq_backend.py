"""django-tasks-rq as the task backend: run_job goes through Redis and a real RQ worker runs it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.tasks_rq.conftest import REDIS_URL
from weerbaar.core import jobs
from weerbaar.core.models import JobRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def rq_backend(settings, rq_queue_name):
    # "default" only as the connection django-tasks-rq reads results through; nothing is queued there.
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}, rq_queue_name: {"URL": REDIS_URL}}
    settings.TASKS = {
        **settings.TASKS,
        "rq": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [rq_queue_name]},
    }
    return rq_queue_name


def _worker(queue_name: str):
    import django_rq
    from django_tasks_rq.backend import Job
    from rq.worker import SimpleWorker

    # SimpleWorker runs the task in this process: inside the test's database transaction.
    return django_rq.get_worker(queue_name, job_class=Job, worker_class=SimpleWorker)


def test_run_job_is_enqueued_on_redis_and_run_by_a_burst_worker(rq_backend, reference_data):
    import django_rq
    from django_tasks import TaskResultStatus

    now = timezone.now()
    run = JobRun.objects.create(job="clear_sessions", slot=now.replace(microsecond=0), scheduled_at=now)
    task = jobs.run_job.using(backend="rq", queue_name=rq_backend)
    result = task.enqueue(run.pk)
    assert django_rq.get_queue(rq_backend).count == 1
    assert JobRun.objects.get(pk=run.pk).status == JobRun.Status.SCHEDULED

    assert _worker(rq_backend).work(burst=True) is True

    run.refresh_from_db()
    assert run.status == JobRun.Status.SUCCEEDED
    assert run.attempts == 1
    assert run.summary == {"deleted": 0, "rateLimitCounters": 0}
    stored = task.get_backend().get_result(result.id)
    assert stored.status == TaskResultStatus.SUCCESSFUL
    assert stored.return_value == {"deleted": 0, "rateLimitCounters": 0}
    assert django_rq.get_queue(rq_backend).count == 0


def test_a_failing_job_is_recorded_as_failed_through_rq(rq_backend, reference_data):
    from django_tasks import TaskResultStatus

    now = timezone.now()
    run = JobRun.objects.create(job="no_such_job", slot=now - timedelta(days=1), scheduled_at=now)
    task = jobs.run_job.using(backend="rq", queue_name=rq_backend)
    result = task.enqueue(run.pk)
    _worker(rq_backend).work(burst=True)
    run.refresh_from_db()
    assert (run.status, run.error) == (JobRun.Status.FAILED, "LookupError")
    assert task.get_backend().get_result(result.id).status == TaskResultStatus.FAILED


def test_a_run_that_succeeded_is_not_run_again_through_rq(rq_backend, reference_data):
    now = timezone.now()
    run = JobRun.objects.create(job="clear_sessions", slot=now, scheduled_at=now)
    task = jobs.run_job.using(backend="rq", queue_name=rq_backend)
    task.enqueue(run.pk)
    task.enqueue(run.pk)
    _worker(rq_backend).work(burst=True)
    run.refresh_from_db()
    assert (run.status, run.attempts) == (JobRun.Status.SUCCEEDED, 1)
