"""The referral pages and actions x every role (the roles and outcomes of ``test_permission_matrix_web``).

The world: a claimed NVVR case of anna with incident 1 and exhibit 1, a partner linked to piet (the matrix's
partner account) and three referrals to it: proposed, consented, and sent with consent for incident 1 and
exhibit 1. Workspace pages are for case workers with content access (the BZK coordinator of another
association gets 404 like any outsider; partner, analyst and admin 403) — except a case's list of referrals,
which a coordinator reads as metadata, and the overview of all referrals, which is for coordinators only. The
partner pages are for partner accounts of an active partner only (every other staff role 403). Mijn zaak sends
everyone without that case's portal session to the portal sign-in; the office holder of another case gets 404
for this one's referrals (``PORTAL_MATRIX``).
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from tests.directory_partners.factories import PartnerFactory
from tests.factories import image_bytes, incident_payload, make_case
from tests.incidents_web.conftest import portal_client
from tests.matrix import fresh, once_per_module
from tests.network.factories import referral_in
from tests.staff_web import test_permission_matrix_web as web_matrix
from tests.staff_web.test_permission_matrix_web import LOGIN, OK, client_for, expect
from weerbaar.network import items

pytestmark = pytest.mark.django_db
people = web_matrix.people  # the module's people, built once (see test_permission_matrix_web)

PORTAL_LOGIN = "portal_login"
WS = "/werkruimte/zaken/{ref}/doorverwijzingen"
STAFF_READ = expect(LOGIN, LOGIN, 200, 404, 404, 403, 403, 403)
METADATA_READ = expect(LOGIN, LOGIN, 200, 404, 200, 403, 403, 403)  # coordinators: partner, status, dates
COORDINATOR_READ = expect(LOGIN, LOGIN, 403, 403, 200, 403, 403, 403)
STAFF_WRITE = expect(LOGIN, LOGIN, OK, 404, 404, 403, 403, 403)
PARTNER_READ = expect(LOGIN, LOGIN, 403, 403, 403, 200, 403, 403)
PARTNER_WRITE = expect(LOGIN, LOGIN, 403, 403, 403, OK, 403, 403)
_P = PORTAL_LOGIN
PORTAL_READ = expect(_P, 200, _P, _P, _P, _P, _P, _P)
PORTAL_WRITE = expect(_P, OK, _P, _P, _P, _P, _P, _P)


def _recorded_consent(world):
    return {
        "items": [world["incident_key"]],
        "contact_method": "phone",
        "contact": "06 12345678",
        "method": "phone",
        "given_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }


MATRIX = [
    ("overview", "get", "/werkruimte/doorverwijzingen", None, COORDINATOR_READ),
    ("overview filtered", "get", "/werkruimte/doorverwijzingen?status=sent&partner={partner}", None, COORDINATOR_READ),
    ("workspace list", "get", WS, None, METADATA_READ),
    ("workspace suggestions", "get", WS + "?kind=peer", None, METADATA_READ),
    ("propose", "post", WS, lambda w: {"partner": str(w["partner"]), "question": "Kunt u bellen?"}, STAFF_WRITE),
    ("workspace detail", "get", WS + "/{sent}", None, STAFF_READ),
    ("record consent", "post", WS + "/{proposed}/toestemming", _recorded_consent, STAFF_WRITE),
    ("send", "post", WS + "/{consented}/stap", {"action": "send"}, STAFF_WRITE),
    ("cancel", "post", WS + "/{proposed}/stap", {"action": "cancel"}, STAFF_WRITE),
    ("withdraw (staff)", "post", WS + "/{sent}/stap", {"action": "withdraw"}, STAFF_WRITE),
    ("portal list", "get", "/mijn-zaak/doorverwijzingen", None, PORTAL_READ),
    ("portal detail", "get", "/mijn-zaak/doorverwijzingen/{proposed}", None, PORTAL_READ),
    (
        "portal consent",
        "post",
        "/mijn-zaak/doorverwijzingen/{proposed}",
        lambda w: {"decision": "agree", "items": [w["incident_key"]], "contact_method": "email", "contact": "s@x.nl"},
        PORTAL_WRITE,
    ),
    ("portal refuse", "post", "/mijn-zaak/doorverwijzingen/{proposed}", {"decision": "refuse"}, PORTAL_WRITE),
    ("portal withdraw", "post", "/mijn-zaak/doorverwijzingen/{sent}/intrekken", {}, PORTAL_WRITE),
    ("partner list", "get", "/partner/verwijzingen", None, PARTNER_READ),
    ("partner detail", "get", "/partner/verwijzingen/{sent}", None, PARTNER_READ),
    ("partner accept", "post", "/partner/verwijzingen/{sent}/stap", {"action": "accept"}, PARTNER_WRITE),
    (
        "partner decline",
        "post",
        "/partner/verwijzingen/{sent}/stap",
        {"action": "decline", "decline-text": "Geen plek"},
        PARTNER_WRITE,
    ),
    ("partner evidence", "get", "/partner/verwijzingen/{sent}/bewijs/{evidence}", None, PARTNER_READ),
]

# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [(method, path) for _name, method, path, _data, _expected in MATRIX]
CASES = [
    (name, method, path, data, role, outcome)
    for name, method, path, data, exp in MATRIX
    for role, outcome in exp.items()
]


@once_per_module
def referral_world(matrix_people):
    """A claimed case with incident 1 and exhibit 1, a partner linked to piet and three referrals."""
    from weerbaar.incidents import services as incident_services
    from weerbaar.incidents.validation import validate_incident

    advisor = matrix_people["advisor"]
    case, code = make_case(state="claimed", advisor=advisor)
    incident = incident_services.incident_record(
        actor=advisor, reference=case.reference, data=validate_incident(incident_payload())
    )
    data = image_bytes()
    evidence = incident_services.evidence_add(
        actor=advisor,
        reference=case.reference,
        upload=incident_services.Upload("foto.png", data, len(data)),
        incident_number=1,
    )
    partner = PartnerFactory(name="Vakgenoot Matrix", nationwide=True)
    piet = fresh(matrix_people["partner"])
    piet.partner = partner
    piet.save(update_fields=["partner"])
    shared = [items.incident_item(incident.pk), items.evidence_item(evidence.pk)]
    made = {
        state: referral_in(state, advisor, case, partner, proposed=shared, chosen=shared, partner_user=piet).pk
        for state in ("proposed", "consented", "sent")
    }
    return {
        "ref": case.reference,
        "case": case,
        "code": code,
        "partner": partner.pk,
        "evidence": evidence.pk,
        "incident_key": shared[0],
        **made,
    }


@pytest.fixture
def world(db, referral_world):
    return fresh(referral_world)


def _check(response, outcome, name, role) -> None:
    if outcome == LOGIN:
        assert response.status_code == 302, (name, role, response.status_code)
        assert response["Location"].startswith("/medewerkers/inloggen?next="), (name, role)
    elif outcome == PORTAL_LOGIN:
        assert response.status_code == 302, (name, role, response.status_code)
        assert response["Location"] == "/mijn-zaak/inloggen", (name, role)
    elif outcome == OK:
        assert response.status_code == 302, (name, role, response.status_code, response.content.decode()[:2000])
        assert not response["Location"].startswith(("/medewerkers/", "/mijn-zaak/inloggen")), (name, role)
    else:
        assert response.status_code == outcome, (name, role, response.status_code)
    if outcome != 200:
        body = response.content.decode(errors="replace")
        assert "Sam de Vries" not in body
        assert "we weten waar je woont" not in body


@pytest.mark.parametrize(
    ("name", "method", "path", "data", "role", "outcome"), CASES, ids=[f"{c[0]}-{c[4]}" for c in CASES]
)
def test_permission_matrix_network(name, method, path, data, role, outcome, people, world):
    # The office holder signs in with reference and code, as a person would.
    client = portal_client(world["case"], world["code"]) if role == "office_holder" else client_for(role, people, world)
    url = path.format(**world)
    data = data(world) if callable(data) else data
    response = client.get(url) if method == "get" else client.post(url, data or {})
    _check(response, outcome, name, role)
    if role == "coordinator" and outcome == 200:
        # Metadata only: the partner and the status, never the question or what the office holder shared.
        body = response.content.decode()
        assert "Vakgenoot Matrix" in body, name
        assert "Kunt u langskomen" not in body, name
        assert "Sam de Vries" not in body, name


# Mijn zaak by the four portal roles of ``test_permission_matrix_web.PORTAL_MATRIX``.
PORTAL_ROLES = ["anonymous", "office_holder", "other_office_holder", "advisor"]


def portal_expect(anon, holder, other_holder, advisor):
    return dict(zip(PORTAL_ROLES, [anon, holder, other_holder, advisor], strict=True))


PORTAL_MATRIX = [
    ("list", "get", "", None, portal_expect(_P, 200, 200, _P)),
    ("detail", "get", "/{proposed}", None, portal_expect(_P, 200, 404, _P)),
    ("consent", "post", "/{proposed}", "CONSENT", portal_expect(_P, OK, 404, _P)),
    ("refuse", "post", "/{proposed}", {"decision": "refuse"}, portal_expect(_P, OK, 404, _P)),
    ("withdraw", "post", "/{sent}/intrekken", {}, portal_expect(_P, OK, 404, _P)),
]
ROUTES += [(method, "/mijn-zaak/doorverwijzingen" + path) for _name, method, path, _data, _expected in PORTAL_MATRIX]
PORTAL_CASES = [
    (name, method, path, data, role, outcome)
    for name, method, path, data, exp in PORTAL_MATRIX
    for role, outcome in exp.items()
]


@pytest.mark.parametrize(
    ("name", "method", "path", "data", "role", "outcome"),
    PORTAL_CASES,
    ids=[f"portal {c[0]}-{c[4]}" for c in PORTAL_CASES],
)
def test_portal_matrix_network(name, method, path, data, role, outcome, people, world):
    if role == "anonymous":
        client = Client()
    elif role == "office_holder":
        client = portal_client(world["case"], world["code"])
    elif role == "other_office_holder":
        other, other_code = make_case()
        client = portal_client(other, other_code)
    else:
        client = client_for(role, people, world)
    if data == "CONSENT":
        data = {
            "decision": "agree",
            "items": [world["incident_key"]],
            "contact_method": "phone",
            "contact": "0612345678",
        }
    url = "/mijn-zaak/doorverwijzingen" + path.format(**world)
    response = client.get(url) if method == "get" else client.post(url, data or {})
    _check(response, outcome, name, role)
    if role == "other_office_holder" and method == "get" and outcome == 200:
        assert "Vakgenoot Matrix" not in response.content.decode()


def test_partner_pages_for_a_partner_account_without_an_active_partner_are_forbidden(people, world):
    from weerbaar.directory.models import Partner

    Partner.objects.filter(pk=world["partner"]).update(active=False)
    client = client_for("partner", people, world)
    assert client.get("/partner/verwijzingen").status_code == 403
    assert client.get(f"/partner/verwijzingen/{world['sent']}").status_code == 403
