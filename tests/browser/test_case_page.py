"""The case page for working (issue 11) in a real browser: a summary on top (status, who, deadlines, what waits),
the sections as separate pages behind a tab bar (aria-current), internal notes unmistakably internal and apart
from messages to the office holder, and after saving the message at the top of the same tab with the focus on
it; Dutch and English, 1,280 and 390 px, never wider than the window, axe-clean."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser.test_end_to_end import staff_sign_in, staff_with_totp
from tests.factories import make_case
from weerbaar.accounts.models import Role
from weerbaar.accounts.policy import OfficeHolder
from weerbaar.cases import services
from weerbaar.cases.models import CaseMessage
from weerbaar.todos.services import todo_create_system

SHOTS = Path(__file__).resolve().parents[2] / "var" / "shots"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS_SCROLL = "document.scrollingElement.scrollWidth <= window.innerWidth"


def test_case_page_tabs_internal_notes_and_feedback_where_one_looks(live_server, page, axe, browser_data):
    advisor, device = staff_with_totp("tess", Role.ADVISOR, "nvvr")
    case, _ = make_case(state="claimed", advisor=advisor, description="Er staat een dreigende tekst op mijn auto.")
    services.case_message_send_by_office_holder(
        principal=OfficeHolder(case_id=case.pk, reference=case.reference), reference=case.reference, text="Hallo?"
    )
    todo_create_system(key="cp", kind="x", title="Terugbellen", due_at=timezone.now() + timedelta(days=1), case=case)
    base = live_server.url
    url = f"{base}/werkruimte/zaken/{case.reference}"
    page.set_viewport_size({"width": 1280, "height": 900})
    staff_sign_in(page, base, "tess", device)

    page.goto(url)
    summary = page.get_by_role("region", name="Samenvatting")
    assert "In behandeling" in summary.inner_text()
    assert "Bericht van de aanvrager" in summary.inner_text()  # what waits: the unread message and the to-do
    assert "Taak" in summary.inner_text()
    tabs = page.get_by_role("navigation", name=f"Tabbladen van zaak {case.reference}")
    assert tabs.get_by_role("link", name="Overzicht").get_attribute("aria-current") == "page"
    assert "Er staat een dreigende tekst op mijn auto." in page.content()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    axe(page, context="case overview 1280 nl")
    page.screenshot(path=str(SHOTS / "case-overview-desktop-nl.png"), full_page=True)

    # internal notes: their own tab, purple and labelled, apart from the messages
    tabs.get_by_role("link", name="Interne notities").click()
    page.wait_for_url(re.compile(r"/notities$"))
    assert tabs.get_by_role("link", name="Interne notities").get_attribute("aria-current") == "page"
    notes = page.locator("section[aria-labelledby='notities']")
    assert "Intern — niet zichtbaar voor de aanvrager" in notes.inner_text()
    page.get_by_label("Nieuwe notitie").fill("Dader is mogelijk de buurman; niet delen.")
    page.get_by_role("button", name="Interne notitie opslaan").click()
    page.wait_for_url(re.compile(r"/notities$"))
    feedback = page.locator("#melding")
    assert "De interne notitie is opgeslagen." in feedback.inner_text()
    assert page.evaluate("document.activeElement.id") == "melding"  # the focus is on the message, at the tab's top
    feedback_box, section_box = feedback.bounding_box(), notes.bounding_box()
    assert feedback_box
    assert section_box
    assert feedback_box["y"] < section_box["y"] < 900
    assert "Dader is mogelijk de buurman" in notes.inner_text()
    note_colour = notes.evaluate("el => getComputedStyle(el).backgroundColor")
    axe(page, context="internal notes nl")
    page.screenshot(path=str(SHOTS / "case-notes-desktop-nl.png"), full_page=True)

    # messages: visible to the office holder, another colour, the note is not there
    tabs.get_by_role("link", name="Berichten").click()
    page.wait_for_url(re.compile(r"/berichten$"))
    messages = page.locator("section[aria-labelledby='berichten']")
    assert "Zichtbaar voor de aanvrager" in messages.inner_text()
    assert "Dader is mogelijk de buurman" not in messages.inner_text()
    assert "Intern — niet zichtbaar" not in messages.inner_text()
    assert messages.evaluate("el => getComputedStyle(el).backgroundColor") != note_colour
    assert CaseMessage.objects.get(case=case, sender="office_holder").read_at is not None  # read on this tab
    page.get_by_label("Bericht aan de aanvrager").fill("Ik bel u morgen om tien uur.")
    page.get_by_role("button", name="Bericht versturen").click()
    page.wait_for_url(re.compile(r"/berichten$"))
    assert "Het bericht is verstuurd." in page.locator("#melding").inner_text()
    assert page.evaluate("document.activeElement.id") == "melding"
    axe(page, context="messages nl")

    # the other tabs answer and say where one is
    for name, path in (("Gesprekken", "/gesprekken$"), ("Taken", "/taken$"), ("Geschiedenis", "/geschiedenis$")):
        tabs.get_by_role("link", name=name, exact=True).click()
        page.wait_for_url(re.compile(path))
        assert tabs.get_by_role("link", name=name, exact=True).get_attribute("aria-current") == "page"
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
    axe(page, context="history nl")

    # a phone
    page.set_viewport_size({"width": 390, "height": 844})
    for path, shot in (("", "case-overview-phone-nl.png"), ("/notities", "case-notes-phone-nl.png")):
        page.goto(url + path)
        assert page.evaluate(NO_SIDEWAYS_SCROLL), path
        axe(page, context=f"case page{path} 390 nl")
        page.screenshot(path=str(SHOTS / shot), full_page=True)

    # English, at both widths
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("load")
    tabs = page.get_by_role("navigation", name=f"Tabs of case {case.reference}")
    assert tabs.get_by_role("link", name="Internal notes").get_attribute("aria-current") == "page"
    assert "Internal — not visible to the requester" in page.locator("section[aria-labelledby='notities']").inner_text()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    axe(page, context="internal notes 390 en")
    page.screenshot(path=str(SHOTS / "case-notes-phone-en.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    assert "What waits" in page.get_by_role("region", name="Summary").inner_text()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    axe(page, context="case overview 1280 en")
    page.screenshot(path=str(SHOTS / "case-overview-desktop-en.png"), full_page=True)
