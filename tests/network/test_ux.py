"""What the people on each side are told: the waiting consent in Mijn zaak, a consent form that starts
unticked with the case's own way of contact, the consent page's explanation and next step, the partner's
wording and next step, suggestions that keep unavailable partners apart, exhibits named by kind."""

from __future__ import annotations

import re

import pytest

from tests.incidents_web.conftest import portal_client
from tests.network.factories import consent_data, propose, referral_in
from tests.staff_web.conftest import verified_client
from weerbaar.accounts import policy
from weerbaar.cases.models import CaseMessage
from weerbaar.network import items, selectors, services

pytestmark = pytest.mark.django_db


def _checked(html: str, name: str) -> list[str]:
    return re.findall(rf'<input type="(?:checkbox|radio)" name="{name}" value="([^"]+)"[^>]* checked', html)


def test_mijn_zaak_says_a_consent_request_waits_until_it_is_answered(setup):
    case = setup["case"]
    holder = portal_client(case, setup["code"])
    assert "Bekijken en kiezen" not in holder.get("/mijn-zaak").content.decode()
    referral = propose(setup["advisor"], case, setup["partner"])
    page = holder.get("/mijn-zaak").content.decode()
    assert "Uw adviseur vraagt uw toestemming om u in contact te brengen met een vakgenoot." in page
    assert f'href="/mijn-zaak/doorverwijzingen/{referral.pk}">Bekijken en kiezen' in page
    assert "1 wacht op uw keuze" in page
    assert "Vakgenoot Noord" not in page  # the alert names the kind only
    second = propose(setup["advisor"], case, setup["other_partner"])
    page = holder.get("/mijn-zaak").content.decode()
    assert "Uw adviseur vraagt uw toestemming voor 2 doorverwijzingen." in page
    assert "2 wachten op uw keuze" in page
    for r in (referral, second):
        services.referral_consent_refuse(actor=setup["advisor"], reference=case.reference, referral_id=r.pk)
    page = holder.get("/mijn-zaak").content.decode()
    assert "Bekijken en kiezen" not in page
    assert "wacht op uw keuze" not in page
    assert [w.kind for w in selectors.awaiting_consent(case)] == []


def test_a_proposal_leaves_a_content_free_message_in_mijn_zaak(setup):
    case = setup["case"]
    before = CaseMessage.objects.filter(case=case).count()
    propose(setup["advisor"], case, setup["partner"], question="Geheime vraag over de buurman")
    assert CaseMessage.objects.filter(case=case).count() == before + 1
    holder = portal_client(case, setup["code"])
    page = holder.get("/mijn-zaak").content.decode()
    assert "Uw adviseur vraagt uw toestemming voor een doorverwijzing naar een netwerkpartner." in page
    assert "Geheime vraag" not in page
    assert "Vakgenoot Noord" not in page


@pytest.mark.parametrize("preferred", ["phone", "email"])
def test_consent_forms_start_unticked_with_the_cases_preferred_contact(setup, preferred):
    case = setup["case"]
    case.preferred_contact = preferred
    case.save(update_fields=["preferred_contact"])
    incident = items.incident_item(setup["first"].pk)
    referral = propose(setup["advisor"], case, setup["partner"], proposed=[incident, items.REQUEST_TEXT])
    advisor = verified_client(setup["advisor"])
    page = advisor.get(f"/werkruimte/zaken/{case.reference}/doorverwijzingen/{referral.pk}").content.decode()
    assert _checked(page, "items") == []
    assert _checked(page, "contact_method") == [preferred]
    expected = "06 12345678" if preferred == "phone" else "sam@example.org"
    assert f'value="{expected}"' in page
    holder = portal_client(case, setup["code"])
    page = holder.get(f"/mijn-zaak/doorverwijzingen/{referral.pk}").content.decode()
    assert _checked(page, "items") == []
    assert _checked(page, "contact_method") == [preferred]


def test_portal_consent_page_explains_the_partner_the_next_step_and_withdrawal(setup):
    case = setup["case"]
    referral = propose(setup["advisor"], case, setup["partner"], proposed=[items.REQUEST_TEXT])
    holder = portal_client(case, setup["code"])
    page = holder.get(f"/mijn-zaak/doorverwijzingen/{referral.pk}").content.decode()
    assert "Voorstel: contact met Vakgenoot Noord (Vakgenoot)" in page
    assert "Een vakgenoot is een andere volksvertegenwoordiger" in page
    assert "Wacht op uw keuze" in page
    assert "Vakgenoot Noord reageert binnen 2 werkdagen en neemt contact met u op via e-mail." in page
    assert page.index("U kunt uw toestemming altijd intrekken.") < page.index("Ik geef toestemming")
    assert "<details" in page
    assert "Toon de tekst van uw hulpvraag" in page
    own = policy.access_case_as_office_holder(policy.OfficeHolder(case.pk, case.reference), case.reference)
    assert selectors.request_text_of(own)
    assert selectors.request_text_of(own)[:20] in page
    assert 'href="/mijn-zaak"' in page  # back to Mijn zaak
    response = holder.post(
        f"/mijn-zaak/doorverwijzingen/{referral.pk}",
        {"decision": "agree", "contact_method": "phone", "contact": "06 12345678"},
    )
    assert response.status_code == 302
    page = holder.get(f"/mijn-zaak/doorverwijzingen/{referral.pk}").content.decode()
    assert "Doorverwijzing: contact met Vakgenoot Noord" in page
    assert "Uw adviseur stuurt de doorverwijzing nu door." in page
    assert "neemt contact met u op via telefoon." in page


