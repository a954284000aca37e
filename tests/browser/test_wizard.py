"""The wizard "Wat kan ik doen?" in a real browser: empty form, error state and step plan, each checked
with axe-core; the choices survive an error; acute danger shows 112 first."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_wizard_error_then_step_plan(live_server, page, axe, browser_data):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Wat kan ik doen?").first.click()
    page.wait_for_url(re.compile(r"/wat-kan-ik-doen"))
    assert page.locator("h1").inner_text() == "Wat kan ik doen?"
    axe(page, context="empty wizard")

    page.get_by_label("Raadslid", exact=True).check()
    page.locator("#id_related_0").check()
    page.locator("#id_danger_1").check()
    page.locator("#id_online_0").check()
    page.get_by_role("button", name="Toon mijn stappenplan").click()
    alert = page.get_by_role("alert")
    assert "Kies wat er is gebeurd." in alert.inner_text()
    assert page.get_by_label("Raadslid", exact=True).is_checked()
    assert page.locator("#id_related_0").is_checked()
    axe(page, context="wizard with an error")
    alert.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_acts_0"

    page.get_by_label("Bedreiging met geweld", exact=True).check()
    page.get_by_label("Belaging (stalking)", exact=True).check()
    page.get_by_role("button", name="Toon mijn stappenplan").click()
    result = page.locator(".weerbaar-guidance__result")
    assert "Uw stappenplan" in result.inner_text()
    assert "art. 285 Sr" in result.inner_text()
    assert "art. 285b Sr" in result.inner_text()
    assert "Vraag om de VPT-code" in result.inner_text()
    assert page.get_by_label("Bedreiging met geweld", exact=True).is_checked()
    axe(page, context="step plan")

    page.locator("#id_danger_0").check()
    page.get_by_role("button", name="Toon mijn stappenplan").click()
    first_heading = page.locator(".weerbaar-guidance__result h2").first
    assert first_heading.inner_text() == "Bel nu 112"
    assert page.locator(".weerbaar-guidance__step").first.get_attribute("data-step") == "call_112"
    axe(page, context="step plan with acute danger")
