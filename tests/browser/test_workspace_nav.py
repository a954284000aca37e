"""The workspace navigation in a real browser: the Beheer disclosure opens without JavaScript, its pages stay
reachable and current, the job page reads in Dutch, and an office holder signs out from a portal sub-page."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_end_to_end import staff_sign_in, staff_with_totp
from tests.factories import make_case
from weerbaar.accounts.models import Role

SHOTS = "/tmp"  # noqa: S108  (screenshots to look at after a run)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_beheer_disclosure_and_job_titles(live_server, page, axe, browser_data):
    _user, device = staff_with_totp("cora", Role.COORDINATOR, "bzk")
    base = live_server.url
    staff_sign_in(page, base, "cora", device)
    assert not page.get_by_role("link", name="Achtergrondtaken").is_visible()
    page.locator("summary", has_text="Beheer").click()
    assert page.get_by_role("link", name="Adresboek").is_visible()
    axe(page, context="queue with Beheer open")
    page.screenshot(path=f"{SHOTS}/ux-nav-beheer-open.png")
    page.get_by_role("link", name="Achtergrondtaken").click()
    page.wait_for_url(re.compile(r"/werkruimte/achtergrondtaken$"))
    assert page.get_by_role("heading", name=re.compile("E-mailmeldingen versturen")).is_visible()
    assert page.locator("[aria-current=page]").text_content() == "Achtergrondtaken"  # inside the closed Beheer
    axe(page, context="background jobs")
    page.screenshot(path=f"{SHOTS}/ux-job-runs.png", full_page=True)


def test_office_holder_signs_out_from_a_portal_sub_page(live_server, page, axe, browser_data):
    case, code = make_case()
    base = live_server.url
    page.goto(f"{base}/mijn-zaak/inloggen")
    page.locator("#id_reference").fill(case.reference)
    page.locator("#id_code").fill(code)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/mijn-zaak$"))
    page.goto(f"{base}/mijn-zaak/doorverwijzingen")
    axe(page, context="portal referrals with Uitloggen in the header")
    page.screenshot(path=f"{SHOTS}/ux-portal-subpage.png")
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(re.compile(r"/mijn-zaak/inloggen$"))
    assert "U bent uitgelogd." in page.content()
