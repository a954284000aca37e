"""Every API endpoint by every role, with the expected status (issue 2: the permission matrix).

Rules: anonymous on staff endpoints 401; a role or association without access to the case 404 (never
revealing that it exists); analysts and admins 403 on every case endpoint. Partners see no cases through
this API: an empty list and 404 per case. A coordinator sees every case's metadata, but its content
(request, notes, messages, status changes) only for the own association (here: bzk, the case is nvvr's).
The office holder's bearer token opens only the own help request; staff tokens never open those endpoints
and bearer tokens never open staff endpoints (401: the scheme is not accepted there).
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.api.conftest import PROBLEM, authorized_client, bearer_authorization, staff_authorization
from tests.factories import UserFactory, help_request_payload, image_bytes, incident_payload, make_case, minimal_pdf
from tests.matrix import fresh, once_per_module

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "office_holder",
    "other_office_holder",
    "advisor",
    "other_advisor",
    "coordinator",
    "partner",
    "analyst",
    "admin",
]

#               anon  oh    oh2   adv   adv2  coord partn anal  admin
PUBLIC_GET = (200, 200, 200, 200, 200, 200, 200, 200, 200)
PUBLIC_POST = (201, 201, 201, 201, 201, 201, 201, 201, 201)
PUBLIC_ANSWER = (200, 200, 200, 200, 200, 200, 200, 200, 200)
OFFICE_HOLDER_READ = (401, 200, 404, 401, 401, 401, 401, 401, 401)
OFFICE_HOLDER_WRITE = (401, 201, 404, 401, 401, 401, 401, 401, 401)
CASE_LIST = (401, 401, 401, 200, 200, 200, 200, 403, 403)
CASE_METADATA = (401, 401, 401, 200, 404, 200, 404, 403, 403)
# The coordinator claiming another association's case is a break-glass: 403 reason_required without a reason.
CASE_ASSIGN = (401, 401, 401, 200, 404, 403, 404, 403, 403)
CASE_CONTENT_READ = (401, 401, 401, 200, 404, 404, 404, 403, 403)
CASE_CONTENT_WRITE = (401, 401, 401, 201, 404, 404, 404, 403, 403)
CASE_CONTENT_UPDATE = (401, 401, 401, 200, 404, 404, 404, 403, 403)
OFFICE_HOLDER_UPDATE = (401, 200, 404, 401, 401, 401, 401, 401, 401)
OFFICE_HOLDER_SIGN_OUT = (401, 204, 404, 401, 401, 401, 401, 401, 401)

# Issue 3: the same endpoints below /cases/{ref} (staff) and /help-requests/{ref} (the office holder).
# The world has incident 1 with exhibit 1 and a damage item. "UPLOAD" sends a file as multipart;
# "PDF" asks for the dossier with Accept: application/pdf.
INCIDENT_ENDPOINTS = [
    ("incidents", "get", "incidents", None, "read"),
    ("record incident", "post", "incidents", "INCIDENT", "write"),
    ("incident", "get", "incidents/1", None, "read"),
    ("correct incident", "put", "incidents/1", "INCIDENT", "update"),
    ("upload evidence", "post", "incidents/1/evidence", "UPLOAD", "write"),
    ("police report", "put", "incidents/1/police-report", {"kind": "none"}, "update"),
    ("evidence list", "get", "evidence", None, "read"),
    ("evidence content", "get", "evidence/1/content", None, "read"),
    ("damage items", "get", "damage-items", None, "read"),
    (
        "add damage item",
        "post",
        "damage-items",
        {"kind": "material", "amount": "12.50", "description": "Ruit"},
        "write",
    ),
    ("damage routes", "get", "damage-routes", None, "read"),
    ("dossier", "get", "dossier", "PDF", "read"),
]
STAFF_EXPECTED = {"read": CASE_CONTENT_READ, "write": CASE_CONTENT_WRITE, "update": CASE_CONTENT_UPDATE}
OFFICE_HOLDER_EXPECTED = {"read": OFFICE_HOLDER_READ, "write": OFFICE_HOLDER_WRITE, "update": OFFICE_HOLDER_UPDATE}

ENDPOINTS = [
    # (name, method, path, body, expected per role)
    ("OpenAPI document", "get", "/api/v1/openapi.json", None, PUBLIC_GET),
    ("API documentation", "get", "/api/v1/docs", None, PUBLIC_GET),
    ("associations", "get", "/api/v1/associations", None, PUBLIC_GET),
    ("submit help request", "post", "/api/v1/help-requests", "HELP_REQUEST", PUBLIC_POST),
    ("follow-up session", "post", "/api/v1/follow-up-sessions", "CREDENTIALS", PUBLIC_POST),
    (
        "assessment",
        "post",
        "/api/v1/assessments",
        {"role": "raadslid", "relatedToOffice": True, "acuteDanger": False, "online": True, "acts": ["insult"]},
        PUBLIC_ANSWER,
    ),
    ("help request", "get", "/api/v1/help-requests/{ref}", None, OFFICE_HOLDER_READ),
    ("help request messages", "get", "/api/v1/help-requests/{ref}/messages", None, OFFICE_HOLDER_READ),
    ("e-mail choice", "get", "/api/v1/help-requests/{ref}/email-notification", None, OFFICE_HOLDER_READ),
    (
        "change e-mail choice",
        "put",
        "/api/v1/help-requests/{ref}/email-notification",
        {"notifyByEmail": True, "email": "matrix@voorbeeld.example"},
        OFFICE_HOLDER_UPDATE,
    ),
    # Issue 12: "Overal uitloggen" (each cell's savepoint rolls the ended sessions back for the next cell).
    ("sign out everywhere", "post", "/api/v1/help-requests/{ref}/sign-outs", None, OFFICE_HOLDER_SIGN_OUT),
    (
        "send help request message",
        "post",
        "/api/v1/help-requests/{ref}/messages",
        {"text": "Hallo"},
        OFFICE_HOLDER_WRITE,
    ),
    ("case list", "get", "/api/v1/cases", None, CASE_LIST),
    ("case", "get", "/api/v1/cases/{ref}", None, CASE_METADATA),
    ("assignment", "post", "/api/v1/cases/{ref}/assignment", {"advisor": "me"}, CASE_ASSIGN),
    (
        "status change",
        "post",
        "/api/v1/cases/{ref}/status-changes",
        {"status": "closed", "reason": "duplicate"},
        CASE_CONTENT_WRITE,
    ),
    ("notes", "get", "/api/v1/cases/{ref}/notes", None, CASE_CONTENT_READ),
    ("add note", "post", "/api/v1/cases/{ref}/notes", {"text": "Notitie"}, CASE_CONTENT_WRITE),
    ("case messages", "get", "/api/v1/cases/{ref}/messages", None, CASE_CONTENT_READ),
    ("send case message", "post", "/api/v1/cases/{ref}/messages", {"text": "Bericht"}, CASE_CONTENT_WRITE),
    # Issue 12: a new follow-up code, for those who work on the case (content access).
    ("follow-up code reset", "post", "/api/v1/cases/{ref}/follow-up-code-resets", None, CASE_CONTENT_WRITE),
    *(
        (f"case {name}", method, f"/api/v1/cases/{{ref}}/{suffix}", body, STAFF_EXPECTED[kind])
        for name, method, suffix, body, kind in INCIDENT_ENDPOINTS
    ),
    *(
        (f"help request {name}", method, f"/api/v1/help-requests/{{ref}}/{suffix}", body, OFFICE_HOLDER_EXPECTED[kind])
        for name, method, suffix, body, kind in INCIDENT_ENDPOINTS
    ),
    # Issue 10: the advisor's judgement on the rules, staff only (no /help-requests twin).
    ("case incident reassessment", "post", "/api/v1/cases/{ref}/incidents/1/reassessment", None, CASE_CONTENT_UPDATE),
    (
        "case incident series",
        "put",
        "/api/v1/cases/{ref}/incidents/1/series",
        {"inSeries": False},
        CASE_CONTENT_UPDATE,
    ),
]

# The requests this matrix makes, for tests/test_route_coverage.py.
ROUTES = [(method, path) for _name, method, path, _body, _expected in ENDPOINTS]
CASES = [
    pytest.param(name, method, path, body, role, expected[i], id=f"{name}-{role}")
    for name, method, path, body, expected in ENDPOINTS
    for i, role in enumerate(ROLES)
]


@once_per_module
def api_world():
    """One nvvr case with its office holder, a second case, and a user of every staff role (once per module)."""
    from weerbaar.directory.models import Association
    from weerbaar.directory.services import reference_data_load

    reference_data_load()
    case, code = make_case()
    other_case, other_code = make_case()
    users = {
        "advisor": UserFactory(username="m-advisor", role="advisor"),
        "other_advisor": UserFactory(
            username="m-advisor-ngb", role="advisor", association=Association.objects.get(code="ngb")
        ),
        "coordinator": UserFactory(username="m-coordinator", role="coordinator"),
        "partner": UserFactory(username="m-partner", role="partner"),
        "analyst": UserFactory(username="m-analyst", role="analyst"),
        "admin": UserFactory(username="m-admin", role="admin", is_staff=True, is_superuser=True),
    }
    authorizations = {
        "anonymous": None,
        "office_holder": bearer_authorization(case.reference, code),
        "other_office_holder": bearer_authorization(other_case.reference, other_code),
        **{role: staff_authorization(user) for role, user in users.items()},
    }
    _incident_log(users["advisor"], case)
    return {"case": case, "code": code, "authorizations": authorizations}


@pytest.fixture
def world(db, api_world):
    """The module's world for one test: the case loaded afresh and a new client per role."""
    clients = {role: authorized_client(value) for role, value in api_world["authorizations"].items()}
    return {"case": fresh(api_world["case"]), "code": api_world["code"], "clients": clients}


