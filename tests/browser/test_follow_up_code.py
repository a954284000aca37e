"""Issue 12, point 2 in a real browser: the advisor replaces a leaked code from the case page and reads the new one
out; the office holder's open session ends, the new code opens Mijn zaak, and "Overal uitloggen" there signs out.
axe-core checks the panel, the page with the new code and Mijn zaak with its new section."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_end_to_end import expect_text, portal_sign_in, staff_sign_in, staff_with_totp
from tests.factories import make_case
from weerbaar.accounts.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_advisor_replaces_the_code_and_the_office_holder_signs_out_everywhere(live_server, browser, axe, browser_data):
    base = live_server.url
    _advisor, device = staff_with_totp("anna", Role.ADVISOR, "nvvr")
    case, old_code = make_case()

    holder = browser.new_context(locale="nl-NL").new_page()
    portal_sign_in(holder, base, case.reference, old_code)

    staff = browser.new_context(locale="nl-NL").new_page()
    staff_sign_in(staff, base, "anna", device)
    staff.goto(f"{base}/werkruimte/zaken/{case.reference}")
    expect_text(staff, "Persoonlijke code van de aanvrager")
    axe(staff, context="case page with the code panel")
    staff.get_by_role("button", name="Nieuwe persoonlijke code maken").click()
    staff.wait_for_url(re.compile(r"/persoonlijke-code$"))
    expect_text(staff, "De oude code werkt niet meer")
    axe(staff, context="new follow-up code")
    new_code = staff.locator("code.weerbaar-ws-secret").inner_text().strip()
    assert new_code

    holder.reload()
    holder.wait_for_url(re.compile(r"/mijn-zaak/inloggen$"))
    portal_sign_in(holder, base, case.reference, new_code)
    expect_text(holder, "Overal uitloggen")
    axe(holder, context="Mijn zaak with sign out everywhere")
    holder.locator("form[action='/mijn-zaak/overal-uitloggen'] button").click()
    holder.wait_for_url(re.compile(r"/mijn-zaak/inloggen$"))
    expect_text(holder, "U bent overal uitgelogd")
    axe(holder, context="signed out everywhere")
