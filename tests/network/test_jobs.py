"""The overdue-responses job: a task and a notification for the advisor, once; closed when answered."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.network.factories import referral_in
from weerbaar.core.jobs import JOBS
from weerbaar.network import services
from weerbaar.network.models import Referral
from weerbaar.todos.models import Todo

pytestmark = pytest.mark.django_db


def _overdue(setup):
    referral = referral_in(
        "sent", setup["advisor"], setup["case"], setup["partner"], partner_user=setup["partner_user"]
    )
    Referral.objects.filter(pk=referral.pk).update(respond_by=timezone.now() - timedelta(hours=1))
    return referral


def test_respond_by_is_two_working_days_after_sending(setup):
    referral = referral_in(
        "sent", setup["advisor"], setup["case"], setup["partner"], partner_user=setup["partner_user"]
    )
    referral.refresh_from_db()
    assert referral.respond_by == services.respond_by_for(referral.sent_at)
    assert referral.respond_by - referral.sent_at >= timedelta(days=2) - timedelta(hours=17)


def test_overdue_job_is_idempotent(setup):
    referral = _overdue(setup)
    job = JOBS["referral_responses_overdue"]
    first = job.run(timezone.now())
    assert first["overdue"] == 1
    assert first["tasks"] == 1
    assert first["notified"] >= 1
    second = job.run(timezone.now())
    assert second == {"overdue": 1, "tasks": 0, "notified": 0}
    task = Todo.objects.get(key=f"referral-overdue:{referral.pk}")
    assert task.assignee_id == setup["advisor"].pk
    assert task.done_at is None


def test_answer_closes_the_overdue_task(setup):
    referral = _overdue(setup)
    JOBS["referral_responses_overdue"].run(timezone.now())
    services.referral_consent_withdraw(
        actor=setup["advisor"], reference=setup["case"].reference, referral_id=referral.pk
    )
    assert Todo.objects.get(key=f"referral-overdue:{referral.pk}").done_at is not None
    assert JOBS["referral_responses_overdue"].run(timezone.now()) == {"overdue": 0, "tasks": 0, "notified": 0}


def test_partner_cannot_accept_after_the_deadline(setup):
    from weerbaar.core.errors import Conflict

    referral = _overdue(setup)
    with pytest.raises(Conflict):
        services.referral_answer(actor=setup["partner_user"], referral_id=referral.pk, action="accept")


def test_partner_is_notified_on_send_and_advisor_on_answer(setup, django_capture_on_commit_callbacks):
    from weerbaar.notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        referral = referral_in(
            "accepted", setup["advisor"], setup["case"], setup["partner"], partner_user=setup["partner_user"]
        )
    assert Notification.objects.filter(recipient=setup["partner_user"], kind="referral_received").count() == 1
    assert Notification.objects.filter(recipient=setup["advisor"], kind="referral_answered").exists()
    del referral
