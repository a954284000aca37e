"""The office holder's API: the own help request and messages, with a bearer token from follow-up-sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.api.conftest import assert_problem, bearer_client, staff_client
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_help_request_status_for_the_office_holder(office_holder_api, case):
    response = office_holder_api.get(f"/api/v1/help-requests/{case.reference}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"reference", "status", "association", "urgent", "respondBy", "assignedAdvisor", "createdAt"}
    assert body["reference"] == case.reference
    assert body["status"] == "new"
    assert body["association"]["code"] == "nvvr"
    assert body["assignedAdvisor"] is None


def test_help_request_shows_the_assigned_advisor_by_display_name(office_holder_api, case, advisor):
    from weerbaar.cases.services import case_assign

    case_assign(actor=advisor, reference=case.reference, assignee_username="me")
    body = office_holder_api.get(f"/api/v1/help-requests/{case.reference}").json()
    assert body["assignedAdvisor"] == advisor.label
    assert body["status"] == "in_progress"


def test_help_request_never_shows_staff_only_metadata_or_content(office_holder_api, case, advisor):
    response = office_holder_api.get(f"/api/v1/help-requests/{case.reference}")
    for forbidden in ("assignedTo", "escalated", "name", "email", "phone", "description", "advisor-nvvr"):
        assert forbidden not in response.json()
    assert b"Sam de Vries" not in response.content


def test_messages_round_trip_between_office_holder_and_advisor(office_holder_api, case, advisor):
    advisor_api = staff_client(advisor)
    sent = office_holder_api.post(
        f"/api/v1/help-requests/{case.reference}/messages", {"text": "  Kunt u mij bellen?  "}, format="json"
    )
    assert sent.status_code == 201, sent.content
    assert sent.json()["sender"] == "officeHolder"
    assert sent.json()["text"] == "Kunt u mij bellen?"
    reply = advisor_api.post(
        f"/api/v1/cases/{case.reference}/messages", {"text": "Ik bel u om drie uur."}, format="json"
    )
    assert reply.status_code == 201, reply.content

    listed = office_holder_api.get(f"/api/v1/help-requests/{case.reference}/messages")
    assert listed.status_code == 200
    rows = listed.json()
    assert [(m["sender"], m["text"]) for m in rows] == [
        ("officeHolder", "Kunt u mij bellen?"),
        ("advisor", "Ik bel u om drie uur."),
    ]
    assert set(rows[0]) == {"id", "sender", "text", "createdAt"}


def test_reading_marks_the_advisors_messages_read(office_holder_api, case, advisor):
    from weerbaar.cases.models import CaseMessage

    staff_client(advisor).post(f"/api/v1/cases/{case.reference}/messages", {"text": "Hallo"}, format="json")
    assert CaseMessage.objects.get(case=case).read_at is None
    office_holder_api.get(f"/api/v1/help-requests/{case.reference}/messages")
    assert CaseMessage.objects.get(case=case).read_at is not None


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"text": "   "}, {"text": 5}, {"text": "x" * 10_001}])
def test_office_holder_message_text_is_validated(office_holder_api, case, body):
    response = office_holder_api.post(f"/api/v1/help-requests/{case.reference}/messages", body, format="json")
    assert_problem(response, 400, invalid={"text"})


def test_token_for_case_a_on_case_b_is_404(office_holder_api, reference_data):
    other, _ = make_case()
    for path in (f"/api/v1/help-requests/{other.reference}", f"/api/v1/help-requests/{other.reference}/messages"):
        assert_problem(office_holder_api.get(path), 404)
    response = office_holder_api.post(
        f"/api/v1/help-requests/{other.reference}/messages", {"text": "hoi"}, format="json"
    )
    assert_problem(response, 404)
    from weerbaar.cases.models import CaseMessage

    assert not CaseMessage.objects.filter(case=other).exists()


def test_unknown_reference_and_other_case_look_the_same(office_holder_api, reference_data):
    other, _ = make_case()
    a = office_holder_api.get(f"/api/v1/help-requests/{other.reference}").json()
    b = office_holder_api.get("/api/v1/help-requests/WB-0000-0000").json()
    assert a == b


def test_no_token_is_401_with_bearer_challenge(api, case):
    response = api.get(f"/api/v1/help-requests/{case.reference}")
    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Bearer wbs_unknown", "Bearer", "Bearer a b", "Bearer nottherightprefix"])
def test_bad_bearer_token_is_401(api, case, header):
    api.credentials(HTTP_AUTHORIZATION=header)
    assert_problem(api.get(f"/api/v1/help-requests/{case.reference}"), 401)


def test_expired_session_is_401(office_holder_api, case):
    from weerbaar.intake.models import FollowUpSession

    FollowUpSession.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert_problem(office_holder_api.get(f"/api/v1/help-requests/{case.reference}"), 401)


def test_resetting_the_code_ends_api_sessions(office_holder_api, case, advisor):
    from weerbaar.intake.services import follow_up_code_reset

    follow_up_code_reset(actor=advisor, reference=case.reference)
    assert_problem(office_holder_api.get(f"/api/v1/help-requests/{case.reference}"), 401)


def test_staff_token_does_not_open_the_office_holder_endpoints(case, advisor):
    assert_problem(staff_client(advisor).get(f"/api/v1/help-requests/{case.reference}"), 401)


def test_bearer_token_does_not_open_staff_endpoints(office_holder_api, case):
    assert_problem(office_holder_api.get("/api/v1/cases"), 401)
    assert_problem(office_holder_api.get(f"/api/v1/cases/{case.reference}"), 401)


def test_session_token_is_stored_only_as_a_hash(case_and_code):
    from weerbaar.intake.models import FollowUpSession

    case, code = case_and_code
    client = APIClient()
    token = client.post(
        "/api/v1/follow-up-sessions", {"reference": case.reference, "followUpCode": code}, format="json"
    ).json()["token"]
    assert not FollowUpSession.objects.filter(token_hash=token).exists()
    assert token not in str(list(FollowUpSession.objects.values_list("token_hash", flat=True)))


def test_two_sessions_for_one_case_both_work(case_and_code):
    case, code = case_and_code
    first, second = bearer_client(case.reference, code), bearer_client(case.reference, code)
    assert first.get(f"/api/v1/help-requests/{case.reference}").status_code == 200
    assert second.get(f"/api/v1/help-requests/{case.reference}").status_code == 200


def test_message_on_a_closed_case_is_409(office_holder_api, case, advisor):
    from weerbaar.cases import services

    services.case_assign(actor=advisor, reference=case.reference, assignee_username="me")
    services.case_transition(actor=advisor, reference=case.reference, target="aftercare")
    services.case_transition(actor=advisor, reference=case.reference, target="closed", outcome="advised")
    response = office_holder_api.post(
        f"/api/v1/help-requests/{case.reference}/messages", {"text": "Nog een vraag"}, format="json"
    )
    assert_problem(response, 409)
    assert "070-3738314" in response.json()["detail"]


# --- the e-mail choice: what /mijn-zaak/e-mail does on the web (issue 11) ---------------------------------


def test_the_office_holder_switches_the_email_on_changes_it_and_withdraws_it(
    office_holder_api, case, advisor, django_capture_on_commit_callbacks
):
    from weerbaar.cases import services as case_services
    from weerbaar.core.models import AuditEntry
    from weerbaar.notifications.models import OfficeHolderEmail, OutgoingMail

    url = f"/api/v1/help-requests/{case.reference}/email-notification"
    assert office_holder_api.get(url).json() == {"notifyByEmail": False, "email": None}

    on = office_holder_api.put(url, {"notifyByEmail": True, "email": "robin@voorbeeld.example"}, format="json")
    assert on.status_code == 200, on.content
    assert on.json() == {"notifyByEmail": True, "email": "robin@voorbeeld.example"}
    choice = OfficeHolderEmail.objects.get(case=case)
    assert choice.open("sealed_email", under=case) == "robin@voorbeeld.example"
    assert b"robin@" not in bytes(choice.sealed_email)  # sealed, not plain
    assert office_holder_api.get(url).json()["email"] == "robin@voorbeeld.example"
    assert AuditEntry.objects.filter(action="case.office_holder_email_read", object_id=case.reference).exists()

    changed = office_holder_api.put(url, {"notifyByEmail": True, "email": "nieuw@voorbeeld.example"}, format="json")
    assert changed.json()["email"] == "nieuw@voorbeeld.example"
    assert OfficeHolderEmail.objects.get(case=case).open("sealed_email", under=case) == "nieuw@voorbeeld.example"

    with django_capture_on_commit_callbacks(execute=True):
        case_services.case_message_send(actor=advisor, reference=case.reference, text="Hallo")
    assert OutgoingMail.objects.filter(case=case, status="queued").count() == 1
    off = office_holder_api.put(url, {"notifyByEmail": False, "email": "genegeerd@voorbeeld.example"}, format="json")
    assert off.json() == {"notifyByEmail": False, "email": None}
    assert not OfficeHolderEmail.objects.filter(case=case).exists()
    assert not OutgoingMail.objects.filter(case=case, status="queued").exists()  # waiting mail withdrawn too
    assert office_holder_api.get(url).json() == {"notifyByEmail": False, "email": None}


@pytest.mark.parametrize(
    ("body", "invalid"),
    [
        ({}, {"notifyByEmail"}),  # a missing choice never withdraws by accident
        ({"notifyByEmail": "ja"}, {"notifyByEmail"}),
        ({"notifyByEmail": True}, {"email"}),
        ({"notifyByEmail": True, "email": "geen-adres"}, {"email"}),
        ({"notifyByEmail": True, "email": 12}, {"email"}),
    ],
)
def test_a_wrong_email_choice_is_400_naming_the_field_and_changes_nothing(office_holder_api, case, body, invalid):
    from weerbaar.notifications.models import OfficeHolderEmail

    url = f"/api/v1/help-requests/{case.reference}/email-notification"
    office_holder_api.put(url, {"notifyByEmail": True, "email": "robin@voorbeeld.example"}, format="json")
    assert_problem(office_holder_api.put(url, body, format="json"), 400, invalid=invalid)
    assert OfficeHolderEmail.objects.get(case=case).open("sealed_email", under=case) == "robin@voorbeeld.example"


def test_the_email_choice_of_another_case_is_404(office_holder_api, reference_data):
    other, _code = make_case()
    url = f"/api/v1/help-requests/{other.reference}/email-notification"
    assert_problem(office_holder_api.get(url), 404)
    assert_problem(office_holder_api.put(url, {"notifyByEmail": False}, format="json"), 404)
