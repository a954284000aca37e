"""Issue 11, honest timing, in Chromium: at 03:42 on a Monday the acute screen and the receipt first say, in a
box, when the online request is read and to call the line now; at 14:00 on a Tuesday they give the deadline and
no box. Dutch and English, 390 px and desktop, axe on every page; screenshots of the night on a phone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from weerbaar.cases.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp"  # noqa: S108  (screenshots to look at after a run)
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "nl-NL"}
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "nl-NL"}
MONDAY_NIGHT = datetime(2026, 12, 7, 2, 42, tzinfo=UTC)  # 03:42 in Amsterdam
TUESDAY_AFTERNOON = datetime(2026, 12, 8, 13, 0, tzinfo=UTC)  # 14:00 in Amsterdam


def acute_request(page, base: str, english: bool) -> None:
    t = (lambda nl, en: en) if english else (lambda nl, en: nl)
    page.goto(base + "/hulp-vragen")
    if english:
        with page.expect_navigation():
            page.get_by_role("button", name="English").click()
    page.get_by_label(t("Ja", "Yes"), exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name=t("Volgende", "Next")).click()


def finish(page, english: bool) -> None:
    t = (lambda nl, en: en) if english else (lambda nl, en: nl)
    with page.expect_navigation():
        page.get_by_role("button", name=t("Ik ben in veiligheid, ga verder", "I am safe, continue")).click()
    page.get_by_label(t("Raadslid", "Municipal councillor"), exact=True).check()
    page.get_by_label(t("Gemeente", "Municipality"), exact=True).select_option("GM0363")
    with page.expect_navigation():
        page.get_by_role("button", name=t("Volgende", "Next")).click()
    page.get_by_label(t("Wat is er gebeurd?", "What happened?")).fill("Er staat iemand voor mijn deur.")
    page.get_by_label(t("Bedreiging", "Threat"), exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name=t("Volgende", "Next")).click()
    page.get_by_label(t("Uw naam", "Your name")).fill("Robin")
    page.get_by_label(t("Telefoonnummer", "Phone number")).fill("06 12345678")
    page.get_by_label(t("Telefoon", "Phone"), exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name=t("Volgende", "Next")).click()
    with page.expect_navigation():
        page.get_by_role("button", name=t("Hulpvraag versturen", "Send help request")).click()


def box_first_after_112(page) -> None:
    """The night box is the first thing after the 112 call (its top lies below 112's and above all else)."""
    night = page.locator(".weerbaar-night").bounding_box()
    call = page.locator('main a[href="tel:112"]').first.bounding_box()
    assert call["y"] < night["y"]


@pytest.mark.parametrize(
    ("options", "english", "name"),
    [(PHONE, False, "phone-nl"), (PHONE, True, "phone-en"), (DESKTOP, False, "desktop-nl")],
)
def test_at_night_the_acute_screen_and_receipt_say_first_when_it_is_read_and_to_call_now(
    live_server, browser, axe, browser_data, monkeypatch, options, english, name
):
    monkeypatch.setattr(timezone, "now", lambda: MONDAY_NIGHT)
    t = (lambda nl, en: en) if english else (lambda nl, en: nl)
    context = browser.new_context(**options)
    page = context.new_page()
    acute_request(page, live_server.url, english)

    night = page.locator(".weerbaar-night")
    expect(night).to_contain_text(t("maandag 7 december om 09:00", "Monday 7 December at 09:00"))
    expect(night.get_by_role("link", name=t("Bel 070-3738314", "Call 070-3738314"))).to_have_attribute(
        "href", "tel:+31703738314"
    )
    assert t("werkuur", "working hour") not in page.locator("main").inner_text()
    expect(page.locator("main")).to_contain_text(t("maandag 7 december om 10:00", "Monday 7 December at 10:00"))
    box_first_after_112(page)
    if options is PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe(page, context=f"acute screen at night ({name})")
    page.screenshot(path=f"{SHOTS}/night-acute-{name}.png", full_page=True)

    finish(page, english)
    expect(page.locator("h1")).to_have_text(t("Uw hulpvraag is verstuurd", "Your help request has been sent"))
    night = page.locator(".weerbaar-night")
    expect(night).to_contain_text(t("maandag 7 december om 09:00", "Monday 7 December at 09:00"))
    box_first_after_112(page)
    facts = page.locator(".weerbaar-receipt__facts")
    assert night.bounding_box()["y"] < facts.bounding_box()["y"]
    expect(facts).to_contain_text(t("maandag 7 december om 03:42", "Monday 7 December at 03:42"))
    expect(facts).to_contain_text(t("maandag 7 december om 10:00", "Monday 7 December at 10:00"))
    assert t("werkuur", "working hour") not in page.locator("main").inner_text()
    if options is PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe(page, context=f"receipt at night ({name})")
    page.screenshot(path=f"{SHOTS}/night-receipt-{name}.png", full_page=True)
    assert Case.objects.get().urgent
    context.close()


def test_on_a_tuesday_afternoon_no_box_and_the_deadline_in_the_same_words(
    live_server, browser, axe, browser_data, monkeypatch
):
    monkeypatch.setattr(timezone, "now", lambda: TUESDAY_AFTERNOON)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/")
    expect(page.locator(".weerbaar-callcard")).to_contain_text("Dag en nacht bereikbaar.")
    axe(page, context="home with day and night")
    acute_request(page, live_server.url, english=False)
    assert page.locator(".weerbaar-night").count() == 0
    expect(page.locator("main")).to_contain_text("uiterlijk dinsdag 8 december om 15:00 contact met u op")
    finish(page, english=False)
    assert page.locator(".weerbaar-night").count() == 0
    expect(page.locator(".weerbaar-receipt__facts")).to_contain_text("dinsdag 8 december om 15:00")
    expect(page.locator("main")).to_contain_text("dag en nacht")
    axe(page, context="receipt on a Tuesday afternoon")
    context.close()
