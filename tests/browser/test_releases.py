"""The yearly overview in a browser (issue 15, point 3): an analyst drafts the release of last year, two other
people approve it, and the public reads /cijfers in Dutch and English with its PDF. axe-core checks each page."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from tests.browser.test_end_to_end import staff_sign_in_to, staff_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_draft_two_approvals_and_the_public_page(live_server, browser, axe, browser_data):
    from weerbaar.core.synthetic import synthetic_load
    from weerbaar.releases.tables import TABLES

    synthetic_load(200, seed=7, years=1, now=timezone.now(), force=True)
    last_year = timezone.localdate().year - 1
    base = live_server.url
    people = {name: staff_with_totp(name, role, None)[1] for name, role in (("ana", "analyst"), ("bas", "analyst"))}
    people["cor"] = staff_with_totp("cor", "coordinator", "nvvr")[1]

    public = browser.new_context(locale="nl-NL").new_page()
    public.goto(f"{base}/cijfers")
    assert "Er is nog geen jaaroverzicht gepubliceerd." in public.locator("main").inner_text()
    axe(public, context="/cijfers before any release")

    drafter = browser.new_context(locale="nl-NL").new_page()
    staff_sign_in_to(drafter, base, "ana", people["ana"], landing=r"/medewerkers$")
    drafter.goto(f"{base}/werkruimte/jaaroverzicht")
    axe(drafter, context="yearly overview: list")
    drafter.get_by_label("Jaar").select_option(str(last_year))
    drafter.get_by_role("button", name="Concept maken").click()
    drafter.wait_for_url(re.compile(r"/werkruimte/jaaroverzicht/\d+$"))
    assert f"Het concept voor {last_year} is gemaakt." in drafter.locator("main").inner_text()
    assert drafter.get_by_role("button", name="Goedkeuren").count() == 0  # never by whoever drafted it
    axe(drafter, context="yearly overview: draft")
    detail = drafter.url

    for name, landing in (("bas", r"/medewerkers$"), ("cor", r"/werkruimte")):
        approver = browser.new_context(locale="nl-NL").new_page()
        staff_sign_in_to(approver, base, name, people[name], landing=landing)
        approver.goto(detail)
        approver.get_by_role("button", name="Goedkeuren").click()
        approver.wait_for_url(re.compile(r"/werkruimte/jaaroverzicht/\d+$"))
    assert "gepubliceerd" in approver.locator("h1").inner_text()
    axe(approver, context="yearly overview: frozen")

    public.goto(f"{base}/cijfers")
    main = public.locator("main").inner_text()
    assert str(last_year) in main
    assert public.get_by_role("table").count() == len(TABLES)  # the allow-listed tables, no other
    cells = public.locator("main table td").all_inner_texts()
    counts = [text.strip() for text in cells if text.strip()]
    assert counts
    # every published count is rounded to 5 (or hidden: the multiplication sign); a share is a percentage
    assert all(c == "\u00d7" or c.endswith("%") or int(c.replace(".", "")) % 5 == 0 for c in counts), counts
    axe(public, context="/cijfers")
    public.get_by_role("button", name=re.compile("English")).click()
    public.wait_for_load_state()
    assert public.locator("html").get_attribute("lang") == "en"
    axe(public, context="/cijfers in English")
    pdf = public.get_by_role("link", name=re.compile(rf"{last_year}.*pdf|pdf.*{last_year}", re.I)).first
    response = public.request.get(base + pdf.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
