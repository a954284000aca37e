"""The concern note in a real browser: from the case page to the timeline and the form, a mistake that keeps
what was typed, a "hoog" saved with the hard prompts first, the version history, and a colleague confirming it.
axe-core checks every page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.test_end_to_end import staff_sign_in, staff_with_totp
from tests.concerns.factories import record_incident
from tests.factories import make_case
from weerbaar.accounts.models import Role
from weerbaar.concerns.models import ConcernNote

SHOTS = "/tmp"  # noqa: S108  (screenshots to look at after a run)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_concern_note_from_case_page_to_confirmation(live_server, browser, axe, browser_data):
    base = live_server.url
    anna, anna_device = staff_with_totp("anna", Role.ADVISOR, "nvvr")
    bram, bram_device = staff_with_totp("bram", Role.ADVISOR, "nvvr")
    case, _code = make_case(state="claimed", advisor=anna)
    record_incident(anna, case)
    today = timezone.localdate().isoformat()
    record_incident(anna, case, channel="at_home", occurredOn=today, learnedOn=today, occurredAt="00:01")

    desk = browser.new_context(locale="nl-NL").new_page()
    staff_sign_in(desk, base, "anna", anna_device)
    desk.goto(f"{base}/werkruimte/zaken/{case.reference}")
    desk.get_by_role("link", name="Verloop van de incidenten").click()
    desk.wait_for_url(re.compile(r"/verloop$"))
    assert "Ja: eerst online" in desk.locator("main").inner_text()
    axe(desk, context="workspace: incident timeline")
    desk.screenshot(path=f"{SHOTS}/concern-timeline.png", full_page=True)

    desk.goto(f"{base}/werkruimte/zaken/{case.reference}")
    desk.get_by_role("link", name="Zorgnotitie maken").click()
    desk.wait_for_url(re.compile(r"/zorgnotitie$"))
    axe(desk, context="workspace: concern note, none yet")
    desk.get_by_role("link", name="Zorgnotitie schrijven").click()
    desk.wait_for_url(re.compile(r"/zorgnotitie/nieuwe-versie$"))
    axe(desk, context="workspace: concern note form")

    # a mistake first: nothing typed is lost
    approach = desk.locator("#punt-approach_home")
    approach.get_by_label("Mogelijk").check()
    approach.get_by_label(re.compile(r"^Incident 2 ")).check()
    desk.get_by_label("Samenvatting").fill("Eerst online, nu aan de deur.")
    desk.get_by_role("button", name="Versie opslaan").click()
    assert "Er is een probleem" in desk.locator("main").inner_text()
    assert desk.get_by_label("Samenvatting").input_value() == "Eerst online, nu aan de deur."
    assert desk.locator("#punt-approach_home").get_by_label("Mogelijk").is_checked()
    assert desk.locator("#punt-approach_home").get_by_label(re.compile(r"^Incident 2 ")).is_checked()
    axe(desk, context="workspace: concern note form with errors")

    for fieldset in desk.locator(".weerbaar-concern-item").all():
        if not fieldset.locator("input[type=radio]:checked").count():
            fieldset.get_by_label("Onbekend").check()
    desk.get_by_label("Hoog").check()
    desk.get_by_label("Waarom dit niveau").fill("Benadering van de woning na weken berichten.")
    desk.get_by_label("Plan van aanpak").fill("Vandaag overleg met de politie.")
    desk.get_by_label("Herzien op").fill((timezone.localdate() + timedelta(days=7)).isoformat())
    desk.get_by_role("button", name="Versie opslaan").click()
    desk.wait_for_url(re.compile(r"/zorgnotitie$"))
    assert "Overleg nu met de politie over dreigingsmanagement" in desk.locator("main").inner_text()
    assert "wacht op bevestiging" in desk.locator("main").inner_text()
    axe(desk, context="workspace: concern note awaiting confirmation")
    desk.screenshot(path=f"{SHOTS}/concern-note.png", full_page=True)
    desk.get_by_role("link", name="Alle versies").click()
    desk.wait_for_url(re.compile(r"/versies$"))
    axe(desk, context="workspace: concern note versions")

    # a colleague confirms
    other = browser.new_context(locale="nl-NL").new_page()
    staff_sign_in(other, base, "bram", bram_device)
    other.goto(f"{base}/werkruimte/zaken/{case.reference}/zorgnotitie")
    other.get_by_role("link", name="Zorgniveau hoog bevestigen…").click()
    other.wait_for_url(re.compile(r"/bevestigen$"))
    axe(other, context="workspace: confirm high")
    other.get_by_role("button", name="Ik bevestig het zorgniveau hoog").click()
    other.wait_for_url(re.compile(r"/versies/1$"))
    assert "bevestigd door" in other.locator("main").inner_text()
    axe(other, context="workspace: confirmed version")
    assert ConcernNote.objects.get(case=case).confirmed_by == bram
