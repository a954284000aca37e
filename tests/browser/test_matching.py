"""Matching in a real browser (issue 14): the administrator switches it on, an advisor records an identifier on
an incident (a mistake first), the nightly job proposes a match, a coordinator reviews it on the list and the
match page, and after a second coordinator the advisor reads the one sentence on the case page. axe-core checks
every new page."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from tests.browser.test_end_to_end import staff_sign_in, staff_with_totp
from tests.matching.conftest import claimed_case_with_incident
from weerbaar.accounts import policy
from weerbaar.accounts.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_switch_record_review_and_read(live_server, browser, axe, browser_data):
    from weerbaar.matching import services

    base = live_server.url
    _admin, admin_device = staff_with_totp("bea", Role.ADMIN, None)
    anna, anna_device = staff_with_totp("anna", Role.ADVISOR, "nvvr")
    bram, _ = staff_with_totp("bram", Role.ADVISOR, "nvvr")
    _cora, cora_device = staff_with_totp("cora", Role.COORDINATOR, None)
    dirk, _ = staff_with_totp("dirk", Role.COORDINATOR, None)
    case = claimed_case_with_incident(anna, email="een@example.org")
    other = claimed_case_with_incident(bram, email="twee@example.org")

    admin = browser.new_context(locale="nl-NL").new_page()
    staff_sign_in(admin, base, "bea", admin_device)
    admin.goto(f"{base}/werkruimte/beheer/koppelen")
    assert "Koppelen staat uit." in admin.locator("main").inner_text()
    axe(admin, context="workspace: matching switch")
    admin.get_by_label("Aan").check()
    admin.get_by_role("button", name="Opslaan").click()
    admin.wait_for_url(re.compile(r"/werkruimte/beheer/koppelen$"))
    assert "Koppelen staat aan." in admin.locator("main").inner_text()

    desk = browser.new_context(locale="nl-NL").new_page()
    staff_sign_in(desk, base, "anna", anna_device)
    desk.goto(f"{base}/werkruimte/zaken/{case.reference}/incidenten/1")
    desk.get_by_role("link", name="Daderkenmerken voor koppelen").click()
    desk.wait_for_url(re.compile(r"/daderkenmerken$"))
    assert "(niet verplicht)" in desk.locator("form.weerbaar-ws-form").inner_text()
    axe(desk, context="workspace: perpetrator identifiers")
    desk.get_by_label("Soort kenmerk").select_option("name_with_birth")
    desk.get_by_label("Kenmerk", exact=True).fill("Jan de Vries")
    desk.get_by_role("button", name="Kenmerk vastleggen").click()
    assert "Een naam alleen kan niet" in desk.locator("main").inner_text()
    axe(desk, context="workspace: perpetrator identifiers with an error")
    desk.get_by_label("Soort kenmerk").select_option("phone")
    desk.get_by_label("Kenmerk", exact=True).fill("06-55512345")
    desk.get_by_role("button", name="Kenmerk vastleggen").click()
    desk.wait_for_url(re.compile(r"/daderkenmerken$"))
    assert "06-55512345" in desk.locator("table").inner_text()

    access = policy.access_case(bram, other.reference)
    services.identifier_add(access=access, incident_number=1, kind="phone", value="+31 6 5551 2345")
    assert services.matching_run(timezone.now())["proposed"] == 1

    coordinator = browser.new_context(locale="nl-NL").new_page()
    staff_sign_in(coordinator, base, "cora", cora_device)
    coordinator.goto(f"{base}/werkruimte/koppelingen")
    listing = coordinator.locator("main").inner_text()
    assert case.reference in listing
    assert other.reference in listing
    assert "5551" not in listing
    axe(coordinator, context="workspace: matches")
    coordinator.get_by_role("link", name="Telefoonnummer").click()
    coordinator.wait_for_url(re.compile(r"/werkruimte/koppelingen/\d+$"))
    axe(coordinator, context="workspace: match")
    coordinator.get_by_label("Bevestigen: mogelijk dezelfde persoon").check()
    coordinator.get_by_label("Reden").fill("Zelfde nummer, zelfde gemeente.")
    coordinator.get_by_role("button", name="Beoordeling vastleggen").click()
    coordinator.wait_for_url(re.compile(r"/werkruimte/koppelingen/\d+$"))
    assert "een andere coördinator moet nog beoordelen" in coordinator.locator("main").inner_text()
    axe(coordinator, context="workspace: match reviewed once")

    match_id = int(coordinator.url.rsplit("/", 1)[1])
    services.match_review(actor=dirk, match_id=match_id, decision="confirm", reason="Eens.")
    desk.goto(f"{base}/werkruimte/zaken/{case.reference}")
    panel = desk.locator(".weerbaar-match-panel").inner_text()
    assert "Mogelijk dezelfde persoon als in een andere zaak; de coördinator neemt contact op." in panel
    assert other.reference not in panel
