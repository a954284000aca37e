"""The council conversation pages and actions x every role (see ``test_permission_matrix_web``).

The team (advisors of any association and coordinators) works the requests; coverage is also open to
analysts (an aggregate); only coordinators set the yearly target. Partners and administrators: 403.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.council.factories import make_council_request
from tests.factories import make_case
from tests.matrix import fresh, once_per_module
from tests.staff_web import test_permission_matrix_web as web_matrix
from tests.staff_web.test_permission_matrix_web import LOGIN, OK, client_for, expect

pytestmark = pytest.mark.django_db
people = web_matrix.people  # the module's people, built once (see test_permission_matrix_web)

TEAM_PAGE = expect(LOGIN, LOGIN, 200, 200, 200, 403, 403, 403)
TEAM_ACTION = expect(LOGIN, LOGIN, OK, OK, OK, 403, 403, 403)

MATRIX = [
    ("council list", "get", "/werkruimte/raadsgesprekken", None, TEAM_PAGE),
    ("council detail", "get", "/werkruimte/raadsgesprekken/{council}", None, TEAM_PAGE),
    ("council cancel page", "get", "/werkruimte/raadsgesprekken/{council}/annuleren", None, TEAM_PAGE),
    ("council step", "post", "/werkruimte/raadsgesprekken/{council}/stap", {"step-target": "intake_call"}, TEAM_ACTION),
    (
        "council notes",
        "post",
        "/werkruimte/raadsgesprekken/{planned}/notities",
        {"notes-protocol": "Oud protocol"},
        TEAM_ACTION,
    ),
    (
        "council coverage",
        "get",
        "/werkruimte/raadsgesprekken/dekking",
        None,
        expect(LOGIN, LOGIN, 200, 200, 200, 403, 200, 403),
    ),
    (
        "council target",
        "post",
        "/werkruimte/raadsgesprekken/dekking/doel",
        {"year": "2026", "sessions": "12"},
        expect(LOGIN, LOGIN, 403, 403, OK, 403, 403, 403),
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
def council_world(matrix_people):
    """A claimed case, a new council request and one planned up to the exploratory talk."""
    claimed, _ = make_case(state="claimed", advisor=matrix_people["advisor"])
    planned = make_council_request(actor=matrix_people["coordinator"], until="exploratory_talk")
    return {
        "ref": claimed.reference,
        "case": claimed,
        "council": make_council_request().reference,
        "planned": planned.reference,
    }


@pytest.fixture
def world(db, council_world):
    return fresh(council_world)


@pytest.mark.parametrize(
    ("name", "method", "path", "data", "role", "outcome"), CASES, ids=[f"{c[0]}-{c[4]}" for c in CASES]
)
def test_permission_matrix_council(name, method, path, data, role, outcome, people, world):
    client = client_for(role, people, world)
    response = client.get(path.format(**world)) if method == "get" else client.post(path.format(**world), data)
    if outcome == LOGIN:
        assert response.status_code == 302, (name, role)
        assert response["Location"].startswith("/medewerkers/inloggen?next="), (name, role)
    elif outcome == OK:
        assert response.status_code == 302, (name, role, response.status_code)
        assert not response["Location"].startswith("/medewerkers/"), (name, role)
    else:
        assert response.status_code == outcome, (name, role, response.status_code)
    if outcome in (403, LOGIN):
        assert "Gerda" not in response.content.decode()


def test_public_request_form_is_the_same_for_everyone(people, world):
    for role in ("anonymous", "office_holder", "advisor", "partner", "admin"):
        assert client_for(role, people, world).get("/gesprek-aanvragen").status_code == 200
    assert Client().get("/werkruimte/raadsgesprekken/RG-0000-0000").status_code == 302


def test_unknown_reference_is_404_for_the_team(people, world):
    client = client_for("advisor", people, world)
    assert client.get("/werkruimte/raadsgesprekken/RG-0000-0000").status_code == 404
    assert client.get("/werkruimte/raadsgesprekken/WB-0000-0000").status_code == 404
