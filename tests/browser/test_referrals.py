"""A referral end to end in real browsers: the advisor proposes one from the suggestions, the office holder
consents in Mijn zaak to one of two incidents, the advisor sends it, the partner (password + TOTP) sees only
that incident, accepts and reports back, and the advisor sees it completed. Then a second referral whose
consent the office holder withdraws: the partner's page answers 404 at once. axe-core checks every page."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_end_to_end import portal_sign_in, staff_sign_in, staff_sign_in_to, staff_with_totp
from tests.directory_partners.factories import PartnerFactory
from tests.factories import make_case
from tests.incidents_web.conftest import record
from weerbaar.accounts.models import Role
from weerbaar.network.models import Referral

SHOTS = "/tmp"  # noqa: S108  (screenshots to look at after a run)
FIRST = "we weten waar je woont"
SECOND = "Een brief in de bus met een tekening van een strop."

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _propose(page, axe, base, reference, *, question: str, shot: str = "") -> int:
    page.goto(f"{base}/werkruimte/zaken/{reference}")
    page.get_by_role("link", name="Doorverwijzingen", exact=True).click()
    page.wait_for_url(re.compile(r"/doorverwijzingen$"))
    axe(page, context="workspace: referrals")
    page.get_by_label("Soort hulp").select_option("peer")
    page.get_by_role("button", name="Suggesties tonen").click()
    suggestions = page.locator(".weerbaar-ref-suggestions tbody tr")
    assert "Vakgenoot Noord" in suggestions.first.inner_text()  # the peer serving Utrecht comes first
    assert "soort past" in suggestions.first.inner_text()
    axe(page, context="workspace: suggestions")
    if shot:
        page.screenshot(path=f"{SHOTS}/referrals-{shot}.png", full_page=True)
    top = suggestions.first.locator("td").first.inner_text().split(" (")[0]
    select = page.locator("select[name=partner]")
    chosen = select.locator("option:checked").inner_text()
    assert chosen.startswith(top)  # the best suggestion is preselected
    page.get_by_label("Vraag aan de netwerkpartner").fill(question)
    page.get_by_label(re.compile(r"^Incident 1 van")).check()
    page.get_by_label(re.compile(r"^Incident 2 van")).check()
    page.get_by_role("button", name="Voorstellen").click()
    page.wait_for_url(re.compile(r"/doorverwijzingen/\d+$"))
    assert "Voorgesteld" in page.locator("main").inner_text()
    axe(page, context="workspace: proposed referral")
    return int(page.url.rsplit("/", 1)[1])


def test_referral_from_proposal_to_report_and_a_withdrawal(live_server, browser, axe, browser_data):
    base = live_server.url
    advisor, advisor_device = staff_with_totp("anna", Role.ADVISOR, "nvvr")
    partner_user, partner_device = staff_with_totp("pia", Role.PARTNER, None)
    case, code = make_case(state="claimed", advisor=advisor)
    record(advisor, case)
    record(advisor, case, description=SECOND, channel="letter", platform="")
    partner = PartnerFactory(name="Vakgenoot Noord", kind="peer", nationwide=case.province_id is None)
    if case.province_id is not None:
        partner.provinces.add(case.province)
    PartnerFactory(name="Juriste Landelijk", kind="legal_aid", nationwide=True)
    partner_user.partner = partner
    partner_user.save(update_fields=["partner"])

    # The advisor proposes a referral to the suggested peer, proposing both incidents.
    staff = browser.new_context(locale="nl-NL").new_page()
    staff_sign_in(staff, base, "anna", advisor_device)
    first_id = _propose(staff, axe, base, case.reference, question="Wilt u langskomen voor koffie?", shot="propose")
    staff.screenshot(path=f"{SHOTS}/referrals-proposed.png", full_page=True)

    # The office holder consents in Mijn zaak, ticking only incident 1.
    holder = browser.new_context(locale="nl-NL").new_page()
    portal_sign_in(holder, base, case.reference, code)
    main = holder.locator("main").inner_text()
    assert "Uw adviseur vraagt uw toestemming om u in contact te brengen met een vakgenoot." in main
    assert holder.get_by_role("link", name="Bekijken en kiezen").is_visible()
    assert "1 wacht op uw keuze" in holder.get_by_role("link", name=re.compile(r"^Doorverwijzingen")).inner_text()
    axe(holder, context="portal: Mijn zaak with a consent request")
    holder.screenshot(path=f"{SHOTS}/referrals-portal-home.png", full_page=True)
    holder.get_by_role("link", name=re.compile(r"^Doorverwijzingen")).click()
    holder.wait_for_url(re.compile(r"/mijn-zaak/doorverwijzingen$"))
    assert "Wacht op uw keuze" in holder.locator("main").inner_text()
    axe(holder, context="portal: referrals")
    holder.get_by_role("link", name="Vakgenoot Noord").click()
    holder.wait_for_url(re.compile(rf"/mijn-zaak/doorverwijzingen/{first_id}$"))
    main = holder.locator("main").inner_text()
    assert "Wilt u langskomen voor koffie?" in main
    assert "Voorstel: contact met Vakgenoot Noord (Vakgenoot)" in main
    assert "U kunt uw toestemming altijd intrekken." in main
    assert not holder.get_by_label(re.compile(r"^Incident 1 van")).is_checked()  # nothing ticked for them
    axe(holder, context="portal: consent form")
    holder.screenshot(path=f"{SHOTS}/referrals-portal-consent.png", full_page=True)
    holder.get_by_label(re.compile(r"^Incident 1 van")).check()
    assert not holder.get_by_label(re.compile(r"^Incident 2 van")).is_checked()
    holder.get_by_label("E-mail", exact=True).check()
    holder.get_by_label("Telefoonnummer of e-mailadres").fill("niet-een-adres")
    holder.get_by_role("button", name="Ik geef toestemming").click()
    assert "Vul een geldig e-mailadres in." in holder.locator("main").inner_text()
    assert holder.get_by_label(re.compile(r"^Incident 1 van")).is_checked()  # what was ticked is kept
    axe(holder, context="portal: consent form with an error")
    holder.get_by_label("Telefoonnummer of e-mailadres").fill("sam@example.org")
    holder.get_by_role("button", name="Ik geef toestemming").click()
    holder.wait_for_url(re.compile(rf"/mijn-zaak/doorverwijzingen/{first_id}$"))
    main = holder.locator("main").inner_text()
    assert "Uw toestemming is vastgelegd" in main
    assert "neemt contact met u op via e-mail" in main
    axe(holder, context="portal: consent given")
    holder.screenshot(path=f"{SHOTS}/referrals-portal-consented.png", full_page=True)

    # The advisor sends it.
    staff.reload()
    assert "Toestemming gegeven" in staff.locator("main").inner_text()
    axe(staff, context="workspace: consented referral")
    staff.get_by_role("button", name="Versturen naar de netwerkpartner").click()
    staff.wait_for_url(re.compile(rf"/doorverwijzingen/{first_id}$"))
    assert "Verstuurd" in staff.locator("main").inner_text()
    axe(staff, context="workspace: sent referral")

    # The partner signs in with password + TOTP and sees the consented incident only.
    other = browser.new_context(locale="nl-NL").new_page()
    staff_sign_in_to(other, base, "pia", partner_device, landing=r"/partner$")
    axe(other, context="partner home")
    other.get_by_role("link", name="Naar uw verwijzingen").click()
    other.wait_for_url(re.compile(r"/partner/verwijzingen$"))
    assert "Wacht op uw reactie" in other.locator("main").inner_text()
    axe(other, context="partner: referrals")
    other.screenshot(path=f"{SHOTS}/referrals-partner-list.png", full_page=True)
    other.get_by_role("link", name=f"Verwijzing {first_id}").click()
    other.wait_for_url(re.compile(rf"/partner/verwijzingen/{first_id}$"))
    main = other.locator("main").inner_text()
    assert FIRST in main
    assert SECOND not in main
    assert "Sam" in main
    assert "de Vries" not in main  # the first name only
    assert "sam@example.org" in main
    assert "Wilt u langskomen voor koffie?" in main
    assert not other.get_by_label(re.compile(r"^Reden van afwijzen")).is_visible()  # folded away
    other.get_by_text("Kunt u dit niet oppakken?").click()
    assert other.get_by_label(re.compile(r"^Reden van afwijzen")).is_visible()
    axe(other, context="partner: referral")
    other.screenshot(path=f"{SHOTS}/referrals-partner-detail.png", full_page=True)
    other.get_by_role("button", name="Accepteren").click()
    other.wait_for_url(re.compile(rf"/partner/verwijzingen/{first_id}$"))
    assert "U heeft de doorverwijzing geaccepteerd." in other.locator("main").inner_text()
    assert other.get_by_role("link", name="sam@example.org").get_attribute("href") == "mailto:sam@example.org"
    axe(other, context="partner: accepted")
    other.screenshot(path=f"{SHOTS}/referrals-partner-accepted.png", full_page=True)
    other.get_by_role("button", name="Terugkoppelen en afronden").click()
    assert "Vul dit in." in other.locator("main").inner_text()
    axe(other, context="partner: report with an error")
    other.get_by_label("Terugkoppeling aan de adviseur").fill("We hebben koffie gedronken; vervolg over een maand.")
    other.get_by_role("button", name="Terugkoppelen en afronden").click()
    other.wait_for_url(re.compile(rf"/partner/verwijzingen/{first_id}$"))
    assert "Afgerond" in other.locator("main").inner_text()
    axe(other, context="partner: completed")

    # The advisor sees it completed, with the report.
    staff.reload()
    main = staff.locator("main").inner_text()
    assert "Afgerond" in main
    assert "We hebben koffie gedronken" in main
    axe(staff, context="workspace: completed referral")
    staff.screenshot(path=f"{SHOTS}/referrals-completed.png", full_page=True)
    assert Referral.objects.get(pk=first_id).status == "completed"

    # A second referral: consent recorded by the advisor (given by phone), sent, then withdrawn in Mijn zaak.
    second_id = _propose(staff, axe, base, case.reference, question="Kunt u nog eens bellen?")
    staff.get_by_label("Telefonisch").check()
    staff.get_by_label("Telefoon", exact=True).check()
    staff.get_by_label("Wanneer is de toestemming gegeven?").fill(_now_local())
    staff.get_by_label("Telefoonnummer of e-mailadres").fill("06 12345678")
    staff.get_by_role("button", name="Toestemming vastleggen").click()
    staff.wait_for_url(re.compile(rf"/doorverwijzingen/{second_id}$"))
    assert "De toestemming is vastgelegd." in staff.locator("main").inner_text()
    axe(staff, context="workspace: recorded consent")
    staff.get_by_role("button", name="Versturen naar de netwerkpartner").click()
    staff.wait_for_url(re.compile(rf"/doorverwijzingen/{second_id}$"))
    response = other.goto(f"{base}/partner/verwijzingen/{second_id}")
    assert response.status == 200

    holder.goto(f"{base}/mijn-zaak/doorverwijzingen/{second_id}")
    axe(holder, context="portal: sent referral with consent")
    holder.get_by_role("button", name="Toestemming intrekken").click()
    holder.wait_for_url(re.compile(rf"/mijn-zaak/doorverwijzingen/{second_id}$"))
    assert "Uw toestemming is ingetrokken." in holder.locator("main").inner_text()
    axe(holder, context="portal: consent withdrawn")
    holder.screenshot(path=f"{SHOTS}/referrals-portal-withdrawn.png", full_page=True)

    response = other.reload()
    assert response.status == 404
    assert "Kunt u nog eens bellen?" not in other.content()
    axe(other, context="partner: withdrawn referral (404)")
    other.screenshot(path=f"{SHOTS}/referrals-partner-404.png", full_page=True)
    other.goto(f"{base}/partner/verwijzingen")
    assert f"Verwijzing {second_id}" not in other.locator("main").inner_text()
    assert f"Verwijzing {first_id}" in other.locator("main").inner_text()
    referral = Referral.objects.get(pk=second_id)
    assert (referral.status, referral.cancel_reason) == ("cancelled", "consent_withdrawn")


def _now_local() -> str:
    from django.utils import timezone

    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")
