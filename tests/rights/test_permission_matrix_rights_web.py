"""The rights pages x every role (the roles and outcomes of ``test_permission_matrix_web``).

The world: a case of the NVVR claimed by anna. The pages of Mijn zaak send everyone without that case's portal
session to the portal sign-in; deciding an erasure request is for the case workers with content access.
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.factories import make_case
from tests.incidents_web.conftest import portal_client
from tests.matrix import fresh, once_per_module
from tests.staff_web import test_permission_matrix_web as web_matrix
from tests.staff_web.conftest import matrix_people  # noqa: F401  (the module-scoped base of the world)
from tests.staff_web.test_permission_matrix_web import LOGIN, OK, client_for, expect
from weerbaar.rights.models import ErasureRequest

pytestmark = pytest.mark.django_db
people = web_matrix.people

PORTAL_LOGIN = "portal_login"
WS = "/werkruimte/zaken/{ref}/verwijderverzoek"
STAFF_READ = expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403)
STAFF_WRITE = expect(LOGIN, LOGIN, OK, 404, 404, 403, 403, 403)
PORTAL_READ = expect(PORTAL_LOGIN, 200, *[PORTAL_LOGIN] * 6)
PORTAL_WRITE = expect(PORTAL_LOGIN, OK, *[PORTAL_LOGIN] * 6)
REFUSAL = {"decision": "refuse", "ground": "legal_hold", "explanation": "Er loopt een procedure."}

MATRIX = [
    ("portal rights page", "get", "/mijn-zaak/uw-gegevens", None, PORTAL_READ),
    ("portal ask for erasure", "post", "/mijn-zaak/uw-gegevens", {}, PORTAL_WRITE),
    ("portal download", "get", "/mijn-zaak/uw-gegevens/download", None, PORTAL_READ),
    ("erasure decision page", "get", WS, None, STAFF_READ),
    ("refuse erasure", "post", WS, REFUSAL, STAFF_WRITE),
]
# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [(method, path) for _name, method, path, _data, _expected in MATRIX]
CASES = [
    (name, method, path, data, role, outcome)
    for name, method, path, data, exp in MATRIX
    for role, outcome in exp.items()
]


@once_per_module
def rights_world(matrix_people):  # noqa: F811
    case, code = make_case(state="claimed", advisor=matrix_people["advisor"])
    return {"ref": case.reference, "case": case, "code": code}


@pytest.fixture
def world(db, rights_world):
    return fresh(rights_world)


@pytest.mark.parametrize(
    ("name", "method", "path", "data", "role", "outcome"), CASES, ids=[f"{c[0]}-{c[4]}" for c in CASES]
)
def test_permission_matrix_rights(name, method, path, data, role, outcome, people, world):
    case = world["case"]
    if name == "refuse erasure":  # an open request to decide on
        ErasureRequest.objects.create(
            case=case, reference=case.reference, requested_at=timezone.now(), due_on=timezone.localdate()
        )
    client = portal_client(case, world["code"]) if role == "office_holder" else client_for(role, people, world)
    url = path.format(**world)
    response = client.get(url) if method == "get" else client.post(url, data or {})
    if outcome == LOGIN:
        assert response.status_code == 302, (name, role)
        assert response["Location"].startswith("/medewerkers/inloggen?next="), (name, role)
    elif outcome == PORTAL_LOGIN:
        assert response.status_code == 302, (name, role, response.status_code)
        assert response["Location"] == "/mijn-zaak/inloggen", (name, role)
    elif outcome == OK:
        assert response.status_code == 302, (name, role, response.status_code, response.content.decode()[:2000])
        assert not response["Location"].startswith(("/medewerkers/", "/mijn-zaak/inloggen")), (name, role)
    else:
        assert response.status_code == outcome, (name, role, response.status_code)
    if outcome not in (200, OK):
        assert b"Er loopt een procedure" not in b"".join(getattr(response, "streaming_content", [response.content]))
