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
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import image_bytes, incident_payload, make_case
from tests.matrix import LOGIN, OK, fresh, once_per_module
from tests.staff_web.conftest import office_holder_client, verified_client
from weerbaar.directory.models import DirectoryContact

pytestmark = pytest.mark.django_db

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

INCIDENT_FORM = {
    "occurred_on": "2025-06-01",
    "learned_on": "2025-06-02",
    "channel": "email",
    "acts": ["insult"],
    "related_to_office": "yes",
}


def _png(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes())


# (name, method, path template, data, expected per role)
MATRIX = [
    ("staff home", "get", "/medewerkers", None, expect(LOGIN, LOGIN, OK, OK, OK, 200, 200, OK)),
    ("queue", "get", "/werkruimte", None, expect(LOGIN, LOGIN, 200, 200, 200, 403, 403, 403)),
    ("case page", "get", "/werkruimte/zaken/{ref}", None, expect(LOGIN, LOGIN, 200, 404, 200, 403, 403, 403)),
    # the case page's tabs (issue 11): content tabs need content access, the history is metadata at best
    (
        "messages tab",
        "get",
        "/werkruimte/zaken/{ref}/berichten",
        None,
        expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403),
    ),
    ("notes tab", "get", "/werkruimte/zaken/{ref}/notities", None, expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403)),
    (
        "calls tab",
        "get",
        "/werkruimte/zaken/{ref}/gesprekken",
        None,
        expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403),
    ),
    (
        "history tab",
        "get",
        "/werkruimte/zaken/{ref}/geschiedenis",
        None,
        expect(LOGIN, LOGIN, 200, 404, 200, 403, 403, 403),
    ),
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
    ("job runs", "get", "/werkruimte/achtergrondtaken", None, expect(LOGIN, LOGIN, 403, 403, 200, 403, 403, 200)),
    # issue 12: the coordinator (BZK) claiming an NVVR case is a break-glass, only with a reason on its own form
    ("claim", "post", "/werkruimte/zaken/{new}/claim", {}, expect(LOGIN, LOGIN, OK, 404, 403, 403, 403, 403)),
    (
        "take over",
        "post",
        "/werkruimte/zaken/{ref}/overnemen",
        {"take-over-reason": "Anna is ziek; de dreiging loopt op."},
        expect(LOGIN, LOGIN, 403, 404, OK, 403, 403, 403),
    ),
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
    # issue 12: a new follow-up code for the office holder (content access; the page shows it once)
    (
        "follow-up code reset",
        "post",
        "/werkruimte/zaken/{ref}/persoonlijke-code",
        {},
        expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403),
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
    # incidents, evidence, damage and the dossier of the claimed case (issue 3)
    *[
        (f"incidents {name}", method, "/werkruimte/zaken/{ref}/" + suffix, data, exp)
        for name, method, suffix, data, exp in [
            ("timeline", "get", "incidenten", None, expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403)),
            ("new page", "get", "incidenten/nieuw", None, expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403)),
            ("record", "post", "incidenten/nieuw", INCIDENT_FORM, expect(LOGIN, LOGIN, OK, 404, 404, 403, 403, 403)),
            ("detail", "get", "incidenten/1", None, expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403)),
            ("edit page", "get", "incidenten/1/wijzigen", None, expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403)),
            (
                "correct",
                "post",
                "incidenten/1/wijzigen",
                INCIDENT_FORM,
                expect(LOGIN, LOGIN, OK, 404, 404, 403, 403, 403),
            ),
            # issue 10: the advisor's judgement on the rules (no page of Mijn zaak)
            (
                "reassess",
                "post",
                "incidenten/1/opnieuw-beoordelen",
                {},
                expect(LOGIN, LOGIN, OK, 404, 404, 403, 403, 403),
            ),
            (
                "series split",
                "post",
                "incidenten/1/reeks",
                {"in_series": "no"},
                expect(LOGIN, LOGIN, OK, 404, 404, 403, 403, 403),
            ),
            (
                "police report",
                "post",
                "incidenten/1/aangifte",
                {"police-kind": "none"},
                expect(LOGIN, LOGIN, OK, 404, 404, 403, 403, 403),
            ),
            (
                "evidence upload",
                "post",
                "incidenten/1/bewijs",
                lambda world: {"evidence-file": _png("bewijs.png")},
                expect(LOGIN, LOGIN, OK, 404, 404, 403, 403, 403),
            ),
            (
                "step plan pdf",
                "get",
                "incidenten/1/stappenplan.pdf",
                None,
                expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403),
            ),
            ("evidence download", "get", "bewijs/1", None, expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403)),
            (
                "evidence preview",
                "get",
                "bewijs/1/voorbeeld",
                None,
                expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403),
            ),
            (
                "evidence blurred",
                "get",
                "bewijs/1/vervaagd",
                None,
                expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403),
            ),
            ("damage", "get", "schade", None, expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403)),
            (
                "damage add",
                "post",
                "schade",
                {"damage-kind": "material", "damage-description": "Ruit"},
                expect(LOGIN, LOGIN, OK, 404, 404, 403, 403, 403),
            ),
            (
                "damage receipt",
                "post",
                "schade/{damage}/bon",
                lambda world: {f"receipt{world['damage']}-file": _png("bon.png")},
                expect(LOGIN, LOGIN, OK, 404, 404, 403, 403, 403),
            ),
            ("dossier page", "get", "dossier", None, expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403)),
            (
                "dossier pdf",
                "post",
                "dossier",
                {"format": "pdf"},
                expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403),
            ),
        ]
    ],
    (
        "directory hide",
        "post",
        "/werkruimte/adresboek/contactpersonen/{contact}/zichtbaarheid",
        {},
        expect(LOGIN, LOGIN, 403, 403, OK, 403, 403, OK),
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
def web_world(matrix_people):
    """A case of the NVVR claimed by anna with incident 1, evidence 1 and a damage item, and a new case."""
    claimed, _ = make_case(state="claimed", advisor=matrix_people["advisor"])
    new, _ = make_case()
    return {
        "ref": claimed.reference,
        "new": new.reference,
        "case": claimed,
        "contact": DirectoryContact.objects.filter(is_active=True).first().pk,
        "damage": _incident_evidence_and_damage(matrix_people["advisor"], claimed),
    }


@pytest.fixture
def people(db, matrix_people):
    """The module's people (``matrix_people``, built once), loaded afresh for every test."""
    return fresh(matrix_people)


@pytest.fixture
def world(db, web_world):
    return fresh(web_world)


def _incident_evidence_and_damage(advisor, case) -> int:
    """Incident 1 (with stalking: it can be split off the series) with an image as evidence 1, and a damage item
    (its id) on the claimed case."""
    from weerbaar.incidents import services
    from weerbaar.incidents.validation import validate_damage_item, validate_incident

    data = validate_incident(incident_payload(acts=["threat_of_violence", "stalking"]))
    services.incident_record(actor=advisor, reference=case.reference, data=data)
    data = image_bytes()
    upload = services.Upload("foto.png", data, len(data))
    services.evidence_add(actor=advisor, reference=case.reference, upload=upload, incident_number=1)
    damage = validate_damage_item({"kind": "material", "description": "Ruit"})
    return services.damage_item_add(actor=advisor, reference=case.reference, data=damage).pk


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
    data = data(world) if callable(data) else data  # a fresh upload for every request
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
        data = data(world) if callable(data) else data
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
    ("front page", "/"),
    ("help request form", "/hulp-vragen"),
    ("council conversation request form", "/gesprek-aanvragen"),
    ("health check", "/healthz"),
    ("guidance wizard", "/wat-kan-ik-doen"),
]
# The wizard posts its answers (nothing in the URL); the step plan PDF is posted the same way.
WIZARD_ANSWERS = {"role": "raadslid", "related": "yes", "danger": "no", "online": "no", "acts": "insult", "submit": "1"}
PUBLIC_POSTS = [
    ("guidance wizard answers", "/wat-kan-ik-doen"),
    ("step plan pdf", "/wat-kan-ik-doen/stappenplan.pdf"),
]

