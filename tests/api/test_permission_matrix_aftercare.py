"""The aftercare endpoints x every role (the roles and rules of ``test_permission_matrix``).

The world's nvvr case is claimed by its advisor and moved to aftercare; its first check-in was sent.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.api import test_permission_matrix as api_matrix
from tests.api.test_permission_matrix import (
    CASE_CONTENT_READ,
    CASE_CONTENT_UPDATE,
    CASE_CONTENT_WRITE,
    OFFICE_HOLDER_READ,
    OFFICE_HOLDER_UPDATE,
    PROBLEM,
    ROLES,
    _send,
)
from tests.matrix import fresh, once_per_module
from weerbaar.accounts.models import User
from weerbaar.aftercare.services import checkins_make_due
from weerbaar.cases.services import case_assign, case_transition

pytestmark = pytest.mark.django_db
# The world of test_permission_matrix (one nvvr case, its office holder, a user of every role), built once
# for this module; every test runs in a savepoint of it.
api_world = api_matrix.api_world
world = api_matrix.world

NEXT_WEEK = (timezone.localdate() + timedelta(days=8)).isoformat()
PLAN = "/api/v1/cases/{ref}/aftercare-plan"

ENDPOINTS = [
    ("aftercare plan", "get", PLAN, None, CASE_CONTENT_READ),
    ("add check-in", "post", PLAN + "/check-ins", {"dueOn": NEXT_WEEK}, CASE_CONTENT_WRITE),
    ("follow-up", "post", PLAN + "/check-ins/{due}/follow-up", {"text": "Gebeld"}, CASE_CONTENT_UPDATE),
    ("office holder check-ins", "get", "/api/v1/help-requests/{ref}/check-ins", None, OFFICE_HOLDER_READ),
    (
        "office holder answer",
        "post",
        "/api/v1/help-requests/{ref}/check-ins/{due}/answer",
        {"text": "Het gaat", "mood": "good"},
        OFFICE_HOLDER_UPDATE,
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
def aftercare_world(api_world):
    """The world's case claimed by its advisor and moved to aftercare; its first check-in became due."""
    advisor = User.objects.get(username="m-advisor")
    case = fresh(api_world["case"])
    case_assign(actor=advisor, reference=case.reference, assignee_username="me")
    case_transition(actor=advisor, reference=case.reference, target="aftercare")
    first = case.aftercare_plan.check_ins.order_by("due_at").first()
    checkins_make_due(now=first.due_at)
    return {"due": first.pk}


@pytest.fixture
def due(aftercare_world):
    return aftercare_world["due"]


@pytest.mark.parametrize(("name", "method", "path", "body", "role", "expected"), CASES)
def test_permission_matrix_aftercare(world, due, name, method, path, body, role, expected):
    case = world["case"]
    url = path.format(ref=case.reference, due=due)
    response = _send(world["clients"][role], method, url, body)
    assert response.status_code == expected, (name, role, response.content[:300])
    assert response["API-Version"] == "1.0.0"
    if expected >= 400:
        assert response["Content-Type"].startswith(PROBLEM)
        assert b"Hoe gaat het" not in response.content
