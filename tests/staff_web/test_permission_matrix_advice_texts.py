"""The standard-text pages and the "Tekst invoegen" action x every role (see ``test_permission_matrix_web``).

The library is the coordinators'; inserting a text is part of writing a message, so it follows the case:
the advisor of the claimed nvvr case may, the coordinator of bzk (no content access) gets a 404.
"""

from __future__ import annotations

import pytest

from tests.advice.factories import AdviceTextFactory
from tests.factories import make_case
from tests.matrix import fresh, once_per_module
from tests.staff_web import test_permission_matrix_web as web_matrix
from tests.staff_web.test_permission_matrix_web import LOGIN, OK, client_for, expect

pytestmark = pytest.mark.django_db
people = web_matrix.people  # the module's people, built once (see test_permission_matrix_web)

TEXT_FORM = {
    "topic": "press",
    "language": "nl",
    "title": "Eén woordvoerder",
    "body": "Spreek af wie het woord voert.",
    "position": "0",
}
COORDINATOR_PAGE = expect(LOGIN, LOGIN, 403, 403, 200, 403, 403, 403)
COORDINATOR_ACTION = expect(LOGIN, LOGIN, 403, 403, OK, 403, 403, 403)

MATRIX = [
    ("advice texts", "get", "/werkruimte/standaardteksten", None, COORDINATOR_PAGE),
    ("new advice text page", "get", "/werkruimte/standaardteksten/nieuw", None, COORDINATOR_PAGE),
    ("create advice text", "post", "/werkruimte/standaardteksten/nieuw", TEXT_FORM, COORDINATOR_ACTION),
    ("advice text page", "get", "/werkruimte/standaardteksten/{text}", None, COORDINATOR_PAGE),
    ("edit advice text", "post", "/werkruimte/standaardteksten/{text}", TEXT_FORM, COORDINATOR_ACTION),
    ("deactivate advice text", "post", "/werkruimte/standaardteksten/{text}/actief", {}, COORDINATOR_ACTION),
    (
        "insert advice text",
        "post",
        "/werkruimte/zaken/{ref}/berichten",
        lambda world: {"message-text": "Beste Sam,", "advice-text": str(world["text"]), "insert_text": "1"},
        expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403),
    ),
]

# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [(method, path) for _name, method, path, _data, _expected in MATRIX]
CASES = [
    (name, method, path, data, role, outcome)
    for name, method, path, data, exp in MATRIX
    for role, outcome in exp.items()
]


@once_per_module
def advice_world(matrix_people):
    """A case of the NVVR claimed by anna and a standard text."""
    claimed, _ = make_case(state="claimed", advisor=matrix_people["advisor"])
    return {"ref": claimed.reference, "case": claimed, "text": AdviceTextFactory(title="Niet reageren").pk}


@pytest.fixture
def world(db, advice_world):
    return fresh(advice_world)


@pytest.mark.parametrize(
    ("name", "method", "path", "data", "role", "outcome"), CASES, ids=[f"{c[0]}-{c[4]}" for c in CASES]
)
def test_permission_matrix_advice_texts(name, method, path, data, role, outcome, people, world):
    client = client_for(role, people, world)
    url = path.format(**world)
    data = data(world) if callable(data) else data
    response = client.get(url) if method == "get" else client.post(url, data)
    if outcome == LOGIN:
        assert response.status_code == 302, (name, role)
        assert response["Location"].startswith("/medewerkers/inloggen?next="), (name, role)
    elif outcome == OK:
        assert response.status_code == 302, (name, role, response.status_code)
        assert not response["Location"].startswith("/medewerkers/"), (name, role)
    else:
        assert response.status_code == outcome, (name, role, response.status_code)
    if outcome in (403, 404, LOGIN):
        assert "Sam de Vries" not in response.content.decode()
