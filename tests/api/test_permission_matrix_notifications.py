"""The notification endpoints x every role (the roles and rules of ``test_permission_matrix``).

Every staff role has its own notifications; the office holder (bearer token) and anonymous get 401; a
notification of the advisor is 404 for everyone else. The on-duty rota is for coordinators (other staff 403).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.api import test_permission_matrix as api_matrix
from tests.api.test_permission_matrix import PROBLEM, ROLES, _send
from tests.matrix import fresh, once_per_module
from weerbaar.accounts.models import User
from weerbaar.notifications.models import Notification, OnDutyPeriod
from weerbaar.notifications.services import notify

pytestmark = pytest.mark.django_db
# The world of test_permission_matrix (one nvvr case, its office holder, a user of every role), built once
# for this module; every test runs in a savepoint of it.
api_world = api_matrix.api_world
world = api_matrix.world

#             anon  oh    oh2   adv   adv2  coord partn anal  admin
ALL_STAFF = (401, 401, 401, 200, 200, 200, 200, 200, 200)
ADVISOR_ONLY = (401, 401, 401, 200, 404, 404, 404, 404, 404)
COORDINATORS = (401, 401, 401, 403, 403, 200, 403, 403, 403)

ENDPOINTS = [
    ("my notifications", "get", "/api/v1/notifications", None, ALL_STAFF),
    ("my unread notifications", "get", "/api/v1/notifications?read=false", None, ALL_STAFF),
    ("one notification", "get", "/api/v1/notifications/{note}", None, ADVISOR_ONLY),
    ("mark read", "patch", "/api/v1/notifications/{note}", {"read": True}, ADVISOR_ONLY),
    ("on-duty rota", "get", "/api/v1/on-duty-periods", None, COORDINATORS),
    (
        "on-duty add",
        "post",
        "/api/v1/on-duty-periods",
        "{period_body}",
        tuple(201 if c == 200 else c for c in COORDINATORS),
    ),
    (
        "on-duty remove",
        "delete",
        "/api/v1/on-duty-periods/{period}",
        None,
        tuple(204 if c == 200 else c for c in COORDINATORS),
    ),
]
# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [(method, path) for _name, method, path, _body, _expected in ENDPOINTS]
CASES = [
    pytest.param(name, method, path, body, role, expected[i], id=f"{name}-{role}")
    for name, method, path, body, expected in ENDPOINTS
    for i, role in enumerate(ROLES)
]


@once_per_module
def notification_world(api_world):
    """A notification of the advisor about a message in the world's case."""
    advisor = User.objects.get(username="m-advisor")
    ref = api_world["case"].reference
    notify(recipients=[advisor], kind="message_received", key=f"message:{ref}:1", link=f"/werkruimte/zaken/{ref}")
    now = timezone.now()
    period = OnDutyPeriod.objects.create(
        association_id=advisor.association_id,
        advisor=advisor,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=8),
        created_at=now,
    )
    return {"note": Notification.objects.get(recipient=advisor), "period": period.pk}


@pytest.fixture
def note(notification_world):
    return fresh(notification_world["note"])


def _period_body() -> dict:
    advisor = User.objects.get(username="m-advisor")
    start = timezone.now() + timedelta(days=1)
    return {
        "association": advisor.association.code,
        "advisor": advisor.username,
        "startsAt": start.isoformat(),
        "endsAt": (start + timedelta(hours=9)).isoformat(),
    }


@pytest.mark.parametrize(("name", "method", "path", "body", "role", "expected"), CASES)
def test_permission_matrix_notifications(world, note, notification_world, name, method, path, body, role, expected):
    if body == "{period_body}":
        body = _period_body()
    url = path.format(note=note.pk, period=notification_world["period"])
    response = _send(world["clients"][role], method, url, body)
    assert response.status_code == expected, (name, role, response.content[:300])
    assert response["API-Version"] == "1.0.0"
    if expected >= 400:
        assert response["Content-Type"].startswith(PROBLEM)
    if expected == 401:
        assert "WWW-Authenticate" in response
    assert b"Sam de Vries" not in response.content
    if role != "advisor":
        assert world["case"].reference.encode() not in response.content
