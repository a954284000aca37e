"""The council API: the public request, the team's workflow and the coverage aggregate."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import PROBLEM, staff_client
from tests.council.factories import council_payload, make_council_request
from tests.factories import UserFactory
from weerbaar.council.choices import Status
from weerbaar.council.models import CouncilRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(reference_data):
    return UserFactory(username="coordinator", role="coordinator")


def test_public_request_answers_201_with_a_reference(reference_data):
    response = APIClient().post("/api/v1/council-conversation-requests", council_payload(), format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["reference"].startswith("RG-")
    assert body["status"] == "requested"
    assert body["nextSteps"]
    assert "Gerda" not in response.content.decode()


def test_public_request_lists_every_bad_field(reference_data):
    payload = council_payload(body="waterschap", contactEmail="nee", aggressionProtocol="misschien")
    payload.pop("contactName")
    response = APIClient().post("/api/v1/council-conversation-requests", payload, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith(PROBLEM)
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"waterBoard", "contactEmail", "aggressionProtocol", "contactName"}
    assert not CouncilRequest.objects.exists()


def test_public_request_is_rate_limited(reference_data, settings):
    settings.WEERBAAR = {**settings.WEERBAAR, "INTAKE_RATE_LIMIT": 1}
    client = APIClient()
    codes = [
        client.post("/api/v1/council-conversation-requests", council_payload(), format="json").status_code
        for _ in range(2)
    ]
    assert codes == [201, 429]


# A body and a place field it does not use, with the fields that body needs (fuzz finding: `provinceCode` as an
# object beside a municipal body was accepted, because only the body's own place field was read).
UNUSED_PLACE = [
    ("gemeenteraad", "provinceCode", {}),
    ("gemeenteraad", "waterBoard", {}),
    ("provinciale_staten", "municipalityCode", {"provinceCode": "PV26"}),
    ("waterschap", "provinceCode", {"requesterRole": "secretaris_waterschap", "waterBoard": "Waterschap Aa en Maas"}),
]


@pytest.mark.parametrize(("body", "field", "needs"), UNUSED_PLACE)
@pytest.mark.parametrize("value", [{"code": "PV26"}, ["PV26"], 26, "X" * 121], ids=["object", "list", "number", "long"])
def test_a_place_field_the_body_does_not_use_must_still_be_short_text(reference_data, body, field, needs, value):
    payload = council_payload(body=body, **needs)
    if body != "gemeenteraad":
        payload.pop("municipalityCode")
    payload[field] = value
    response = APIClient().post("/api/v1/council-conversation-requests", payload, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith(PROBLEM)
    params = response.json()["invalidParams"]
    assert [p["name"] for p in params] == [field]
    limit = {"municipalityCode": 6, "provinceCode": 4, "waterBoard": 120}[field]
    assert params[0]["reason"] == (f"Maximaal {limit} tekens." if isinstance(value, str) else "Moet tekst zijn.")
    assert not CouncilRequest.objects.exists()


@pytest.mark.parametrize("value", ["", None])
def test_an_empty_unused_place_field_is_still_accepted(reference_data, value):
    """The web form sends every field, the unused places as "": that stays a valid request."""
    payload = council_payload(provinceCode=value, waterBoard=value)
    response = APIClient().post("/api/v1/council-conversation-requests", payload, format="json")
    assert response.status_code == 201


def test_water_board_request_keeps_the_name(reference_data):
    payload = council_payload(
        body="waterschap", requesterRole="secretaris_waterschap", waterBoard="Waterschap Aa en Maas"
    )
    response = APIClient().post("/api/v1/council-conversation-requests", payload, format="json")
    assert response.status_code == 201
    assert CouncilRequest.objects.get().water_board == "Waterschap Aa en Maas"


def test_team_moves_a_request_and_reads_it(coordinator):
    request = make_council_request()
    client = staff_client(coordinator)
    assert client.get("/api/v1/council-conversations").json()["results"][0]["reference"] == request.reference
    base = f"/api/v1/council-conversations/{request.reference}"
    assert client.post(f"{base}/status-changes", {"status": "intake_call"}, format="json").status_code == 201
    assert client.post(f"{base}/status-changes", {"status": "exploratory_talk"}, format="json").status_code == 201
    plan = {
        "status": "session_planned",
        "localSituation": "Spanning",
        "sessionDate": "2026-05-01",
        "place": "Raadzaal",
        "facilitators": ["coordinator"],
        "experts": ["Ervaren Ed"],
    }
    response = client.post(f"{base}/status-changes", plan, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["fromStatus"] == "exploratory_talk"
    assert response.json()["conversation"]["sessionDate"] == "2026-05-01"
    detail = client.get(base).json()
    assert detail["contactName"] == "Gerda Griffier"
    assert detail["notes"]["localSituation"] == "Spanning"
    assert detail["sessionPlace"] == "Raadzaal"
    assert detail["facilitators"] == ["coordinator"]
    assert detail["place"] == "Utrecht"


def test_the_lists_limits_hold_for_every_step(coordinator):
    """Found by the fuzzer (issue 12): a step that plans no session ignored its lists, so eleven experts (the
    document says at most ten) were answered 201. Now the lists are checked whatever the step."""
    request = make_council_request()
    url = f"/api/v1/council-conversations/{request.reference}/status-changes"
    body = {"status": "intake_call", "experts": [f"Expert {n}" for n in range(11)], "partnerIds": ["x"]}
    response = staff_client(coordinator).post(url, body, format="json")
    assert response.status_code == 400, response.content
    assert {p["name"] for p in response.json()["invalidParams"]} == {"experts", "partnerIds"}
    assert staff_client(coordinator).post(url, {"status": "intake_call"}, format="json").status_code == 201


def test_an_illegal_step_is_409_problem(coordinator):
    request = make_council_request()
    response = staff_client(coordinator).post(
        f"/api/v1/council-conversations/{request.reference}/status-changes", {"status": "closed"}, format="json"
    )
    assert response.status_code == 409
    assert response["Content-Type"].startswith(PROBLEM)


def test_cancelling_needs_a_reason_and_the_detail_shows_it(coordinator):
    request = make_council_request()
    client = staff_client(coordinator)
    base = f"/api/v1/council-conversations/{request.reference}"
    response = client.post(f"{base}/status-changes", {"status": "cancelled"}, format="json")
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["reason"]
    assert client.get(base).json()["cancellationReason"] == ""
    response = client.post(f"{base}/status-changes", {"status": "cancelled", "reason": "Dubbel"}, format="json")
    assert response.status_code == 201
    assert client.get(base).json()["cancellationReason"] == "Dubbel"


def test_unknown_and_malformed_references_are_404(coordinator):
    client = staff_client(coordinator)
    assert client.get("/api/v1/council-conversations/RG-0000-0000").status_code == 404
    assert client.get("/api/v1/council-conversations/WB-0000-0000").status_code == 404


def test_coverage_counts_held_sessions_per_province(coordinator):
    make_council_request(actor=coordinator, until=Status.SESSION_HELD)
    year = CouncilRequest.objects.get().held_on.year
    body = staff_client(coordinator).get(f"/api/v1/council-coverage?year={year}").json()
    assert body["sessionsHeld"] == 1
    utrecht = next(p for p in body["provinces"] if p["code"] == "PV26")
    assert utrecht["municipalitiesWithSession"] == 1
    assert utrecht["municipalities"] == [{"code": "GM0344", "name": "Utrecht"}]
    assert staff_client(coordinator).get("/api/v1/council-coverage?year=1900").status_code == 400
