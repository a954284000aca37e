"""Referrals in a real browser after the office holder's consent and for coordinators: the advisor is told
"Toestemming gegeven — verstuur de doorverwijzing" (notification and referral page) and sends from the notice;
a coordinator of no association sees every referral, filters them, sees each partner's open load and a case's
referrals as metadata. Dutch on a desktop, English on a 390 px phone; axe-core checks every page."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_end_to_end import staff_sign_in, staff_with_totp
from tests.directory_partners.factories import PartnerFactory
from tests.factories import make_case
from tests.network.factories import consent_data, propose, referral_in
from weerbaar.accounts import policy
from weerbaar.accounts.models import Role
from weerbaar.network import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "nl-NL"}
QUESTION = "Kunt u langskomen voor een kop koffie?"  # the factories' question


def _world():
    advisor, advisor_device = staff_with_totp("anna", Role.ADVISOR, "nvvr")
    _coordinator, coordinator_device = staff_with_totp("cora", Role.COORDINATOR, None)
    case, _code = make_case(state="claimed", advisor=advisor)
    partner = PartnerFactory(name="Vakgenoot Noord", kind="peer", nationwide=True, capacity=2)
    other = PartnerFactory(name="Juriste Landelijk", kind="legal_aid", nationwide=True, capacity=4)
    pia, _ = staff_with_totp("pia", Role.PARTNER, None)
    pia.partner = partner
    pia.save(update_fields=["partner"])
    referral_in("sent", advisor, case, partner, partner_user=pia)
    referral_in("accepted", advisor, case, partner, partner_user=pia)
    waiting = propose(advisor, case, other)
    # The office holder agrees in Mijn zaak.
    services.referral_consent_give(
        actor=policy.OfficeHolder(case.pk, case.reference), referral_id=waiting.pk, data=consent_data()
    )
    return case, waiting, advisor_device, coordinator_device


def test_consent_notice_and_coordinator_overview_dutch_desktop(live_server, browser, axe, browser_data):
    base = live_server.url
    case, waiting, advisor_device, coordinator_device = _world()

    desk = browser.new_context(locale="nl-NL").new_page()
    staff_sign_in(desk, base, "anna", advisor_device)
    desk.goto(f"{base}/werkruimte/meldingen")
    assert "Toestemming gegeven — verstuur de doorverwijzing." in desk.locator("main").inner_text()
    # Only the partner's acceptance of another referral is "a partner responded" (each sentence is on the page
    # twice: the notification and its "mark as read" button); the consent is not.
    assert desk.locator("main").inner_text().count("heeft op een doorverwijzing gereageerd") == 2
    axe(desk, context="notifications: consent given")
    desk.goto(f"{base}/werkruimte/zaken/{case.reference}/doorverwijzingen/{waiting.pk}")
    notice = desk.locator(".weerbaar-ref-next")
    assert "Toestemming gegeven — verstuur de doorverwijzing" in notice.inner_text()
    axe(desk, context="referral: consent given, to send")
    desk.screenshot(path="/tmp/closing-referral-consented.png", full_page=True)  # noqa: S108  (to look at)
    notice.get_by_role("button", name="Versturen naar de netwerkpartner").click()
    desk.wait_for_url(re.compile(rf"/doorverwijzingen/{waiting.pk}$"))
    assert desk.locator(".weerbaar-ref-next").count() == 0
    assert "Verstuurd" in desk.locator("main").inner_text()

    coord = browser.new_context(locale="nl-NL").new_page()
    staff_sign_in(coord, base, "cora", coordinator_device)
    coord.get_by_role("link", name="Doorverwijzingen", exact=True).click()
    coord.wait_for_url(re.compile(r"/werkruimte/doorverwijzingen$"))
    main = coord.locator("main").inner_text()
    assert "3 doorverwijzingen gevonden" in main
    assert QUESTION not in main
    loads = coord.locator(".weerbaar-ref-loads").inner_text()
    assert "Vakgenoot Noord" in loads and "2 van 2" in loads and "Vol" in loads  # noqa: PT018
    axe(coord, context="coordinator: all referrals")
    coord.screenshot(path="/tmp/closing-referral-overview.png", full_page=True)  # noqa: S108  (to look at)
    coord.get_by_label("Status", exact=True).select_option("sent")
    coord.get_by_label("Netwerkpartner", exact=True).select_option(label="Juriste Landelijk")
    coord.get_by_role("button", name="Filteren").click()
    coord.wait_for_url(re.compile(r"status=sent"))
    assert "1 doorverwijzing gevonden" in coord.locator("main").inner_text()
    axe(coord, context="coordinator: referrals filtered")

    coord.get_by_role("link", name=case.reference).click()
    coord.wait_for_url(re.compile(rf"/zaken/{case.reference}/doorverwijzingen$"))
    main = coord.locator("main").inner_text()
    assert "Juriste Landelijk" in main and QUESTION not in main  # noqa: PT018
    assert coord.get_by_role("button", name="Voorstellen").count() == 0
    axe(coord, context="coordinator: a case's referrals as metadata")

    coord.goto(f"{base}/werkruimte/netwerkpartners")
    assert "2 van 2" in coord.locator("main").inner_text()
    axe(coord, context="coordinator: partners with their open load")


def test_consent_notice_and_overview_english_phone(live_server, browser, axe, browser_data):
    base = live_server.url
    case, waiting, advisor_device, coordinator_device = _world()

    phone = browser.new_context(**PHONE).new_page()
    staff_sign_in(phone, base, "anna", advisor_device)
    phone.get_by_role("button", name="English").click()
    phone.wait_for_load_state("load")
    phone.goto(f"{base}/werkruimte/zaken/{case.reference}/doorverwijzingen/{waiting.pk}")
    assert "Consent given — send the referral" in phone.locator(".weerbaar-ref-next").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    axe(phone, context="referral on a phone (English): consent given")
    phone.goto(f"{base}/werkruimte/zaken/{case.reference}/doorverwijzingen")
    assert "send the referral" in phone.locator("main").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    axe(phone, context="case referrals on a phone (English)")

    coord = browser.new_context(**PHONE).new_page()
    staff_sign_in(coord, base, "cora", coordinator_device)
    coord.get_by_role("button", name="English").click()
    coord.wait_for_load_state("load")
    coord.goto(f"{base}/werkruimte/doorverwijzingen")
    main = coord.locator("main").inner_text()
    assert "All referrals" in main and "3 referrals found" in main and "still to be sent" in main  # noqa: PT018
    assert coord.evaluate("document.documentElement.scrollWidth") <= 390
    axe(coord, context="coordinator on a phone (English): all referrals")
    coord.screenshot(path="/tmp/closing-referral-overview-phone.png", full_page=True)  # noqa: S108  (to look at)
    coord.goto(f"{base}/werkruimte/zaken/{case.reference}/doorverwijzingen")
    assert "As a coordinator you see each referral's partner" in coord.locator("main").inner_text()
    assert coord.evaluate("document.documentElement.scrollWidth") <= 390
    axe(coord, context="coordinator on a phone (English): a case's referrals")
    coord.goto(f"{base}/werkruimte/netwerkpartners")
    assert "Open / capacity" in coord.locator("main").inner_text()
    assert coord.evaluate("document.documentElement.scrollWidth") <= 390
    axe(coord, context="coordinator on a phone (English): partners")
