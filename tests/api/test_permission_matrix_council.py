"""The council conversation endpoints x every role (the roles and rules of ``test_permission_matrix``).

The request form is public (201 for everyone). The team's endpoints: advisors and coordinators; partner,
analyst and admin 403; anonymous and office-holder bearer tokens 401 (staff endpoints). Coverage is an
aggregate that analysts read too.
"""

from __future__ import annotations

import pytest

from tests.api import test_permission_matrix as api_matrix
from tests.api.test_permission_matrix import PROBLEM, ROLES, _send
from tests.council.factories import council_payload, make_council_request
from weerbaar.council.models import CouncilRequest

pytestmark = pytest.mark.django_db
# The world of test_permission_matrix (one nvvr case, its office holder, a user of every role), built once
# for this module; every test runs in a savepoint of it.
api_world = api_matrix.api_world
world = api_matrix.world

#                  anon  oh    oh2   adv   adv2  coord partn anal  admin
PUBLIC_POST = (201, 201, 201, 201, 201, 201, 201, 201, 201)
TEAM_READ = (401, 401, 401, 200, 200, 200, 403, 403, 403)
TEAM_WRITE = (401, 401, 401, 201, 201, 201, 403, 403, 403)
COVERAGE = (401, 401, 401, 200, 200, 200, 403, 200, 403)

ENDPOINTS = [
    ("council request", "post", "/api/v1/council-conversation-requests", "PAYLOAD", PUBLIC_POST),
    ("council conversations", "get", "/api/v1/council-conversations", None, TEAM_READ),
    ("council conversation", "get", "/api/v1/council-conversations/{ref}", None, TEAM_READ),
    (
        "council status change",
        "post",
        "/api/v1/council-conversations/{ref}/status-changes",
        {"status": "intake_call"},
        TEAM_WRITE,
    ),
    ("council coverage", "get", "/api/v1/council-coverage?year=2026", None, COVERAGE),
]
# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [(method, path) for _name, method, path, _body, _expected in ENDPOINTS]
CASES = [
    pytest.param(name, method, path, body, role, expected[i], id=f"{name}-{role}")
    for name, method, path, body, expected in ENDPOINTS
    for i, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("name", "method", "path", "body", "role", "expected"), CASES)
def test_permission_matrix_council(world, name, method, path, body, role, expected):
    request = make_council_request()
    body = council_payload() if body == "PAYLOAD" else body
    response = _send(world["clients"][role], method, path.format(ref=request.reference), body)
    assert response.status_code == expected, (name, role, response.content[:300])
    assert response["API-Version"] == "1.0.0"
    if expected >= 400:
        assert response["Content-Type"].startswith(PROBLEM)
        assert b"Gerda" not in response.content
    if expected == 401:
        assert "WWW-Authenticate" in response
    if expected in (401, 403):
        request.refresh_from_db()
        assert request.status == "requested"


def test_the_team_sees_contact_details_and_nobody_else(world):
    request = make_council_request()
    for role in ROLES:
        response = world["clients"][role].get(f"/api/v1/council-conversations/{request.reference}")
        assert (b"Gerda Griffier" in response.content) is (role in ("advisor", "other_advisor", "coordinator"))
    assert CouncilRequest.objects.count() == 1
