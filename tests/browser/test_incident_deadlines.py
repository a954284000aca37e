"""Klacht dates, the follow-up questions, the series split and re-assessment in a real browser, in the workspace
and in Mijn zaak; axe-core checks every page."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.browser.test_end_to_end import portal_sign_in, staff_sign_in, staff_with_totp
from tests.factories import incident_payload, incident_plan_store, incident_plan_stored, make_case
from weerbaar.accounts.models import Role
from weerbaar.incidents import services
from weerbaar.incidents.models import Incident
from weerbaar.incidents.validation import validate_incident

SHOTS = "/tmp"  # noqa: S108  (screenshots to look at after a run)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIES = (date(2026, 6, 1), date(2026, 9, 15), date(2026, 11, 25))


def record_series(advisor, case) -> None:
    for day in SERIES:
        payload = incident_payload(occurredOn=day.isoformat(), learnedOn=day.isoformat(), acts=["stalking"])
        data = validate_incident(payload, today=max(day, timezone.localdate()))
        services.incident_record(actor=advisor, reference=case.reference, data=data)


def test_advisor_sees_the_series_splits_one_off_and_reassesses(live_server, page, axe, browser_data):
    advisor, device = staff_with_totp("anna", Role.ADVISOR, "nvvr")
    case, _code = make_case(state="claimed", advisor=advisor)
    record_series(advisor, case)
    third = Incident.objects.get(case=case, number=3)
    incident_plan_store(third, {**incident_plan_stored(third), "rulesVersion": "2026.1"})
    base = live_server.url
    staff_sign_in(page, base, "anna", device)
    page.goto(f"{base}/werkruimte/zaken/{case.reference}")
    panel = page.locator(".weerbaar-inc-deadline")
    assert panel.locator("tbody tr").count() == 3
    assert "25 februari 2027" in panel.inner_text()
    axe(page, context="workspace: case page with the deadline panel")

    page.goto(f"{base}/werkruimte/zaken/{case.reference}/incidenten")
    assert page.locator(".weerbaar-inc-timeline__deadline").count() == 3
    axe(page, context="workspace: timeline with klacht dates")

    page.goto(f"{base}/werkruimte/zaken/{case.reference}/incidenten/3")
    assert "regels versie 2026.1" in page.locator(".weerbaar-inc-plan__outdated").inner_text()
    axe(page, context="workspace: incident with an outdated plan")
    page.get_by_role("button", name="Opnieuw beoordelen met de huidige regels").click()
    page.wait_for_url(re.compile(r"/incidenten/3#herbeoordeeld$"))
    assert "2026.1 →" in page.locator(".weerbaar-inc-reassessed").inner_text()
    axe(page, context="workspace: incident re-assessed")
    page.screenshot(path=SHOTS + "/incidents-ws-reassessed.png", full_page=True)

    page.get_by_role("button", name="Losmaken van de reeks belaging").click()
    page.wait_for_url(re.compile(r"/incidenten/3$"))
    assert "Losgemaakt van de reeks: eigen termijn" in page.locator(".weerbaar-inc-facts").inner_text()
    assert not Incident.objects.get(case=case, number=3).in_series
    axe(page, context="workspace: incident split off the series")
    page.screenshot(path=SHOTS + "/incidents-ws-split.png", full_page=True)


def test_the_follow_up_questions_appear_with_their_acts(live_server, page, axe, browser_data):
    advisor, device = staff_with_totp("bea", Role.ADVISOR, "nvvr")
    case, _code = make_case(state="claimed", advisor=advisor)
    base = live_server.url
    staff_sign_in(page, base, "bea", device)
    page.goto(f"{base}/werkruimte/zaken/{case.reference}/incidenten/nieuw")
    threatened = page.locator('[data-weerbaar-show-for-acts~="threat_other"]').first
    injury = page.get_by_text("Is er zwaar lichamelijk letsel?")
    last_act = page.locator("#id_last_learned_on")  # its label also names the Vandaag/Gisteren group
    assert not threatened.is_visible()
    assert not injury.is_visible()
    assert not last_act.is_visible()
    axe(page, context="workspace: record form, no act yet")
    page.get_by_label("Andere bedreiging", exact=True).check()
    page.get_by_label("Mishandeling", exact=True).check()
    assert threatened.is_visible()
    assert injury.is_visible()
    assert not last_act.is_visible()
    axe(page, context="workspace: record form with follow-up questions")
    today = timezone.localdate()
    page.locator("#id_occurred_on").fill((today - timedelta(days=3)).isoformat())
    page.locator("#id_learned_on").fill((today - timedelta(days=2)).isoformat())
    page.get_by_label("Bij mij thuis", exact=True).check()
    page.locator("#id_related_to_office_0").check()
    page.get_by_label("Iets openbaar maken, zwartmaken of een geheim onthullen").check()
    page.locator("#id_demand_0").check()
    page.get_by_label("Een groep, in het openbaar").check()
    page.locator("#id_serious_injury_0").check()
    page.get_by_label("Partner", exact=True).first.check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/incidenten/1$"))
    incident = Incident.objects.get(case=case)
    assert (incident.threatened, incident.demand, incident.perpetrators) == ("exposure", True, "group")
    assert incident.serious_injury
    assert "284" in page.locator(".weerbaar-inc-plan").inner_text()
    axe(page, context="workspace: incident with the follow-up facts")


def test_mijn_zaak_shows_the_series_date_in_dutch_and_english(live_server, page, axe, browser_data):
    advisor, _device = staff_with_totp("cas", Role.ADVISOR, "nvvr")
    case, code = make_case(state="claimed", advisor=advisor)
    record_series(advisor, case)
    base = live_server.url
    portal_sign_in(page, base, case.reference, code)
    nearest = page.locator(".weerbaar-inc-deadline__nearest")
    assert "Klacht nodig uiterlijk donderdag 25 februari 2027" in nearest.inner_text()
    axe(page, context="portal: Mijn zaak with the klacht dates")
    page.goto(base + "/mijn-zaak/incidenten/1")
    assert "(reeks belaging: vanaf het laatste voorval)" in page.locator(".weerbaar-inc-plan").inner_text()
    assert page.get_by_role("button", name="Losmaken van de reeks belaging").count() == 0
    axe(page, context="portal: incident of the series")
    page.goto(base + "/")
    page.get_by_role("button", name="English").click()
    page.goto(base + "/mijn-zaak/incidenten/1")
    assert "(stalking series: from the last act)" in page.locator(".weerbaar-inc-plan").inner_text()
    axe(page, context="portal in English: incident of the series")
