"""The partner endpoints x every role (the roles and world of ``test_permission_matrix``).

Reading: advisors, coordinators, administrators. Changing: coordinators and administrators. Partner and
analyst accounts 403, office holders (bearer token, not a staff token) and anonymous callers 401.
"""

from __future__ import annotations

import pytest

from tests.api import test_permission_matrix as api_matrix
from tests.api.test_permission_matrix import PROBLEM, ROLES, _send
from tests.directory_partners.factories import PartnerFactory

pytestmark = pytest.mark.django_db
# The world of test_permission_matrix (one nvvr case, its office holder, a user of every role), built once
# for this module; every test runs in a savepoint of it.
api_world = api_matrix.api_world
world = api_matrix.world

#            anon  oh   oh2  adv  adv2 coord partn anal admin
READ = (401, 401, 401, 200, 200, 200, 403, 403, 200)
CREATE = (401, 401, 401, 403, 403, 201, 403, 403, 201)
UPDATE = (401, 401, 401, 403, 403, 200, 403, 403, 200)
INACTIVE = (401, 401, 401, 404, 404, 200, 403, 403, 200)
MISSING = (401, 401, 401, 404, 404, 404, 403, 403, 404)
UPDATE_MISSING = (401, 401, 401, 403, 403, 404, 403, 403, 404)

NEW = {"name": "Nieuw", "kind": "peer", "provinces": ["PV26"], "languages": ["nl"], "capacity": 2}
ENDPOINTS = [
    ("list", "get", "/api/v1/partners", None, READ),
    ("list filtered", "get", "/api/v1/partners?kind=peer&province=PV26&available=true", None, READ),
    ("detail", "get", "/api/v1/partners/{partner}", None, READ),
    ("detail of a deactivated partner", "get", "/api/v1/partners/{inactive}", None, INACTIVE),
    ("detail of a missing partner", "get", "/api/v1/partners/999999", None, MISSING),
    ("create", "post", "/api/v1/partners", NEW, CREATE),
    ("update", "patch", "/api/v1/partners/{partner}", {"capacity": 7}, UPDATE),
    ("update a missing partner", "patch", "/api/v1/partners/999999", {"capacity": 7}, UPDATE_MISSING),
]
# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [(method, path) for _name, method, path, _body, _expected in ENDPOINTS]
CASES = [
    pytest.param(name, method, path, body, role, expected[i], id=f"{name}-{role}")
    for name, method, path, body, expected in ENDPOINTS
    for i, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("name", "method", "path", "body", "role", "expected"), CASES)
def test_permission_matrix_partners(world, name, method, path, body, role, expected):
    partner = PartnerFactory(name="Zichtbaar", kind="peer", provinces=["PV26"], notes="Alleen voor coordinatoren")
    inactive = PartnerFactory(name="Gedeactiveerd", nationwide=True, active=False)
    url = path.format(partner=partner.pk, inactive=inactive.pk)
    response = _send(world["clients"][role], method, url, body)
    assert response.status_code == expected, (name, role, response.content[:300])
    assert response["API-Version"] == "1.0.0"
    if expected >= 400:
        assert response["Content-Type"].startswith(PROBLEM)
        assert b"Zichtbaar" not in response.content
    if expected == 401:
        assert "WWW-Authenticate" in response
    if role == "advisor" and expected == 200:
        assert b"Alleen voor coordinatoren" not in response.content
