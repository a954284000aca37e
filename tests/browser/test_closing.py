"""Closing a case in progress without aftercare, in a real browser: the close form asks the outcome, offers
"Nazorg starten" as the alternative (first when it fits), and closing makes no aftercare plan. Dutch on a
desktop, English on a 390 px phone; axe-core checks every page."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_end_to_end import staff_sign_in, staff_with_totp
from tests.factories import make_case
from weerbaar.accounts.models import Role
from weerbaar.aftercare.models import AftercarePlan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "nl-NL"}


def test_closing_in_progress_without_aftercare_dutch_desktop(live_server, browser, axe, browser_data):
    base = live_server.url
    advisor, device = staff_with_totp("anna", Role.ADVISOR, "nvvr")
    case, _code = make_case(state="claimed", advisor=advisor)
    page = browser.new_context(locale="nl-NL").new_page()
    staff_sign_in(page, base, "anna", device)
    page.goto(f"{base}/werkruimte/zaken/{case.reference}")
    close = page.locator("#status-form-closed")
    assert "Nazorg starten" in close.inner_text()  # the alternative, named on the close form
    assert page.locator("#status-form-aftercare").is_visible()
    axe(page, context="case page: close or start aftercare")

    # no outcome: refused, with the error at the field
    close.get_by_label("Toelichting").fill("Eén advies was genoeg.")
    close.get_by_role("button", name="Zaak afsluiten").click()
    page.wait_for_load_state("load")
    close = page.locator("#status-form-closed")
    assert "Kies de uitkomst van de zaak." in close.inner_text()
    assert close.get_by_label("Toelichting").input_value() == "Eén advies was genoeg."
    assert page.title().startswith("Fout:")
    axe(page, context="case page: close without outcome")

    close.get_by_label("Uitkomst").select_option("advised")
    close.get_by_role("button", name="Zaak afsluiten").click()
    page.wait_for_url(re.compile(r"#status$"))
    assert "De status is gewijzigd in: Gesloten." in page.content()
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("closed", "advised")
    assert not AftercarePlan.objects.filter(case=case).exists()
    axe(page, context="case page: closed")


def test_closing_offers_aftercare_first_when_it_fits_english_phone(live_server, browser, axe, browser_data):
    base = live_server.url
    advisor, device = staff_with_totp("anna", Role.ADVISOR, "nvvr")
    case, _code = make_case(state="claimed", advisor=advisor, concerns=["threat", "aftercare"])
    page = browser.new_context(**PHONE).new_page()
    staff_sign_in(page, base, "anna", device)
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("load")
    page.goto(f"{base}/werkruimte/zaken/{case.reference}")
    forms = page.locator(".weerbaar-ws-status-form")
    assert forms.first.get_attribute("id") == "status-form-aftercare"  # it fits: offered first
    assert "Aftercare fits this case" in forms.first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe(page, context="case page on a phone (English): aftercare offered first")

    close = page.locator("#status-form-closed")
    close.get_by_label("Outcome").select_option("no_further_help")
    close.get_by_role("button", name="Close the case").click()
    page.wait_for_url(re.compile(r"#status$"))
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("closed", "no_further_help")
    assert not AftercarePlan.objects.filter(case=case).exists()
    axe(page, context="case page on a phone (English): closed")
