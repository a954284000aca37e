"""Unclaimed cases past their respond-by moment escalate to the coordinators (services + selectors)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.factories import make_case
from weerbaar.cases import selectors, services
from weerbaar.cases.models import Case
from weerbaar.cases.selectors import QueueFilters
from weerbaar.core.models import AuditEntry


def test_overdue_unclaimed_case_escalates_once(staff):
    overdue, _ = make_case(state="escalated")
    due_later, _ = make_case()
    claimed_overdue, _ = make_case(state="claimed", advisor=staff.advisor, overdue=True)
    assert services.cases_escalate_overdue() == 1
    assert services.cases_escalate_overdue() == 0  # idempotent
    assert Case.objects.get(pk=overdue.pk).escalated_at is not None
    assert Case.objects.get(pk=due_later.pk).escalated_at is None
    assert Case.objects.get(pk=claimed_overdue.pk).escalated_at is None
    assert AuditEntry.objects.filter(action="case.escalated", object_id=overdue.reference).count() == 1


def test_escalation_uses_the_deadline_not_the_age(staff):
    case, _ = make_case()
    assert services.cases_escalate_overdue(now=case.respond_by - timedelta(seconds=1)) == 0
    assert services.cases_escalate_overdue(now=case.respond_by + timedelta(seconds=1)) == 1


def test_coordinator_sees_escalated_cases_advisor_queue_marks_them(staff):
    overdue, _ = make_case(state="escalated")
    fresh, _ = make_case()
    escalated = list(selectors.escalated_cases(user=staff.coordinator))
    assert [c.pk for c in escalated] == [overdue.pk]
    queue = {c.pk: c.is_escalated for c in selectors.case_queue(user=staff.advisor, filters=QueueFilters())}
    assert queue == {overdue.pk: True, fresh.pk: False}


def test_claiming_ends_the_escalation(staff):
    overdue, _ = make_case(state="escalated")
    services.case_assign(actor=staff.advisor, reference=overdue.reference, assignee_username="me")
    assert not list(selectors.escalated_cases(user=staff.coordinator))


def test_queue_is_sorted_by_deadline(staff):
    later, _ = make_case()
    urgent, _ = make_case(acuteDanger=True)
    Case.objects.filter(pk=later.pk).update(respond_by=timezone.now() + timedelta(days=3))
    order = [c.pk for c in selectors.case_queue(user=staff.advisor, filters=QueueFilters())]
    assert order == [urgent.pk, later.pk]


def test_unclaimed_past_three_windows_is_flagged_red(staff):
    case, _ = make_case()
    window = case.respond_by - case.created_at
    assert case.red_after == case.created_at + 3 * window

    def flags(now):
        [row] = selectors.case_queue(user=staff.coordinator, filters=QueueFilters(), now=now)
        return row.is_escalated, row.is_red

    assert flags(case.respond_by - timedelta(seconds=1)) == (False, False)
    assert flags(case.created_at + 2.5 * window) == (True, False)
    assert flags(case.red_after + timedelta(seconds=1)) == (True, True)
    services.case_assign(actor=staff.advisor, reference=case.reference, assignee_username="me")
    assert flags(case.red_after + timedelta(days=1)) == (False, False)  # claimed: no longer escalated or red


def test_red_badge_on_the_escalations_page(staff, client):
    from tests.staff_web.conftest import verified_client

    case, _ = make_case()
    Case.objects.filter(pk=case.pk).update(
        created_at=timezone.now() - timedelta(days=5),
        respond_by=timezone.now() - timedelta(days=4),
        red_after=timezone.now() - timedelta(days=2),
    )
    html = verified_client(staff.coordinator).get("/werkruimte/escalaties").content.decode()
    assert "Rood: driemaal over termijn" in html
