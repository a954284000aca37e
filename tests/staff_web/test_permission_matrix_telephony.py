"""The phone pages x every role (same roles and outcomes as test_permission_matrix_web).

The call under test was put through to ``anna`` (advisor of the NVVR); only she may start a phone intake
from it. Coordinators see the caller log (metadata, no numbers) but not another advisor's intake form.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from tests.matrix import once_per_module
from tests.staff_web import test_permission_matrix_web as web_matrix
from tests.staff_web.test_permission_matrix_web import LOGIN, client_for, expect
from weerbaar.telephony.services import call_event_receive
from weerbaar.telephony.validation import CallEventData

pytestmark = pytest.mark.django_db
# The world and people of test_permission_matrix_web, built once for this module.
web_world = web_matrix.web_world
world = web_matrix.world
people = web_matrix.people

MATRIX = [
    ("phone page", "/werkruimte/telefoon", expect(LOGIN, LOGIN, 200, 200, 200, 403, 403, 403)),
    (
        "phone page unassigned",
        "/werkruimte/telefoon?toon=niet-toegewezen",
        expect(LOGIN, LOGIN, 200, 200, 200, 403, 403, 403),
    ),
    ("intake from call", "/werkruimte/telefoon/{call}/hulpvraag", expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403)),
]
# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [("get", path) for _name, path, _expected in MATRIX]
CASES = [(name, path, role, outcome) for name, path, exp in MATRIX for role, outcome in exp.items()]


@once_per_module
def call_world(web_world):
    """A call put through to anna."""
    event = call_event_receive(
        data=CallEventData(
            event="answered", call_id="matrix-call", number="+31698765432", advisor_username="anna", at=timezone.now()
        )
    )
    return {"call": event.call_id}


@pytest.fixture
def phone_world(world, call_world):
    return {**world, **call_world}


@pytest.mark.parametrize(("name", "path", "role", "outcome"), CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_permission_matrix(name, path, role, outcome, people, phone_world):
    response = client_for(role, people, phone_world).get(path.format(**phone_world))
    if outcome == LOGIN:
        assert response.status_code == 302, (name, role)
        assert response["Location"].startswith("/medewerkers/inloggen?next="), (name, role)
    else:
        assert response.status_code == outcome, (name, role, response.status_code)
    if outcome != 200 or role != "advisor":
        assert "98765432" not in response.content.decode(), (name, role)  # the number: only for anna


@pytest.mark.parametrize("role", ["advisor", "coordinator", "partner", "analyst", "admin"])
def test_password_without_totp_reaches_no_phone_page(role, people, phone_world):
    client = Client()
    client.force_login(people[role])
    for _name, path, _exp in MATRIX:
        response = client.get(path.format(**phone_world))
        assert response.status_code == 302, (path, role)
        assert response["Location"].startswith("/medewerkers/tweestaps"), (path, role)
