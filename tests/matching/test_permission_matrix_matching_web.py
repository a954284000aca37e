"""The matching pages x every role (the roles and outcomes of ``test_permission_matrix_web``).

The world: a case of the NVVR claimed by anna with incident 1, and a proposed match of it with another case.
The identifiers page is for the case workers with content access; the match pages for coordinators; the switch
for administrators."""

from __future__ import annotations

import pytest

from tests.matching.conftest import claimed_case_with_incident, switch_on
from tests.matrix import LOGIN, OK, ask, assert_outcome, fresh, once_per_module
from tests.staff_web import test_permission_matrix_web as web_matrix
from tests.staff_web.conftest import matrix_people  # noqa: F401  (the module-scoped base of the world)
from tests.staff_web.test_permission_matrix_web import client_for, expect

pytestmark = pytest.mark.django_db
people = web_matrix.people

IDENTIFIERS = "/werkruimte/zaken/{ref}/incidenten/1/daderkenmerken"
CASE_READ = expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403)
CASE_WRITE = expect(LOGIN, LOGIN, OK, 404, 404, 403, 403, 403)
COORDINATOR_READ = expect(LOGIN, LOGIN, 403, 403, 200, 403, 403, 403)
COORDINATOR_WRITE = expect(LOGIN, LOGIN, 403, 403, OK, 403, 403, 403)
ADMIN_READ = expect(LOGIN, LOGIN, 403, 403, 403, 403, 403, 200)
ADMIN_WRITE = expect(LOGIN, LOGIN, 403, 403, 403, 403, 403, OK)

MATRIX = [
    ("identifiers page", "get", IDENTIFIERS, None, CASE_READ),
    ("add identifier", "post", IDENTIFIERS, {"kind": "phone", "value": "06-11223344"}, CASE_WRITE),
    ("match list", "get", "/werkruimte/koppelingen", None, COORDINATOR_READ),
    ("match page", "get", "/werkruimte/koppelingen/{match}", None, COORDINATOR_READ),
    (
        "review match",
        "post",
        "/werkruimte/koppelingen/{match}",
        {"decision": "dismiss", "reason": "Nee"},
        COORDINATOR_WRITE,
    ),
    ("switch page", "get", "/werkruimte/beheer/koppelen", None, ADMIN_READ),
    ("switch", "post", "/werkruimte/beheer/koppelen", {"enabled": "off"}, ADMIN_WRITE),
]
# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [(method, path) for _name, method, path, _data, _expected in MATRIX]
CASES = [
    (name, method, path, data, role, outcome)
    for name, method, path, data, exp in MATRIX
    for role, outcome in exp.items()
]


@once_per_module
def matching_world(matrix_people):  # noqa: F811
    from weerbaar.matching.models import Match

    switch_on()
    case = claimed_case_with_incident(matrix_people["advisor"])
    other = claimed_case_with_incident(matrix_people["colleague"], email="ander@example.org")
    a, b = sorted([case, other], key=lambda c: c.pk)
    match = Match.objects.create(case_a=a, case_b=b, kind="phone", found_at=case.created_at)
    return {"ref": case.reference, "case": case, "match": match.pk}


@pytest.fixture
def world(db, matching_world):
    return fresh(matching_world)


@pytest.mark.parametrize(
    ("name", "method", "path", "data", "role", "outcome"), CASES, ids=[f"{c[0]}-{c[4]}" for c in CASES]
)
def test_permission_matrix_matching(name, method, path, data, role, outcome, people, world):
    client = client_for(role, people, world)
    url = path.format(**world)
    assert_outcome(ask(client, method, url, data), outcome, name, role)
