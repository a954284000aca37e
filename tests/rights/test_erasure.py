"""Erasure requests (art. 17 AVG): the office holder asks (API and Mijn zaak), the case worker decides within
the statutory month (art. 12(3) AVG), tracked by a to-do and shown on the case page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from tests.api.conftest import bearer_client
from tests.incidents_web.conftest import portal_client
from tests.staff_web.conftest import verified_client
from weerbaar.accounts import policy
from weerbaar.core import clock
from weerbaar.core.models import AuditEntry
from weerbaar.rights import services
from weerbaar.rights.models import ErasureRequest, ErasureStatus
from weerbaar.todos.models import Todo

pytestmark = pytest.mark.django_db

EXPLANATION = "Uw aangifte loopt nog; het OM heeft het dossier nodig."


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_one_month_after_is_the_same_day_next_month_or_its_last_day(day):
    due = services.one_month_after(day)
    assert (due.year * 12 + due.month) - (day.year * 12 + day.month) == 1
    assert due.day == day.day or (due.day < day.day and (due + timedelta(days=1)).day == 1)
    assert 28 <= (due - day).days <= 31


def test_one_month_after_examples():
    assert services.one_month_after(date(2026, 1, 31)) == date(2026, 2, 28)
    assert services.one_month_after(date(2028, 1, 31)) == date(2028, 2, 29)
    assert services.one_month_after(date(2026, 12, 7)) == date(2027, 1, 7)


def _request_by_api(case, code):
    return bearer_client(case.reference, code).post(f"/api/v1/help-requests/{case.reference}/erasure-requests")


def test_the_office_holder_asks_through_the_api(claimed, advisor):
    case, code = claimed
    response = _request_by_api(case, code)
    assert response.status_code == 201, response.content
    body = response.json()
    today = clock.now().astimezone(clock.AMSTERDAM).date()
    assert body["status"] == "pending"
    assert body["dueOn"] == services.one_month_after(today).isoformat()
    assert body["ground"] is None
    assert body["explanation"] is None
    # tracked: a to-do for the case's advisor, a week before the statutory month ends
    todo = Todo.objects.get(case=case, kind=services.TODO_KIND, done_at__isnull=True)
    assert todo.assignee == advisor
    assert todo.due_at.astimezone(clock.AMSTERDAM).date() <= services.one_month_after(today) - timedelta(days=7)
    assert todo.link == f"/werkruimte/zaken/{case.reference}/verwijderverzoek"
    assert AuditEntry.objects.filter(object_id=case.reference, action="rights.erasure_requested").count() == 1
    listed = bearer_client(case.reference, code).get(f"/api/v1/help-requests/{case.reference}/erasure-requests")
    assert [r["status"] for r in listed.json()] == ["pending"]


def test_one_open_request_at_a_time(claimed):
    case, code = claimed
    assert _request_by_api(case, code).status_code == 201
    again = _request_by_api(case, code)
    assert again.status_code == 409
    assert again["Content-Type"].startswith("application/problem+json")
    assert ErasureRequest.objects.filter(case=case).count() == 1


def test_the_office_holder_asks_in_mijn_zaak_and_sees_the_state(claimed):
    case, code = claimed
    client = portal_client(case, code)
    page = client.get("/mijn-zaak/uw-gegevens").content.decode()
    assert "Vraag om verwijdering van mijn zaak" in page
    response = client.post("/mijn-zaak/uw-gegevens")
    assert response.status_code == 302
    request = ErasureRequest.objects.get(case=case)
    assert request.status == ErasureStatus.PENDING
    page = client.get("/mijn-zaak/uw-gegevens").content.decode()
    assert "Uw adviseur beslist uiterlijk" in page
    assert "Vraag om verwijdering van mijn zaak" not in page  # one open request at a time
    assert "U heeft gevraagd om verwijdering." in client.get("/mijn-zaak").content.decode()
    assert client.post("/mijn-zaak/uw-gegevens").status_code == 409


def test_the_case_page_shows_the_request_with_its_date(claimed, advisor):
    case, code = claimed
    _request_by_api(case, code)
    staff = verified_client(advisor)
    page = staff.get(f"/werkruimte/zaken/{case.reference}").content.decode()
    assert "Verzoek om verwijdering" in page
    assert f"/werkruimte/zaken/{case.reference}/verwijderverzoek" in page
    assert "art. 12 lid 3 AVG" in page


def test_the_advisor_refuses_with_a_ground_and_the_office_holder_reads_why(claimed, advisor):
    case, code = claimed
    _request_by_api(case, code)
    staff = verified_client(advisor)
    url = f"/werkruimte/zaken/{case.reference}/verwijderverzoek"
    assert staff.get(url).status_code == 200
    response = staff.post(url, {"decision": "refuse", "ground": "legal_claims", "explanation": EXPLANATION})
    assert response.status_code == 302
    request = ErasureRequest.objects.get(case=case)
    assert request.status == ErasureStatus.REFUSED
    assert request.ground == "legal_claims"
    assert request.decided_by == advisor
    assert EXPLANATION.encode() not in bytes(request.sealed_explanation)  # sealed under the case key
    assert not Todo.objects.filter(case=case, kind=services.TODO_KIND, done_at__isnull=True).exists()
    entry = AuditEntry.objects.get(object_id=case.reference, action="rights.erasure_refused")
    assert entry.details == {"request": request.pk, "ground": "legal_claims"}
    # the office holder sees it: on the page and through the API
    page = portal_client(case, code).get("/mijn-zaak/uw-gegevens").content.decode()
    assert "afgewezen" in page
    assert "Uw aangifte loopt nog" in page
    listed = bearer_client(case.reference, code).get(f"/api/v1/help-requests/{case.reference}/erasure-requests")
    assert listed.json()[0]["explanation"] == EXPLANATION
    # and may ask again
    assert _request_by_api(case, code).status_code == 201


def test_a_refusal_needs_a_ground_and_an_explanation(claimed, advisor):
    case, code = claimed
    _request_by_api(case, code)
    staff = verified_client(advisor)
    response = staff.post(f"/werkruimte/zaken/{case.reference}/verwijderverzoek", {"decision": "refuse"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kies de grond voor de afwijzing." in page
    assert ErasureRequest.objects.get(case=case).status == ErasureStatus.PENDING


def test_no_decision_without_an_open_request(claimed, advisor):
    case, _code = claimed
    response = verified_client(advisor).post(
        f"/werkruimte/zaken/{case.reference}/verwijderverzoek", {"decision": "erase"}
    )
    assert response.status_code == 409
    assert "Er is geen open verzoek om verwijdering" in response.content.decode()


def test_erasing_destroys_the_case_through_the_destruction_service(claimed, advisor, monkeypatch):
    case, code = claimed
    _request_by_api(case, code)
    calls = []

    def fake_destroy(target, *, actor, reason, approved_by=()):
        calls.append((target.reference, actor, reason, tuple(approved_by)))

    monkeypatch.setattr(services, "_case_destroy", lambda: fake_destroy)
    response = verified_client(advisor).post(
        f"/werkruimte/zaken/{case.reference}/verwijderverzoek", {"decision": "erase"}
    )
    assert response.status_code == 302
    request = ErasureRequest.objects.get(reference=case.reference)
    assert calls == [(case.reference, advisor.username, f"erasure request {request.pk} (art. 17 AVG)", (advisor,))]
    assert request.status == ErasureStatus.ERASED
    assert request.decided_by == advisor
    assert AuditEntry.objects.filter(object_id=case.reference, action="rights.erasure_granted").exists()


def test_a_refusal_by_the_destruction_guard_changes_nothing(claimed, advisor, monkeypatch):
    from weerbaar.core.errors import Conflict

    case, code = claimed
    _request_by_api(case, code)

    def guarded(target, **kwargs):
        raise Conflict("Deze zaak staat onder een bewaarplicht.")

    monkeypatch.setattr(services, "_case_destroy", lambda: guarded)
    response = verified_client(advisor).post(
        f"/werkruimte/zaken/{case.reference}/verwijderverzoek", {"decision": "erase"}
    )
    assert response.status_code == 409
    assert "bewaarplicht" in response.content.decode()
    assert ErasureRequest.objects.get(case=case).status == ErasureStatus.PENDING
    assert not AuditEntry.objects.filter(object_id=case.reference, action="rights.erasure_granted").exists()


def test_erasing_for_real_leaves_the_reference_unknown(claimed, advisor):
    pytest.importorskip("weerbaar.destruction.services")
    case, code = claimed
    _request_by_api(case, code)
    response = verified_client(advisor).post(
        f"/werkruimte/zaken/{case.reference}/verwijderverzoek", {"decision": "erase"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    request = ErasureRequest.objects.get(reference=case.reference)
    assert request.status == ErasureStatus.ERASED
    assert request.case_id is None  # the case row is gone; the request keeps dates, status and who decided
    from weerbaar.destruction.models import DestroyedCase

    assert DestroyedCase.objects.filter(reference=case.reference).exists()
    response = Client().post("/mijn-zaak/inloggen", {"reference": case.reference, "code": code})
    assert response.status_code != 302


def test_only_case_workers_with_content_access_decide(claimed, advisor):
    case, code = claimed
    _request_by_api(case, code)
    holder = policy.access_case_as_office_holder(
        policy.OfficeHolder(case_id=case.pk, reference=case.reference), case.reference
    )
    assert not policy.can_decide_erasure(holder)
    staff = policy.access_case(advisor, case.reference, level=policy.CONTENT)
    assert policy.can_decide_erasure(staff)
    assert not policy.can_request_erasure(staff)
    assert policy.can_request_erasure(holder)
    with pytest.raises(Exception, match="Alleen een adviseur"):
        services.erasure_request_refuse(access=holder, ground="legal_hold", explanation="x")


def test_the_reads_refuse_a_metadata_grant_and_a_bare_case(claimed):
    from tests.factories import UserFactory
    from weerbaar.directory.models import Association
    from weerbaar.rights import export, selectors

    case, _code = claimed
    coordinator = UserFactory(
        username="rights-coordinator", role="coordinator", association=Association.objects.get(code="bzk")
    )
    metadata = policy.access_case(coordinator, case.reference, level=policy.METADATA)
    for read in (selectors.erasure_requests_read, export.export_prepare):
        with pytest.raises(policy.AccessRequired):
            read(access=metadata)
        with pytest.raises(policy.AccessRequired):
            read(access=case)


def test_a_legal_hold_stops_the_erasure_and_the_request_stays_open(claimed, advisor):
    from weerbaar.cases.models import Case
    from weerbaar.retention.models import LegalHold

    case, code = claimed
    _request_by_api(case, code)
    LegalHold.objects.create(case=case, reason="Strafzaak", placed_by=advisor, placed_at=clock.now())
    response = verified_client(advisor).post(
        f"/werkruimte/zaken/{case.reference}/verwijderverzoek", {"decision": "erase"}
    )
    assert response.status_code == 409
    assert "Wijs het verzoek af met de juiste grond." in response.content.decode()
    assert Case.objects.filter(pk=case.pk).exists()
    assert ErasureRequest.objects.get(case=case).status == ErasureStatus.PENDING
    assert Todo.objects.filter(case=case, kind=services.TODO_KIND, done_at__isnull=True).exists()


REASON = "Wij wachten op het dossier van de politie."


def _refused_then_extended(case, code, advisor):
    """An older request, refused with an explanation, and a newer one, open and extended with a reason."""
    staff = verified_client(advisor)
    url = f"/werkruimte/zaken/{case.reference}/verwijderverzoek"
    assert _request_by_api(case, code).status_code == 201
    assert (
        staff.post(url, {"decision": "refuse", "ground": "legal_claims", "explanation": EXPLANATION}).status_code == 302
    )
    assert _request_by_api(case, code).status_code == 201
    assert staff.post(url, {"decision": "extend", "explanation": REASON}).status_code == 302
    older, newer = ErasureRequest.objects.filter(case=case).order_by("requested_at", "id")
    assert (older.status, newer.status) == (ErasureStatus.REFUSED, ErasureStatus.PENDING)
    return staff, older, newer


def test_the_case_page_and_the_decision_page_open_only_the_texts_they_show(claimed, advisor, monkeypatch):
    case, code = claimed
    staff, older, newer = _refused_then_extended(case, code, advisor)
    opened = []
    original = ErasureRequest.open

    def recording(self, field, *, under=None):
        opened.append((self.pk, field))
        return original(self, field, under=under)

    monkeypatch.setattr(ErasureRequest, "open", recording)
    page = staff.get(f"/werkruimte/zaken/{case.reference}").content.decode()
    assert "Verzoek behandelen" in page
    assert opened == []  # the panel shows dates and a state, no text
    page = staff.get(f"/werkruimte/zaken/{case.reference}/verwijderverzoek").content.decode()
    assert REASON in page
    assert "Eerdere verzoeken" in page  # the older one's metadata is still listed
    assert "Afgewezen" in page
    assert opened == [(newer.pk, "sealed_extension_reason")]
    # Mijn zaak shows every request's texts, and opens them
    opened.clear()
    page = portal_client(case, code).get("/mijn-zaak/uw-gegevens").content.decode()
    assert EXPLANATION in page
    assert REASON in page
    assert sorted(opened) == sorted([(older.pk, "sealed_explanation"), (newer.pk, "sealed_extension_reason")])


def test_an_unreadable_older_explanation_does_not_stop_the_staff_pages(claimed, advisor):
    case, code = claimed
    staff, older, _newer = _refused_then_extended(case, code, advisor)
    ErasureRequest.objects.filter(pk=older.pk).update(sealed_explanation=b"\x00" * 64)
    assert staff.get(f"/werkruimte/zaken/{case.reference}").status_code == 200
    page = staff.get(f"/werkruimte/zaken/{case.reference}/verwijderverzoek")
    assert page.status_code == 200
    assert REASON in page.content.decode()
