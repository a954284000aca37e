"""The phone line in a real browser: the provider's signed events over HTTP, the advisor's active-call banner,
the phone intake pre-filled from the call, and the call then linked to the new case. axe-core on every page."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from django.utils import timezone

from tests.browser.test_end_to_end import staff_sign_in, staff_with_totp
from weerbaar.accounts.models import Role
from weerbaar.telephony.models import Call
from weerbaar.telephony.signature import sign

SHOTS = "/tmp"  # noqa: S108  (screenshots to look at after a run)
SECRET = "browser-telephony-secret-" + "b" * 32

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def send_event(base_url: str, event: str, *, call_id: str, number: str, advisor: str) -> int:
    body = json.dumps(
        {"event": event, "callId": call_id, "from": number, "advisor": advisor, "at": timezone.now().isoformat()}
    ).encode()
    request = urllib.request.Request(  # noqa: S310 - the live server's own http URL
        base_url + "/api/v1/call-events",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "X-Weerbaar-Signature": sign(body, SECRET)},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status


def test_an_unknown_caller_becomes_a_case_from_the_phone_page(page, live_server, browser_data, axe, settings):
    settings.WEERBAAR = {**settings.WEERBAAR, "TELEPHONY_SECRET": SECRET}
    _, device = staff_with_totp("anna", Role.ADVISOR, "nvvr")
    for event in ("new_call", "answered"):
        assert send_event(live_server.url, event, call_id="live-1", number="06 55512345", advisor="anna") == 202

    staff_sign_in(page, live_server.url, "anna", device)
    page.get_by_role("link", name="Telefoon", exact=True).click()
    page.wait_for_url(re.compile(r"/werkruimte/telefoon$"))
    banner = page.locator(".weerbaar-call-active")
    assert "06 55512345" in banner.inner_text()
    axe(page, context="phone page, active call")
    page.screenshot(path=f"{SHOTS}/telephony-active-call.png", full_page=True)

    banner.get_by_role("link", name="Nieuwe telefonische hulpvraag").click()
    page.wait_for_url(re.compile(r"/werkruimte/telefoon/\d+/hulpvraag$"))
    assert "55512345" not in page.url
    assert page.get_by_label("Telefoonnummer").input_value() == "06 55512345"
    axe(page, context="phone intake pre-filled from the call")
    page.get_by_label("Functie van de beller").select_option("raadslid")
    page.get_by_label("Gemeente").select_option("GM0363")
    page.get_by_label("Naam").fill("Beller via de lijn")
    page.get_by_label("Bedreiging", exact=True).check()
    page.get_by_label("Wat is er gebeurd?").fill("Belt over dreigende berichten na de raadsvergadering.")
    page.get_by_role("button", name="Hulpvraag vastleggen").click()
    page.wait_for_url(re.compile(r"/werkruimte/telefonische-hulpvraag$"))

    call = Call.objects.get(call_id="live-1")
    assert call.matched_case is not None
    page.goto(live_server.url + "/werkruimte/telefoon")
    link = page.locator(".weerbaar-call-active").get_by_role("link", name=f"Zaak {call.matched_case.reference} openen")
    assert link.is_visible()
    axe(page, context="phone page, call linked to the new case")
    page.screenshot(path=f"{SHOTS}/telephony-linked.png", full_page=True)


def test_the_coordinator_sees_calls_without_numbers(page, live_server, browser_data, axe, settings):
    settings.WEERBAAR = {**settings.WEERBAAR, "TELEPHONY_SECRET": SECRET}
    staff_with_totp("anna", Role.ADVISOR, "nvvr")
    _, device = staff_with_totp("cora", Role.COORDINATOR, "bzk")
    assert send_event(live_server.url, "new_call", call_id="live-2", number="06 55512345", advisor="anna") == 202
    assert send_event(live_server.url, "new_call", call_id="live-3", number="06 55512346", advisor="onbekend") == 202
    staff_sign_in(page, live_server.url, "cora", device)
    page.goto(live_server.url + "/werkruimte/telefoon")
    text = page.locator("main").inner_text()
    assert "55512345" not in text
    assert "onbekend" in text
    axe(page, context="phone page, coordinator")
    page.screenshot(path=f"{SHOTS}/telephony-coordinator.png", full_page=True)
