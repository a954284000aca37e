"""The wizard "Wat kan ik doen?" in a real browser: empty form, error state and step plan, each checked
with axe-core; the choices survive an error; acute danger shows 112 first."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

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


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "nl-NL"}


def test_wizard_on_a_phone_shows_each_follow_up_with_its_act(live_server, browser, axe, browser_data):
    """With JavaScript the follow-ups appear under the acts as they are ticked, and everything is answered on
    one page; a follow-up whose act is unticked again disappears and is not sent."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/wat-kan-ik-doen")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    for question in ("Waarmee werd gedreigd?", "Eiste de dader iets van u?", "Was het één persoon of een groep?"):
        assert not page.get_by_text(question).is_visible()
    axe(page, context="empty wizard on a phone")

    page.locator("#id_danger_1").check()
    page.get_by_label("Wethouder", exact=True).check()
    page.get_by_label("Mijn partner", exact=True).check()
    page.locator("#id_related_0").check()
    page.locator("#id_online_1").check()
    today = timezone.localdate()
    page.get_by_label("Wanneer hoorde u ervan?").fill((today - timedelta(days=20)).isoformat())

    page.get_by_label("Andere bedreiging", exact=True).check()
    assert page.get_by_text("Waarmee werd gedreigd?").is_visible()
    assert page.get_by_text("Eiste de dader iets van u?").is_visible()
    assert page.get_by_label("Weet ik niet").first.is_checked()  # every follow-up can be skipped
    page.get_by_label("Met iets over u openbaar maken of uw naam beschadigen").check()
    page.locator("#id_demand_0").check()

    page.get_by_label("Mishandeling", exact=True).check()
    assert page.get_by_text("Raakte iemand ernstig gewond?").is_visible()
    page.locator("#id_serious_injury_0").check()
    page.get_by_label("Mishandeling", exact=True).uncheck()  # changed her mind: the question goes, and its answer
    assert not page.get_by_text("Raakte iemand ernstig gewond?").is_visible()

    page.get_by_label("Belaging (stalking)", exact=True).check()
    page.get_by_label("Wanneer hoorde u van de laatste keer?").fill((today - timedelta(days=5)).isoformat())
    axe(page, context="wizard with follow-ups on a phone")

    with page.expect_request(lambda request: request.method == "POST") as posted:
        page.get_by_role("button", name="Toon mijn stappenplan").click()
    page.wait_for_load_state()
    body = posted.value.post_data or ""
    assert "serious_injury" not in body  # unticked act: its follow-up is not sent
    assert "victim=partner" in body
    assert "threatened=exposure" in body
    assert page.url == live_server.url + "/wat-kan-ik-doen"  # the answers are posted: none in the address bar
    result = page.locator(".weerbaar-guidance__result")
    assert "Uw stappenplan" in result.inner_text()  # no second round: everything was asked
    # the partner was threatened with exposure to make the wethouder act: coercion, a klachtdelict (art. 284 lid 2
    # Sr) the partner files personally; art. 179 protects only the office holder
    coercion = page.locator('.weerbaar-guidance__offence[data-article="284"]')
    assert "Klacht nodig, uiterlijk" in coercion.inner_text()
    assert coercion.get_attribute("data-status") == "open"
    assert page.locator('.weerbaar-guidance__offence[data-article="179"]').count() == 0
    assert page.locator('.weerbaar-guidance__offence[data-article="285b"]').count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe(page, context="step plan on a phone")
    with page.expect_download() as download:  # the PDF is posted too
        page.get_by_role("button", name="Download dit stappenplan als pdf (1 pagina)").click()
    assert download.value.suggested_filename == "stappenplan.pdf"
    assert "?" not in download.value.url
    context.close()


def test_wizard_without_javascript_asks_the_follow_ups_on_a_page_of_their_own(live_server, browser, axe, browser_data):
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/wat-kan-ik-doen")
    assert not page.get_by_text("Was het één persoon of een groep?").is_visible()
    page.locator("#id_danger_1").check()
    page.get_by_label("Burgemeester", exact=True).check()
    page.locator("#id_related_0").check()
    page.locator("#id_online_1").check()
    page.get_by_label("Mishandeling", exact=True).check()
    page.get_by_role("button", name="Toon mijn stappenplan").click()

    assert "Nog een paar vragen" in page.locator("main").inner_text()
    assert page.get_by_text("Was het één persoon of een groep?").is_visible()
    assert page.get_by_text("Raakte iemand ernstig gewond?").is_visible()
    assert page.locator("#id_acts_0").count() == 0  # only the questions still open
    page.get_by_role("button", name="Terug naar alle vragen").click()
    assert page.get_by_label("Mishandeling", exact=True).is_checked()  # nothing lost
    assert page.get_by_label("Burgemeester", exact=True).is_checked()
    assert page.get_by_text("Was het één persoon of een groep?").is_visible()  # its act is chosen: shown
    page.get_by_label("Een groep, op straat of een andere openbare plek").check()
    page.get_by_role("button", name="Toon mijn stappenplan").click()

    result = page.locator(".weerbaar-guidance__result")
    assert "Uw stappenplan" in result.inner_text()
    text = result.inner_text()
    assert "art. 300 Sr" in text
    assert "art. 141 Sr" in text  # open violence: a group, in public
    assert "art. 304 Sr" in text  # the burgemeester assaulted because of the office
    context.close()

    # the page of follow-ups itself, checked by axe (axe needs JavaScript; the page has no script of its own)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/wat-kan-ik-doen")
    answers = [
        ["danger", "no"], ["role", "raadslid"], ["related", "no"], ["online", "yes"], ["learned_on", "2026-01-10"],
        ["acts", "extortion"], ["acts", "stalking"], ["submit", "1"],
    ]  # fmt: skip
    with page.expect_navigation():
        page.evaluate(
            """(answers) => {
                const form = document.createElement("form");
                form.method = "post";
                form.action = "/wat-kan-ik-doen";
                const token = document.querySelector('input[name="csrfmiddlewaretoken"]').value;
                for (const [name, value] of [["csrfmiddlewaretoken", token], ...answers]) {
                    const input = document.createElement("input");
                    input.type = "hidden"; input.name = name; input.value = value;
                    form.appendChild(input);
                }
                document.body.appendChild(form);
                HTMLFormElement.prototype.submit.call(form);  // an input named "submit" hides form.submit
            }""",
            answers,
        )
    assert "Nog een paar vragen" in page.locator("main").inner_text()
    axe(page, context="follow-up questions on a phone")
    context.close()