def _incident_log(advisor, case) -> None:
    """Incident 1 (with stalking: it can be split off the series) with exhibit 1 and a damage item, recorded by
    the case's advisor."""
    from weerbaar.incidents import services
    from weerbaar.incidents.validation import validate_damage_item, validate_incident

    data = validate_incident(incident_payload(acts=["threat_of_violence", "stalking"]))
    services.incident_record(actor=advisor, reference=case.reference, data=data)
    pdf = minimal_pdf()
    services.evidence_add(
        actor=advisor, reference=case.reference, upload=services.Upload("brief.pdf", pdf, len(pdf)), incident_number=1
    )
    item = validate_damage_item({"kind": "security", "amount": "149.95", "description": "Camerabel"})
    services.damage_item_add(actor=advisor, reference=case.reference, data=item)


def _send(client, method: str, url: str, body):
    """One request of the matrix, with the body markers resolved."""
    if body == "UPLOAD":
        upload = SimpleUploadedFile("foto.png", image_bytes(), content_type="image/png")
        return getattr(client, method)(url, {"file": upload}, format="multipart")
    if body == "PDF":
        return getattr(client, method)(url, HTTP_ACCEPT="application/pdf")
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, body, format="json")


@pytest.mark.parametrize(("name", "method", "path", "body", "role", "expected"), CASES)
def test_permission_matrix(world, name, method, path, body, role, expected):
    case = world["case"]
    if body == "HELP_REQUEST":
        body = help_request_payload()
    elif body == "CREDENTIALS":
        body = {"reference": case.reference, "followUpCode": world["code"]}
    elif body == "INCIDENT":
        body = incident_payload()
    client = world["clients"][role]
    url = path.format(ref=case.reference)
    response = _send(client, method, url, body)

    assert response.status_code == expected, (name, role, response.content[:300])
    assert response["API-Version"] == "1.0.0"
    if expected >= 400:
        assert response["Content-Type"].startswith(PROBLEM)
        assert case.reference.encode() not in response.content or expected != 404
        assert b"Sam de Vries" not in response.content
    if expected == 401:
        assert "WWW-Authenticate" in response


