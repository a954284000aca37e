"""The referral path through the web pages: propose, consent in Mijn zaak, send, accept, report back."""

from __future__ import annotations

import pytest

from tests.incidents_web.conftest import portal_client
from tests.staff_web.conftest import verified_client
from weerbaar.network import items
from weerbaar.network.models import Referral

pytestmark = pytest.mark.django_db


def test_the_whole_path_through_the_pages(setup):
    case = setup["case"]
    advisor = verified_client(setup["advisor"])
    base = f"/werkruimte/zaken/{case.reference}/doorverwijzingen"
    page = advisor.get(base)
    assert page.status_code == 200
    assert "Vakgenoot Noord" in page.content.decode()
    bad = advisor.post(base, {"partner": str(setup["partner"].pk), "question": ""})
    assert bad.status_code == 400
    incident = items.incident_item(setup["first"].pk)
    second = items.incident_item(setup["second"].pk)
    response = advisor.post(
        base, {"partner": str(setup["partner"].pk), "question": "Kunt u bellen?", "items": [incident, second]}
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    holder = portal_client(case, setup["code"])
    assert holder.get("/mijn-zaak/doorverwijzingen").status_code == 200
    consent_page = holder.get(f"/mijn-zaak/doorverwijzingen/{referral.pk}").content.decode()
    assert "Vakgenoot Noord" in consent_page
    assert (
        holder.post(
            f"/mijn-zaak/doorverwijzingen/{referral.pk}",
            {"decision": "agree", "items": [incident], "contact_method": "email", "contact": "niet-een-adres"},
        ).status_code
        == 400
    )
    assert (
        holder.post(
            f"/mijn-zaak/doorverwijzingen/{referral.pk}",
            {"decision": "agree", "items": [incident], "contact_method": "email", "contact": "sam@example.org"},
        ).status_code
        == 302
    )
    assert advisor.post(f"{base}/{referral.pk}/stap", {"action": "send"}).status_code == 302
    partner = verified_client(setup["partner_user"])
    assert f"/partner/verwijzingen/{referral.pk}" in partner.get("/partner/verwijzingen").content.decode()
    detail = partner.get(f"/partner/verwijzingen/{referral.pk}").content.decode()
    assert "we weten waar je woont" in detail
    assert "Tweede incident" not in detail
    assert "sam@example.org" in detail
    assert partner.post(f"/partner/verwijzingen/{referral.pk}/stap", {"action": "accept"}).status_code == 302
    assert (
        partner.post(
            f"/partner/verwijzingen/{referral.pk}/stap", {"action": "complete", "complete-text": ""}
        ).status_code
        == 400
    )
    assert (
        partner.post(
            f"/partner/verwijzingen/{referral.pk}/stap", {"action": "complete", "complete-text": "We hebben gesproken."}
        ).status_code
        == 302
    )
    final = advisor.get(f"{base}/{referral.pk}").content.decode()
    assert "We hebben gesproken." in final
    referral.refresh_from_db()
    assert referral.status == "completed"
    # withdrawal in the portal: the partner's page is gone at once
    assert holder.post(f"/mijn-zaak/doorverwijzingen/{referral.pk}/intrekken").status_code == 302
    assert partner.get(f"/partner/verwijzingen/{referral.pk}").status_code == 404


def test_other_roles_get_no_referral_pages(setup):
    case = setup["case"]
    people = setup["people"]
    base = f"/werkruimte/zaken/{case.reference}/doorverwijzingen"
    assert verified_client(people["other_advisor"]).get(base).status_code == 404
    for role in ("analyst", "admin"):
        assert verified_client(people[role]).get(base).status_code == 403
        assert verified_client(people[role]).get("/partner/verwijzingen").status_code == 403
    assert verified_client(setup["advisor"]).get("/partner/verwijzingen").status_code == 403


def test_choosing_a_kind_preselects_the_best_suggestion(setup):
    from tests.directory_partners.factories import PartnerFactory

    lawyer = PartnerFactory(name="Advocaat Landelijk", kind="legal_aid", nationwide=True)
    advisor = verified_client(setup["advisor"])
    base = f"/werkruimte/zaken/{setup['case'].reference}/doorverwijzingen"
    page = advisor.get(base, {"kind": "legal_aid"}).content.decode()
    assert f'<option value="{lawyer.pk}" selected>' in page
    assert '<option value="" selected>' in advisor.get(base).content.decode()  # no kind: nothing chosen for you
