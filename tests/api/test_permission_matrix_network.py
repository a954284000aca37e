"""The referral endpoints x every role (the roles and rules of ``test_permission_matrix``).

Staff endpoints below the case behave as every case-content endpoint (the coordinator of another
association and the partner 404, analysts and admins 403), except the list of a case's referrals, which a
coordinator of another association reads as metadata (partner, status, dates). The partner endpoints are for partner
accounts only (every other staff role 403; a bearer token is not accepted there: 401). The office holder's
endpoints open only the own help request. The world adds a partner (linked to the matrix's partner
account) and three referrals of the case: proposed, consented and sent (consent for incident 1 only).
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.api import test_permission_matrix as api_matrix
from tests.api.test_permission_matrix import (
    CASE_CONTENT_READ,
    CASE_CONTENT_UPDATE,
    CASE_CONTENT_WRITE,
    CASE_METADATA,
    OFFICE_HOLDER_READ,
    OFFICE_HOLDER_UPDATE,
    PROBLEM,
    ROLES,
    _send,
)
from tests.directory_partners.factories import PartnerFactory
from tests.matrix import fresh, once_per_module
from tests.network.factories import referral_in
from weerbaar.accounts.models import User
from weerbaar.incidents.models import Incident
from weerbaar.network import items

pytestmark = pytest.mark.django_db
# The world of test_permission_matrix (one nvvr case, its office holder, a user of every role), built once
# for this module; every test runs in a savepoint of it.
api_world = api_matrix.api_world
world = api_matrix.world

#                    anon  oh    oh2   adv   adv2  coord partn anal  admin
CASE_CONTENT_DELETE = (401, 401, 401, 204, 404, 404, 404, 403, 403)
PARTNER_READ = (401, 401, 401, 403, 403, 403, 200, 403, 403)
PARTNER_WRITE = (401, 401, 401, 403, 403, 403, 201, 403, 403)
OFFICE_HOLDER_DELETE = (401, 204, 404, 401, 401, 401, 401, 401, 401)

CASE = "/api/v1/cases/{ref}"
OWN = "/api/v1/help-requests/{ref}"
ENDPOINTS = [
    # coordinators see every case's referrals as metadata (partner, status, dates), like the web page
    ("case referrals", "get", CASE + "/referrals", None, CASE_METADATA),
    ("propose referral", "post", CASE + "/referrals", "PROPOSAL", CASE_CONTENT_WRITE),
    ("case referral", "get", CASE + "/referrals/{sent}", None, CASE_CONTENT_READ),
    ("record consent", "put", CASE + "/referrals/{proposed}/consent", "RECORDED", CASE_CONTENT_UPDATE),
    ("withdraw consent (staff)", "delete", CASE + "/referrals/{sent}/consent", None, CASE_CONTENT_DELETE),
    ("send referral", "post", CASE + "/referrals/{consented}/status-changes", {"action": "send"}, CASE_CONTENT_WRITE),
    ("partner suggestions", "get", CASE + "/partner-suggestions?kind=peer", None, CASE_CONTENT_READ),
    ("partner referrals", "get", "/api/v1/referrals", None, PARTNER_READ),
    ("partner referral", "get", "/api/v1/referrals/{sent}", None, PARTNER_READ),
    ("partner answer", "post", "/api/v1/referrals/{sent}/status-changes", {"action": "accept"}, PARTNER_WRITE),
    ("own referrals", "get", OWN + "/referrals", None, OFFICE_HOLDER_READ),
    ("give consent", "put", OWN + "/referrals/{proposed}/consent", "CONSENT", OFFICE_HOLDER_UPDATE),
    ("withdraw consent", "delete", OWN + "/referrals/{sent}/consent", None, OFFICE_HOLDER_DELETE),
]
# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [(method, path) for _name, method, path, _body, _expected in ENDPOINTS]
CASES = [
    pytest.param(name, method, path, body, role, expected[i], id=f"{name}-{role}")
    for name, method, path, body, expected in ENDPOINTS
    for i, role in enumerate(ROLES)
]


@once_per_module
def referral_world(api_world):
    """A partner linked to the matrix's partner account, and a proposed, a consented and a sent referral."""
    advisor = User.objects.get(username="m-advisor")
    partner_user = User.objects.get(username="m-partner")
    partner = PartnerFactory(name="Vakgenoot Matrix", nationwide=True)
    partner_user.partner = partner
    partner_user.save(update_fields=["partner"])
    case = fresh(api_world["case"])
    incident = items.incident_item(Incident.objects.get(case=case, number=1).pk)
    made = {
        state: referral_in(
            state, advisor, case, partner, proposed=[incident], chosen=[incident], partner_user=partner_user
        )
        for state in ("proposed", "consented", "sent")
    }
    return {"partner": partner, **{state: r.pk for state, r in made.items()}}


@pytest.fixture
def referrals(referral_world):
    return fresh(referral_world)


def _body(marker, referrals):
    if marker == "PROPOSAL":
        return {"partnerId": referrals["partner"].pk, "question": "Kunt u bellen?"}
    if marker == "RECORDED":
        return {
            "contactMethod": "phone",
            "contact": "06 12345678",
            "method": "phone",
            "givenAt": timezone.now().isoformat(),
        }
    if marker == "CONSENT":
        return {"items": ["incident:1"], "contactMethod": "email", "contact": "sam@example.org"}
    return marker


@pytest.mark.parametrize(("name", "method", "path", "body", "role", "expected"), CASES)
def test_permission_matrix_network(world, referrals, name, method, path, body, role, expected):
    case = world["case"]
    url = path.format(ref=case.reference, **{k: v for k, v in referrals.items() if k != "partner"})
    response = _send(world["clients"][role], method, url, _body(body, referrals))
    assert response.status_code == expected, (name, role, response.content[:300])
    assert response["API-Version"] == "1.0.0"
    if expected >= 400:
        assert response["Content-Type"].startswith(PROBLEM)
        assert b"Sam de Vries" not in response.content
        assert b"Kunt u langskomen" not in response.content
    if role not in ("advisor", "office_holder"):
        assert b"Sam de Vries" not in response.content  # the partner gets the first name only
    if role not in ("advisor", "office_holder", "partner"):
        assert b"06 12345678" not in response.content
    if role == "coordinator":  # of another association: metadata at most, never the question
        assert b"Kunt u langskomen" not in response.content


@pytest.mark.parametrize(
    ("state", "withdrawn", "visible"),
    [
        ("proposed", False, False),
        ("consented", False, False),
        ("sent", False, True),
        ("accepted", False, True),
        ("declined", False, True),
        ("completed", False, True),
        ("sent", True, False),
        ("completed", True, False),
    ],
)
def test_the_partner_sees_a_referral_only_once_sent_and_while_consent_stands(world, state, withdrawn, visible):
    from weerbaar.network import services

    advisor = User.objects.get(username="m-advisor")
    partner_user = User.objects.get(username="m-partner")
    partner = PartnerFactory(name="Vakgenoot Staat")
    partner_user.partner = partner
    partner_user.save(update_fields=["partner"])
    case = world["case"]
    referral = referral_in(state, advisor, case, partner, partner_user=partner_user)
    if withdrawn:
        services.referral_consent_withdraw(actor=advisor, reference=case.reference, referral_id=referral.pk)
    client = world["clients"]["partner"]
    assert (client.get(f"/api/v1/referrals/{referral.pk}").status_code == 200) is visible
    assert ([r["id"] for r in client.get("/api/v1/referrals").json()] == [referral.pk]) is visible
