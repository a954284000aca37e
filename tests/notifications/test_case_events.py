"""Case events that notify: escalation and the red flag (coordinators, once per case), a new message from
the office holder (the case's advisor), and the red flag in the API's case resource."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.api.conftest import staff_client
from tests.factories import make_case
from tests.notifications.factories import advisor, coordinator
from weerbaar.accounts.policy import OfficeHolder
from weerbaar.cases import services as case_services
from weerbaar.cases.models import Case
from weerbaar.core import jobs
from weerbaar.notifications.models import Notification, OutgoingMail

pytestmark = pytest.mark.django_db


def test_escalation_notifies_every_coordinator_once_per_case(reference_data):
    c1, c2 = coordinator(), coordinator()
    case, _ = make_case(overdue=True)
    make_case()  # not overdue: no notification
    now = timezone.now()
    assert jobs.JOBS["escalate_overdue"].run(now) == {"escalated": 1}
    assert jobs.JOBS["escalate_overdue"].run(now) == {"escalated": 0}
    notes = Notification.objects.filter(kind="case_escalated")
    assert sorted(n.recipient_id for n in notes) == sorted([c1.pk, c2.pk])
    assert {n.key for n in notes} == {f"case-escalated:{case.reference}"}
    assert {n.link for n in notes} == {f"/werkruimte/zaken/{case.reference}"}
    assert OutgoingMail.objects.filter(kind="case_escalated").count() == 2


def test_a_case_past_its_red_moment_is_reported_once_and_only_while_unclaimed(reference_data):
    c = coordinator()
    a = advisor()
    red, _ = make_case(overdue=True)
    claimed, _ = make_case(overdue=True, state="claimed", advisor=a)
    young, _ = make_case(overdue=True)
    now = timezone.now()
    Case.objects.filter(pk__in=[red.pk, claimed.pk]).update(red_after=now - timedelta(minutes=1))
    Case.objects.filter(pk=young.pk).update(red_after=now + timedelta(hours=1))
    assert jobs.JOBS["flag_red"].run(now) == {"reported": 1}
    assert jobs.JOBS["flag_red"].run(now) == {"reported": 0}
    assert jobs.JOBS["flag_red"].run(now + timedelta(minutes=30)) == {"reported": 0}
    assert list(Notification.objects.filter(kind="case_red").values_list("recipient", "key")) == [
        (c.pk, f"case-red:{red.reference}")
    ]
    assert jobs.JOBS["flag_red"].run(now + timedelta(hours=2)) == {"reported": 1}  # the young one, now red


def test_a_message_from_the_office_holder_notifies_the_advisor(reference_data):
    a = advisor()
    case, _ = make_case(state="claimed", advisor=a)
    holder = OfficeHolder(case_id=case.pk, reference=case.reference)
    m1 = case_services.case_message_send_by_office_holder(principal=holder, reference=case.reference, text="Hallo?")
    case_services.case_message_send_by_office_holder(principal=holder, reference=case.reference, text="Nog iets")
    notes = Notification.objects.filter(recipient=a, kind="message_received")
    assert notes.count() == 2
    assert f"message:{case.reference}:{m1.pk}" in {n.key for n in notes}
    assert {n.link for n in notes} == {f"/werkruimte/zaken/{case.reference}/berichten"}
    assert all("Hallo" not in m.body and "Hallo" not in m.subject for m in OutgoingMail.objects.all())


def test_a_message_on_an_unclaimed_case_notifies_nobody(reference_data):
    case, _ = make_case()
    holder = OfficeHolder(case_id=case.pk, reference=case.reference)
    case_services.case_message_send_by_office_holder(principal=holder, reference=case.reference, text="Hallo?")
    assert not Notification.objects.exists()


def test_the_api_case_resource_carries_the_red_flag(reference_data):
    c = coordinator()
    red, _ = make_case(overdue=True)
    late, _ = make_case(overdue=True)
    Case.objects.filter(pk=red.pk).update(red_after=timezone.now() - timedelta(minutes=1))
    Case.objects.filter(pk=late.pk).update(red_after=timezone.now() + timedelta(hours=1))
    api = staff_client(c)
    assert api.get(f"/api/v1/cases/{red.reference}").json()["redFlag"] is True
    body = api.get(f"/api/v1/cases/{late.reference}").json()
    assert body["redFlag"] is False
    assert body["escalated"] is True
    listed = {row["reference"]: row["redFlag"] for row in api.get("/api/v1/cases").json()["results"]}
    assert listed == {red.reference: True, late.reference: False}