@pytest.mark.parametrize(
    ("role", "sees_case"),
    [("advisor", True), ("other_advisor", False), ("coordinator", True), ("partner", False)],
)
def test_case_list_contains_the_case_only_for_those_with_access(world, role, sees_case):
    references = [r["reference"] for r in world["clients"][role].get("/api/v1/cases").json()["results"]]
    assert (world["case"].reference in references) is sees_case


@pytest.mark.parametrize(("role", "has_content"), [("advisor", True), ("coordinator", False)])
def test_case_detail_content_only_for_those_with_content_access(world, role, has_content):
    body = world["clients"][role].get(f"/api/v1/cases/{world['case'].reference}").json()
    assert ("description" in body) is has_content
    assert ("name" in body) is has_content


def test_hidden_and_missing_cases_are_indistinguishable(world):
    client = world["clients"]["other_advisor"]
    for suffix in ("", "/notes", "/messages", "/incidents", "/incidents/1", "/evidence", "/evidence/1/content"):
        hidden = client.get(f"/api/v1/cases/{world['case'].reference}{suffix}")
        missing = client.get(f"/api/v1/cases/WB-0000-0000{suffix}")
        assert (hidden.status_code, hidden.json()) == (missing.status_code, missing.json())


def test_forbidden_roles_change_nothing(world):
    from weerbaar.cases.models import CaseNote

    for role in ("analyst", "admin", "partner", "other_advisor", "coordinator"):
        world["clients"][role].post(f"/api/v1/cases/{world['case'].reference}/notes", {"text": "x"}, format="json")
    assert not CaseNote.objects.exists()


