"""The analysts' statistics page in a browser: sign in as an analyst, filter, read the table and the chart; axe-core
checks each page."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from tests.browser.test_end_to_end import staff_sign_in_to, staff_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_analyst_reads_protected_tables(live_server, page, axe, browser_data):
    from weerbaar.core.synthetic import synthetic_load
    from weerbaar.stats.jobs import stats_refresh

    synthetic_load(60, seed=3, years=1, now=timezone.now(), force=True)
    stats_refresh()
    _user, device = staff_with_totp("ali", "analyst", None)
    base = live_server.url
    staff_sign_in_to(page, base, "ali", device, landing=r"/medewerkers$")
    page.get_by_role("link", name="Statistieken").click()
    page.wait_for_url(re.compile(r"/werkruimte/statistieken"))
    axe(page, context="statistics page")
    assert page.get_by_role("img", name=re.compile("Hulpvragen per")).is_visible()

    page.get_by_label("Tweede indeling").select_option("province")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_url(re.compile(r"indeling2=province"))
    axe(page, context="statistics by role and province")
    table = page.get_by_role("table", name=re.compile("^Hulpvragen per"))
    assert "Totaal" in table.inner_text()
    assert "\u00d7" in table.inner_text()

    page.get_by_label("Tot en met").fill("2000-01-01")
    page.get_by_role("button", name="Tonen").click()
    axe(page, context="statistics with an error")
    assert page.get_by_text("Kies een einddatum op of na de begindatum.").first.is_visible()
