"""Public endpoints: the directory, submitting a help request, and signing in with reference + code."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.api.conftest import assert_problem
from tests.factories import help_request_payload, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake_limit(settings):
    def set_limit(value: int) -> None:
        settings.WEERBAAR = {**settings.WEERBAAR, "INTAKE_RATE_LIMIT": value}

    return set_limit


# --- GET /associations ------------------------------------------------------------------------


def test_associations_lists_the_five_with_their_advisors(api, reference_data):
    response = api.get("/api/v1/associations")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert [a["code"] for a in body] == ["ngb", "wethoudersvereniging", "nvvr", "statenlidnu", "bzk"]
    nvvr = body[2]
    assert set(nvvr) == {"code", "name", "phone", "email", "advisors"}
    assert nvvr["name"] == "Nederlandse Vereniging voor Raadsleden"
    assert nvvr["phone"] == "070-3738314"
    assert {"name": "Henk Bouwmans"} in nvvr["advisors"]
    assert body[4]["email"] == "politiekeambtsdragers@minbzk.nl"


def test_associations_hide_inactive_directory_contacts(api, reference_data):
    from weerbaar.directory.models import DirectoryContact

    DirectoryContact.objects.filter(name="Henk Bouwmans").update(is_active=False)
    nvvr = next(a for a in api.get("/api/v1/associations").json() if a["code"] == "nvvr")
    assert {"name": "Henk Bouwmans"} not in nvvr["advisors"]


# --- POST /help-requests ----------------------------------------------------------------------


def test_help_request_is_created_and_routed(api, reference_data):
    response = api.post("/api/v1/help-requests", help_request_payload(), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"reference", "followUpCode", "association", "status", "urgent", "respondBy", "nextSteps"}
    assert body["reference"].startswith("WB-")
    assert len(body["followUpCode"].replace("-", "")) == 26
    assert body["association"] == {"code": "nvvr", "name": "Nederlandse Vereniging voor Raadsleden"}
    assert body["status"] == "new"
    assert body["urgent"] is False
    assert datetime.fromisoformat(body["respondBy"]).tzinfo is not None
    assert body["nextSteps"]
    assert "112" not in body["nextSteps"][0]
    assert response["Location"].endswith(f"/api/v1/help-requests/{body['reference']}")


def test_only_via_weerbaar_needs_neither_email_nor_phone(api, reference_data):
    """Issue 11 contract: preferredContact "portal" with neither email nor phone is accepted (201)."""
    payload = help_request_payload(preferredContact="portal")
    del payload["email"]
    payload.pop("phone", None)
    response = api.post("/api/v1/help-requests", payload, format="json")
    assert response.status_code == 201, response.content
    assert any("alleen in Mijn zaak" in step for step in response.json()["nextSteps"])


def test_help_request_is_stored_with_channel_api(api, reference_data):
    from weerbaar.cases.models import Case

    reference = api.post("/api/v1/help-requests", help_request_payload(), format="json").json()["reference"]
    assert Case.objects.get(reference=reference).channel == "api"


def test_acute_danger_makes_it_urgent_and_says_112_first(api, reference_data):
    response = api.post("/api/v1/help-requests", help_request_payload(acuteDanger=True), format="json")
    body = response.json()
    assert body["urgent"] is True
    assert "112" in body["nextSteps"][0]


@pytest.mark.parametrize(
    ("role", "extra", "association"),
    [
        ("burgemeester", {}, "ngb"),
        ("wethouder", {}, "wethoudersvereniging"),
        ("raadslid", {}, "nvvr"),
        ("statenlid", {"provinceCode": "PV27"}, "statenlidnu"),
        ("gedeputeerde", {"provinceCode": "PV27"}, "bzk"),
        ("other", {}, "bzk"),
    ],
)
def test_help_request_routes_by_role(api, reference_data, role, extra, association):
    response = api.post("/api/v1/help-requests", help_request_payload(role=role, **extra), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["association"]["code"] == association


@pytest.mark.parametrize(
    ("overrides", "bad"),
    [
        ({"role": "koning"}, {"role"}),
        ({"municipalityCode": "GM9999"}, {"municipalityCode"}),
        ({"municipalityCode": ""}, {"municipalityCode"}),
        ({"role": "statenlid", "provinceCode": ""}, {"provinceCode"}),
        ({"role": "statenlid", "provinceCode": "PV99"}, {"provinceCode"}),
        ({"name": ""}, {"name"}),
        ({"email": "not-an-address"}, {"email"}),
        ({"phone": "12"}, {"phone"}),
        ({"email": "", "phone": "", "preferredContact": "email"}, {"phone", "email"}),
        ({"preferredContact": "pigeon"}, {"preferredContact"}),
        ({"concerns": []}, {"concerns"}),
        ({"concerns": ["gossip"]}, {"concerns"}),
        ({"concerns": "threat"}, {"concerns"}),
        ({"affected": ["neighbour"]}, {"affected"}),
        ({"description": ""}, {"description"}),
        ({"description": "x" * 10_001}, {"description"}),
        ({"acuteDanger": "yes"}, {"acuteDanger"}),
        ({"consentToShare": 1}, {"consentToShare"}),
    ],
)
def test_invalid_help_request_names_the_bad_field(api, reference_data, overrides, bad):
    response = api.post("/api/v1/help-requests", help_request_payload(**overrides), format="json")
    assert_problem(response, 400, invalid=bad)


def test_invalid_help_request_names_every_bad_field_at_once(api, reference_data):
    payload = help_request_payload(role="x", name="", concerns=[], description="", preferredContact="x")
    body = assert_problem(api.post("/api/v1/help-requests", payload, format="json"), 400)
    names = {p["name"] for p in body["invalidParams"]}
    assert names >= {"role", "name", "concerns", "description", "preferredContact"}


def test_invalid_help_request_creates_nothing(api, reference_data):
    from weerbaar.cases.models import Case

    api.post("/api/v1/help-requests", help_request_payload(description=""), format="json")
    assert not Case.objects.exists()


def test_invalid_help_request_never_echoes_the_input(api, reference_data):
    secret = "Geheime-Naam-" + "z" * 200
    response = api.post("/api/v1/help-requests", help_request_payload(name=secret), format="json")
    assert response.status_code == 400
    assert b"Geheime-Naam" not in response.content


@pytest.mark.parametrize("body", ["[]", '"text"', "42", "null"])
def test_non_object_body_is_400_body(api, reference_data, body):
    response = api.post("/api/v1/help-requests", body, content_type="application/json")
    assert_problem(response, 400, invalid={"body"})


def test_malformed_json_is_400_body(api, reference_data):
    response = api.post("/api/v1/help-requests", '{"role": ', content_type="application/json")
    assert_problem(response, 400, invalid={"body"})


def test_form_encoded_body_is_415(api, reference_data):
    response = api.post("/api/v1/help-requests", {"role": "raadslid"})  # multipart
    assert_problem(response, 415)


def test_help_requests_are_rate_limited_per_address(api, reference_data, intake_limit):
    intake_limit(2)
    for _ in range(2):
        assert api.post("/api/v1/help-requests", help_request_payload(), format="json").status_code == 201
    response = api.post("/api/v1/help-requests", help_request_payload(), format="json")
    assert_problem(response, 429)
    assert int(response["Retry-After"]) > 0
    other = api.post("/api/v1/help-requests", help_request_payload(), format="json", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 201


def test_rate_limit_zero_switches_it_off(api, reference_data, intake_limit):
    intake_limit(0)
    for _ in range(25):
        assert api.post("/api/v1/help-requests", help_request_payload(), format="json").status_code == 201


def test_get_on_help_requests_is_405(api, reference_data):
    response = api.get("/api/v1/help-requests")
    assert_problem(response, 405)


# --- POST /follow-up-sessions -------------------------------------------------------------------


def test_follow_up_session_gives_an_expiring_bearer_token(api, case_and_code):
    case, code = case_and_code
    response = api.post(
        "/api/v1/follow-up-sessions", {"reference": case.reference, "followUpCode": code}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["token"].startswith("wbs_")
    assert datetime.fromisoformat(body["expiresAt"]).tzinfo is not None


def test_follow_up_accepts_reference_and_code_in_any_case_and_grouping(api, case_and_code):
    case, code = case_and_code
    payload = {"reference": case.reference.lower(), "followUpCode": code.replace("-", " ").lower()}
    assert api.post("/api/v1/follow-up-sessions", payload, format="json").status_code == 201


def test_follow_up_wrong_code_and_wrong_reference_get_the_same_401(api, case_and_code, reference_data):
    case, code = case_and_code
    other, _ = make_case()
    answers = [
        api.post("/api/v1/follow-up-sessions", {"reference": case.reference, "followUpCode": "A" * 26}, format="json"),
        api.post("/api/v1/follow-up-sessions", {"reference": "WB-0000-0000", "followUpCode": code}, format="json"),
        api.post("/api/v1/follow-up-sessions", {"reference": other.reference, "followUpCode": code}, format="json"),
        api.post("/api/v1/follow-up-sessions", {"reference": "nonsense", "followUpCode": code}, format="json"),
    ]
    bodies = [assert_problem(r, 401) for r in answers]
    assert all(b == bodies[0] for b in bodies)
    assert all("WWW-Authenticate" in r for r in answers)


@pytest.mark.parametrize(
    ("payload", "bad"),
    [
        ({}, {"reference", "followUpCode"}),
        ({"reference": "WB-0000-0000"}, {"followUpCode"}),
        ({"reference": 12, "followUpCode": "x"}, {"reference"}),
    ],
)
def test_follow_up_session_missing_fields_are_400(api, reference_data, payload, bad):
    assert_problem(api.post("/api/v1/follow-up-sessions", payload, format="json"), 400, invalid=bad)


def test_follow_up_sessions_are_rate_limited(api, case_and_code, settings):
    settings.WEERBAAR = {**settings.WEERBAAR, "FOLLOW_UP_RATE_LIMIT": 3}
    case, code = case_and_code
    for _ in range(3):
        wrong = {"reference": case.reference, "followUpCode": "B" * 26}
        assert api.post("/api/v1/follow-up-sessions", wrong, format="json").status_code == 401
    right = {"reference": case.reference, "followUpCode": code}
    response = api.post("/api/v1/follow-up-sessions", right, format="json")
    assert_problem(response, 429)
    assert "Retry-After" in response
