"""Every error of the API is problem+json, and every API response carries the API-Version header."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import assert_problem

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    ["/api/v1/nothing-here", "/api/v1/cases/", "/api/v1/associations/", "/api/v2/cases", "/api/", "/api/v1/"],
)
def test_unknown_api_paths_are_404_problem(api, reference_data, path):
    assert_problem(api.get(path), 404)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("delete", "/api/v1/associations"),
        ("put", "/api/v1/help-requests"),
        ("get", "/api/v1/follow-up-sessions"),
    ],
)
def test_wrong_method_is_405_problem(api, reference_data, method, path):
    response = getattr(api, method)(path)
    assert_problem(response, 405)
    assert "Allow" in response


def test_wrong_method_on_a_staff_endpoint_is_405_for_staff(advisor_api, reference_data):
    assert_problem(advisor_api.patch("/api/v1/cases"), 405)


def test_wrong_method_on_a_staff_endpoint_needs_authentication_first(api, reference_data):
    assert_problem(api.delete("/api/v1/cases/WB-0000-0000"), 401)


@pytest.mark.parametrize("path", ["/api/v1/help-requests", "/api/v1/follow-up-sessions"])
def test_wrong_content_type_is_415_problem(api, reference_data, path):
    response = api.generic("POST", path, "role=raadslid", content_type="application/x-www-form-urlencoded")
    assert_problem(response, 415)


def test_malformed_json_on_staff_endpoint_is_400_body(advisor_api, case):
    response = advisor_api.generic(
        "POST", f"/api/v1/cases/{case.reference}/notes", "{not json", content_type="application/json"
    )
    assert_problem(response, 400, invalid={"body"})


def test_non_object_json_on_staff_endpoint_is_400_body(advisor_api, case):
    response = advisor_api.generic(
        "POST", f"/api/v1/cases/{case.reference}/notes", "[1]", content_type="application/json"
    )
    assert_problem(response, 400, invalid={"body"})


def test_not_acceptable_is_406_problem(api, reference_data):
    response = api.get("/api/v1/associations", HTTP_ACCEPT="text/html")
    assert_problem(response, 406)


def test_server_error_is_500_problem_without_details(reference_data, monkeypatch):
    from weerbaar.directory import selectors

    def broken():
        raise RuntimeError("secret internals")

    monkeypatch.setattr(selectors, "associations_with_contacts", broken)
    client = APIClient(raise_request_exception=False)
    response = client.get("/api/v1/associations")
    assert_problem(response, 500)
    assert b"secret internals" not in response.content


def test_unauthenticated_staff_call_has_a_token_challenge(api, reference_data):
    response = api.get("/api/v1/cases")
    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Token")


def test_successful_answers_carry_the_api_version(api, reference_data):
    for path in ("/api/v1/associations", "/api/v1/openapi.json"):
        assert api.get(path)["API-Version"] == "1.0.0"


def test_web_pages_do_not_carry_the_api_version(api, reference_data):
    assert "API-Version" not in api.get("/healthz")


def test_oversized_body_is_413_problem(api, reference_data, settings):
    from weerbaar.cases.models import Case

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 50_000
    body = '{"description": "' + "x" * 60_000 + '"}'
    response = api.generic("POST", "/api/v1/help-requests", body, content_type="application/json")
    assert_problem(response, 413)
    assert not Case.objects.exists()
