"""The phone line webhook by every role of the API matrix: only the signature opens it.

A staff token or an office holder's bearer token is not an authentication here: without a valid
``X-Weerbaar-Signature`` every role gets 401; with one, the request is accepted whoever sends it.
"""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from tests.api import test_permission_matrix as api_matrix
from tests.api.conftest import PROBLEM
from tests.api.test_permission_matrix import ROLES
from weerbaar.telephony.signature import sign

pytestmark = pytest.mark.django_db
# The world of test_permission_matrix (one nvvr case, its office holder, a user of every role), built once
# for this module; every test runs in a savepoint of it.
api_world = api_matrix.api_world
world = api_matrix.world

SECRET = "matrix-telephony-secret-" + "m" * 32
URL = "/api/v1/call-events"
#           anon  oh   oh2  adv  adv2 coord partn anal admin
UNSIGNED = (401, 401, 401, 401, 401, 401, 401, 401, 401)
SIGNED = (202, 202, 202, 202, 202, 202, 202, 202, 202)
# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [("post", URL)]
CASES = [
    pytest.param(kind, role, expected[i], id=f"call events {kind}-{role}")
    for kind, expected in (("unsigned", UNSIGNED), ("signed", SIGNED))
    for i, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("kind", "role", "expected"), CASES)
def test_call_events_matrix(world, settings, kind, role, expected):
    settings.WEERBAAR = {**settings.WEERBAAR, "TELEPHONY_SECRET": SECRET}
    raw = json.dumps(
        {
            "event": "new_call",
            "callId": f"matrix-{role}",
            "from": "+31612345678",
            "advisor": "m-advisor",
            "at": timezone.now().isoformat(),
        }
    ).encode()
    headers = {"HTTP_X_WEERBAAR_SIGNATURE": sign(raw, SECRET)} if kind == "signed" else {}
    response = world["clients"][role].post(URL, data=raw, content_type="application/json", **headers)
    assert response.status_code == expected, (kind, role, response.content[:300])
    assert response["API-Version"] == "1.0.0"
    if expected >= 400:
        assert response["Content-Type"].startswith(PROBLEM)
        assert "WWW-Authenticate" in response
    else:
        assert set(response.json()) == {"callId", "event", "receivedAt"}  # nothing about cases or matches
