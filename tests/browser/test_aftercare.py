"""Aftercare end to end in a real browser: the advisor moves a case to aftercare (a plan with three check-ins),
the check-in job runs at a later moment, the office holder answers in Mijn zaak, the advisor records the
follow-up, and closing the case asks what happens to the open plan. axe-core checks every page."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_end_to_end import portal_sign_in, staff_sign_in, staff_with_totp
from tests.factories import make_case
from weerbaar.accounts.models import Role
from weerbaar.aftercare.models import AftercarePlan, CheckIn
from weerbaar.aftercare.services import checkins_make_due

SHOTS = "/tmp"  # noqa: S108  (screenshots to look at after a run)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_aftercare_from_plan_to_answer_to_follow_up_to_closing(live_server, browser, axe, browser_data):
    base = live_server.url
    advisor, device = staff_with_totp("anna", Role.ADVISOR, "nvvr")
    case, code = make_case(state="claimed", advisor=advisor)

    desk = browser.new_context(locale="nl-NL").new_page()
    staff_sign_in(desk, base, "anna", device)
    desk.goto(f"{base}/werkruimte/zaken/{case.reference}")
    desk.get_by_role("button", name="Nazorg starten").click()
    desk.wait_for_url(re.compile(r"#status$"))

    # the plan: three moments for the office holder
    desk.get_by_role("link", name="Nazorg", exact=True).click()
    desk.wait_for_url(re.compile(r"/nazorg$"))
    assert desk.locator(".weerbaar-aftercare-check-in").count() == 3
    axe(desk, context="workspace: aftercare plan")
    desk.screenshot(path=f"{SHOTS}/aftercare-plan.png", full_page=True)

    # a household member with their own check-ins; a mistake first keeps what was typed
    desk.get_by_label("Naam").fill("Noor Jansen")
    desk.get_by_role("button", name="Huisgenoot toevoegen").click()
    assert (
        "Kies hoe deze persoon bij de ambtsdrager hoort."
        in desk.locator("section[aria-labelledby=huisgenoten]").inner_text()
    )
    assert desk.get_by_label("Naam").input_value() == "Noor Jansen"
    axe(desk, context="workspace: aftercare plan with an error")
    desk.get_by_label("Relatie tot de ambtsdrager").select_option("partner")
    desk.get_by_role("button", name="Huisgenoot toevoegen").click()
    desk.wait_for_url(re.compile(r"/nazorg#huisgenoten$"))
    assert "Huisgenoot 1: Noor Jansen (partner)" in desk.locator("section[aria-labelledby=huisgenoten]").inner_text()
    assert desk.locator(".weerbaar-aftercare-check-in").count() == 6

    # the job runs at the moment of the first check-in (a clock in the future)
    plan = AftercarePlan.objects.get(case=case)
    first = plan.check_ins.filter(member__isnull=True).order_by("due_at").first()
    counts = checkins_make_due(now=first.due_at)
    assert counts["due"] >= 1

    # the office holder answers in Mijn zaak
    holder = browser.new_context(locale="nl-NL").new_page()
    portal_sign_in(holder, base, case.reference, code)
    assert "Hoe gaat het met u?" in holder.locator(".weerbaar-thread").inner_text()  # the message in the thread
    holder.get_by_role("link", name="Naar Nazorg: hoe gaat het met u?").click()
    holder.wait_for_url(re.compile(r"/mijn-zaak/nazorg$"))
    axe(holder, context="portal: aftercare questions")
    question = holder.locator(f"#vraag-{first.pk}")
    question.get_by_role("button", name="Antwoord versturen").click()
    assert "Schrijf hoe het met u gaat, of kies een woord." in holder.locator(f"#vraag-{first.pk}").inner_text()
    axe(holder, context="portal: aftercare answer with an error")
    # 23:00, no words: only "Slecht" is enough
    question = holder.locator(f"#vraag-{first.pk}")
    question.get_by_label("Slecht").check()
    question.get_by_role("button", name="Antwoord versturen").click()
    holder.wait_for_url(re.compile(r"/mijn-zaak/nazorg#ontvangen$"))
    receipt = holder.locator("#ontvangen").inner_text()
    assert "Uw adviseur leest dit uiterlijk op de eerstvolgende werkdag." in receipt
    assert "Gaat het nu niet goed?" in receipt
    assert holder.locator("#ontvangen a[href='tel:112']").count() == 1
    assert "Slecht" in holder.locator("#eerdere-antwoorden").locator("xpath=..").inner_text()
    axe(holder, context="portal: aftercare after answering")
    holder.screenshot(path=f"{SHOTS}/aftercare-portal.png", full_page=True)

    # the advisor sees "Slecht" at once and records the follow-up
    desk.reload()
    moment = desk.locator(f"#check-in-{first.pk}")
    assert "Antwoord: „Slecht”." in moment.inner_text()
    moment.get_by_label("Opvolging").fill("Gebeld; verwezen naar de huisarts.")
    moment.get_by_role("button", name="Opvolging vastleggen").click()
    desk.wait_for_url(re.compile(rf"#check-in-{first.pk}$"))
    moment = desk.locator(f"#check-in-{first.pk}")
    assert "Gebeld; verwezen naar de huisarts." in moment.inner_text()
    assert not moment.get_by_label("Opvolging").is_visible()  # saved: text, and the form folded away
    moment.get_by_text("Opvolging wijzigen").click()
    assert moment.get_by_label("Opvolging").input_value() == "Gebeld; verwezen naar de huisarts."
    axe(desk, context="workspace: aftercare plan after follow-up")
    desk.screenshot(path=f"{SHOTS}/aftercare-plan-follow-up.png", full_page=True)
    first.refresh_from_db()
    assert first.status == "followed_up"

    # closing the plan by hand asks first; cancelling changes nothing
    desk.get_by_role("link", name="Nazorgplan afsluiten…").click()
    desk.wait_for_url(re.compile(r"/nazorg/afsluiten$"))
    assert "Vervallen (plan afgesloten)" in desk.locator("main").inner_text()
    axe(desk, context="workspace: close aftercare plan confirmation")
    desk.screenshot(path=f"{SHOTS}/aftercare-plan-close-confirm.png", full_page=True)
    desk.get_by_role("link", name="Annuleren").click()
    desk.wait_for_url(re.compile(r"/nazorg#afsluiten$"))
    plan.refresh_from_db()
    assert plan.closed_at is None

    # closing the case asks what happens with the open plan
    desk.goto(f"{base}/werkruimte/zaken/{case.reference}")
    desk.get_by_label("Uitkomst").select_option("advised")
    desk.get_by_role("button", name="Zaak afsluiten").click()
    assert "lopend nazorgplan" in desk.locator("main").inner_text()
    axe(desk, context="workspace: close confirmation")
    desk.screenshot(path=f"{SHOTS}/aftercare-close-confirm.png", full_page=True)
    desk.get_by_role("button", name="Zaak sluiten").click()  # no choice yet: asked again
    assert "Maak een keuze." in desk.locator("main").inner_text()
    axe(desk, context="workspace: close confirmation with an error")
    desk.get_by_label("Nazorg stopt", exact=False).check()
    desk.get_by_role("button", name="Zaak sluiten").click()
    desk.wait_for_url(re.compile(rf"/werkruimte/zaken/{case.reference}$"))  # back to the case page's overview
    case.refresh_from_db()
    assert case.status == "closed"
    plan.refresh_from_db()
    assert plan.closed_at is not None
    assert not CheckIn.objects.filter(plan=plan, status__in=["planned", "due"]).exists()
    desk.get_by_role("link", name="Nazorg", exact=True).click()
    axe(desk, context="workspace: closed aftercare plan")
