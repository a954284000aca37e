"""Staff case endpoints: the queue with pagination and filters, the case, assignment, status, notes, messages."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import assert_problem, staff_client
from tests.factories import UserFactory, make_case
from weerbaar.aftercare.models import AftercarePlan

pytestmark = pytest.mark.django_db

SUMMARY_FIELDS = {
    "reference",
    "role",
    "municipalityCode",
    "provinceCode",
    "association",
    "status",
    "urgent",
    "escalated",
    "redFlag",
    "createdAt",
    "respondBy",
    "assignedTo",
}
CONTENT_FIELDS = {"name", "email", "phone", "description", "concerns", "affected", "acuteDanger", "consentToShare"}


# --- GET /cases -----------------------------------------------------------------------------------


def test_queue_lists_the_own_associations_cases(advisor_api, reference_data):
    own, _ = make_case()
    make_case(role="burgemeester")  # ngb: not visible to an nvvr advisor
    response = advisor_api.get("/api/v1/cases")
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 1
    row = body["results"][0]
    assert set(row) == SUMMARY_FIELDS
    assert row["reference"] == own.reference
    assert row["role"] == "raadslid"
    assert row["municipalityCode"] is None  # sealed with the request: given by getCase with content access only
    assert row["provinceCode"] == "PV27"
    assert row["association"] == "nvvr"
    assert row["status"] == "new"
    assert row["escalated"] is False
    assert row["assignedTo"] is None
    assert b"Sam de Vries" not in response.content  # no content in the queue


def test_queue_shows_assigned_cases_of_other_associations(advisor, advisor_api, coordinator, reference_data):
    from weerbaar.cases.models import Case

    # Lent before break-glass existed (no service hands a case to another association now): still in the queue.
    foreign, _ = make_case(role="burgemeester")
    Case.objects.filter(pk=foreign.pk).update(assigned_to=advisor)
    rows = advisor_api.get("/api/v1/cases").json()["results"]
    assert [r["reference"] for r in rows] == [foreign.reference]
    assert rows[0]["assignedTo"] == advisor.username


def test_coordinator_sees_every_case(coordinator, reference_data):
    for role in ("burgemeester", "raadslid", "other"):
        make_case(role=role)
    assert staff_client(coordinator).get("/api/v1/cases").json()["count"] == 3


def test_partner_gets_an_empty_list(partner, reference_data):
    make_case()
    body = staff_client(partner).get("/api/v1/cases").json()
    assert body["count"] == 0
    assert body["results"] == []


def test_queue_is_sorted_by_deadline_and_flags_escalation(advisor_api, reference_data):
    late, _ = make_case(state="escalated")
    fresh, _ = make_case()
    rows = advisor_api.get("/api/v1/cases").json()["results"]
    assert [r["reference"] for r in rows] == [late.reference, fresh.reference]
    assert [r["escalated"] for r in rows] == [True, False]


def test_pagination_with_page_and_page_size(advisor_api, reference_data):
    refs = [make_case()[0].reference for _ in range(5)]
    first = advisor_api.get("/api/v1/cases?pageSize=2").json()
    assert first["count"] == 5
    assert len(first["results"]) == 2
    assert first["previous"] is None
    assert "pageSize=2" in first["next"]
    assert "page=2" in first["next"]
    third = advisor_api.get("/api/v1/cases?pageSize=2&page=3").json()
    assert len(third["results"]) == 1
    assert third["next"] is None
    seen = [
        r["reference"]
        for p in (1, 2, 3)
        for r in advisor_api.get(f"/api/v1/cases?pageSize=2&page={p}").json()["results"]
    ]
    assert sorted(seen) == sorted(refs)


def test_page_beyond_the_end_is_404(advisor_api, reference_data):
    make_case()
    assert_problem(advisor_api.get("/api/v1/cases?page=5"), 404)


@pytest.mark.parametrize(
    ("query", "bad"),
    [
        ("status=open", {"status"}),
        ("urgent=yes", {"urgent"}),
        ("escalated=1", {"escalated"}),
        ("assignedTo=someone", {"assignedTo"}),
        ("association=unknown", {"association"}),
        ("page=0", {"page"}),
        ("page=abc", {"page"}),
        ("pageSize=0", {"pageSize"}),
        ("pageSize=101", {"pageSize"}),
        ("status=open&urgent=maybe", {"status", "urgent"}),
    ],
)
def test_invalid_filters_are_400_naming_the_parameter(advisor_api, reference_data, query, bad):
    assert_problem(advisor_api.get(f"/api/v1/cases?{query}"), 400, invalid=bad)


def test_filter_errors_do_not_echo_the_value(advisor_api, reference_data):
    response = advisor_api.get("/api/v1/cases?status=Geheim-Woord&association=Ander-Woord")
    body = assert_problem(response, 400, invalid={"status", "association"})
    assert "Geheim-Woord" not in str(body)
    assert "Ander-Woord" not in str(body)
    assert "in_progress" in body["invalidParams"][0]["reason"] or "in_progress" in body["invalidParams"][1]["reason"]


def test_filters_status_urgent_association_and_assigned_to_me(advisor, advisor_api, coordinator, reference_data):
    urgent, _ = make_case(acuteDanger=True)
    mine, _ = make_case(state="claimed", advisor=advisor)
    make_case()
    coordinator_api = staff_client(coordinator)
    make_case(role="burgemeester")

    def refs(client, query):
        return {r["reference"] for r in client.get(f"/api/v1/cases?{query}").json()["results"]}

    assert refs(advisor_api, "urgent=true") == {urgent.reference}
    assert urgent.reference not in refs(advisor_api, "urgent=false")
    assert refs(advisor_api, "status=in_progress") == {mine.reference}
    assert refs(advisor_api, "assignedTo=me") == {mine.reference}
    assert len(refs(coordinator_api, "association=nvvr")) == 3
    assert len(refs(coordinator_api, "association=ngb")) == 1


def test_escalated_filter(coordinator, reference_data):
    late, _ = make_case(state="escalated")
    make_case()
    rows = staff_client(coordinator).get("/api/v1/cases?escalated=true").json()["results"]
    assert [r["reference"] for r in rows] == [late.reference]


def test_query_count_does_not_grow_with_page_size(advisor, coordinator, reference_data):
    from weerbaar.cases.models import Case

    for i in range(120):
        case, _ = make_case(role=("raadslid", "statenlid", "burgemeester")[i % 3], provinceCode="PV27")
        if i % 4 == 0:  # assigned rows (some outside their association, as lent before break-glass)
            Case.objects.filter(pk=case.pk).update(assigned_to=advisor)
    client = staff_client(coordinator)
    client.get("/api/v1/cases?pageSize=1")  # warm up: the token's last-used stamp is written once
    counts = {}
    for size in (10, 100):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/api/v1/cases?pageSize={size}")
        assert len(response.json()["results"]) == size
        counts[size] = len(ctx.captured_queries)
    assert counts[10] == counts[100], counts
    assert counts[100] <= 6, counts


# --- GET /cases/{reference} ---------------------------------------------------------------------


def test_case_detail_decrypts_the_request_for_the_advisor(advisor_api, case):
    response = advisor_api.get(f"/api/v1/cases/{case.reference}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == SUMMARY_FIELDS | CONTENT_FIELDS
    assert body["name"] == "Sam de Vries"
    assert body["email"] == "sam@example.org"
    assert body["phone"] == "06 12345678"
    assert body["description"].startswith("Ik ontving vannacht")
    assert body["municipalityCode"] == "GM0363"
    assert body["concerns"] == ["online_harassment", "threat"]
    assert body["affected"] == ["self"]
    assert body["acuteDanger"] is False
    assert body["consentToShare"] is True


def test_case_detail_read_is_audited(advisor, advisor_api, case):
    from weerbaar.core.models import AuditEntry

    advisor_api.get(f"/api/v1/cases/{case.reference}")
    entry = AuditEntry.objects.filter(action="case.content_read", object_id=case.reference).get()
    assert advisor.username in str(entry.actor)


def test_coordinator_without_content_access_gets_metadata_only(coordinator, case):
    from weerbaar.core.models import AuditEntry

    response = staff_client(coordinator).get(f"/api/v1/cases/{case.reference}")  # nvvr case, bzk coordinator
    assert response.status_code == 200
    assert set(response.json()) == SUMMARY_FIELDS
    assert response.json()["municipalityCode"] is None
    assert response.json()["provinceCode"] == "PV27"
    assert b"Sam de Vries" not in response.content
    assert not AuditEntry.objects.filter(action="case.content_read").exists()


def test_coordinator_reads_content_of_the_own_association(coordinator, reference_data):
    bzk_case, _ = make_case(role="other")
    body = staff_client(coordinator).get(f"/api/v1/cases/{bzk_case.reference}").json()
    assert body["name"] == "Sam de Vries"


def test_case_of_another_association_and_unknown_case_answer_alike(other_advisor, case):
    client = staff_client(other_advisor)
    hidden = assert_problem(client.get(f"/api/v1/cases/{case.reference}"), 404)
    missing = assert_problem(client.get("/api/v1/cases/WB-0000-0000"), 404)
    assert hidden == missing


# --- POST /cases/{reference}/assignment ---------------------------------------------------------


def test_claim_with_me(advisor, advisor_api, case):
    response = advisor_api.post(f"/api/v1/cases/{case.reference}/assignment", {"advisor": "me"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == SUMMARY_FIELDS
    assert body["assignedTo"] == advisor.username
    assert body["status"] == "in_progress"


def test_coordinator_assigns_by_username(coordinator, advisor, case):
    response = staff_client(coordinator).post(
        f"/api/v1/cases/{case.reference}/assignment", {"advisor": advisor.username}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["assignedTo"] == advisor.username


@pytest.mark.parametrize("body", [{}, {"advisor": ""}, {"advisor": "nobody"}, {"advisor": ["me"]}])
def test_assignment_to_an_unknown_or_missing_advisor_is_400(advisor_api, case, body):
    url = f"/api/v1/cases/{case.reference}/assignment"
    assert_problem(advisor_api.post(url, body, format="json"), 400, invalid={"advisor"})


def test_advisor_cannot_assign_to_another_associations_advisor(advisor_api, other_advisor, case):
    response = advisor_api.post(
        f"/api/v1/cases/{case.reference}/assignment", {"advisor": other_advisor.username}, format="json"
    )
    assert_problem(response, 400, invalid={"advisor"})


def test_assigning_a_closed_case_is_409(advisor, advisor_api, reference_data):
    closed, _ = make_case(state="closed", advisor=advisor)
    url = f"/api/v1/cases/{closed.reference}/assignment"
    assert_problem(advisor_api.post(url, {"advisor": "me"}, format="json"), 409)


# --- POST /cases/{reference}/status-changes -----------------------------------------------------


def test_status_change_along_the_state_machine(advisor, advisor_api, reference_data):
    case, _ = make_case(state="claimed", advisor=advisor)
    url = f"/api/v1/cases/{case.reference}/status-changes"
    response = advisor_api.post(url, {"status": "aftercare"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["fromStatus"] == "in_progress"
    assert body["status"] == "aftercare"
    assert body["case"]["status"] == "aftercare"
    # moving to aftercare made an aftercare plan: closing asks to confirm it (see tests/aftercare/test_api.py)
    refused = advisor_api.post(url, {"status": "closed", "outcome": "advised"}, format="json")
    assert refused.status_code == 409
    assert refused.json()["code"] == "aftercare_open"
    closed = advisor_api.post(
        url, {"status": "closed", "outcome": "advised", "confirmAftercareClose": True}, format="json"
    )
    assert closed.status_code == 201, closed.content
    case.refresh_from_db()
    assert case.status == "closed"
    assert case.outcome == "advised"


def test_a_case_in_progress_closes_with_an_outcome_without_aftercare(advisor, advisor_api, reference_data):
    case, _ = make_case(state="claimed", advisor=advisor)
    url = f"/api/v1/cases/{case.reference}/status-changes"
    assert_problem(advisor_api.post(url, {"status": "closed"}, format="json"), 400, invalid={"outcome"})
    case.refresh_from_db()
    assert case.status == "in_progress"
    response = advisor_api.post(url, {"status": "closed", "outcome": "no_further_help"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["fromStatus"], body["status"], body["case"]["status"]) == ("in_progress", "closed", "closed")
    case.refresh_from_db()
    assert case.outcome == "no_further_help"
    assert not AftercarePlan.objects.filter(case=case).exists()  # aftercare was not chosen


def test_closing_a_new_case_needs_a_close_reason(advisor_api, case):
    url = f"/api/v1/cases/{case.reference}/status-changes"
    assert_problem(advisor_api.post(url, {"status": "closed"}, format="json"), 400, invalid={"reason"})
    response = advisor_api.post(url, {"status": "closed", "reason": "duplicate"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["reasonCode"] == "duplicate"


def test_reopening_needs_a_reason_in_words(advisor, advisor_api, reference_data):
    closed, _ = make_case(state="closed", advisor=advisor)
    url = f"/api/v1/cases/{closed.reference}/status-changes"
    assert_problem(advisor_api.post(url, {"status": "in_progress"}, format="json"), 400, invalid={"reason"})
    response = advisor_api.post(url, {"status": "in_progress", "reason": "Nieuw incident."}, format="json")
    assert response.status_code == 201


@pytest.mark.parametrize(("state", "target"), [("new", "aftercare"), ("claimed", "new"), ("closed", "aftercare")])
def test_illegal_transition_is_409(advisor, advisor_api, reference_data, state, target):
    case, _ = make_case(state=state, advisor=advisor)
    response = advisor_api.post(f"/api/v1/cases/{case.reference}/status-changes", {"status": target}, format="json")
    assert_problem(response, 409)
    case.refresh_from_db()
    assert case.status != target


@pytest.mark.parametrize(
    ("body", "bad"),
    [
        ({"status": "done"}, {"status"}),
        ({"status": 3}, {"status"}),
        ({"status": "closed", "reason": "duplicate", "outcome": "x"}, {"outcome"}),
    ],
)
def test_invalid_status_change_is_400(advisor_api, case, body, bad):
    url = f"/api/v1/cases/{case.reference}/status-changes"
    assert_problem(advisor_api.post(url, body, format="json"), 400, invalid=bad)


# --- notes and messages -------------------------------------------------------------------------


def test_notes_are_added_and_listed(advisor, advisor_api, case):
    url = f"/api/v1/cases/{case.reference}/notes"
    created = advisor_api.post(url, {"text": "Gebeld, terugbellen morgen."}, format="json")
    assert created.status_code == 201, created.content
    assert set(created.json()) == {"id", "author", "text", "createdAt"}
    rows = advisor_api.get(url).json()
    assert [(n["text"], n["author"]) for n in rows] == [("Gebeld, terugbellen morgen.", advisor.label)]


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"text": None}, {"text": {"a": 1}}, {"text": "x" * 10_001}])
def test_invalid_note_is_400(advisor_api, case, body):
    assert_problem(
        advisor_api.post(f"/api/v1/cases/{case.reference}/notes", body, format="json"), 400, invalid={"text"}
    )


def test_notes_are_stored_encrypted(advisor_api, case):
    from weerbaar.cases.models import CaseNote

    advisor_api.post(f"/api/v1/cases/{case.reference}/notes", {"text": "Uniek-geheim-woord"}, format="json")
    assert b"Uniek-geheim-woord" not in bytes(CaseNote.objects.get().sealed_text)


def test_staff_messages_list_marks_office_holder_messages_read(advisor_api, office_holder_api, case):
    from weerbaar.cases.models import CaseMessage

    office_holder_api.post(f"/api/v1/help-requests/{case.reference}/messages", {"text": "Hallo"}, format="json")
    rows = advisor_api.get(f"/api/v1/cases/{case.reference}/messages").json()
    assert [(m["sender"], m["text"], m["author"]) for m in rows] == [("officeHolder", "Hallo", None)]
    assert set(rows[0]) == {"id", "sender", "author", "text", "createdAt", "readAt"}
    assert CaseMessage.objects.get().read_at is not None


def test_message_on_a_closed_case_is_409(advisor, advisor_api, reference_data):
    closed, _ = make_case(state="closed", advisor=advisor)
    response = advisor_api.post(f"/api/v1/cases/{closed.reference}/messages", {"text": "Hallo"}, format="json")
    assert_problem(response, 409)


def test_inactive_users_token_stops_working(advisor, advisor_api, case):
    advisor.is_active = False
    advisor.save()
    assert_problem(advisor_api.get("/api/v1/cases"), 401)


def test_malformed_token_header_is_401(api, reference_data):
    UserFactory(username="x")
    for header in ("Token", "Token a b", "Token wbt_nope_nope", "Basic abc"):
        api.credentials(HTTP_AUTHORIZATION=header)
        response = api.get("/api/v1/cases")
        assert_problem(response, 401)
        assert "WWW-Authenticate" in response
