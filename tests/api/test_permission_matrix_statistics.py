"""The statistics endpoint x every role (the roles and rules of ``test_permission_matrix``).

Analysts and coordinators read the protected aggregates; advisors, partners and administrators 403; anonymous and
office-holder bearer tokens 401 (a staff endpoint).
"""

from __future__ import annotations

import pytest

from tests.api import test_permission_matrix as api_matrix
from tests.api.test_permission_matrix import PROBLEM, ROLES, _send

pytestmark = pytest.mark.django_db
api_world = api_matrix.api_world
world = api_matrix.world

#                  anon  oh    oh2   adv   adv2  coord partn anal  admin
STATISTICS = (401, 401, 401, 403, 403, 200, 403, 200, 403)

ENDPOINTS = [
    ("statistics", "get", "/api/v1/statistics?from=2026-01-01&to=2026-12-31&by=role,province", None, STATISTICS),
]
# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [(method, path) for _name, method, path, _body, _expected in ENDPOINTS]
CASES = [
    pytest.param(name, method, path, body, role, expected[i], id=f"{name}-{role}")
    for name, method, path, body, expected in ENDPOINTS
    for i, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("name", "method", "path", "body", "role", "expected"), CASES)
def test_permission_matrix_statistics(world, name, method, path, body, role, expected):
    response = _send(world["clients"][role], method, path, body)
    assert response.status_code == expected, (name, role, response.content[:300])
    assert response["API-Version"] == "1.0.0"
    if expected >= 400:
        assert response["Content-Type"].startswith(PROBLEM)
    else:
        assert set(response.json()) >= {"cells", "threshold", "rounding"}
