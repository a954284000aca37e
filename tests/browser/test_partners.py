"""The partner network in a real browser: a coordinator adds a partner (with an error first), creates a
partner account; the partner signs in with the one-time password, sets up TOTP, lands on the partner home and
switches its availability. axe-core checks every page."""

from __future__ import annotations

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.test_end_to_end import current_code, staff_sign_in, staff_with_totp
from weerbaar.accounts.models import Role, User
from weerbaar.directory.models import Partner

SHOTS = "/tmp"  # noqa: S108  (screenshots to look at after a run)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_builds_the_network_and_the_partner_signs_in(live_server, page, axe, browser_data):
    _coordinator, device = staff_with_totp("cora", Role.COORDINATOR, "bzk")
    base = live_server.url
    staff_sign_in(page, base, "cora", device)

    page.locator("summary", has_text="Beheer").click()  # the admin pages sit under the Beheer disclosure
    page.get_by_role("link", name="Netwerk", exact=True).click()
    page.wait_for_url(re.compile(r"/werkruimte/netwerkpartners$"))
    axe(page, context="partner list, empty")
    page.get_by_role("link", name="Partner toevoegen").click()
    page.wait_for_url(re.compile(r"/netwerkpartners/nieuw$"))
    axe(page, context="partner form")

    page.locator("#id_partner-name").fill("Slachtofferhulp Utrecht")
    page.get_by_label("Soort partner").select_option("victim_support")
    page.get_by_label("Nederlands", exact=True).check()
    page.get_by_label("Andere taal (code)").fill("nederlands")
    page.get_by_label("Capaciteit").fill("4")
    page.get_by_role("button", name="Toevoegen").click()
    errors = page.locator(".utrecht-form-field-error-message")
    assert any("Gebruik taalcodes van twee letters" in text for text in errors.all_inner_texts())
    assert page.locator("#id_partner-name").input_value() == "Slachtofferhulp Utrecht"
    axe(page, context="partner form with errors")
    page.screenshot(path=f"{SHOTS}/partners-form-errors.png", full_page=True)

    page.get_by_label("Utrecht", exact=True).check()
    page.get_by_label("Noord-Holland", exact=True).check()
    assert page.get_by_label("Nederlands", exact=True).is_checked()  # kept after the error
    page.get_by_label("Turks", exact=True).check()
    page.get_by_label("Andere taal (code)").fill("en")
    page.get_by_label("Contactpersoon").fill("Sanne Hulp")
    page.get_by_label("E-mailadres").fill("sanne@example.org")
    page.get_by_role("button", name="Toevoegen").click()
    page.wait_for_url(re.compile(r"/netwerkpartners/\d+$"))
    assert "staat nu in het netwerk" in page.locator(".weerbaar-messages").inner_text()
    assert "Nederlands, Turks, Engels" in page.content()  # languages by name, not code
    axe(page, context="partner detail")

    page.get_by_label("Gebruikersnaam").fill("sh-utrecht")
    page.locator("#id_account-name").fill("Sanne Hulp")
    page.get_by_role("button", name="Account aanmaken").click()
    password = page.locator(".weerbaar-ws-secret").inner_text().strip()
    assert len(password) >= 20
    axe(page, context="partner detail with the new account's password")
    page.screenshot(path=f"{SHOTS}/partners-detail.png", full_page=True)

    page.locator("summary", has_text="Beheer").click()  # the admin pages sit under the Beheer disclosure
    page.get_by_role("link", name="Netwerk", exact=True).click()
    assert "Slachtofferhulp Utrecht" in page.locator("table").inner_text()
    axe(page, context="partner list")
    page.screenshot(path=f"{SHOTS}/partners-list.png", full_page=True)
    page.get_by_role("button", name="Uitloggen").click()

    # The partner: password, then setting up TOTP, then the own partner home.
    page.goto(base + "/medewerkers/inloggen")
    page.get_by_label("Gebruikersnaam").fill("sh-utrecht")
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/medewerkers/tweestaps/instellen"))
    partner_device = TOTPDevice.objects.get(user=User.objects.get(username="sh-utrecht"))
    page.get_by_label("Code uit uw authenticator-app").fill(current_code(partner_device))
    page.get_by_role("button", name="Bevestigen").click()
    page.get_by_role("heading", name="Tweestapsverificatie is ingesteld").wait_for()  # with the recovery codes
    page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()
    page.wait_for_url(re.compile(r"/partner$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Slachtofferhulp Utrecht"
    axe(page, context="partner home, available")
    page.screenshot(path=f"{SHOTS}/partners-home.png", full_page=True)

    page.get_by_role("button", name="Zet op niet beschikbaar").click()
    page.wait_for_url(re.compile(r"/partner$"))
    assert "U staat op niet beschikbaar" in page.locator("main").inner_text()
    axe(page, context="partner home, not available")
    assert Partner.objects.get(name="Slachtofferhulp Utrecht").available is False

    # No case page for a partner account.
    response = page.goto(base + "/werkruimte")
    assert response.status == 403
