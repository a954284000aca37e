"""The yearly overview x every role: /cijfers and its PDF are public; the workspace pages to draft, approve and
discard a release are for analysts and coordinators (403 for the other staff, the sign-in page for the rest)."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory, make_case
from tests.matrix import LOGIN, OK, ask, assert_outcome, fresh, once_per_module
from tests.staff_web import test_permission_matrix_web as web_matrix
from tests.staff_web.test_permission_matrix_web import client_for, expect
from weerbaar.accounts.models import Role

pytestmark = pytest.mark.django_db
people = web_matrix.people

PUBLIC = expect(200, 200, 200, 200, 200, 200, 200, 200)
VIEW = expect(LOGIN, LOGIN, 403, 403, 200, 403, 200, 403)
ACT = expect(LOGIN, LOGIN, 403, 403, OK, 403, OK, 403)

MATRIX = [
    ("public", "get", "/cijfers", None, PUBLIC),
    ("public pdf", "get", "/cijfers/{year}.pdf", None, PUBLIC),
    ("list", "get", "/werkruimte/jaaroverzicht", None, VIEW),
    ("draft", "post", "/werkruimte/jaaroverzicht/concept", {"year": "2025"}, ACT),
    ("detail", "get", "/werkruimte/jaaroverzicht/{draft}", None, VIEW),
    ("approve", "post", "/werkruimte/jaaroverzicht/{draft}/goedkeuren", {}, ACT),
    ("discard", "post", "/werkruimte/jaaroverzicht/{draft}/verwijderen", {}, ACT),
]
ROUTES = [(method, path) for _name, method, path, _data, _expected in MATRIX]
CASES = [
    (name, method, path, data, role, outcome)
    for name, method, path, data, exp in MATRIX
    for role, outcome in exp.items()
]


@once_per_module
def releases_world(matrix_people):
    """A frozen release for 2023 and a draft for 2024, made and approved by people outside the matrix."""
    from weerbaar.releases import services

    drafter = UserFactory(username="rel-drafter", role=Role.ANALYST)
    first = UserFactory(username="rel-first", role=Role.ANALYST)
    second = UserFactory(username="rel-second", role=Role.COORDINATOR)
    frozen = services.release_draft(actor=drafter, year=2023)
    services.release_approve(actor=first, release_id=frozen.pk)
    services.release_approve(actor=second, release_id=frozen.pk)
    draft = services.release_draft(actor=drafter, year=2024)
    case, _ = make_case()  # the office holder signs in to "Mijn zaak" with it
    return {"year": 2023, "draft": draft.pk, "case": case}


@pytest.fixture
def world(db, releases_world):
    return fresh(releases_world)


@pytest.mark.parametrize(
    ("name", "method", "path", "data", "role", "outcome"), CASES, ids=[f"{c[0]}-{c[4]}" for c in CASES]
)
def test_permission_matrix_releases(name, method, path, data, role, outcome, people, world):
    client = client_for(role, people, world)
    url = path.format(**world)
    assert_outcome(ask(client, method, url, data), outcome, name, role, ok_to="/werkruimte/jaaroverzicht")
