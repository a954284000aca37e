"""The morning queue in a real browser (issue 11): unclaimed cases in their own section on top (red, urgent, then
respond-by) with the claim button beside the reference, claimed cases below by their next action; Dutch and
English, 1,280 and 390 px wide, never wider than the window; axe-core on each."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser.test_end_to_end import staff_sign_in, staff_with_totp
from tests.factories import make_case
from weerbaar.accounts.models import Role
from weerbaar.cases.models import Case
from weerbaar.todos.services import todo_create_system

SHOTS = Path(__file__).resolve().parents[2] / "var" / "shots"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS_SCROLL = "document.scrollingElement.scrollWidth <= window.innerWidth"


def test_the_morning_queue_at_desktop_and_phone_width_in_dutch_and_english(live_server, page, axe, browser_data):
    advisor, device = staff_with_totp("tess", Role.ADVISOR, "nvvr")
    now = timezone.now()
    # twelve cases waiting at 09:00: old claimed ones with respond-bys long met, and new ones, one red and urgent
    claimed = []
    for days in range(8):
        case, _ = make_case(state="claimed", advisor=advisor)
        Case.objects.filter(pk=case.pk).update(respond_by=now - timedelta(days=40 - days))
        claimed.append(case)
    todo_create_system(key="q-b", kind="x", title="Terugbellen", due_at=now + timedelta(hours=3), case=claimed[5])
    plain = [make_case()[0] for _ in range(3)]
    red, _ = make_case(acuteDanger=True)
    Case.objects.filter(pk=red.pk).update(respond_by=now - timedelta(hours=10), red_after=now - timedelta(hours=1))

    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    staff_sign_in(page, base, "tess", device)
    page.goto(f"{base}/werkruimte")
    unclaimed = page.locator("section[aria-labelledby='nog-niet-opgepakt'] li")
    assert unclaimed.count() == 4
    first = unclaimed.nth(0)
    assert red.reference in first.inner_text()
    assert "Rood" in first.inner_text()
    claim = first.get_by_role("button", name=re.compile(f"Oppakken {red.reference}"))
    ref_box = first.get_by_role("link", name=red.reference).bounding_box()
    claim_box = claim.bounding_box()
    assert ref_box
    assert claim_box
    assert abs(claim_box["y"] - ref_box["y"]) < 40  # beside the reference, on the same line
    assert claim_box["x"] + claim_box["width"] <= 1280  # on screen
    claimed_cards = page.locator("section[aria-labelledby='opgepakt'] li")
    assert claimed_cards.count() == 8
    assert claimed[5].reference in claimed_cards.nth(0).inner_text()  # the one with a to-do due today
    assert "Taak" in claimed_cards.nth(0).inner_text()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    axe(page, context="queue 1280 nl")
    page.screenshot(path=str(SHOTS / "queue-desktop-nl.png"), full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    claim = page.locator("section[aria-labelledby='nog-niet-opgepakt'] li").nth(0).get_by_role("button")
    box = claim.bounding_box()
    assert box
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 390
    axe(page, context="queue 390 nl")
    page.screenshot(path=str(SHOTS / "queue-phone-nl.png"), full_page=True)

    # English, at both widths
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("load")
    assert page.locator("#nog-niet-opgepakt").inner_text() == "Not claimed yet"
    assert "Next action" in page.locator("section[aria-labelledby='opgepakt']").inner_text()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    axe(page, context="queue 390 en")
    page.screenshot(path=str(SHOTS / "queue-phone-en.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    axe(page, context="queue 1280 en")
    page.screenshot(path=str(SHOTS / "queue-desktop-en.png"), full_page=True)

    # claim from the queue: the case leaves the unclaimed section
    page.get_by_role("button", name=re.compile(f"Claim {red.reference}")).click()
    page.wait_for_url(re.compile(f"/werkruimte/zaken/{red.reference}$"))
    page.goto(f"{base}/werkruimte")
    assert red.reference not in page.locator("section[aria-labelledby='nog-niet-opgepakt']").inner_text()
    assert red.reference in page.locator("section[aria-labelledby='opgepakt']").inner_text()
    assert plain[0].reference in page.locator("section[aria-labelledby='nog-niet-opgepakt']").inner_text()
