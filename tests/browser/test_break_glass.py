"""Break-glass in a real browser (issue 12 point 1): the coordinator's "Zelf overnemen" form on another
association's case — refused without a reason (the error summary and the field say so), then taken with one;
the banner on the case; axe-clean at every step."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.test_end_to_end import staff_sign_in, staff_with_totp
from tests.factories import make_case
from weerbaar.accounts.models import Role
from weerbaar.cases.models import Case

SHOTS = Path(__file__).resolve().parents[2] / "var" / "shots"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_takes_over_only_with_a_reason(live_server, page, axe, browser_data):
    advisor, _ = staff_with_totp("tess", Role.ADVISOR, "nvvr")
    staff_with_totp("cor", Role.COORDINATOR, "bzk")  # another coordinator: told, not asked
    _, device = staff_with_totp("cora", Role.COORDINATOR, "bzk")
    case, _ = make_case(state="claimed", advisor=advisor, description="Er staat een dreigende tekst op mijn auto.")
    base = live_server.url
    url = f"{base}/werkruimte/zaken/{case.reference}"
    page.set_viewport_size({"width": 1280, "height": 900})
    staff_sign_in(page, base, "cora", device)

    page.goto(url)
    assert "Er staat een dreigende tekst" not in page.content()
    form_heading = page.get_by_role("heading", name="Zelf overnemen (buiten uw vereniging)")
    assert form_heading.is_visible()
    axe(page, context="case page, coordinator, metadata only, take-over form")

    page.get_by_label("Waarom neemt u deze zaak over?").fill("te kort")
    page.get_by_role("button", name="Zaak overnemen").click()
    assert page.title().startswith("Fout:")
    assert "Geef een reden van minstens 10 tekens." in page.content()
    assert page.get_by_label("Waarom neemt u deze zaak over?").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Waarom neemt u deze zaak over?").input_value() == "te kort"  # kept
    axe(page, context="take-over form with an error")
    assert Case.objects.get(pk=case.pk).assigned_to == advisor

    page.get_by_label("Waarom neemt u deze zaak over?").fill("Tess is ziek en de dreiging loopt op.")
    page.get_by_role("button", name="Zaak overnemen").click()
    page.wait_for_url(re.compile(rf"/werkruimte/zaken/{case.reference}(#.*)?$"))
    assert "U heeft de zaak overgenomen." in page.content()
    banner = page.locator("#overgenomen")
    assert "Buiten de eigen vereniging." in banner.inner_text()
    assert "Er staat een dreigende tekst op mijn auto." in page.content()
    axe(page, context="case page after the take-over, with its banner")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "case-taken-over-nl.png"), full_page=True)
