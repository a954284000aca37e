"""Issue 12, point 2 on the web: the advisor replaces a leaked code from the case page, the office holder signs out
everywhere from Mijn zaak, and a closed case is readable for a set period and then no more."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.factories import UserFactory, make_case
from tests.staff_web.conftest import verified_client
from weerbaar.accounts.models import Role
from weerbaar.cases.models import Case
from weerbaar.core.models import AuditEntry
from weerbaar.directory.models import Association
from weerbaar.intake.portal import SESSION_KEY

CODE_RE = re.compile(r'<code class="weerbaar-ws-secret">([^<]+)</code>')


def sign_in(client: Client, reference: str, code: str):
    return client.post("/mijn-zaak/inloggen", {"reference": reference, "code": code})


def signed_in(reference: str, code: str) -> Client:
    client = Client()
    assert sign_in(client, reference, code)["Location"] == "/mijn-zaak"
    return client


def bearer(reference: str, code: str) -> APIClient:
    response = APIClient().post(
        "/api/v1/follow-up-sessions", {"reference": reference, "followUpCode": code}, format="json"
    )
    assert response.status_code == 201, response.content
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['token']}")
    return client


@pytest.fixture
def advisor(reference_data):
    return UserFactory(username="anna-codes", role=Role.ADVISOR, association=Association.objects.get(code="nvvr"))


def test_the_case_page_offers_a_new_code_to_those_who_work_on_the_case(web, advisor):
    case, _ = make_case()
    html = verified_client(advisor).get(f"/werkruimte/zaken/{case.reference}").content.decode()
    assert f'action="/werkruimte/zaken/{case.reference}/persoonlijke-code"' in html
    assert "Nieuwe persoonlijke code maken" in html
    coordinator = UserFactory(username="coord-codes", role=Role.COORDINATOR)  # bzk: metadata only
    html = verified_client(coordinator).get(f"/werkruimte/zaken/{case.reference}").content.decode()
    assert "persoonlijke-code" not in html


def test_replacing_the_code_on_the_web_shows_it_once_and_ends_every_session(web, advisor):
    case, old_code = make_case()
    browser, token = signed_in(case.reference, old_code), bearer(case.reference, old_code)
    staff = verified_client(advisor)
    assert staff.get(f"/werkruimte/zaken/{case.reference}/persoonlijke-code").status_code == 405

    page = staff.post(f"/werkruimte/zaken/{case.reference}/persoonlijke-code")
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    new_code = CODE_RE.search(page.content.decode()).group(1)

    assert browser.get("/mijn-zaak")["Location"] == "/mijn-zaak/inloggen"
    assert token.get(f"/api/v1/help-requests/{case.reference}").status_code == 401
    refused = sign_in(Client(), case.reference, old_code)
    assert refused.status_code == 400
    assert "klopt niet" in refused.content.decode()
    assert signed_in(case.reference, new_code).get("/mijn-zaak").status_code == 200
    # shown once: the case page never shows the code again
    assert new_code not in staff.get(f"/werkruimte/zaken/{case.reference}").content.decode()


def test_an_advisor_of_another_association_cannot_replace_the_code(web, advisor):
    case, code = make_case()
    other = UserFactory(username="bert-ngb", role=Role.ADVISOR, association=Association.objects.get(code="ngb"))
    assert verified_client(other).post(f"/werkruimte/zaken/{case.reference}/persoonlijke-code").status_code == 404
    assert signed_in(case.reference, code).get("/mijn-zaak").status_code == 200


def test_signing_out_everywhere_ends_every_browser_and_token_of_the_case_but_keeps_the_code(web):
    case, code = make_case()
    other_case, other_code = make_case()
    here, elsewhere = signed_in(case.reference, code), signed_in(case.reference, code)
    token = bearer(case.reference, code)
    neighbour = signed_in(other_case.reference, other_code)
    html = here.get("/mijn-zaak").content.decode()
    assert 'action="/mijn-zaak/overal-uitloggen"' in html
    assert here.get("/mijn-zaak/overal-uitloggen").status_code == 405

    response = here.post("/mijn-zaak/overal-uitloggen", follow=True)
    assert "U bent overal uitgelogd" in response.content.decode()
    assert SESSION_KEY not in here.session
    assert elsewhere.get("/mijn-zaak")["Location"] == "/mijn-zaak/inloggen"
    assert token.get(f"/api/v1/help-requests/{case.reference}").status_code == 401
    assert neighbour.get("/mijn-zaak").status_code == 200
    assert signed_in(case.reference, code).get("/mijn-zaak").status_code == 200  # the code still works
    assert AuditEntry.objects.filter(
        action="case.office_holder_signed_out_everywhere", object_id=case.reference
    ).exists()


def test_a_closed_case_is_readable_for_the_period_and_then_its_sessions_end(web, advisor, settings):
    settings.WEERBAAR = {**settings.WEERBAAR, "CLOSED_ACCESS_DAYS": 90}
    case, code = make_case(state="closed", advisor=advisor)
    browser = signed_in(case.reference, code)
    html = browser.get("/mijn-zaak").content.decode()
    assert "nog inzien tot" in html

    Case.objects.filter(pk=case.pk).update(closed_at=case.closed_at - timedelta(days=91))
    assert browser.get("/mijn-zaak")["Location"] == "/mijn-zaak/inloggen"
    refused = sign_in(Client(), case.reference, code)
    assert refused.status_code == 400
    assert "gesloten en niet meer in te zien" in refused.content.decode()
    # a wrong code still gets only the generic answer: the period's end is told after the right code only
    wrong = sign_in(Client(), case.reference, "0" * 26)
    assert "gesloten" not in wrong.content.decode()
