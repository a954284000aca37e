"""Staff onboarding in a real browser: setting up two-step verification confirms success and shows ten
one-time recovery codes; a recovery code signs in once instead of the authenticator code; new codes on
request; and development mode's own 404 and 500 pages. Dutch and English, desktop and 390 px, axe-clean."""

from __future__ import annotations

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.test_end_to_end import PASSWORD, current_code
from tests.factories import UserFactory
from weerbaar.accounts.models import Role

SHOTS = "/tmp"  # noqa: S108  (screenshots to look at after a run)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _password(page, base: str, username: str, *, english: bool = False) -> None:
    page.goto(base + "/medewerkers/inloggen")
    page.get_by_label("Username" if english else "Gebruikersnaam").fill(username)
    page.get_by_label("Password" if english else "Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Sign in" if english else "Inloggen").click()
    page.wait_for_url(re.compile(r"/medewerkers/tweestaps"))


def _codes(page) -> list[str]:
    return [c.strip() for c in page.locator(".weerbaar-ws-recovery-codes code").all_inner_texts()]


def test_set_up_gives_recovery_codes_and_one_signs_in_once(live_server, page, axe, browser_data):
    UserFactory(username="nina", role=Role.ADVISOR)
    base = live_server.url
    _password(page, base, "nina")
    page.wait_for_url(re.compile(r"/medewerkers/tweestaps/instellen"))
    device = TOTPDevice.objects.get(user__username="nina")
    page.get_by_label("Code uit uw authenticator-app").fill(current_code(device))
    page.get_by_role("button", name="Bevestigen").click()
    page.get_by_role("heading", name="Tweestapsverificatie is ingesteld").wait_for()
    assert page.get_by_role("status").filter(has_text="Gelukt: tweestapsverificatie is ingesteld.").is_visible()
    codes = _codes(page)
    assert len(codes) == 10
    assert all(re.fullmatch(r"[a-z2-9]{5}-[a-z2-9]{5}", c) for c in codes)
    axe(page, context="set-up done with recovery codes")
    page.screenshot(path=f"{SHOTS}/onboarding-codes-nl.png", full_page=True)
    page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()
    page.wait_for_url(re.compile(r"/werkruimte"))
    page.get_by_role("button", name="Uitloggen").click()

    # A new phone, no app: a recovery code instead, at 390 px and in English.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/")
    page.get_by_role("button", name="English").click()
    _password(page, base, "nina", english=True)
    page.locator("summary", has_text="Use a recovery code").click()
    page.get_by_label("Recovery code").fill(codes[0].upper())
    axe(page, context="second step with the recovery code open, English, 390 px")
    page.get_by_role("button", name="Use recovery code").click()
    page.wait_for_url(re.compile(r"/werkruimte"))
    assert "you have 9 recovery codes left" in page.locator(".weerbaar-messages").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("link", name="Recovery codes for two-step verification").click()
    page.wait_for_url(re.compile(r"/medewerkers/herstelcodes$"))
    assert "You have 9 unused recovery codes left." in page.content()
    axe(page, context="recovery codes page, English, 390 px")
    page.get_by_role("button", name="Make new recovery codes").click()
    page.get_by_role("heading", name="New recovery codes").wait_for()
    new = _codes(page)
    assert len(new) == 10
    assert not set(new) & set(codes)
    axe(page, context="new recovery codes, English, 390 px")
    page.screenshot(path=f"{SHOTS}/onboarding-new-codes-en-390.png", full_page=True)
    page.get_by_role("button", name="Sign out").click()

    # The used code does not work a second time; the form says so and stays open.
    _password(page, base, "nina", english=True)
    page.locator("summary", has_text="Use a recovery code").click()
    page.get_by_label("Recovery code").fill(codes[0])
    page.get_by_role("button", name="Use recovery code").click()
    page.get_by_text("This recovery code is wrong or has been used already.").first.wait_for()
    assert page.locator("details.weerbaar-ws-recovery[open]").count() == 1
    axe(page, context="recovery code refused, English, 390 px")


@pytest.mark.parametrize("english", [False, True])
def test_development_shows_weerbaar_s_own_404_and_500(
    live_server, page, axe, browser_data, settings, monkeypatch, english
):
    settings.DEBUG = True  # as `make run` has it
    settings.WEERBAAR = {**settings.WEERBAAR, "DEBUG_ERROR_PAGES": False}
    base = live_server.url
    if english:
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(base + "/")
        page.get_by_role("button", name="English").click()
    response = page.goto(base + "/bestaat-niet")
    assert response is not None
    assert response.status == 404
    heading = "Page not found" if english else "Pagina niet gevonden"
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert "URLconf" not in page.content()
    axe(page, context=f"development 404 ({'en' if english else 'nl'})")
    page.screenshot(path=f"{SHOTS}/dev-404-{'en' if english else 'nl'}.png", full_page=True)

    from weerbaar.core import views

    class Broken:
        def cursor(self):
            raise RuntimeError("broken on purpose")

    monkeypatch.setattr(views, "connection", Broken())
    response = page.goto(base + "/healthz")
    assert response is not None
    assert response.status == 500
    heading = "Something went wrong" if english else "Er ging iets mis"
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert "Traceback" not in page.content()
    assert "broken on purpose" not in page.content()
    axe(page, context=f"development 500 ({'en' if english else 'nl'})")
