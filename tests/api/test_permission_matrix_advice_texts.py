"""The advice-text endpoints x every role (the roles and rules of ``test_permission_matrix``).

Reading: advisors and coordinators (any association: the texts are general, not case content). Writing:
coordinators. Anonymous and office-holder bearer tokens 401 (staff endpoints); partner, analyst, admin 403.
"""

from __future__ import annotations

import pytest

from tests.advice.factories import AdviceTextFactory
from tests.api import test_permission_matrix as api_matrix
from tests.api.test_permission_matrix import PROBLEM, ROLES, _send

pytestmark = pytest.mark.django_db
# The world of test_permission_matrix (one nvvr case, its office holder, a user of every role), built once
# for this module; every test runs in a savepoint of it.
api_world = api_matrix.api_world
world = api_matrix.world

#                anon  oh    oh2   adv   adv2  coord partn anal  admin
ADVICE_READ = (401, 401, 401, 200, 200, 200, 403, 403, 403)
ADVICE_CREATE = (401, 401, 401, 403, 403, 201, 403, 403, 403)
ADVICE_REPLACE = (401, 401, 401, 403, 403, 200, 403, 403, 403)
BODY = {"topic": "press", "title": "Eén woordvoerder", "body": "Spreek af wie het woord voert."}

ENDPOINTS = [
    ("advice texts", "get", "/api/v1/advice-texts", None, ADVICE_READ),
    ("advice texts by topic", "get", "/api/v1/advice-texts?topic=press&language=nl", None, ADVICE_READ),
    ("advice text", "get", "/api/v1/advice-texts/{text}", None, ADVICE_READ),
    ("create advice text", "post", "/api/v1/advice-texts", BODY, ADVICE_CREATE),
    ("replace advice text", "put", "/api/v1/advice-texts/{text}", BODY, ADVICE_REPLACE),
]
# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [(method, path) for _name, method, path, _body, _expected in ENDPOINTS]
CASES = [
    pytest.param(name, method, path, body, role, expected[i], id=f"{name}-{role}")
    for name, method, path, body, expected in ENDPOINTS
    for i, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("name", "method", "path", "body", "role", "expected"), CASES)
def test_permission_matrix_advice_texts(world, name, method, path, body, role, expected):
    text = AdviceTextFactory(title="Niet reageren")
    response = _send(world["clients"][role], method, path.format(text=text.pk), body)
    assert response.status_code == expected, (name, role, response.content[:300])
    assert response["API-Version"] == "1.0.0"
    if expected >= 400:
        assert response["Content-Type"].startswith(PROBLEM)
    if expected == 401:
        assert "WWW-Authenticate" in response
    if expected in (401, 403):
        text.refresh_from_db()
        assert (text.title, text.version) == ("Niet reageren", 1)
