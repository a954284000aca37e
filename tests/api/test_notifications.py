"""API v1 of notifications: mine only, newest first, read/unread by PATCH, problem+json errors."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.api.conftest import staff_client
from tests.notifications.factories import advisor, partner_user
from weerbaar.notifications.models import Notification
from weerbaar.notifications.services import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna(reference_data):
    user = advisor()
    now = timezone.now()
    notify(recipients=[user], kind="task_assigned", key="t1", link="/werkruimte/taken", now=now - timedelta(hours=1))
    notify(recipients=[user], kind="case_red", key="c1", link="/werkruimte/zaken/WB-AAAA-BBBB", now=now)
    return user


def test_list_is_mine_newest_first(anna):
    other = partner_user()
    notify(recipients=[other], kind="referral_received", key="r", link="/partner")
    body = staff_client(anna).get("/api/v1/notifications").json()
    assert body["count"] == 2
    assert body["unreadCount"] == 2
    assert [r["kind"] for r in body["results"]] == ["case_red", "task_assigned"]
    first = body["results"][0]
    assert set(first) == {"id", "kind", "text", "link", "createdAt", "readAt"}
    assert first["link"] == "/werkruimte/zaken/WB-AAAA-BBBB"
    assert first["readAt"] is None
    assert first["text"].startswith("Een nieuwe zaak")
    english = staff_client(anna).get("/api/v1/notifications", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["count"] == 2
    assert [r["kind"] for r in staff_client(other).get("/api/v1/notifications").json()["results"]] == [
        "referral_received"
    ]


def test_patch_marks_read_and_unread_and_filters_follow(anna):
    api = staff_client(anna)
    note = Notification.objects.get(key="t1")
    response = api.patch(f"/api/v1/notifications/{note.pk}", {"read": True}, format="json")
    assert response.status_code == 200
    assert response.json()["readAt"] is not None
    assert [r["kind"] for r in api.get("/api/v1/notifications?read=false").json()["results"]] == ["case_red"]
    assert [r["kind"] for r in api.get("/api/v1/notifications?read=true").json()["results"]] == ["task_assigned"]
    assert api.get("/api/v1/notifications").json()["unreadCount"] == 1
    again = api.patch(f"/api/v1/notifications/{note.pk}", {"read": False}, format="json")
    assert again.json()["readAt"] is None
    assert api.get(f"/api/v1/notifications/{note.pk}").json()["readAt"] is None


def test_errors_are_problems(anna):
    api = staff_client(anna)
    note = Notification.objects.get(key="t1")
    bad = api.patch(f"/api/v1/notifications/{note.pk}", {"read": "yes"}, format="json")
    assert bad.status_code == 400
    assert bad["Content-Type"].startswith("application/problem+json")
    assert bad.json()["invalidParams"][0]["name"] == "read"
    assert api.get("/api/v1/notifications?read=maybe").status_code == 400
    other = staff_client(partner_user())
    assert other.get(f"/api/v1/notifications/{note.pk}").status_code == 404
    assert other.patch(f"/api/v1/notifications/{note.pk}", {"read": True}, format="json").status_code == 404
    note.refresh_from_db()
    assert note.read_at is None
