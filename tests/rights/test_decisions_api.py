"""The case worker's decision through the API (``POST /api/v1/cases/{ref}/erasure-decisions``: erase, refuse,
extend), the two further months of art. 12(3) AVG, and the rate limit on the office holder's download."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.test import APIClient

from tests.api.conftest import bearer_client, staff_authorization
from tests.incidents_web.conftest import portal_client
from tests.staff_web.conftest import verified_client
from weerbaar.core import clock
from weerbaar.core.models import AuditEntry
from weerbaar.rights import services
from weerbaar.rights.models import ErasureRequest
from weerbaar.todos.models import Todo

pytestmark = pytest.mark.django_db

REASON = "Uw zaak heeft veel bewijs bij drie partners; wij hebben meer tijd nodig om alles na te gaan."
PROBLEM = "application/problem+json"


def _staff(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=staff_authorization(user))
    return client


@pytest.fixture
def pending(claimed):
    case, code = claimed
    response = bearer_client(case.reference, code).post(f"/api/v1/help-requests/{case.reference}/erasure-requests")
    assert response.status_code == 201
    return case, code


def _decide(advisor, case, **body):
    return _staff(advisor).post(f"/api/v1/cases/{case.reference}/erasure-decisions", body, format="json")


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), st.integers(0, 36))
def test_months_after_is_the_same_day_or_the_months_last_day(day, months):
    due = services.months_after(day, months)
    assert (due.year * 12 + due.month) - (day.year * 12 + day.month) == months
    assert due.day == day.day or (due.day < day.day and (due + timedelta(days=1)).day == 1)


def test_extend_moves_the_date_to_three_months_once_with_reasons_the_office_holder_reads(pending, advisor):
    case, code = pending
    requested = ErasureRequest.objects.get(case=case)
    response = _decide(advisor, case, decision="extend", explanation=REASON)
    assert response.status_code == 201, response.content
    body = response.json()
    requested_on = requested.requested_at.astimezone(clock.AMSTERDAM).date()
    assert body["dueOn"] == services.months_after(requested_on, 3).isoformat()
    assert body["status"] == "pending"
    assert body["extendedAt"] is not None
    assert body["extensionReason"] == REASON
    assert response["Cache-Control"] == "no-store"
    # the to-do moves with the date; the audit says when, never why
    todos = Todo.objects.filter(case=case, kind=services.TODO_KIND, done_at__isnull=True)
    assert [t.key for t in todos] == [f"rights:erasure:{requested.pk}:extended"]
    entry = AuditEntry.objects.get(object_id=case.reference, action="rights.erasure_extended")
    assert REASON not in str(entry.details)
    # the office holder reads the reasons (API and Mijn zaak)
    listed = bearer_client(case.reference, code).get(f"/api/v1/help-requests/{case.reference}/erasure-requests")
    assert listed.json()[0]["extensionReason"] == REASON
    page = portal_client(case, code).get("/mijn-zaak/uw-gegevens").content.decode()
    assert "met twee maanden verlengd" in page
    assert REASON in page
    # once only
    again = _decide(advisor, case, decision="extend", explanation=REASON)
    assert again.status_code == 409
    assert again["Content-Type"].startswith(PROBLEM)
    assert again.json()["code"] == "erasure_extended"


def test_extending_after_the_first_month_is_refused(pending, advisor):
    case, _code = pending
    ErasureRequest.objects.filter(case=case).update(due_on=clock.now().date() - timedelta(days=2))
    response = _decide(advisor, case, decision="extend", explanation=REASON)
    assert response.status_code == 409
    assert response.json()["code"] == "erasure_extension_late"


def test_extending_needs_a_reason(pending, advisor):
    case, _code = pending
    response = _decide(advisor, case, decision="extend", explanation="  ")
    assert response.status_code == 400
    assert response["Content-Type"].startswith(PROBLEM)
    assert response.json()["invalidParams"][0]["name"] == "explanation"
    assert ErasureRequest.objects.get(case=case).extended_at is None


def test_refuse_through_the_api(pending, advisor):
    case, _code = pending
    missing = _decide(advisor, case, decision="refuse", explanation="Lopende aangifte.")
    assert missing.status_code == 400
    assert missing.json()["invalidParams"][0]["name"] == "ground"
    response = _decide(advisor, case, decision="refuse", ground="legal_claims", explanation="Lopende aangifte.")
    assert response.status_code == 201, response.content
    assert (response.json()["status"], response.json()["ground"]) == ("refused", "legal_claims")
    assert _decide(advisor, case, decision="refuse", ground="legal_claims", explanation="x").json()["code"] == (
        "no_erasure_pending"
    )


def test_erase_through_the_api_destroys_the_case(pending, advisor):
    case, _code = pending
    response = _decide(advisor, case, decision="erase")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "erased"
    assert _staff(advisor).get(f"/api/v1/cases/{case.reference}").status_code == 404


def test_an_unknown_decision_is_a_400(pending, advisor):
    case, _code = pending
    response = _decide(advisor, case, decision="maybe")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "decision"


def test_the_decision_page_extends_too(pending, advisor):
    case, _code = pending
    client = verified_client(advisor)
    url = f"/werkruimte/zaken/{case.reference}/verwijderverzoek"
    assert "Verlengen: twee maanden extra" in client.get(url).content.decode()
    response = client.post(url, {"decision": "extend", "explanation": REASON})
    assert response.status_code == 302
    assert ErasureRequest.objects.get(case=case).extended_at is not None
    assert REASON in client.get(url).content.decode()


def test_the_download_is_rate_limited_per_case(claimed, settings):
    settings.WEERBAAR = {**settings.WEERBAAR, "EXPORT_RATE_LIMIT": 2}
    case, code = claimed
    api = bearer_client(case.reference, code)
    url = f"/api/v1/help-requests/{case.reference}/export"
    for _ in range(2):
        response = api.get(url)
        assert response.status_code == 200
        b"".join(response.streaming_content)
    limited = api.get(url)
    assert limited.status_code == 429
    assert limited["Content-Type"].startswith(PROBLEM)
    assert int(limited["Retry-After"]) >= 1
    # Mijn zaak counts with the API: the page says it instead of a download
    web = portal_client(case, code).get("/mijn-zaak/uw-gegevens/download")
    assert web.status_code == 302
    assert web["Location"] == "/mijn-zaak/uw-gegevens"
    assert AuditEntry.objects.filter(object_id=case.reference, action="rights.exported").count() == 2