ROUTES += [("get", path) for _name, path in PUBLIC]
ROUTES += [("post", path) for _name, path in PUBLIC_POSTS]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "path"), PUBLIC)
def test_public_pages_answer_200_for_every_role(name, path, role, people, world):
    response = client_for(role, people, world).get(path)
    assert response.status_code == 200, (name, role, response.status_code)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "path"), PUBLIC_POSTS)
def test_public_posts_answer_200_for_every_role(name, path, role, people, world):
    response = client_for(role, people, world).post(path, WIZARD_ANSWERS)
    assert response.status_code == 200, (name, role, response.status_code)


# "Mijn zaak" pages of issue 3: the office holder signed in with reference + code reaches only the own case;
# anyone else is sent to the portal sign-in (no staff account opens them), another office holder gets 404 for
# numbers that are not in the own case. PORTAL_LOGIN = redirect to /mijn-zaak/inloggen.
PORTAL_LOGIN = "portal_login"
PORTAL_ROLES = ["anonymous", "office_holder", "other_office_holder", "advisor"]


def portal_expect(anon, holder, other_holder, advisor):
    return dict(zip(PORTAL_ROLES, [anon, holder, other_holder, advisor], strict=True))


PORTAL_MATRIX = [
    ("timeline", "get", "incidenten", None, portal_expect(PORTAL_LOGIN, 200, 200, PORTAL_LOGIN)),
    ("new page", "get", "incidenten/nieuw", None, portal_expect(PORTAL_LOGIN, 200, 200, PORTAL_LOGIN)),
    ("record", "post", "incidenten/nieuw", INCIDENT_FORM, portal_expect(PORTAL_LOGIN, OK, OK, PORTAL_LOGIN)),
    ("detail", "get", "incidenten/1", None, portal_expect(PORTAL_LOGIN, 200, 404, PORTAL_LOGIN)),
    ("edit page", "get", "incidenten/1/wijzigen", None, portal_expect(PORTAL_LOGIN, 200, 404, PORTAL_LOGIN)),
    ("correct", "post", "incidenten/1/wijzigen", INCIDENT_FORM, portal_expect(PORTAL_LOGIN, OK, 404, PORTAL_LOGIN)),
    (
        "police report",
        "post",
        "incidenten/1/aangifte",
        {"police-kind": "none"},
        portal_expect(PORTAL_LOGIN, OK, 404, PORTAL_LOGIN),
    ),
    (
        "evidence upload",
        "post",
        "incidenten/1/bewijs",
        lambda world: {"evidence-file": _png("bewijs.png")},
        portal_expect(PORTAL_LOGIN, OK, 404, PORTAL_LOGIN),
    ),
    (
        "step plan pdf",
        "get",
        "incidenten/1/stappenplan.pdf",
        None,
        portal_expect(PORTAL_LOGIN, 200, 404, PORTAL_LOGIN),
    ),
    ("evidence download", "get", "bewijs/1", None, portal_expect(PORTAL_LOGIN, 200, 404, PORTAL_LOGIN)),
    ("evidence preview", "get", "bewijs/1/voorbeeld", None, portal_expect(PORTAL_LOGIN, 200, 404, PORTAL_LOGIN)),
    ("evidence blurred", "get", "bewijs/1/vervaagd", None, portal_expect(PORTAL_LOGIN, 200, 404, PORTAL_LOGIN)),
    ("damage", "get", "schade", None, portal_expect(PORTAL_LOGIN, 200, 200, PORTAL_LOGIN)),
    (
        "damage add",
        "post",
        "schade",
        {"damage-kind": "material", "damage-description": "Ruit"},
        portal_expect(PORTAL_LOGIN, OK, OK, PORTAL_LOGIN),
    ),
    (
        "damage receipt",
        "post",
        "schade/{damage}/bon",
        lambda world: {f"receipt{world['damage']}-file": _png("bon.png")},
        portal_expect(PORTAL_LOGIN, OK, 404, PORTAL_LOGIN),
    ),
    ("dossier page", "get", "dossier", None, portal_expect(PORTAL_LOGIN, 200, 200, PORTAL_LOGIN)),
    ("dossier pdf", "post", "dossier", {"format": "pdf"}, portal_expect(PORTAL_LOGIN, 200, 200, PORTAL_LOGIN)),
]
ROUTES += [(method, "/mijn-zaak/" + path) for _name, method, path, _data, _expected in PORTAL_MATRIX]
PORTAL_CASES = [
    (name, method, path, data, role, outcome)
    for name, method, path, data, exp in PORTAL_MATRIX
    for role, outcome in exp.items()
]


