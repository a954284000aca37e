"""The analysts' statistics page and its CSV x every role (see ``test_permission_matrix_web``).

Analysts and coordinators; advisors, partners and administrators 403; anonymous and office holders to the login.
"""

from __future__ import annotations

import pytest

from tests.factories import make_case
from tests.matrix import fresh, once_per_module
from tests.staff_web import test_permission_matrix_web as web_matrix
from tests.staff_web.test_permission_matrix_web import LOGIN, client_for, expect

pytestmark = pytest.mark.django_db
people = web_matrix.people

STATISTICS = expect(LOGIN, LOGIN, 403, 403, 200, 403, 200, 403)
QUERY = "?van=2026-01-01&tot=2026-12-31&indeling1=role&indeling2=province&indeling3="

MATRIX = [
    ("statistics", "get", "/werkruimte/statistieken" + QUERY, None, STATISTICS),
    ("statistics csv", "get", "/werkruimte/statistieken.csv" + QUERY, None, STATISTICS),
    ("statistics figures csv", "get", "/werkruimte/statistieken-steun.csv" + QUERY, None, STATISTICS),
]
# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [(method, path) for _name, method, path, _data, _expected in MATRIX]
CASES = [
    (name, method, path, data, role, outcome)
    for name, method, path, data, exp in MATRIX
    for role, outcome in exp.items()
]


@once_per_module
def statistics_world(matrix_people):
    case, _ = make_case()
    return {"case": case}


@pytest.fixture
def world(db, statistics_world):
    return fresh(statistics_world)


@pytest.mark.parametrize(
    ("name", "method", "path", "data", "role", "outcome"), CASES, ids=[f"{c[0]}-{c[4]}" for c in CASES]
)
def test_permission_matrix_statistics(name, method, path, data, role, outcome, people, world):
    response = client_for(role, people, world).get(path)
    if outcome == LOGIN:
        assert response.status_code == 302, (name, role)
        assert response["Location"].startswith("/medewerkers/inloggen?next="), (name, role)
    else:
        assert response.status_code == outcome, (name, role, response.status_code)
