"""Council conversations in a real browser: a griffier asks for a conversation (with a mistake first), gets a
receipt; a coordinator moves the request through every step to closed and sees the municipality on the
coverage page. axe-core checks every page."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from tests.browser.test_end_to_end import staff_sign_in, staff_with_totp
from weerbaar.council.models import CouncilRequest

SHOTS = "/tmp"  # noqa: S108  (screenshots to look at after a run)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_request(page) -> None:
    page.get_by_label("Griffier", exact=True).check()
    page.get_by_label("Gemeenteraad", exact=True).check()
    page.get_by_label("Gemeente", exact=True).select_option("GM0599")  # Rotterdam
    page.get_by_label("Naam contactpersoon").fill("Gerda Griffier")
    page.get_by_label("Functie contactpersoon").fill("Griffier")
    page.get_by_label("E-mailadres contactpersoon").fill("griffie-at-rotterdam")  # the mistake
    page.get_by_label("Voorkeursperiode voor het gesprek").fill("Na het zomerreces")
    page.get_by_label("Wat speelt er lokaal?").fill("Raadsleden worden online bedreigd na het debat.")
    page.locator("#id_aggression_protocol_0").check()  # ja
    page.locator("#id_code_of_conduct_2").check()  # weet ik niet


def step(page, axe, button: str, context: str) -> None:
    page.get_by_role("button", name=button).click()
    page.wait_for_url(re.compile(r"/werkruimte/raadsgesprekken/RG-"))
    axe(page, context=context)


def test_council_request_to_closed_and_coverage(live_server, page, axe, browser_data):
    base = live_server.url
    page.goto(base + "/")
    page.get_by_role("link", name=re.compile("Gesprek aanvragen")).click()
    page.wait_for_url(re.compile(r"/gesprek-aanvragen$"))
    axe(page, context="council request form")

    fill_request(page)
    page.get_by_role("button", name="Aanvraag versturen").click()
    # The help request's error pattern: "Fout:" in the title, a summary that has the focus and links to the field,
    # the message at the field itself.
    page.wait_for_load_state("load")
    assert page.title().startswith("Fout:")
    summary = page.locator(".weerbaar-error-summary")
    assert page.evaluate("document.activeElement.classList.contains('weerbaar-error-summary')")
    link = summary.get_by_role("link", name=re.compile("E-mailadres contactpersoon: Vul een geldig e-mailadres in"))
    assert link.is_visible()
    assert page.locator("#id_contact_email_error").inner_text().startswith("Vul een geldig e-mailadres in")
    link.click()
    assert page.evaluate("document.activeElement.id") == "id_contact_email"
    # Everything typed is still there.
    assert page.get_by_label("Naam contactpersoon").input_value() == "Gerda Griffier"
    assert page.get_by_label("Gemeente", exact=True).input_value() == "GM0599"
    assert page.locator("#id_code_of_conduct_2").is_checked()
    assert "online bedreigd" in page.get_by_label("Wat speelt er lokaal?").input_value()
    axe(page, context="council request form with an error")
    page.screenshot(path=f"{SHOTS}/council-form-error.png", full_page=True)

    page.get_by_label("E-mailadres contactpersoon").fill("griffie@rotterdam.example")
    page.get_by_role("button", name="Aanvraag versturen").click()
    page.get_by_role("heading", name="Uw aanvraag is verstuurd").wait_for()
    reference = page.locator(".weerbaar-receipt__reference").inner_text().strip()
    assert re.fullmatch(r"RG-[0-9A-Z]{4}-[0-9A-Z]{4}", reference)
    assert "Wat gebeurt er nu?" in page.content()
    axe(page, context="council receipt")
    page.screenshot(path=f"{SHOTS}/council-receipt.png", full_page=True)

    _user, device = staff_with_totp("cora", "coordinator", "bzk")
    staff_sign_in(page, base, "cora", device)
    page.get_by_role("link", name="Raadsgesprekken").click()
    page.wait_for_url(re.compile(r"/werkruimte/raadsgesprekken$"))
    axe(page, context="council list")
    page.get_by_role("link", name=reference).click()
    page.wait_for_url(re.compile(rf"/werkruimte/raadsgesprekken/{reference}$"))
    assert "Gerda Griffier" in page.content()
    axe(page, context="council detail, requested")

    # Cancelling asks for a reason first; going back leaves the request as it was.
    page.get_by_role("link", name="Aanvraag annuleren…").click()
    page.wait_for_url(re.compile(r"/annuleren$"))
    assert page.get_by_text("Weerbaar stuurt de aanvrager hier geen bericht over").is_visible()
    page.get_by_role("button", name="Aanvraag definitief annuleren").click()
    assert page.get_by_text("Schrijf op waarom het team de aanvraag annuleert.").first.is_visible()
    axe(page, context="council cancel, reason missing")
    page.screenshot(path=f"{SHOTS}/council-cancel.png", full_page=True)
    page.get_by_role("link", name="Niet annuleren").click()
    page.wait_for_url(re.compile(rf"/werkruimte/raadsgesprekken/{reference}$"))

    step(page, axe, "Aanvraag opgepakt", "council detail, intake call")
    step(page, axe, "Intakegesprek gevoerd", "council detail, exploratory talk")

    page.locator("#id_step-local_situation").fill("Spanning na het debat over de opvang.")
    page.locator("#id_step-place").fill("Raadzaal Rotterdam")
    page.locator("#id_step-facilitators_0").check()
    page.locator("#id_step-experts").fill("Ervaren Ed")
    page.get_by_role("button", name="Verkennend gesprek gevoerd en bijeenkomst gepland").click()
    assert page.get_by_text("Vul een datum in.", exact=True).is_visible()  # forgot the date: 400, input kept
    assert page.locator("#id_step-place").input_value() == "Raadzaal Rotterdam"
    axe(page, context="council detail, planning error")
    page.locator("#id_step-session_date").fill(timezone.localdate().isoformat())
    step(page, axe, "Verkennend gesprek gevoerd en bijeenkomst gepland", "council detail, session planned")
    page.screenshot(path=f"{SHOTS}/council-detail.png", full_page=True)

    step(page, axe, "Bijeenkomst gehouden", "council detail, session held")
    page.locator("#id_step-follow_up_offered_0").check()  # ja
    page.locator("#id_step-follow_up_accepted_1").check()  # nee
    step(page, axe, "Vervolg vastgelegd", "council detail, follow-up offered")
    step(page, axe, "Afsluiten", "council detail, closed")
    assert CouncilRequest.objects.get(reference=reference).status == "closed"

    page.goto(base + "/werkruimte/raadsgesprekken/dekking")
    row = page.get_by_role("row", name=re.compile("Zuid-Holland"))
    assert "Rotterdam" in row.inner_text()
    assert "1 / 50" in row.inner_text()
    assert page.locator("figcaption").is_visible()  # what the star means, not only in the SVG's <desc>
    axe(page, context="coverage")
    page.get_by_label("Doel: aantal bijeenkomsten").fill("12")
    page.get_by_role("button", name="Doel opslaan").click()
    page.wait_for_url(re.compile(r"/dekking\?jaar="))
    assert "doel 12" in page.content()
    axe(page, context="coverage with a target")
    page.screenshot(path=f"{SHOTS}/council-coverage.png", full_page=True)
