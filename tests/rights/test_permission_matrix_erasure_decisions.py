"""The case worker's erasure decision (``POST /api/v1/cases/{ref}/erasure-decisions``) x every role: content
access to the case decides (the case's association's advisor 201; another association 404; analysts and
administrators 403; bearer tokens of office holders 401). The world has an open erasure request; the matrix
extends it (the one decision that leaves the case for the next role)."""

from __future__ import annotations

import pytest

from tests.api import test_permission_matrix as api_matrix
from tests.api.conftest import authorized_client
from tests.api.test_permission_matrix import CASE_CONTENT_WRITE, PROBLEM, ROLES, _send
from tests.matrix import fresh, once_per_module

pytestmark = pytest.mark.django_db
api_world = api_matrix.api_world

EXTEND = {"decision": "extend", "explanation": "Veel bewijs bij partners: wij hebben meer tijd nodig."}
ENDPOINTS = [
    ("erasure decision", "post", "/api/v1/cases/{ref}/erasure-decisions", EXTEND, CASE_CONTENT_WRITE),
]
# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [(method, path) for _name, method, path, _body, _expected in ENDPOINTS]
CASES = [
    pytest.param(name, method, path, body, role, expected[i], id=f"{name}-{role}")
    for name, method, path, body, expected in ENDPOINTS
    for i, role in enumerate(ROLES)
]


@once_per_module
def pending_world(api_world):
    from weerbaar.accounts import policy
    from weerbaar.rights import services

    case = api_world["case"]
    holder = policy.OfficeHolder(case_id=case.pk, reference=case.reference)
    services.erasure_request_file(access=policy.access_case_as_office_holder(holder, case.reference))
    return api_world


@pytest.fixture
def world(db, pending_world):
    clients = {role: authorized_client(value) for role, value in pending_world["authorizations"].items()}
    return {"case": fresh(pending_world["case"]), "clients": clients}


@pytest.mark.parametrize(("name", "method", "path", "body", "role", "expected"), CASES)
def test_permission_matrix_erasure_decision(world, name, method, path, body, role, expected):
    url = path.format(ref=world["case"].reference)
    response = _send(world["clients"][role], method, url, body)
    assert response.status_code == expected, (name, role, response.status_code, response.content[:300])
    assert response["API-Version"] == "1.0.0"
    if expected >= 400:
        assert response["Content-Type"].startswith(PROBLEM)
    else:
        assert response["Cache-Control"] == "no-store"
