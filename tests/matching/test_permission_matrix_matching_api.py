"""The matching endpoints x every role (the roles and rules of ``tests/api/test_permission_matrix``): a case's
identifiers for those who work on the case; the matches and their reviews for coordinators only (advisors,
partners, analysts and administrators 403)."""

from __future__ import annotations

import pytest

from tests.api import test_permission_matrix as api_matrix
from tests.api.test_permission_matrix import CASE_CONTENT_READ, CASE_CONTENT_WRITE, PROBLEM, ROLES, _send
from tests.matching.conftest import switch_on

pytestmark = pytest.mark.django_db
api_world = api_matrix.api_world
world = api_matrix.world

#               anon  oh    oh2   adv   adv2  coord partn anal  admin
MATCHES_READ = (401, 401, 401, 403, 403, 200, 403, 403, 403)
MATCHES_REVIEW = (401, 401, 401, 403, 403, 201, 403, 403, 403)
IDENTIFIERS = "/api/v1/cases/{ref}/incidents/1/perpetrator-identifiers"

ENDPOINTS = [
    ("identifiers", "get", IDENTIFIERS, None, CASE_CONTENT_READ),
    ("add identifier", "post", IDENTIFIERS, {"kind": "licence_plate", "value": "12-ABC-3"}, CASE_CONTENT_WRITE),
    ("matches", "get", "/api/v1/matches", None, MATCHES_READ),
    (
        "review match",
        "post",
        "/api/v1/matches/{match}/reviews",
        {"decision": "confirm", "reason": "Zelfde"},
        MATCHES_REVIEW,
    ),
]
# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [(method, path) for _name, method, path, _body, _expected in ENDPOINTS]
CASES = [
    pytest.param(name, method, path, body, role, expected[i], id=f"{name}-{role}")
    for name, method, path, body, expected in ENDPOINTS
    for i, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("name", "method", "path", "body", "role", "expected"), CASES)
def test_permission_matrix_matching(world, name, method, path, body, role, expected):
    from weerbaar.cases.models import Case
    from weerbaar.matching.models import Match

    switch_on()
    case = world["case"]
    other = Case.objects.exclude(pk=case.pk).first()
    a, b = sorted([case, other], key=lambda c: c.pk)
    match = Match.objects.create(case_a=a, case_b=b, kind="phone", found_at=case.created_at)
    url = path.format(ref=case.reference, match=match.pk)
    response = _send(world["clients"][role], method, url, body)
    assert response.status_code == expected, (name, role, response.status_code, response.content[:300])
    assert response["API-Version"] == "1.0.0"
    if expected >= 400:
        assert response["Content-Type"].startswith(PROBLEM)
    else:
        assert response["Cache-Control"] == "no-store"
