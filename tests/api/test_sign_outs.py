"""Issue 12: POST /help-requests/{reference}/sign-outs, "Overal uitloggen" for apps.

What the button in Mijn zaak does, with the office holder's bearer token: every bearer token of the case (this one
included) answers 401 from then on and every Mijn zaak session is signed out; the follow-up code keeps working.
"""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.api.conftest import assert_problem, bearer_client, staff_client
from tests.factories import make_case
from weerbaar.core.models import AuditEntry
from weerbaar.intake.models import FollowUpCredential, FollowUpSession

pytestmark = pytest.mark.django_db

ACTION = "case.office_holder_signed_out_everywhere"


def sign_outs(reference: str) -> str:
    return f"/api/v1/help-requests/{reference}/sign-outs"


def portal(reference: str, code: str) -> Client:
    client = Client()
    assert client.post("/mijn-zaak/inloggen", {"reference": reference, "code": code})["Location"] == "/mijn-zaak"
    assert client.get("/mijn-zaak").status_code == 200
    return client


def test_signing_out_ends_every_token_and_portal_session_of_the_case_but_not_the_code(case_and_code):
    case, code = case_and_code
    this, other_app = bearer_client(case.reference, code), bearer_client(case.reference, code)
    browser = portal(case.reference, code)

    response = this.post(sign_outs(case.reference))

    assert response.status_code == 204, response.content
    assert response.content == b""
    assert "no-store" in response["Cache-Control"]
    for client in (this, other_app):
        assert_problem(client.get(f"/api/v1/help-requests/{case.reference}"), 401)
        assert_problem(client.post(sign_outs(case.reference)), 401)
    assert browser.get("/mijn-zaak")["Location"] == "/mijn-zaak/inloggen"
    assert not FollowUpSession.objects.filter(case=case).exists()
    # the code still opens a new session, on the web and in the API
    assert bearer_client(case.reference, code).get(f"/api/v1/help-requests/{case.reference}").status_code == 200
    assert portal(case.reference, code)


def test_signing_out_is_audited_once_as_the_office_holder(case_and_code):
    case, code = case_and_code
    assert bearer_client(case.reference, code).post(sign_outs(case.reference)).status_code == 204
    entry = AuditEntry.objects.get(action=ACTION, object_id=case.reference)
    assert entry.actor == f"officeholder:{case.reference}"


def test_another_cases_reference_is_404_and_ends_nothing(case_and_code):
    case, code = case_and_code
    other, other_code = make_case()
    mine, theirs = bearer_client(case.reference, code), bearer_client(other.reference, other_code)
    generations = dict(FollowUpCredential.objects.values_list("case_id", "generation"))

    refused = mine.post(sign_outs(other.reference))

    assert_problem(refused, 404)
    assert other.reference.encode() not in refused.content
    assert theirs.get(f"/api/v1/help-requests/{other.reference}").status_code == 200
    assert mine.get(f"/api/v1/help-requests/{case.reference}").status_code == 200
    assert dict(FollowUpCredential.objects.values_list("case_id", "generation")) == generations
    assert not AuditEntry.objects.filter(action=ACTION).exists()


def test_one_cases_sign_out_leaves_another_cases_sessions_alone(case_and_code):
    case, code = case_and_code
    other, other_code = make_case()
    theirs, their_browser = bearer_client(other.reference, other_code), portal(other.reference, other_code)
    assert bearer_client(case.reference, code).post(sign_outs(case.reference)).status_code == 204
    assert theirs.get(f"/api/v1/help-requests/{other.reference}").status_code == 200
    assert their_browser.get("/mijn-zaak").status_code == 200


def test_staff_and_anonymous_callers_cannot_sign_the_office_holder_out(case_and_code, advisor):
    case, code = case_and_code
    token = bearer_client(case.reference, code)
    for client in (APIClient(), staff_client(advisor)):
        response = client.post(sign_outs(case.reference))
        assert_problem(response, 401)
        assert "WWW-Authenticate" in response
    assert token.get(f"/api/v1/help-requests/{case.reference}").status_code == 200
    assert not AuditEntry.objects.filter(action=ACTION).exists()
