"""Every staff page and POST action x every role, with the expected outcome.

The case under test belongs to the NVVR (a raadslid's case) and, for the content
actions, is claimed by ``anna`` (advisor of the NVVR). Roles:

- anonymous: no session at all
- office_holder: signed in to "Mijn zaak" for *this* case (reference + code), no staff account
- advisor: advisor of the case's association
- other_advisor: advisor of another association
- coordinator: BZK coordinator (not assigned, other association: metadata only)
- partner, analyst, admin: staff roles that never work cases

Outcomes: LOGIN = redirect to the sign-in page; 403; 404 (never reveal that a case exists);
200; OK = a successful POST (302 back to a page).
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import make_case
from tests.staff_web.conftest import office_holder_client, verified_client
from weerbaar.directory.models import DirectoryContact

pytestmark = pytest.mark.django_db

LOGIN, OK = "login", "ok"
ROLES = ["anonymous", "office_holder", "advisor", "other_advisor", "coordinator", "partner", "analyst", "admin"]


def expect(anon, holder, advisor, other, coordinator, partner, analyst, admin):
    return dict(zip(ROLES, [anon, holder, advisor, other, coordinator, partner, analyst, admin], strict=True))


PHONE_INTAKE = {
    "role": "raadslid",
    "municipality": "GM0363",
    "name": "Beller",
    "phone": "06 12345678",
    "preferred_contact": "phone",
    "concerns": ["threat"],
    "description": "Telefonisch gemeld.",
}

# (name, method, path template, data, expected per role)
MATRIX = [
    ("staff home", "get", "/medewerkers", None, expect(LOGIN, LOGIN, OK, OK, OK, 200, 200, OK)),
    ("queue", "get", "/werkruimte", None, expect(LOGIN, LOGIN, 200, 200, 200, 403, 403, 403)),
    ("case page", "get", "/werkruimte/zaken/{ref}", None, expect(LOGIN, LOGIN, 200, 404, 200, 403, 403, 403)),
    (
        "phone intake page",
        "get",
        "/werkruimte/telefonische-hulpvraag",
        None,
        expect(LOGIN, LOGIN, 200, 200, 200, 403, 403, 403),
    ),
    ("all cases", "get", "/werkruimte/alle-zaken", None, expect(LOGIN, LOGIN, 403, 403, 200, 403, 403, 403)),
    ("escalations", "get", "/werkruimte/escalaties", None, expect(LOGIN, LOGIN, 403, 403, 200, 403, 403, 403)),
    ("directory", "get", "/werkruimte/adresboek", None, expect(LOGIN, LOGIN, 403, 403, 200, 403, 403, 200)),
    ("claim", "post", "/werkruimte/zaken/{new}/claim", {}, expect(LOGIN, LOGIN, OK, 404, OK, 403, 403, 403)),
    (
        "assign",
        "post",
        "/werkruimte/zaken/{ref}/toewijzing",
        {"advisor": "bram"},
        expect(LOGIN, LOGIN, OK, 404, OK, 403, 403, 403),
    ),
    (
        "status",
        "post",
        "/werkruimte/zaken/{ref}/status",
        {"target": "aftercare"},
        expect(LOGIN, LOGIN, OK, 404, 404, 403, 403, 403),
    ),
    (
        "note",
        "post",
        "/werkruimte/zaken/{ref}/notities",
        {"note-text": "Notitie"},
        expect(LOGIN, LOGIN, OK, 404, 404, 403, 403, 403),
    ),
    (
        "message",
        "post",
        "/werkruimte/zaken/{ref}/berichten",
        {"message-text": "Bericht"},
        expect(LOGIN, LOGIN, OK, 404, 404, 403, 403, 403),
    ),
    (
        "call",
        "post",
        "/werkruimte/zaken/{ref}/gesprekken",
        {"call-occurred_at": "2026-01-05T10:00", "call-direction": "incoming", "call-summary": "Gesprek"},
        expect(LOGIN, LOGIN, OK, 404, 404, 403, 403, 403),
    ),
    (
        "phone intake",
        "post",
        "/werkruimte/telefonische-hulpvraag",
        PHONE_INTAKE,
        expect(LOGIN, LOGIN, 200, 200, 200, 403, 403, 403),
    ),
    (
        "directory add",
        "post",
        "/werkruimte/adresboek/contactpersonen",
        {"contact-association": "nvvr", "contact-name": "Nieuw Contact"},
        expect(LOGIN, LOGIN, 403, 403, OK, 403, 403, OK),
    ),
    (
        "directory hide",
        "post",
        "/werkruimte/adresboek/contactpersonen/{contact}/zichtbaarheid",
        {},
        expect(LOGIN, LOGIN, 403, 403, OK, 403, 403, OK),
    ),
]

CASES = [
    (name, method, path, data, role, outcome)
    for name, method, path, data, exp in MATRIX
    for role, outcome in exp.items()
]


@pytest.fixture
def world(people):
    claimed, _ = make_case(state="claimed", advisor=people["advisor"])
    new, _ = make_case()
    return {
        "ref": claimed.reference,
        "new": new.reference,
        "case": claimed,
        "contact": DirectoryContact.objects.filter(is_active=True).first().pk,
    }


def client_for(role: str, people, world) -> Client:
    if role == "anonymous":
        return Client()
    if role == "office_holder":
        return office_holder_client(world["case"])
    return verified_client(people[role])


@pytest.mark.parametrize(
    ("name", "method", "path", "data", "role", "outcome"), CASES, ids=[f"{c[0]}-{c[4]}" for c in CASES]
)
def test_permission_matrix(name, method, path, data, role, outcome, people, world):
    client = client_for(role, people, world)
    url = path.format(**world)
    response = client.get(url) if method == "get" else client.post(url, data)
    if outcome == LOGIN:
        assert response.status_code == 302, (name, role)
        assert response["Location"].startswith("/medewerkers/inloggen?next="), (name, role)
    elif outcome == OK:
        assert response.status_code == 302, (name, role, response.status_code)
        assert not response["Location"].startswith("/medewerkers/inloggen"), (name, role)
        assert not response["Location"].startswith("/medewerkers/tweestaps"), (name, role)
    else:
        assert response.status_code == outcome, (name, role, response.status_code)
    if outcome in (403, 404, LOGIN):
        # a refused request never shows case content
        html = response.content.decode()
        assert "Sam de Vries" not in html
        assert "sam@example.org" not in html


@pytest.mark.parametrize("role", ["advisor", "coordinator", "partner", "analyst", "admin"])
def test_password_without_totp_reaches_no_staff_page(role, people, world):
    """Signed in with the password only (not OTP-verified): every staff page sends to the second step."""
    client = Client()
    client.force_login(people[role])
    for _name, method, path, data, _exp in MATRIX:
        url = path.format(**world)
        response = client.get(url) if method == "get" else client.post(url, data)
        assert response.status_code == 302, (path, role)
        assert response["Location"].startswith("/medewerkers/tweestaps"), (path, role)


def test_office_holder_of_another_case_gets_nothing_either(people, world):
    other, _ = make_case()
    client = office_holder_client(other)
    response = client.get(f"/werkruimte/zaken/{world['ref']}")
    assert response.status_code == 302
    assert response["Location"].startswith("/medewerkers/inloggen")


# Public pages: the same answer for everyone, signed in or not (kept out of MATRIX, whose pages all need TOTP).
PUBLIC = [
    ("guidance wizard", "/wat-kan-ik-doen?role=raadslid&related=yes&danger=no&online=no&acts=insult"),
    ("step plan pdf", "/wat-kan-ik-doen/stappenplan.pdf?role=raadslid&related=yes&danger=no&online=no&acts=insult"),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "path"), PUBLIC)
def test_public_pages_answer_200_for_every_role(name, path, role, people, world):
    response = client_for(role, people, world).get(path)
    assert response.status_code == 200, (name, role, response.status_code)