def test_forbidden_roles_add_nothing_to_the_incident_log(world):
    from weerbaar.core.models import AuditEntry
    from weerbaar.incidents.models import DamageItem, Evidence, Incident, PoliceReport

    reference = world["case"].reference
    for role in ("analyst", "admin", "partner", "other_advisor", "coordinator", "other_office_holder", "anonymous"):
        client = world["clients"][role]
        for base in (f"/api/v1/cases/{reference}", f"/api/v1/help-requests/{reference}"):
            client.post(f"{base}/incidents", incident_payload(), format="json")
            _send(client, "post", f"{base}/incidents/1/evidence", "UPLOAD")
            client.put(f"{base}/incidents/1/police-report", {"kind": "none"}, format="json")
            client.put(f"{base}/incidents/1", incident_payload(acts=["insult"]), format="json")
            client.post(f"{base}/incidents/1/reassessment")
            client.put(f"{base}/incidents/1/series", {"inSeries": False}, format="json")
            client.post(f"{base}/damage-items", {"kind": "material", "description": "x"}, format="json")
    assert (Incident.objects.count(), Evidence.objects.count(), DamageItem.objects.count()) == (1, 1, 1)
    assert not PoliceReport.objects.exists()
    incident = Incident.objects.get()
    assert (incident.opened_facts()["acts"], incident.in_series) == (["threat_of_violence", "stalking"], True)
    assert not AuditEntry.objects.filter(action__in=["incident.reassessed", "incident.corrected"]).exists()


@pytest.mark.parametrize("role", ["other_advisor", "coordinator", "partner", "other_office_holder"])
def test_no_file_leaves_the_vault_for_those_without_access(world, role):
    reference = world["case"].reference
    client = world["clients"][role]
    for base in (f"/api/v1/cases/{reference}", f"/api/v1/help-requests/{reference}"):
        for response in (client.get(f"{base}/evidence/1/content"), _send(client, "get", f"{base}/dossier", "PDF")):
            assert response.status_code in {401, 404}
            assert b"%PDF" not in response.content
