"""Issue 11, input that cannot mislead, in Chromium at 390 px and on the desktop, Dutch and English, axe on every
page: the language switch keeps the step and every answer, "Alleen via Weerbaar" needs no phone or e-mail, Back
after sending shows nothing of the request, and an incident cannot be dated in the future (with "Vandaag" and
"Gisteren" beside the dates)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser.test_end_to_end import portal_sign_in, staff_with_totp
from tests.factories import make_case
from weerbaar.accounts.models import Role
from weerbaar.cases.models import Case
from weerbaar.core import clock

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "nl-NL"}
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "nl-NL"}
DESCRIPTION = "Iemand stond vannacht voor mijn deur.\nHij riep dat hij terugkomt."


def fits(page, width: int = 390) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_on_a_phone_switch_to_english_mid_form_send_only_via_weerbaar_and_back_shows_nothing(
    live_server, browser, axe, browser_data
):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/hulp-vragen")
    page.get_by_label("Nee", exact=True).check()
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Raadslid", exact=True).check()
    page.get_by_label("Gemeente", exact=True).select_option("GM0363")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Wat is er gebeurd?").fill(DESCRIPTION)
    page.get_by_label("Bedreiging", exact=True).check()

    # the language switch sends the form: same step, the description and the ticked box kept, no errors
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "What is going on"
    assert page.get_by_label("What happened?").input_value() == DESCRIPTION
    assert page.get_by_label("Threat", exact=True).is_checked()
    assert "Error" not in page.title()
    fits(page)
    axe(page, context="situation step after switching to English, phone")

    page.get_by_role("button", name="Next").click()
    page.get_by_label("Your name").fill("Robin")
    page.get_by_label("Only through Weerbaar", exact=True).check()
    assert "only in My case" in page.locator("main").inner_text()  # said plainly before choosing
    fits(page)
    axe(page, context="contact step in English, phone")
    # Enter in a field means "Next", not a change of language
    with page.expect_navigation():
        page.get_by_label("Your name").press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == "Check your answers"
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Iemand stond vannacht voor mijn deur." in page.locator("main").inner_text()
    axe(page, context="check page in English, phone")

    with page.expect_navigation():
        page.get_by_role("button", name="Send help request").click()
    receipt = page.locator("main").inner_text()
    assert "only in My case" in receipt
    assert "no phone call and no email" in receipt
    fits(page)
    axe(page, context="receipt, only through Weerbaar, phone")
    case = Case.objects.get()
    assert case.preferred_contact == "portal"
    assert case.open("sealed_request")["email"] == ""

    # Back after sending: no cache kept the check page, so Chromium asks to post it again instead of showing it
    with pytest.raises(PlaywrightError, match="ERR_CACHE_MISS"):
        page.go_back()
    expect(page.locator("body")).to_contain_text("ERR_CACHE_MISS")  # Chromium's "Confirm Form Resubmission"
    expect(page.locator("body")).not_to_contain_text("Iemand stond vannacht")
    # posting it again (reload on that page) shows only that the request was sent
    page.reload()
    expect(page).to_have_title(re.compile(r"^Your help request has already been sent"))
    expect(page.locator("body")).not_to_contain_text("Iemand stond vannacht")
    assert "Robin" not in page.locator("main").inner_text()
    axe(page, context="the check page posted again after sending")
    assert Case.objects.count() == 1
    context.close()


def test_on_the_desktop_switch_to_dutch_on_the_check_page_keeps_every_answer(live_server, browser, axe, browser_data):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="English").click()
    page.goto(live_server.url + "/hulp-vragen")
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Mayor", exact=True).check()
    page.get_by_label("Municipality", exact=True).select_option("GM0363")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("What happened?").fill(DESCRIPTION)
    page.get_by_label("Threat", exact=True).check()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Your name").fill("Robin")
    page.get_by_label("Phone number").fill("06 12345678")
    page.get_by_label("Phone", exact=True).check()
    page.get_by_role("button", name="Next").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Check your answers"

    with page.expect_navigation():
        page.get_by_role("button", name="Nederlands").click()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("heading", level=1).inner_text() == "Controleer uw antwoorden"
    main = page.locator("main").inner_text()
    for answer in ("Burgemeester", "Bedreiging", "Robin", "06 12345678", "Iemand stond vannacht voor mijn deur."):
        assert answer in main
    fits(page, 1280)
    axe(page, context="check page after switching to Dutch, desktop")
    with page.expect_navigation():
        page.get_by_role("button", name="Hulpvraag versturen").click()
    assert "Uw hulpvraag is verstuurd" in page.locator("main").inner_text()
    assert Case.objects.get().preferred_contact == "phone"
    context.close()


@pytest.mark.parametrize(("options", "english"), [(PHONE, False), (DESKTOP, True)])
def test_an_incident_cannot_be_dated_in_the_future_and_the_form_offers_today_and_yesterday(
    live_server, browser, axe, browser_data, options, english
):
    t = (lambda nl, en: en) if english else (lambda nl, en: nl)
    advisor, _device = staff_with_totp("anna", Role.ADVISOR, "nvvr")
    case, code = make_case(state="claimed", advisor=advisor)
    context = browser.new_context(**options)
    page = context.new_page()
    base = live_server.url
    if english:
        page.goto(base + "/")
        page.get_by_role("button", name="English").click()
    portal_sign_in(page, base, case.reference, code, english=english)
    page.goto(base + "/mijn-zaak/incidenten/nieuw")
    today = clock.now().astimezone(clock.AMSTERDAM).date()
    occurred = page.locator("#id_occurred_on")
    assert occurred.get_attribute("max") == today.isoformat()
    page.get_by_role("group", name=t("Wanneer gebeurde het?", "When did it happen?")).get_by_role(
        "button", name=t("Gisteren", "Yesterday")
    ).click()
    assert occurred.input_value() == (today - timedelta(days=1)).isoformat()
    page.get_by_role("group", name=t("Wanneer hoorde of zag u het?", "When did you hear or see it?")).get_by_role(
        "button", name=t("Vandaag", "Today")
    ).click()
    assert page.locator("#id_learned_on").input_value() == today.isoformat()
    if options is PHONE:
        fits(page)
    axe(page, context=f"incident form with quick dates ({'en' if english else 'nl'})")

    # a date after today, typed by hand: refused, named beside its field, nothing stored
    occurred.fill((today + timedelta(days=1)).isoformat())
    page.get_by_label(t("Belediging", "Insult"), exact=True).check()
    page.locator("#id_related_to_office_1").check()
    with page.expect_navigation():
        page.get_by_role("button", name=t("Opslaan", "Save")).click()
    error = page.locator("#id_occurred_on_error").inner_text()
    assert t("in de toekomst", "in the future") in error
    assert today.isoformat() in error
    assert case.incidents.count() == 0
    axe(page, context=f"incident form with a future date ({'en' if english else 'nl'})")
    context.close()