@once_per_module
def portal_world_built(matrix_people):
    """A claimed case with incident 1, evidence 1 and a damage item, and the follow-up codes of two cases."""
    case, code = make_case(state="claimed", advisor=matrix_people["advisor"])
    other, other_code = make_case()
    return {
        "case": case,
        "code": code,
        "other": other,
        "other_code": other_code,
        "damage": _incident_evidence_and_damage(matrix_people["advisor"], case),
    }


@pytest.fixture
def portal_world(db, portal_world_built):
    return fresh(portal_world_built)


def _portal_client(case, code) -> Client:
    client = Client()
    response = client.post("/mijn-zaak/inloggen", {"reference": case.reference, "code": code})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize(
    ("name", "method", "path", "data", "role", "outcome"),
    PORTAL_CASES,
    ids=[f"portal {c[0]}-{c[4]}" for c in PORTAL_CASES],
)
def test_portal_permission_matrix(name, method, path, data, role, outcome, people, portal_world):
    if role == "anonymous":
        client = Client()
    elif role == "office_holder":
        client = _portal_client(portal_world["case"], portal_world["code"])
    elif role == "other_office_holder":
        client = _portal_client(portal_world["other"], portal_world["other_code"])
    else:
        client = verified_client(people[role])
    url = "/mijn-zaak/" + path.format(**portal_world)
    data = data(portal_world) if callable(data) else data
    response = client.get(url) if method == "get" else client.post(url, data)
    if outcome == PORTAL_LOGIN:
        assert response.status_code == 302, (name, role, response.status_code)
        assert response["Location"] == "/mijn-zaak/inloggen", (name, role)
    elif outcome == OK:
        assert response.status_code == 302, (name, role, response.status_code)
        assert response["Location"].startswith("/mijn-zaak/"), (name, role)
        assert response["Location"] != "/mijn-zaak/inloggen", (name, role)
    else:
        assert response.status_code == outcome, (name, role, response.status_code)
    if outcome in (404, PORTAL_LOGIN) or role == "other_office_holder":
        html = response.content.decode("utf-8", "replace")
        assert "boze_burger" not in html
        assert "Sam de Vries" not in html
