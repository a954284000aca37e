"""GET/POST /partners and GET/PATCH /partners/{id}: filters, the shared rule set as problem+json, partial updates."""

from __future__ import annotations

import pytest

from tests.api.conftest import PROBLEM, staff_client
from tests.directory_partners.factories import PartnerFactory
from tests.factories import UserFactory
from weerbaar.core.models import AuditEntry
from weerbaar.directory.models import Partner

pytestmark = pytest.mark.django_db

BODY = {
    "name": "Stichting Veilig Thuis",
    "organisation": "Veilig Thuis",
    "kind": "home_scan",
    "provinces": ["PV26", "pv27"],
    "nationwide": False,
    "languages": ["nl", "EN"],
    "capacity": 3,
    "available": True,
    "contactName": "Noor Bakker",
    "email": "noor@example.org",
    "phone": "030 123 4567",
    "notes": "Alleen op werkdagen.",
}


@pytest.fixture
def coord(reference_data):
    return staff_client(UserFactory(username="api-coord", role="coordinator"))


@pytest.fixture
def adv(reference_data):
    return staff_client(UserFactory(username="api-adv", role="advisor"))


def test_create_answers_201_with_the_stored_partner(coord):
    response = coord.post("/api/v1/partners", BODY, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["provinces"] == ["PV26", "PV27"]
    assert data["languages"] == ["nl", "en"]
    assert data["active"] is True
    assert data["notes"] == "Alleen op werkdagen."
    assert Partner.objects.get(pk=data["id"]).contact_name == "Noor Bakker"
    assert AuditEntry.objects.filter(action="partner.created", object_id=str(data["id"])).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"languages": ["nl", "dutch"]}, "languages"),
        ({"languages": "nl"}, "languages"),
        ({"provinces": ["PV99"]}, "provinces"),
        ({"provinces": [], "nationwide": False}, "provinces"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": 101}, "capacity"),
        ({"capacity": True}, "capacity"),
        ({"email": "geen adres"}, "email"),
        ({"kind": "plumber"}, "kind"),
        ({"name": ""}, "name"),
        ({"nationwide": "ja"}, "nationwide"),
        ({"phone": "bel me"}, "phone"),
        ({"unknownField": 1}, "unknownField"),
    ],
)
def test_invalid_input_is_problem_json_naming_the_field(coord, change, field):
    response = coord.post("/api/v1/partners", {**BODY, **change}, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith(PROBLEM)
    names = [p["name"] for p in response.json()["invalidParams"]]
    assert field in names
    assert not Partner.objects.exists()


def test_body_must_be_a_json_object(coord):
    response = coord.post("/api/v1/partners", ["x"], format="json")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "body"


def test_list_filters_and_hides_notes_from_advisors(coord, adv):
    PartnerFactory(name="A Peer Utrecht", kind="peer", provinces=["PV26"], notes="geheim")
    PartnerFactory(name="B Legal landelijk", kind="legal_aid", nationwide=True, available=False)
    PartnerFactory(name="C Peer Groningen", kind="peer", provinces=["PV20"])
    PartnerFactory(name="D Weg", kind="peer", nationwide=True, active=False)

    def names(client, query=""):
        response = client.get(f"/api/v1/partners{query}")
        assert response.status_code == 200, response.content
        return [p["name"] for p in response.json()]

    assert names(adv) == ["A Peer Utrecht", "B Legal landelijk", "C Peer Groningen"]
    assert names(adv, "?kind=peer") == ["A Peer Utrecht", "C Peer Groningen"]
    assert names(adv, "?province=PV26") == ["A Peer Utrecht", "B Legal landelijk"]
    assert names(adv, "?available=false") == ["B Legal landelijk"]
    assert names(adv, "?kind=peer&province=PV20&available=true") == ["C Peer Groningen"]
    assert "notes" not in adv.get("/api/v1/partners").json()[0]
    assert coord.get("/api/v1/partners").json()[0]["notes"] == "geheim"


@pytest.mark.parametrize("query", ["?kind=plumber", "?province=PV99", "?available=maybe"])
def test_bad_filters_are_400(adv, query):
    response = adv.get(f"/api/v1/partners{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith(PROBLEM)


def test_patch_changes_only_the_given_fields(coord):
    partner = PartnerFactory(name="Oud", provinces=["PV26"], capacity=5)
    response = coord.patch(f"/api/v1/partners/{partner.pk}", {"capacity": 9, "languages": ["tr"]}, format="json")
    assert response.status_code == 200, response.content
    partner.refresh_from_db()
    assert partner.capacity == 9
    assert partner.languages == ["tr"]
    assert partner.name == "Oud"
    assert [p.code for p in partner.provinces.all()] == ["PV26"]
    entry = AuditEntry.objects.get(action="partner.updated")
    assert entry.details == {"fields": ["capacity", "languages"]}


def test_patch_cannot_leave_a_partner_without_area(coord):
    partner = PartnerFactory(name="Regio", provinces=["PV26"])
    response = coord.patch(f"/api/v1/partners/{partner.pk}", {"provinces": []}, format="json")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "provinces"
    response = coord.patch(f"/api/v1/partners/{partner.pk}", {"provinces": [], "nationwide": True}, format="json")
    assert response.status_code == 200


def test_patch_active_deactivates_and_reactivates(coord, adv):
    partner = PartnerFactory(nationwide=True)
    assert coord.patch(f"/api/v1/partners/{partner.pk}", {"active": False}, format="json").json()["active"] is False
    assert adv.get(f"/api/v1/partners/{partner.pk}").status_code == 404
    assert coord.patch(f"/api/v1/partners/{partner.pk}", {"active": "nee"}, format="json").status_code == 400
    assert coord.patch(f"/api/v1/partners/{partner.pk}", {"active": True}, format="json").json()["active"] is True
    assert adv.get(f"/api/v1/partners/{partner.pk}").status_code == 200


def test_huge_id_is_simply_not_found(coord):
    assert coord.get("/api/v1/partners/99999999999999999999").status_code == 404