def test_request_text_is_not_shown_when_it_is_not_proposed(setup):
    case = setup["case"]
    referral = propose(setup["advisor"], case, setup["partner"], proposed=[items.incident_item(setup["first"].pk)])
    page = portal_client(case, setup["code"]).get(f"/mijn-zaak/doorverwijzingen/{referral.pk}").content.decode()
    assert "Toon de tekst van uw hulpvraag" not in page


def test_partner_pages_wait_for_the_partner_fold_away_declining_and_give_the_next_step(setup):
    case = setup["case"]
    referral = propose(setup["advisor"], case, setup["partner"])
    services.referral_consent_give(
        actor=setup["advisor"],
        reference=case.reference,
        referral_id=referral.pk,
        data=consent_data(contact_method="email", contact="sam@example.org"),
    )
    services.referral_send(actor=setup["advisor"], reference=case.reference, referral_id=referral.pk)
    partner = verified_client(setup["partner_user"])
    listing = partner.get("/partner/verwijzingen").content.decode()
    assert "Wacht op uw reactie" in listing
    assert "Verstuurd" not in listing
    assert "Vertrouwelijk" in listing
    detail = partner.get(f"/partner/verwijzingen/{referral.pk}").content.decode()
    assert "Wacht op uw reactie" in detail
    assert "weerbaar-ref-confidential" in detail
    summary = detail.index("<summary>Kunt u dit niet oppakken?</summary>")
    assert detail.index("<details") < summary < detail.index('name="decline-text"')
    assert "Neem contact op met" not in detail
    # a decline without a reason answers 400 with the fold open
    bad = partner.post(f"/partner/verwijzingen/{referral.pk}/stap", {"action": "decline", "decline-text": ""})
    assert bad.status_code == 400
    assert '<details class="weerbaar-ref-details" open>' in bad.content.decode()
    assert partner.post(f"/partner/verwijzingen/{referral.pk}/stap", {"action": "accept"}).status_code == 302
    detail = partner.get(f"/partner/verwijzingen/{referral.pk}").content.decode()
    assert "Neem contact op met Sam via e-mail" in detail
    assert 'href="mailto:sam@example.org"' in detail


def test_next_step_by_phone_links_to_tel(setup):
    referral = referral_in(
        "accepted", setup["advisor"], setup["case"], setup["partner"], partner_user=setup["partner_user"]
    )
    detail = verified_client(setup["partner_user"]).get(f"/partner/verwijzingen/{referral.pk}").content.decode()
    assert "Neem contact op met Sam via telefoon" in detail
    assert 'href="tel:0612345678"' in detail


def test_unavailable_partners_are_listed_apart_and_never_preselected(setup):
    from tests.directory_partners.factories import PartnerFactory

    away = PartnerFactory(
        name="Jurist Weg", kind="legal_aid", nationwide=True, available=False, organisation="Bureau X"
    )
    there = PartnerFactory(name="Jurist Hier", kind="peer", nationwide=True)
    advisor = verified_client(setup["advisor"])
    page = advisor.get(f"/werkruimte/zaken/{setup['case'].reference}/doorverwijzingen", {"kind": "legal_aid"})
    html = page.content.decode()
    start = html.index("weerbaar-ref-suggestions")
    table = html[start : html.index("</table>", start)]
    assert "Jurist Weg" not in table
    assert "Jurist Hier" in table
    assert "1 actieve partner is nu niet beschikbaar (geen suggestie)" in html
    assert '<span class="weerbaar-ref-organisation">(Bureau X)</span>' in html
    assert f'<option value="{away.pk}" selected>' not in html
    assert "Wat mag de partner daarnaast zien?" in html
    del there


def test_exhibits_are_named_by_kind():
    assert selectors.media_kind("image/png") == "foto (PNG)"
    assert selectors.media_kind("image/jpeg") == "foto (JPEG)"
    assert selectors.media_kind("application/pdf") == "pdf"
    assert selectors.media_kind("message/rfc822") == "e-mail"
    assert selectors.media_kind("audio/mpeg") == "geluid"
    assert selectors.media_kind("video/mp4") == "video"
    assert selectors.media_kind("application/x-unknown") == "bestand"


def test_case_items_name_exhibits_by_kind(setup):
    labels = [i.label for i in selectors.case_items(setup["case"]) if i.kind == "evidence"]
    assert labels
    assert all("foto (JPEG)" in label and "image/" not in label for label in labels)
