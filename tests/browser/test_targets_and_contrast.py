"""Issue 11 point 9 in a real browser: every checkbox and radio button a 24 px target (workspace filters and
preferences were the browser's 13 px), the badges readable (the "wacht op uw keuze" badge was white on yellow,
about 1.5:1: contrast computed from the page's own colours, not axe's "needs review"), and 112 in the strip
tap-to-call. Dutch and English, desktop and 390 px; axe-clean."""

from __future__ import annotations

import pytest

from tests.browser.test_end_to_end import portal_sign_in, staff_sign_in, staff_with_totp
from tests.browser.test_worker_banner import CONTRASTS
from tests.directory_partners.factories import PartnerFactory
from tests.factories import make_case
from tests.network.factories import propose
from weerbaar.accounts.models import Role

SHOTS = "/tmp"  # noqa: S108  (screenshots to look at after a run)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TARGETS = """() => [...document.querySelectorAll('input[type=checkbox], input[type=radio]')]
  .filter((el) => el.offsetParent !== null)
  .map((el) => { const r = el.getBoundingClientRect(); return [el.name, r.width, r.height]; })"""

# The contrast of each badge's text against its own background.
BADGES = CONTRASTS.replace("selector + ' h2, ' + selector + ' p, ' + selector + ' a'", "selector")


def _targets_are_24_px(page, context: str) -> int:
    targets = page.evaluate(TARGETS)
    for name, width, height in targets:
        assert width >= 24, f"{context}: {name} is {width} px wide"
        assert height >= 24, f"{context}: {name} is {height} px high"
    return len(targets)


def _badges_are_readable(page, context: str) -> int:
    ratios = page.evaluate(BADGES, ".utrecht-status-badge")
    for tag, ratio in ratios:
        assert ratio >= 4.5, f"{context}: a {tag} badge has contrast {ratio:.2f}:1"
    return len(ratios)


def _strip_calls_112(page) -> None:
    assert page.locator(".weerbaar-emergency a[href='tel:112']").is_visible()


@pytest.mark.parametrize("width", [1280, 390])
def test_workspace_checkboxes_are_24_px_and_badges_readable(live_server, browser, axe, browser_data, width):
    base = live_server.url
    _advisor, device = staff_with_totp("anna", Role.ADVISOR, "nvvr")
    make_case(state="new")
    page = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 900}).new_page()
    staff_sign_in(page, base, "anna", device)
    assert _targets_are_24_px(page, "queue filters") >= 2
    _badges_are_readable(page, "queue")
    axe(page, context=f"queue at {width} px")
    page.goto(base + "/werkruimte/meldingen/instellingen")
    assert _targets_are_24_px(page, "notification preferences") >= 3
    axe(page, context=f"preferences at {width} px")
    page.screenshot(path=f"{SHOTS}/targets-preferences-{width}.png", full_page=True)


@pytest.mark.parametrize(("english", "width"), [(False, 1280), (True, 390)])
def test_the_consent_badge_in_mijn_zaak_is_readable_and_112_is_tap_to_call(
    live_server, browser, axe, browser_data, english, width
):
    base = live_server.url
    advisor, _device = staff_with_totp("anna", Role.ADVISOR, "nvvr")
    case, code = make_case(state="claimed", advisor=advisor)
    propose(advisor, case, PartnerFactory(name="Vakgenoot Noord", kind="peer", nationwide=True))
    page = browser.new_context(locale="en-GB" if english else "nl-NL", viewport={"width": width, "height": 900})
    page = page.new_page()
    portal_sign_in(page, base, case.reference, code, english=english)
    badge = page.locator(".utrecht-status-badge--warning")
    assert ("1 waiting for your choice" if english else "1 wacht op uw keuze") in badge.inner_text()
    assert _badges_are_readable(page, "Mijn zaak") >= 1
    _strip_calls_112(page)
    axe(page, context=f"Mijn zaak with a consent request ({'en' if english else 'nl'}, {width} px)")
    page.screenshot(path=f"{SHOTS}/badge-portal-{'en' if english else 'nl'}-{width}.png", full_page=True)
