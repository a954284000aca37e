"""The aftercare_checkins job in the registry: runs through core.jobs, twice in a row changes nothing."""

from __future__ import annotations

import pytest

from tests.aftercare.factories import after_all_defaults, aftercare_case
from weerbaar.aftercare.models import CheckIn
from weerbaar.cases.models import CaseMessage
from weerbaar.core import jobs
from weerbaar.core.models import AuditEntry
from weerbaar.notifications.models import Notification, OutgoingMail
from weerbaar.todos.models import Todo

pytestmark = pytest.mark.django_db


def test_the_job_is_registered_and_a_second_run_in_a_row_changes_nothing(reference_data):
    case, _code, _adv = aftercare_case()
    job = jobs.JOBS["aftercare_checkins"]
    now = after_all_defaults(case)
    first = job.run(now)
    assert first["due"] == 3
    assert first["tasks"] == 3
    assert first["messages"] == 3

    def state():
        return (
            list(CheckIn.objects.order_by("pk").values_list("pk", "status", "became_due_at")),
            CaseMessage.objects.count(),
            Todo.objects.count(),
            Notification.objects.count(),
            OutgoingMail.objects.count(),
            AuditEntry.objects.count(),
        )

    before = state()
    assert job.run(now) == {"due": 0, "messages": 0, "tasks": 0, "notified": 0}
    assert state() == before
