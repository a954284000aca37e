"""The check every API test runs on its responses (tests/openapi_contract.py) refuses what the document does not say.

The check is wired into Django's test client for the whole suite; these tests feed it hand-made responses to show
that a mismatch fails a test rather than passing unnoticed.
"""

from __future__ import annotations

import json

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from tests.openapi_contract import ResponseOutsideTheDocument, check_response

ASSOCIATION = {"code": "nvvr", "name": "NVvR", "phone": "070 000 0000", "email": "", "advisors": []}
NOT_FOUND = {"type": "about:blank", "title": "Not found", "status": 404, "detail": "Nothing here."}


def _answer(method: str, path: str, status: int, body, content_type: str = "application/json", **headers):
    response = HttpResponse(
        body if isinstance(body, bytes) else json.dumps(body), status=status, content_type=content_type
    )
    response["API-Version"] = "1.0.0"
    for name, value in headers.items():
        response[name] = value
    response.wsgi_request = getattr(RequestFactory(), method.lower())(path)
    return response


def test_a_documented_response_passes():
    check_response(_answer("GET", "/api/v1/associations", 200, [ASSOCIATION]))


def test_a_field_the_document_does_not_name_fails():
    with pytest.raises(ResponseOutsideTheDocument, match=r"'secret' was unexpected"):
        check_response(_answer("GET", "/api/v1/associations", 200, [{**ASSOCIATION, "secret": "x"}]))


def test_a_missing_required_field_fails():
    association = {key: value for key, value in ASSOCIATION.items() if key != "advisors"}
    with pytest.raises(ResponseOutsideTheDocument, match="advisors"):
        check_response(_answer("GET", "/api/v1/associations", 200, [association]))


def test_a_value_of_the_wrong_type_fails():
    with pytest.raises(ResponseOutsideTheDocument, match="is not of type"):
        check_response(_answer("GET", "/api/v1/associations", 200, [{**ASSOCIATION, "advisors": "none"}]))


def test_an_undocumented_status_fails():
    with pytest.raises(ResponseOutsideTheDocument, match="418"):
        check_response(_answer("GET", "/api/v1/associations", 418, NOT_FOUND, "application/problem+json"))


def test_an_undocumented_media_type_fails():
    with pytest.raises(ResponseOutsideTheDocument, match="text/html"):
        check_response(_answer("GET", "/api/v1/associations", 200, b"<p>hi</p>", "text/html"))


def test_a_missing_api_version_header_fails():
    response = _answer("GET", "/api/v1/associations", 200, [ASSOCIATION])
    del response["API-Version"]
    with pytest.raises(ResponseOutsideTheDocument, match="API-Version"):
        check_response(response)


def test_a_binary_body_is_checked_for_its_documented_media_type():
    check_response(_answer("GET", "/api/v1/cases/WB-7K3M-Q9XD/dossier", 200, b"%PDF-1.7", "application/pdf"))
    with pytest.raises(ResponseOutsideTheDocument, match="image/png"):
        check_response(_answer("GET", "/api/v1/cases/WB-7K3M-Q9XD/dossier", 200, b"\x89PNG", "image/png"))


def test_an_undocumented_operation_may_only_be_refused_as_problem_details():
    check_response(_answer("GET", "/api/v1/nothing-here", 404, NOT_FOUND, "application/problem+json"))
    with pytest.raises(ResponseOutsideTheDocument, match="not found"):
        check_response(_answer("GET", "/api/v1/nothing-here", 200, {"hello": "world"}))
    with pytest.raises(ResponseOutsideTheDocument, match="problem"):
        check_response(_answer("DELETE", "/api/v1/associations", 405, b"no", "text/plain"))


def test_pages_outside_the_api_are_not_checked():
    check_response(_answer("GET", "/zaken/", 200, b"<p>page</p>", "text/html"))
    check_response(_answer("GET", "/api/v1/openapi.json", 200, {"openapi": "3.0.3"}))


def test_a_response_that_passed_once_is_remembered_but_any_difference_is_checked_again():
    check_response(_answer("GET", "/api/v1/associations", 200, [ASSOCIATION]))
    check_response(_answer("GET", "/api/v1/associations", 200, [ASSOCIATION]))  # the same answer: passes again
    with pytest.raises(ResponseOutsideTheDocument, match=r"'secret' was unexpected"):
        check_response(_answer("GET", "/api/v1/associations", 200, [{**ASSOCIATION, "secret": "x"}]))
    missing_header = _answer("GET", "/api/v1/associations", 200, [ASSOCIATION])
    del missing_header["API-Version"]
    with pytest.raises(ResponseOutsideTheDocument, match="API-Version"):
        check_response(missing_header)
    with pytest.raises(ResponseOutsideTheDocument, match="418"):
        check_response(_answer("GET", "/api/v1/associations", 418, [ASSOCIATION]))
