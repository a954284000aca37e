"""Issue 12, point 2 (the Contract): POST /cases/{reference}/follow-up-code-resets revokes a leaked code.

From the moment of the reset every bearer token of the case answers 401, the old code opens no session and the
new one does; the answer carries the code once and no cache may keep it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import assert_problem, bearer_client, staff_client
from tests.factories import UserFactory, make_case
from weerbaar.cases.models import Case
from weerbaar.core.models import AuditEntry
from weerbaar.core.references import normalise_follow_up_code

pytestmark = pytest.mark.django_db


def sign_in(reference: str, code: str):
    return APIClient().post("/api/v1/follow-up-sessions", {"reference": reference, "followUpCode": code}, format="json")


def reset(client, reference: str):
    return client.post(f"/api/v1/cases/{reference}/follow-up-code-resets")


def test_reset_answers_201_with_a_new_code_that_no_cache_keeps(advisor_api, case_and_code):
    case, old_code = case_and_code
    response = reset(advisor_api, case.reference)
    assert response.status_code == 201, response.content
    assert set(response.json()) == {"followUpCode"}
    new_code = response.json()["followUpCode"]
    assert normalise_follow_up_code(new_code) != normalise_follow_up_code(old_code)
    assert response["Cache-Control"] == "no-store"


def test_after_a_reset_every_token_is_401_the_old_code_refused_the_new_one_works(advisor_api, case_and_code):
    case, old_code = case_and_code
    first, second = bearer_client(case.reference, old_code), bearer_client(case.reference, old_code)
    assert first.get(f"/api/v1/help-requests/{case.reference}").status_code == 200

    new_code = reset(advisor_api, case.reference).json()["followUpCode"]

    for client in (first, second):
        assert_problem(client.get(f"/api/v1/help-requests/{case.reference}"), 401)
        assert_problem(client.get(f"/api/v1/help-requests/{case.reference}/messages"), 401)
    assert_problem(sign_in(case.reference, old_code), 401)
    opened = sign_in(case.reference, new_code)
    assert opened.status_code == 201, opened.content
    again = APIClient()
    again.credentials(HTTP_AUTHORIZATION=f"Bearer {opened.json()['token']}")
    assert again.get(f"/api/v1/help-requests/{case.reference}").status_code == 200


def test_reset_is_audited_and_the_code_is_not(advisor, advisor_api, case_and_code):
    case, _ = case_and_code
    new_code = reset(advisor_api, case.reference).json()["followUpCode"]
    entry = AuditEntry.objects.filter(action="case.follow_up_code_reset", object_id=case.reference).get()
    assert entry.actor == f"user:{advisor.username}"
    stored = [str(value) for value in AuditEntry.objects.values_list("actor", "action", "object_id")]
    assert not any(normalise_follow_up_code(new_code) in row for row in stored)


def test_a_reset_by_someone_without_content_access_changes_nothing(other_advisor, case_and_code):
    case, code = case_and_code
    token = bearer_client(case.reference, code)
    assert_problem(reset(staff_client(other_advisor), case.reference), 404)
    assert_problem(reset(APIClient(), case.reference), 401)
    assert_problem(reset(token, case.reference), 401)  # the office holder cannot reset: only an advisor verifies
    assert token.get(f"/api/v1/help-requests/{case.reference}").status_code == 200
    assert sign_in(case.reference, code).status_code == 201
    assert not AuditEntry.objects.filter(action="case.follow_up_code_reset").exists()


def test_a_reset_of_one_case_leaves_another_cases_tokens_alone(advisor_api, case_and_code):
    case, _ = case_and_code
    other, other_code = make_case()
    token = bearer_client(other.reference, other_code)
    assert reset(advisor_api, case.reference).status_code == 201
    assert token.get(f"/api/v1/help-requests/{other.reference}").status_code == 200


def test_a_closed_case_stays_readable_for_the_access_period_then_every_token_ends(settings, reference_data):
    settings.WEERBAAR = {**settings.WEERBAAR, "CLOSED_ACCESS_DAYS": 90}
    advisor = UserFactory(username="closing-advisor", role="advisor")
    case, code = make_case(state="closed", advisor=advisor)
    token = bearer_client(case.reference, code)
    assert token.get(f"/api/v1/help-requests/{case.reference}").status_code == 200

    Case.objects.filter(pk=case.pk).update(closed_at=case.closed_at - timedelta(days=89))
    assert token.get(f"/api/v1/help-requests/{case.reference}").status_code == 200
    assert sign_in(case.reference, code).status_code == 201

    Case.objects.filter(pk=case.pk).update(closed_at=case.closed_at - timedelta(days=91))
    assert_problem(token.get(f"/api/v1/help-requests/{case.reference}"), 401)
    refused = sign_in(case.reference, code)
    assert_problem(refused, 401)
    assert "gesloten" in refused.json()["detail"]  # after the right code only: the period has ended


def test_the_access_period_is_a_setting(settings, reference_data):
    settings.WEERBAAR = {**settings.WEERBAAR, "CLOSED_ACCESS_DAYS": 5}
    advisor = UserFactory(username="closing-advisor-5", role="advisor")
    case, code = make_case(state="closed", advisor=advisor)
    Case.objects.filter(pk=case.pk).update(closed_at=case.closed_at - timedelta(days=6))
    assert_problem(sign_in(case.reference, code), 401)
    settings.WEERBAAR = {**settings.WEERBAAR, "CLOSED_ACCESS_DAYS": 7}
    assert sign_in(case.reference, code).status_code == 201
