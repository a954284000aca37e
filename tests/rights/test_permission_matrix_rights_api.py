"""The rights endpoints x every role (the roles and rules of ``tests/api/test_permission_matrix``): only the
office holder's bearer token opens the export and the erasure requests of the own help request."""

from __future__ import annotations

import pytest

from tests.api import test_permission_matrix as api_matrix
from tests.api.test_permission_matrix import OFFICE_HOLDER_READ, OFFICE_HOLDER_WRITE, PROBLEM, ROLES, _send

pytestmark = pytest.mark.django_db
api_world = api_matrix.api_world
world = api_matrix.world

ENDPOINTS = [
    ("export", "get", "/api/v1/help-requests/{ref}/export", None, OFFICE_HOLDER_READ),
    ("erasure requests", "get", "/api/v1/help-requests/{ref}/erasure-requests", None, OFFICE_HOLDER_READ),
    ("ask for erasure", "post", "/api/v1/help-requests/{ref}/erasure-requests", None, OFFICE_HOLDER_WRITE),
]
# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [(method, path) for _name, method, path, _body, _expected in ENDPOINTS]
CASES = [
    pytest.param(name, method, path, body, role, expected[i], id=f"{name}-{role}")
    for name, method, path, body, expected in ENDPOINTS
    for i, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("name", "method", "path", "body", "role", "expected"), CASES)
def test_permission_matrix_rights(world, name, method, path, body, role, expected):
    url = path.format(ref=world["case"].reference)
    response = _send(world["clients"][role], method, url, body)
    assert response.status_code == expected, (name, role, response.status_code)
    assert response["API-Version"] == "1.0.0"
    if expected >= 400:
        assert response["Content-Type"].startswith(PROBLEM)
    else:
        assert response["Cache-Control"] == "no-store"
