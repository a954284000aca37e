"""The partner network's pages x every role (the roles and outcomes of test_permission_matrix_web).

Here the ``partner`` role is a partner account linked to the partner under test (``{partner}``), so it
reaches its own partner home (and may switch its own availability) but no management page and no case.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.directory_partners.factories import PartnerFactory
from tests.matrix import fresh, once_per_module
from tests.staff_web import test_permission_matrix_web as web_matrix
from tests.staff_web.conftest import verified_client
from tests.staff_web.test_permission_matrix_web import LOGIN, OK, ROLES, client_for, expect
from weerbaar.directory.models import Partner

pytestmark = pytest.mark.django_db
people = web_matrix.people  # the module's people, built once (see test_permission_matrix_web)

PARTNER_FORM = {
    "partner-name": "Nieuwe partner",
    "partner-kind": "legal_aid",
    "partner-nationwide": "on",
    "partner-languages": ["nl", "en"],
    "partner-capacity": "3",
    "partner-available": "on",
}

MATRIX = [
    ("partner list", "get", "/werkruimte/netwerkpartners", None, expect(LOGIN, LOGIN, 403, 403, 200, 403, 403, 200)),
    (
        "partner new page",
        "get",
        "/werkruimte/netwerkpartners/nieuw",
        None,
        expect(LOGIN, LOGIN, 403, 403, 200, 403, 403, 200),
    ),
    (
        "partner create",
        "post",
        "/werkruimte/netwerkpartners/nieuw",
        PARTNER_FORM,
        expect(LOGIN, LOGIN, 403, 403, OK, 403, 403, OK),
    ),
    (
        "partner detail",
        "get",
        "/werkruimte/netwerkpartners/{partner}",
        None,
        expect(LOGIN, LOGIN, 403, 403, 200, 403, 403, 200),
    ),
    (
        "partner edit page",
        "get",
        "/werkruimte/netwerkpartners/{partner}/bewerken",
        None,
        expect(LOGIN, LOGIN, 403, 403, 200, 403, 403, 200),
    ),
    (
        "partner edit",
        "post",
        "/werkruimte/netwerkpartners/{partner}/bewerken",
        PARTNER_FORM,
        expect(LOGIN, LOGIN, 403, 403, OK, 403, 403, OK),
    ),
    (
        "partner deactivate",
        "post",
        "/werkruimte/netwerkpartners/{other}/actief",
        {},
        expect(LOGIN, LOGIN, 403, 403, OK, 403, 403, OK),
    ),
    (
        "partner availability (management)",
        "post",
        "/werkruimte/netwerkpartners/{partner}/beschikbaarheid",
        {},
        expect(LOGIN, LOGIN, 403, 403, OK, 403, 403, OK),
    ),
    (
        "partner account create",
        "post",
        "/werkruimte/netwerkpartners/{partner}/accounts",
        {"account-username": "nieuw", "account-name": "Nieuw Account"},
        # Coordinators only: a partner account reads what was shared with the partner (never an admin).
        expect(LOGIN, LOGIN, 403, 403, 200, 403, 403, 403),
    ),
    (
        "unknown partner",
        "get",
        "/werkruimte/netwerkpartners/999999",
        None,
        expect(LOGIN, LOGIN, 403, 403, 404, 403, 403, 404),
    ),
    ("partner home", "get", "/partner", None, expect(LOGIN, LOGIN, 403, 403, 403, 200, 403, 403)),
    (
        "partner home availability",
        "post",
        "/partner/beschikbaarheid",
        {},
        expect(LOGIN, LOGIN, 403, 403, 403, OK, 403, 403),
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
def partner_world(matrix_people):
    """A partner linked to piet (the matrix's partner account) and another partner."""
    partner = PartnerFactory(name="Partner onder test", provinces=["PV26"])
    other = PartnerFactory(name="Andere partner", nationwide=True)
    piet = fresh(matrix_people["partner"])
    piet.partner = partner
    piet.save(update_fields=["partner"])
    # The office holder's session needs no real case here: no partner page is a case page.
    holder = SimpleNamespace(pk=1, reference="WB-AAAA-BBBB")
    return {"partner": partner.pk, "other": other.pk, "case": holder}


@pytest.fixture
def world(db, partner_world):
    return fresh(partner_world)


@pytest.mark.parametrize(
    ("name", "method", "path", "data", "role", "outcome"), CASES, ids=[f"{c[0]}-{c[4]}" for c in CASES]
)
def test_partner_permission_matrix(name, method, path, data, role, outcome, people, world):
    assert role in ROLES
    client = client_for(role, people, world)
    url = path.format(**world)
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
        html = response.content.decode()
        assert "Sam de Vries" not in html
        assert "Partner onder test" not in html or name.startswith("partner home")


def test_partner_account_without_partner_or_with_deactivated_partner_has_no_partner_home(people, world):
    unlinked = people["partner"]
    unlinked.partner = None
    unlinked.save(update_fields=["partner"])
    assert verified_client(unlinked).get("/partner").status_code == 403

    unlinked.partner = Partner.objects.get(pk=world["partner"])
    unlinked.save(update_fields=["partner"])
    Partner.objects.filter(pk=world["partner"]).update(active=False)
    assert verified_client(unlinked).get("/partner").status_code == 403


@pytest.mark.parametrize(
    "path", ["/werkruimte", "/werkruimte/alle-zaken", "/werkruimte/telefonische-hulpvraag", "/werkruimte/escalaties"]
)
def test_linked_partner_account_reaches_no_case_page(path, people, world):
    """The case pages' own matrix covers an unlinked partner account; a linked one is refused the same way."""
    assert verified_client(people["partner"]).get(path).status_code == 403


def test_linked_partner_lands_on_partner_home(people, world):
    response = verified_client(people["partner"]).get("/medewerkers")
    assert response.status_code == 302
    assert response["Location"] == "/partner"
