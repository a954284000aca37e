"""Alerts on arrival in a real browser: the intake's e-mail choice and Mijn zaak's page to change or withdraw it
(on a 390 px phone, Dutch and English); the coordinators' on-duty rota (desktop and phone, Dutch and English) and
a new request arriving in the on-duty advisor's notifications. axe-core on every page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.browser.test_end_to_end import expect_text, portal_sign_in, staff_sign_in, staff_with_totp
from tests.factories import help_request_payload
from weerbaar.accounts.models import Role
from weerbaar.cases.models import Case
from weerbaar.notifications.models import Notification, OfficeHolderEmail, OnDutyPeriod

SHOTS = "/tmp"  # noqa: S108  (screenshots to look at after a run)
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "nl-NL"}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page, width: int = 390) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def test_office_holder_chooses_changes_and_withdraws_the_email_on_a_phone(live_server, browser, axe, browser_data):
    base = live_server.url
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(base + "/hulp-vragen")
    page.get_by_label("Nee", exact=True).check()
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Raadslid", exact=True).check()
    page.get_by_label("Gemeente", exact=True).select_option("GM0363")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Bedreiging", exact=True).check()
    page.get_by_label("Wat is er gebeurd?").fill("Een dreigbrief in de bus.")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Uw naam").fill("Robin")
    page.get_by_label("Telefoonnummer").fill("06 12345678")
    page.get_by_label("Telefoon", exact=True).check()
    # the choice without an address: the step says what is missing
    page.get_by_label("Stuur mij een e-mail als er iets nieuws is in Mijn zaak").check()
    page.get_by_role("button", name="Volgende").click()
    expect_text(page, "U wilt een e-mail als er iets nieuws is: vul uw e-mailadres in.")
    axe(page, context="contact step with the e-mail choice and its error")
    _fits(page)
    page.screenshot(path=f"{SHOTS}/alerts-intake-choice.png", full_page=True)
    page.get_by_label("E-mailadres").fill("robin@voorbeeld.example")
    page.get_by_role("button", name="Volgende").click()
    expect_text(page, "E-mail bij iets nieuws")
    page.get_by_role("button", name="Hulpvraag versturen").click()
    reference = page.locator(".weerbaar-receipt__reference").inner_text().strip()
    code = page.locator(".weerbaar-receipt__code").inner_text().strip()
    case = Case.objects.get(reference=reference)
    assert OfficeHolderEmail.objects.get(case=case).open("sealed_email", under=case) == "robin@voorbeeld.example"

    portal_sign_in(page, base, reference, code)
    expect_text(page, "Aan: u krijgt een e-mail zonder inhoud als er iets nieuws is in Mijn zaak.")
    page.get_by_role("link", name=re.compile("Wijzigen of uitzetten")).click()
    page.wait_for_url(re.compile(r"/mijn-zaak/e-mail$"))
    axe(page, context="Mijn zaak: e-mail choice")
    _fits(page)
    page.screenshot(path=f"{SHOTS}/alerts-portal-email.png", full_page=True)
    page.get_by_label("E-mailadres").fill("geen adres")
    page.get_by_role("button", name="Opslaan").click()
    expect_text(page, "Vul een geldig e-mailadres in")
    assert page.title().startswith("Fout:")
    axe(page, context="Mijn zaak: e-mail choice with an error")
    page.get_by_label("Stuur mij een e-mail als er iets nieuws is in Mijn zaak").uncheck()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/mijn-zaak$"))
    expect_text(page, "Uw e-mailadres voor deze meldingen is gewist.")
    expect_text(page, "Uit: u krijgt geen e-mail")
    assert not OfficeHolderEmail.objects.filter(case=case).exists()

    # English: switch it on again
    page.get_by_role("button", name="English").click()
    page.get_by_role("link", name=re.compile("Switch on")).click()
    page.wait_for_url(re.compile(r"/mijn-zaak/e-mail$"))
    expect_text(page, "This is now off.")
    axe(page, context="Mijn zaak: e-mail choice (English)")
    _fits(page)
    page.get_by_label("Email me when there is something new in My case").check()
    page.get_by_label("Email address").fill("robin@voorbeeld.example")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/mijn-zaak$"))
    expect_text(page, "Saved: you will get an email when there is something new in My case.")
    assert OfficeHolderEmail.objects.filter(case=case).exists()
    context.close()


def test_coordinator_sets_the_rota_and_the_on_duty_advisor_hears_first(live_server, browser, axe, browser_data):
    base = live_server.url
    _coordinator, coordinator_device = staff_with_totp("cees", Role.COORDINATOR, None)
    anna, anna_device = staff_with_totp("anna", Role.ADVISOR, "nvvr")
    staff_with_totp("bert", Role.ADVISOR, "nvvr")

    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    staff_sign_in(page, base, "cees", coordinator_device)
    page.goto(base + "/werkruimte/dienstrooster")
    expect_text(page, "Er staat niemand van dienst.")
    axe(page, context="on-duty rota, empty")
    page.get_by_role("button", name="Toevoegen").click()  # nothing filled in
    assert page.title().startswith("Fout:")
    expect_text(page, "Kies een vereniging.")
    axe(page, context="on-duty rota with errors")
    page.get_by_label("Vereniging").select_option(label="Nederlandse Vereniging voor Raadsleden")
    page.get_by_label("Adviseur").select_option(value=str(anna.pk))
    page.get_by_label("Begin").fill("2026-01-01T08:00")
    page.get_by_label("Einde").fill("2099-01-01T08:00")
    page.get_by_role("button", name="Toevoegen").click()
    expect_text(page, "Een dienst duurt hoogstens 31 dagen.")
    start = timezone.localtime() - timedelta(hours=1)
    page.get_by_label("Begin").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Einde").fill((start + timedelta(hours=9)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Toevoegen").click()
    expect_text(page, "De dienst is toegevoegd aan het rooster.")
    expect_text(page, "nu van dienst")
    assert OnDutyPeriod.objects.get().advisor_id == anna.pk
    axe(page, context="on-duty rota with a period")
    page.screenshot(path=f"{SHOTS}/alerts-on-duty.png", full_page=True)
    page.get_by_role("button", name="English").click()
    expect_text(page, "On-duty rota")
    expect_text(page, "on duty now")
    axe(page, context="on-duty rota (English)")
    page.set_viewport_size({"width": 390, "height": 844})
    axe(page, context="on-duty rota (English, 390 px)")
    _fits(page)
    page.screenshot(path=f"{SHOTS}/alerts-on-duty-390.png", full_page=True)
    context.close()

    # A request through the API: committed for real, the notifications follow its commit.
    response = APIClient().post("/api/v1/help-requests", help_request_payload(), format="json")
    assert response.status_code == 201
    reference = response.json()["reference"]
    notes = list(
        Notification.objects.filter(kind="case_new").order_by("pk").values_list("recipient__username", flat=True)
    )
    assert notes == ["anna", "bert"]  # the on-duty advisor first

    context = browser.new_context(**PHONE)
    page = context.new_page()
    staff_sign_in(page, base, "anna", anna_device)
    page.goto(base + "/werkruimte/meldingen")
    link = page.get_by_role("link", name="Er is een nieuwe hulpvraag binnengekomen voor uw vereniging.")
    assert link.count() == 1
    expect_text(page, reference)
    axe(page, context="notifications with a new request, 390 px")
    _fits(page)
    link.click()
    page.wait_for_url(re.compile(rf"/werkruimte/zaken/{reference}$"))
    context.close()
