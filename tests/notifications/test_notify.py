"""notify / notify_coordinators: idempotent per (recipient, key), content-free, preferences respected."""

from __future__ import annotations

import pytest

from tests.notifications.factories import advisor, coordinator, partner_user
from weerbaar.notifications import kinds
from weerbaar.notifications.models import Notification, OutgoingMail
from weerbaar.notifications.services import (
    email_preferences,
    email_preferences_save,
    notify,
    notify_coordinators,
    render_mail,
)

pytestmark = pytest.mark.django_db


def test_notify_is_idempotent_per_recipient_and_key(reference_data):
    a = advisor()
    assert notify(recipients=[a], kind="task_assigned", key="task:1", link="/werkruimte/taken/1") == 1
    assert notify(recipients=[a], kind="task_assigned", key="task:1", link="/werkruimte/taken/1") == 0
    assert notify(recipients=[a, a], kind="task_assigned", key="task:2", link="/werkruimte/taken/2") == 1
    assert Notification.objects.filter(recipient=a).count() == 2
    assert OutgoingMail.objects.filter(recipient=a).count() == 2


def test_notify_coordinators_reaches_every_active_coordinator_once(reference_data):
    c1, c2 = coordinator(), coordinator()
    coordinator(is_active=False)
    advisor()
    assert notify_coordinators(kind="case_escalated", key="case-escalated:X", link="/werkruimte/zaken/X") == 2
    assert notify_coordinators(kind="case_escalated", key="case-escalated:X", link="/werkruimte/zaken/X") == 0
    assert set(Notification.objects.values_list("recipient", flat=True)) == {c1.pk, c2.pk}


def test_unknown_kind_and_content_in_link_are_refused(reference_data):
    a = advisor()
    with pytest.raises(ValueError):
        notify(recipients=[a], kind="no_such_kind", key="k", link="/werkruimte")
    for link in ("https://evil.example/x", "//evil.example", "/zoek?q=Sam de Vries", "/a@b", "werkruimte"):
        with pytest.raises(ValueError):
            notify(recipients=[a], kind="task_due", key="k", link=link)
    assert not Notification.objects.exists()


def test_email_only_when_the_group_is_switched_on_and_an_address_exists(reference_data):
    a, b = advisor(), partner_user(email="")
    email_preferences_save(user=a, email_groups=["cases"])
    assert email_preferences(a)["tasks"] is False
    notify(recipients=[a, b], kind="task_due", key="t", link="/werkruimte/taken")
    notify(recipients=[a, b], kind="case_red", key="c", link="/werkruimte/zaken")
    assert Notification.objects.count() == 4  # in the app always
    assert list(OutgoingMail.objects.values_list("recipient", "kind")) == [(a.pk, "case_red")]


def test_every_kind_renders_a_fixed_text_with_only_the_link():
    for kind in kinds.KINDS.values():
        subject, body = render_mail(kind, "/werkruimte/zaken/WB-2026-ABCD")
        assert subject.startswith("Weerbaar: ")
        assert "Er is iets nieuws voor u in Weerbaar." in body
        assert "http://127.0.0.1:8000/werkruimte/zaken/WB-2026-ABCD" in body
        assert str(kind.sentence) in body
        assert "\n" not in subject
        # Nothing but the fixed texts and two URLs: every line is one of them.
        lines = {line for line in body.splitlines() if line}
        assert all(line.startswith("http://127.0.0.1:8000/") or "://" not in line for line in lines), lines


def test_the_kinds_other_apps_build_against_are_registered():
    needed = {
        "case_escalated", "case_red", "task_assigned", "task_due", "complaint_deadline_near",
        "message_received", "referral_proposed", "referral_received", "referral_answered",
        "referral_overdue", "consent_withdrawn", "checkin_due", "checkin_answered",
        "council_request_received", "council_step_due", "mail_failed",
    }  # fmt: skip
    assert needed <= set(kinds.KINDS)
    assert all(k.group in kinds.GROUPS for k in kinds.KINDS.values())
