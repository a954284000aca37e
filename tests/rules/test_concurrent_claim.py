"""Two advisors claiming the same new case at the same moment: the row lock leaves one claim (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from tests.factories import make_case
from weerbaar.cases import services
from weerbaar.cases.models import Case, StatusChange
from weerbaar.core.audit import audit_verify
from weerbaar.core.errors import Conflict

pytestmark = pytest.mark.django_db(transaction=True)


def test_simultaneous_claims_leave_one_assignee_and_one_claim(staff):
    if connection.vendor != "postgresql":
        pytest.skip("real row locks across connections are exercised on PostgreSQL; SQLite is covered sequentially")
    case, _ = make_case()
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def claim(advisor):
        try:
            barrier.wait(timeout=10)
            services.case_assign(actor=advisor, reference=case.reference, assignee_username="me")
        except Conflict:
            pass
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=claim, args=(a,)) for a in (staff.advisor, staff.colleague)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    case.refresh_from_db()
    assert case.status == "in_progress"
    assert case.assigned_to in (staff.advisor, staff.colleague)
    assert StatusChange.objects.filter(case=case, from_status="new", to_status="in_progress").count() == 1
    assert Case.objects.filter(pk=case.pk).count() == 1
    assert audit_verify().ok  # the audit chain stayed linear under concurrent appends
