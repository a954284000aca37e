"""The OpenAPI document: served, complete, OpenAPI 3.0, and clean under the NL API Design Rules linter."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.matrix import once_per_module

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
RULESET = Path(__file__).with_name("nlgov-api-design-rules.spectral.yaml")  # copy of shared/standards (CC BY 4.0)
SPECTRAL = ROOT / "node_modules" / ".bin" / "spectral"

CONTRACT = {
    "/associations": {"get"},
    "/help-requests": {"post"},
    "/follow-up-sessions": {"post"},
    "/help-requests/{reference}": {"get"},
    "/help-requests/{reference}/messages": {"get", "post"},
    "/help-requests/{reference}/email-notification": {"get", "put"},  # issue 11: the e-mail choice
    "/cases": {"get"},
    "/cases/{reference}": {"get"},
    "/cases/{reference}/assignment": {"post"},
    "/cases/{reference}/status-changes": {"post"},
    "/cases/{reference}/notes": {"get", "post"},
    "/cases/{reference}/messages": {"get", "post"},
    "/assessments": {"post"},
}
# Issue 3: incidents, evidence, police reports, damage and the dossier, for staff and for the office holder.
for _base in ("/cases/{reference}", "/help-requests/{reference}"):
    CONTRACT.update(
        {
            f"{_base}/incidents": {"get", "post"},
            f"{_base}/incidents/{{id}}": {"get", "put"},
            f"{_base}/incidents/{{id}}/evidence": {"post"},
            f"{_base}/incidents/{{id}}/police-report": {"put"},
            f"{_base}/evidence": {"get"},
            f"{_base}/evidence/{{id}}/content": {"get"},
            f"{_base}/damage-items": {"get", "post"},
            f"{_base}/damage-routes": {"get"},
            f"{_base}/dossier": {"get"},
        }
    )

# Issue 4: tasks (mine, per case, and marking one done or open again).
CONTRACT.update(
    {
        "/tasks": {"get"},
        "/cases/{reference}/tasks": {"get", "post"},
        "/cases/{reference}/tasks/{id}/completion": {"post", "delete"},
    }
)

# Issue 4: the partner network (reading for case workers and admins, changes for coordinators and admins).
# Issue 10: the advisor re-assesses an incident under the current rules and splits one off the stalking series.
CONTRACT.update(
    {"/cases/{reference}/incidents/{id}/reassessment": {"post"}, "/cases/{reference}/incidents/{id}/series": {"put"}}
)
CONTRACT.update({"/partners": {"get", "post"}, "/partners/{id}": {"get", "patch"}})

# Issue 4: the standard advice texts (read by case workers, written by coordinators).
CONTRACT.update({"/advice-texts": {"get", "post"}, "/advice-texts/{id}": {"get", "put"}})

# Issue 4: notifications (each staff member's own; marking read or unread).
CONTRACT.update({"/notifications": {"get"}, "/notifications/{id}": {"get", "patch"}})
# Issue 11: the coordinators' on-duty rota (who hears of a new request first).
CONTRACT.update({"/on-duty-periods": {"get", "post"}, "/on-duty-periods/{id}": {"delete"}})

# Issue 4: the phone line webhook (authenticated by the signature of its body, not by a token).
CONTRACT.update({"/call-events": {"post"}})

# Issue 4: council conversations (the public request, the team's workflow and the coverage aggregate).
CONTRACT.update(
    {
        "/council-conversation-requests": {"post"},
        "/council-conversations": {"get"},
        "/council-conversations/{reference}": {"get"},
        "/council-conversations/{reference}/status-changes": {"post"},
        "/council-coverage": {"get"},
    }
)

# Issue 4: referrals with consent (staff below the case, the partner's own, the office holder's consent).
CONTRACT.update(
    {
        "/cases/{reference}/referrals": {"get", "post"},
        "/cases/{reference}/referrals/{id}": {"get"},
        "/cases/{reference}/referrals/{id}/consent": {"put", "delete"},
        "/cases/{reference}/referrals/{id}/status-changes": {"post"},
        "/cases/{reference}/partner-suggestions": {"get"},
        "/referrals": {"get"},
        "/referrals/{id}": {"get"},
        "/referrals/{id}/status-changes": {"post"},
        "/help-requests/{reference}/referrals": {"get"},
        "/help-requests/{reference}/referrals/{id}/consent": {"put", "delete"},
    }
)

# Issue 4: aftercare (the plan of a case for staff; the office holder's check-ins and answers).
CONTRACT.update(
    {
        "/cases/{reference}/aftercare-plan": {"get"},
        "/cases/{reference}/aftercare-plan/check-ins": {"post"},
        "/cases/{reference}/aftercare-plan/check-ins/{id}/follow-up": {"post"},
        "/help-requests/{reference}/check-ins": {"get"},
        "/help-requests/{reference}/check-ins/{id}/answer": {"post"},
    }
)

# Issue 12: the case's advisors replace a leaked follow-up code.
CONTRACT.update({"/cases/{reference}/follow-up-code-resets": {"post"}})
# Issue 12: "Overal uitloggen" for apps: the office holder ends every session of the own case.
CONTRACT.update({"/help-requests/{reference}/sign-outs": {"post"}})
# issue 13: the office holder's rights (docs/office-holders.md): everything held, as a ZIP; erasure requests.
CONTRACT.update(
    {
        "/help-requests/{reference}/export": {"get"},
        "/help-requests/{reference}/erasure-requests": {"get", "post"},
    }
)
# Issue 14 point 3: the case's concern note, versioned; a second person confirms "high" (docs/concerns.md).
CONTRACT.update(
    {
        "/cases/{reference}/concern-notes": {"get", "post"},
        "/cases/{reference}/concern-notes/{version}": {"get"},
        "/cases/{reference}/concern-notes/{version}/confirmations": {"post"},
    }
)
# Issue 15: anonymised statistics (protected aggregates for analysts and coordinators).
CONTRACT.update({"/statistics": {"get"}})
# issue 14: perpetrator identifiers of an incident (added and listed, never looked up), coordinators' matches.
CONTRACT.update(
    {
        "/cases/{reference}/incidents/{id}/perpetrator-identifiers": {"get", "post"},
        "/matches": {"get"},
        "/matches/{id}/reviews": {"post"},
    }
)
# issue 13: the case worker's decision on an erasure request (erase, refuse, extend by two months).
CONTRACT.update({"/cases/{reference}/erasure-decisions": {"post"}})


@once_per_module
def served_bytes() -> bytes:
    """The document as ``GET /api/v1/openapi.json`` serves it, asked for once: every test reads the same bytes."""
    from rest_framework.test import APIClient

    response = APIClient().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json") or response[
        "Content-Type"
    ].startswith("application/json")
    assert response["API-Version"] == "1.0.0"
    return response.content


@pytest.fixture
def document(served_bytes) -> dict:
    return json.loads(served_bytes)  # a dict of its own for every test


def test_document_is_openapi_3_0_with_versioned_server(document):
    assert document["openapi"].startswith("3.0.")
    assert document["info"]["version"] == "1.0.0"
    assert set(document["info"]["contact"]) >= {"name", "email", "url"}
    assert document["servers"][0]["url"] == "/api/v1"


def test_document_covers_exactly_the_contract(document):
    paths = {
        path: {m for m in item if m in {"get", "post", "put", "patch", "delete"}}
        for path, item in document["paths"].items()
    }
    assert paths == CONTRACT


def test_every_response_documents_api_version_and_errors_are_problem_json(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert operation.get("operationId"), (path, method)
            for code, response in operation["responses"].items():
                assert "API-Version" in response.get("headers", {}), (path, method, code)
                if code.startswith(("4", "5")):
                    assert list(response["content"]) == ["application/problem+json"], (path, method, code)


def test_staff_operations_document_401_403_404(document):
    for path, item in document["paths"].items():
        if not path.startswith("/cases"):
            continue
        for method, operation in item.items():
            assert {"400", "401", "403", "404"} <= set(operation["responses"]), (path, method)
            assert operation["security"] == [{"staffToken": []}], (path, method)


def test_office_holder_operations_use_the_bearer_token(document):
    for path, item in document["paths"].items():
        if not path.startswith("/help-requests/"):
            continue
        for method, operation in item.items():
            assert operation["security"] == [{"officeHolderBearer": []}], (path, method)
            assert {"400", "401", "404"} <= set(operation["responses"]), (path, method)


def test_evidence_upload_is_a_multipart_body_with_a_binary_file(document):
    for base in ("/cases/{reference}", "/help-requests/{reference}"):
        body = document["paths"][f"{base}/incidents/{{id}}/evidence"]["post"]["requestBody"]
        assert list(body["content"]) == ["multipart/form-data"]
        ref = body["content"]["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][ref]
        assert schema["properties"]["file"] == {**schema["properties"]["file"], "type": "string", "format": "binary"}
        assert schema["required"] == ["file"]


def test_files_are_documented_with_their_media_types_and_digest(document):
    for base in ("/cases/{reference}", "/help-requests/{reference}"):
        dossier = document["paths"][f"{base}/dossier"]["get"]["responses"]
        assert set(dossier["200"]["content"]) == {"application/pdf", "application/zip"}
        assert "406" in dossier
        content = document["paths"][f"{base}/evidence/{{id}}/content"]["get"]["responses"]["200"]
        assert "Repr-Digest" in content["headers"]


def test_query_parameters_are_lower_camel_case(document):
    names = {p["name"] for item in document["paths"].values() for op in item.values() for p in op.get("parameters", [])}
    assert {"pageSize", "assignedTo", "page", "status", "urgent", "association"} <= names
    assert "includeHomeAddress" not in names  # a home address never travels through the API
    assert all("_" not in name for name in names)


def test_problem_details_schema_has_the_rfc_members(document):
    schema = document["components"]["schemas"]["ProblemDetails"]
    assert set(schema["required"]) >= {"title", "status", "detail"}
    assert "invalidParams" in schema["properties"]


def test_swagger_ui_is_self_hosted(api):
    response = api.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn.jsdelivr" not in html
    assert "unpkg.com" not in html


def _require_spectral() -> None:
    if SPECTRAL.exists() and shutil.which("node") is not None:
        return
    if os.environ.get("CI"):
        pytest.fail("Spectral (node_modules/.bin/spectral) and node are required under CI: run `make setup`.")
    pytest.skip("Spectral is not installed (run `make setup`).")


def test_document_passes_the_nl_api_design_rules_linter(document, tmp_path):
    _require_spectral()
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(document))
    report = tmp_path / "report.json"
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [
            str(SPECTRAL),
            "lint",
            "--ruleset",
            str(RULESET),
            "-f",
            "json",
            "-o",
            str(report),
            "--fail-severity",
            "error",
            str(spec),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
        check=False,
    )
    assert report.exists(), result.stdout + result.stderr
    findings = json.loads(report.read_text() or "[]")
    errors = [f for f in findings if f["severity"] == 0]
    assert errors == [], json.dumps(errors, indent=1)[:4000]
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linter_would_catch_a_broken_document(document, tmp_path):
    """Guard against a silently passing linter: drop the servers and a version header, expect errors."""
    _require_spectral()
    broken = json.loads(json.dumps(document))
    broken.pop("servers")
    del broken["paths"]["/associations"]["get"]["responses"]["200"]["headers"]
    spec = tmp_path / "broken.json"
    spec.write_text(json.dumps(broken))
    report = tmp_path / "report.json"
    subprocess.run(  # noqa: S603 - fixed arguments
        [str(SPECTRAL), "lint", "--ruleset", str(RULESET), "-f", "json", "-o", str(report), str(spec)],
        capture_output=True,
        timeout=180,
        cwd=ROOT,
        check=False,
    )
    codes = {f["code"] for f in json.loads(report.read_text()) if f["severity"] == 0}
    assert {"oas3-api-servers", "nlgov:missing-header"} <= codes


# --- schemathesis smoke test over the public endpoints -------------------------------------------


@pytest.fixture
def public_api_schema(reference_data, keep_db_connection):
    from weerbaar.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
        operation_id=["listAssociations", "createHelpRequest", "createFollowUpSession", "createAssessment"]
    )


def _check(response) -> None:
    assert response.status_code < 500, response.text[:500]
    headers = {key.lower(): value[0] if isinstance(value, list) else value for key, value in response.headers.items()}
    assert headers.get("api-version") == "1.0.0"
    if response.status_code >= 400:
        assert headers["content-type"].startswith("application/problem+json"), headers["content-type"]


def test_public_endpoints_never_fail_with_a_server_error(public_api_schema):
    """Fuzz the public operations (hypothesis strategies from the document) with check not_a_server_error."""
    operations = [result.ok() for result in public_api_schema.get_all_operations()]
    assert len(operations) == 4

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def fuzz(case):
            response = case.call()
            _check(response)
            case.validate_response(response, checks=[schemathesis.checks.not_a_server_error])

        fuzz()
