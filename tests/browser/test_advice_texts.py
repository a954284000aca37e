"""Standard advice texts in a real browser: the coordinator maintains the library (list, errors, preview, save,
edit with history, deactivate); the advisor inserts a text into a message, with the small script (at the
cursor) and without it (the form posts and the page comes back), adapts it and sends it. axe on every page."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_end_to_end import staff_sign_in, staff_with_totp
from tests.factories import make_case
from weerbaar.accounts.models import Role
from weerbaar.advice.models import AdviceText
from weerbaar.advice.services import advice_texts_seed
from weerbaar.cases.models import CaseMessage

SHOTS = "/tmp"  # noqa: S108  (screenshots to look at after a run)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_maintains_the_library(live_server, page, axe, browser_data):
    advice_texts_seed()
    _user, device = staff_with_totp("cora", Role.COORDINATOR, "bzk")
    base = live_server.url
    staff_sign_in(page, base, "cora", device)

    page.locator("summary", has_text="Beheer").click()  # the admin pages sit under the Beheer disclosure
    page.get_by_role("link", name="Standaardteksten").click()
    page.wait_for_url(re.compile(r"/werkruimte/standaardteksten$"))
    assert page.get_by_role("heading", name="Veiligheid thuis").is_visible()
    assert page.get_by_role("link", name="Uw adres afschermen").is_visible()
    axe(page, context="advice texts: list")
    page.screenshot(path=f"{SHOTS}/advice-list.png", full_page=True)

    page.get_by_role("link", name="Nieuwe standaardtekst").click()
    page.locator("#id_body").fill("Sla alles op.\n\nMeld het daarna bij het platform.")
    page.get_by_role("button", name="Opslaan").click()
    assert "Geef de tekst een titel." in page.content()
    assert page.locator("#id_body").input_value().startswith("Sla alles op.")
    axe(page, context="advice texts: new, with errors")

    page.locator("#id_topic").select_option("social_media")
    page.locator("#id_title").fill("Eerst vastleggen, dan melden")
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    preview = page.locator("section[aria-labelledby='voorbeeld']")
    assert preview.locator("p", has_text="Meld het daarna bij het platform.").is_visible()
    assert not AdviceText.objects.filter(title="Eerst vastleggen, dan melden").exists()
    axe(page, context="advice texts: preview")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/werkruimte/standaardteksten/\d+$"))
    assert "De standaardtekst is toegevoegd." in page.content()

    page.locator("#id_body").fill("Sla alles op, met de URL en de tijd.\n\nMeld het daarna bij het platform.")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/werkruimte/standaardteksten/\d+$"))
    history = page.locator("section[aria-labelledby='geschiedenis']")
    assert "Versie 2" in history.inner_text()
    assert history.locator("del", has_text="Sla alles op.").is_visible()
    assert history.locator("ins", has_text="Sla alles op, met de URL en de tijd.").is_visible()
    axe(page, context="advice texts: edit with history")
    page.screenshot(path=f"{SHOTS}/advice-edit.png", full_page=True)

    page.get_by_role("button", name="Deactiveren").click()
    page.wait_for_url(re.compile(r"/werkruimte/standaardteksten#onderwerp-social_media$"))
    assert "is gedeactiveerd" in page.content()
    assert not AdviceText.objects.get(title="Eerst vastleggen, dan melden").active


def _type_and_pick(page, typed: str, title: str) -> None:
    box = page.locator("#id_message-text")
    box.fill(typed)
    page.locator("#id_advice-text").select_option(label=title)
    page.get_by_role("button", name="Tekst invoegen").click()


def test_advisor_inserts_a_text_with_and_without_the_script(live_server, page, axe, browser_data):
    advice_texts_seed()
    advisor, device = staff_with_totp("tess", Role.ADVISOR, "nvvr")
    case, _code = make_case(state="claimed", advisor=advisor)
    body = AdviceText.objects.get(title="Niet reageren, wel vastleggen", language="nl").body
    base = live_server.url
    staff_sign_in(page, base, "tess", device)
    url = f"{base}/werkruimte/zaken/{case.reference}"

    # Without the script (as with JavaScript off): the form posts, the page comes back, nothing is sent.
    page.route("**/advice-insert.js", lambda route: route.abort())
    page.goto(url + "/berichten")
    axe(page, context="case page with the standard-text picker")
    _type_and_pick(page, "Beste Sam,", "Niet reageren, wel vastleggen")
    page.wait_for_load_state()
    box = page.locator("#id_message-text")
    assert box.input_value() == "Beste Sam,\n\n" + body
    assert CaseMessage.objects.count() == 0
    axe(page, context="case page after inserting (no script)")
    page.locator("section[aria-labelledby='berichten']").screenshot(path=f"{SHOTS}/advice-inserted.png")
    page.unroute("**/advice-insert.js")

    # With the script: at the cursor, without a round trip.
    page.goto(url + "/berichten")
    box = page.locator("#id_message-text")
    box.fill("Beste Sam,\n\nMet vriendelijke groet, Tess")
    box.evaluate("el => el.setSelectionRange(12, 12)")  # after the empty line under "Beste Sam,"
    page.locator("#id_advice-text").select_option(label="Eén woordvoerder")
    requests = []
    page.on("request", lambda request: requests.append(request) if request.method == "POST" else None)
    page.get_by_role("button", name="Tekst invoegen").click()
    press = AdviceText.objects.get(title="Eén woordvoerder", language="nl").body
    assert box.input_value() == "Beste Sam,\n\n" + press + "\n\nMet vriendelijke groet, Tess"
    assert requests == []
    axe(page, context="case page after inserting (script)")

    box.fill(box.input_value().replace("Beste Sam,", "Beste mevrouw De Vries,"))
    page.get_by_role("button", name="Bericht versturen").click()
    page.wait_for_url(re.compile(r"/berichten$"))
    assert "Het bericht is verstuurd." in page.content()
    assert CaseMessage.objects.filter(case=case).count() == 1
