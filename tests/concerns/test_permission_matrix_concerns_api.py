"""The concern note endpoints x every role (the roles and rules of ``tests/api/test_permission_matrix``).

The world's nvvr case has a version 1 with the level "high", written by a second nvvr advisor, so the world's
advisor may confirm it. Only case workers with access to the case's content reach the note: the coordinator of
another association, the partner and the other association's advisor get 404, analysts and administrators 403.
"""

from __future__ import annotations

import pytest

from tests.api import test_permission_matrix as api_matrix
from tests.api.test_permission_matrix import (
    CASE_CONTENT_READ,
    CASE_CONTENT_WRITE,
    PROBLEM,
    ROLES,
    _send,
)
from tests.concerns.factories import note_payload
from tests.factories import UserFactory
from tests.matrix import fresh, once_per_module
from weerbaar.concerns.services import concern_note_save

pytestmark = pytest.mark.django_db
api_world = api_matrix.api_world
world = api_matrix.world

NOTES = "/api/v1/cases/{ref}/concern-notes"
SECRET = "Samenvatting die geen buitenstaander leest"
ENDPOINTS = [
    ("concern notes", "get", NOTES, None, CASE_CONTENT_READ),
    ("new concern note version", "post", NOTES, "NOTE", CASE_CONTENT_WRITE),
    ("concern note version", "get", NOTES + "/1", None, CASE_CONTENT_READ),
    ("confirm high", "post", NOTES + "/1/confirmations", None, CASE_CONTENT_WRITE),
]
ROUTES = [(method, path) for _name, method, path, _body, _expected in ENDPOINTS]
CASES = [
    pytest.param(name, method, path, body, role, expected[i], id=f"{name}-{role}")
    for name, method, path, body, expected in ENDPOINTS
    for i, role in enumerate(ROLES)
]


@once_per_module
def concern_world(api_world):
    from django.utils import timezone

    author = UserFactory(username="m-advisor-2", role="advisor")
    case = fresh(api_world["case"])
    concern_note_save(
        actor=author,
        reference=case.reference,
        raw=note_payload(level="high", summary=SECRET),
        today=timezone.localdate(),
    )
    return {}


@pytest.mark.parametrize(("name", "method", "path", "body", "role", "expected"), CASES)
def test_permission_matrix_concerns(world, concern_world, name, method, path, body, role, expected):
    case = world["case"]
    response = _send(world["clients"][role], method, path.format(ref=case.reference), note_payload() if body else None)
    assert response.status_code == expected, (name, role, response.content[:300])
    assert response["API-Version"] == "1.0.0"
    if expected >= 400:
        assert response["Content-Type"].startswith(PROBLEM)
        assert SECRET.encode() not in response.content
