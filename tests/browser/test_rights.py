"""The office holder's rights in a real browser: Mijn zaak downloads everything as a ZIP and asks for erasure;
the advisor sees the request with its statutory date on the case page and refuses it with a ground (a mistake
first); the office holder reads why. axe-core checks every page."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

from tests.browser.test_end_to_end import portal_sign_in, staff_sign_in, staff_with_totp
from tests.factories import make_case
from weerbaar.accounts.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_download_ask_for_erasure_refuse_and_read_why(live_server, browser, axe, browser_data):
    base = live_server.url
    advisor, device = staff_with_totp("anna", Role.ADVISOR, "nvvr")
    case, code = make_case(state="claimed", advisor=advisor, description="Mijn auto is beklad.")

    holder = browser.new_context(locale="nl-NL", accept_downloads=True).new_page()
    portal_sign_in(holder, base, case.reference, code)
    with holder.expect_download() as info:
        holder.get_by_role("link", name="Download uw gegevens").click()
    archive = zipfile.ZipFile(io.BytesIO(open(info.value.path(), "rb").read()))  # noqa: SIM115
    assert json.loads(archive.read("gegevens.json"))["request"]["description"] == "Mijn auto is beklad."

    holder.get_by_role("link", name="Uw gegevens en verwijderen").click()
    holder.wait_for_url(re.compile(r"/mijn-zaak/uw-gegevens$"))
    axe(holder, context="portal: your data")
    holder.get_by_role("button", name="Vraag om verwijdering van mijn zaak").click()
    holder.wait_for_url(re.compile(r"/mijn-zaak/uw-gegevens$"))
    assert "Uw adviseur beslist uiterlijk" in holder.locator("main").inner_text()
    axe(holder, context="portal: erasure requested")

    desk = browser.new_context(locale="nl-NL").new_page()
    staff_sign_in(desk, base, "anna", device)
    desk.goto(f"{base}/werkruimte/zaken/{case.reference}")
    assert "art. 12 lid 3 AVG" in desk.locator(".weerbaar-erasure-panel").inner_text()
    desk.get_by_role("link", name="Verzoek behandelen").click()
    desk.wait_for_url(re.compile(r"/verwijderverzoek$"))
    axe(desk, context="workspace: erasure request")
    desk.get_by_label("Afwijzen: de zaak blijft bestaan, op een grond hieronder").check()
    desk.get_by_role("button", name="Besluit vastleggen").click()
    assert "Kies de grond voor de afwijzing." in desk.locator(".weerbaar-error-summary").inner_text()
    axe(desk, context="workspace: erasure decision with an error")
    desk.get_by_label("Grond voor afwijzen").select_option("legal_claims")
    desk.get_by_label("Uitleg aan de ambtsdrager").fill("Uw aangifte loopt nog.")
    desk.get_by_role("button", name="Besluit vastleggen").click()
    desk.wait_for_url(re.compile(r"/verwijderverzoek$"))
    assert "Het verzoek is afgewezen." in desk.locator("main").inner_text()

    holder.reload()
    text = holder.locator("main").inner_text()
    assert "Uw aangifte loopt nog." in text
    assert "Autoriteit Persoonsgegevens" in text
    axe(holder, context="portal: erasure refused")
