"""The aftercare pages and actions x every role (the roles and outcomes of ``test_permission_matrix_web``).

The world: a case of the NVVR in aftercare, claimed by anna, whose first check-in became due. Coordinators
without content access (another association, not assigned) get 404 like any other outsider. The office
holder's pages in Mijn zaak send everyone without that case's portal session to the portal sign-in.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_case
from tests.incidents_web.conftest import portal_client
from tests.matrix import fresh, once_per_module
from tests.staff_web import test_permission_matrix_web as web_matrix
from tests.staff_web.test_permission_matrix_web import LOGIN, OK, client_for, expect
from weerbaar.aftercare.services import checkins_make_due

pytestmark = pytest.mark.django_db
people = web_matrix.people  # the module's people, built once (see test_permission_matrix_web)

PORTAL_LOGIN = "portal_login"
NEXT_WEEK = (timezone.localdate() + timedelta(days=8)).isoformat()
WS = "/werkruimte/zaken/{ref}/nazorg"
STAFF_READ = expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403)
STAFF_WRITE = expect(LOGIN, LOGIN, OK, 404, 404, 403, 403, 403)
PORTAL_READ = expect(
    PORTAL_LOGIN, 200, PORTAL_LOGIN, PORTAL_LOGIN, PORTAL_LOGIN, PORTAL_LOGIN, PORTAL_LOGIN, PORTAL_LOGIN
)
PORTAL_WRITE = expect(
    PORTAL_LOGIN, OK, PORTAL_LOGIN, PORTAL_LOGIN, PORTAL_LOGIN, PORTAL_LOGIN, PORTAL_LOGIN, PORTAL_LOGIN
)

MATRIX = [
    ("plan page", "get", WS, None, STAFF_READ),
    ("add check-in", "post", WS + "/check-ins", {"add-subject": "self", "add-due_on": NEXT_WEEK}, STAFF_WRITE),
    (
        "move check-in",
        "post",
        WS + "/check-ins/{planned}/verplaatsen",
        {"move-{planned}-due_on": NEXT_WEEK},
        STAFF_WRITE,
    ),
    ("skip check-in", "post", WS + "/check-ins/{planned}/overslaan", {}, STAFF_WRITE),
    ("follow-up", "post", WS + "/check-ins/{due}/opvolging", {"followup-{due}-text": "Gebeld"}, STAFF_WRITE),
    ("household member", "post", WS + "/huisgenoten", {"member-name": "Noor", "member-relation": "child"}, STAFF_WRITE),
    ("close plan confirmation", "get", WS + "/afsluiten", None, STAFF_READ),
    ("close plan", "post", WS + "/afsluiten", {}, STAFF_WRITE),
    ("portal check-ins", "get", "/mijn-zaak/nazorg", None, PORTAL_READ),
    ("portal answer", "post", "/mijn-zaak/nazorg/{due}", {"answer-{due}-text": "Het gaat"}, PORTAL_WRITE),
    ("portal answer, a word only", "post", "/mijn-zaak/nazorg/{due}", {"answer-{due}-mood": "bad"}, PORTAL_WRITE),
]

# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [(method, path) for _name, method, path, _data, _expected in MATRIX]
CASES = [
    (name, method, path, data, role, outcome)
    for name, method, path, data, exp in MATRIX
    for role, outcome in exp.items()
]


@once_per_module
def aftercare_world(matrix_people):
    """A case of the NVVR in aftercare, claimed by anna, whose first check-in became due."""
    case, code = make_case(state="aftercare", advisor=matrix_people["advisor"])
    plan = case.aftercare_plan
    first = plan.check_ins.order_by("due_at").first()
    checkins_make_due(now=first.due_at)
    planned = plan.check_ins.filter(status="planned").order_by("due_at").first()
    return {"ref": case.reference, "case": case, "code": code, "due": first.pk, "planned": planned.pk}


@pytest.fixture
def world(db, aftercare_world):
    return fresh(aftercare_world)


@pytest.mark.parametrize(
    ("name", "method", "path", "data", "role", "outcome"), CASES, ids=[f"{c[0]}-{c[4]}" for c in CASES]
)
def test_permission_matrix_aftercare(name, method, path, data, role, outcome, people, world):
    # The office holder signs in with reference and code, as a person would.
    client = portal_client(world["case"], world["code"]) if role == "office_holder" else client_for(role, people, world)
    url = path.format(**world)
    data = {key.format(**world): value for key, value in (data or {}).items()}
    response = client.get(url) if method == "get" else client.post(url, data)
    if outcome == LOGIN:
        assert response.status_code == 302, (name, role)
        assert response["Location"].startswith("/medewerkers/inloggen?next="), (name, role)
    elif outcome == PORTAL_LOGIN:
        assert response.status_code == 302, (name, role, response.status_code)
        assert response["Location"] == "/mijn-zaak/inloggen", (name, role)
    elif outcome == OK:
        assert response.status_code == 302, (name, role, response.status_code, response.content.decode()[:3000])
        assert not response["Location"].startswith(("/medewerkers/", "/mijn-zaak/inloggen")), (name, role)
    else:
        assert response.status_code == outcome, (name, role, response.status_code)
    if outcome != 200:
        assert "Hoe gaat het met u?" not in response.content.decode()


def test_the_office_holder_of_another_case_cannot_answer_this_ones_check_in(people, world):
    other, code = make_case(state="aftercare", advisor=people["advisor"])
    client = portal_client(other, code)
    response = client.post(f"/mijn-zaak/nazorg/{world['due']}", {f"answer-{world['due']}-text": "x"})
    assert response.status_code == 404
