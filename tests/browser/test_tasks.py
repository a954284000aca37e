"""Tasks in a real browser: add a task on the case page (with an error first), find it in Mijn taken with an
overdue system task, finish it, see it under Onlangs afgerond; axe-core on every page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.test_end_to_end import staff_sign_in, staff_with_totp
from tests.factories import make_case
from weerbaar.accounts.models import Role
from weerbaar.todos.models import Todo
from weerbaar.todos.services import TITLE_COMPLAINT_DEADLINE, todo_create_system

SHOTS = "/tmp"  # noqa: S108  (screenshots to look at after a run)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_advisor_adds_finds_and_finishes_tasks(live_server, page, axe, browser_data):
    advisor, device = staff_with_totp("tess", Role.ADVISOR, "nvvr")
    case, _code = make_case(state="claimed", advisor=advisor)
    todo_create_system(
        key="browser-overdue",
        kind="complaint_deadline",
        title=TITLE_COMPLAINT_DEADLINE,
        title_params={"date": "1-12-2026"},
        due_at=timezone.now() - timedelta(days=1),
        case=case,
    )
    base = live_server.url
    staff_sign_in(page, base, "tess", device)

    page.goto(f"{base}/werkruimte/zaken/{case.reference}/taken")
    section = page.locator("section[aria-labelledby='taken']")
    section.get_by_label("Wat moet er gebeuren?").fill("Burgemeester terugbellen over de beveiliging")
    section.get_by_label("Klaar op").fill((timezone.localdate() - timedelta(days=3)).isoformat())
    section.get_by_role("button", name="Taak toevoegen").click()
    assert "Deze datum ligt in het verleden." in page.content()
    assert page.get_by_label("Wat moet er gebeuren?").input_value() == "Burgemeester terugbellen over de beveiliging"
    axe(page, context="add task: error")
    page.get_by_label("Klaar op").fill((timezone.localdate() + timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Taak toevoegen").click()
    page.wait_for_url(re.compile(r"/taken$"))
    assert "Burgemeester terugbellen" in section.inner_text()
    axe(page, context="case page with tasks")
    section.screenshot(path=f"{SHOTS}/tasks-case-section.png")

    page.get_by_role("link", name="Mijn taken").click()
    page.wait_for_url(re.compile(r"/werkruimte/taken$"))
    rows = page.locator("section[aria-labelledby='open'] tbody tr")
    assert rows.count() == 2
    assert "Aangiftetermijn verloopt op 1-12-2026" in rows.nth(0).inner_text()  # overdue first
    assert "Te laat" in rows.nth(0).inner_text()
    assert "In behandeling" in rows.nth(0).inner_text()  # the case's status beside the task
    axe(page, context="Mijn taken")
    page.screenshot(path=f"{SHOTS}/tasks-mine.png", full_page=True)

    rows.nth(1).get_by_role("button", name=re.compile("^Afronden")).click()
    page.wait_for_url(re.compile(r"/werkruimte/taken$"))
    assert page.locator("section[aria-labelledby='open'] tbody tr").count() == 1
    page.get_by_text("1 taak afgerond in de afgelopen twee weken").click()
    assert "Burgemeester terugbellen" in page.locator("details").inner_text()
    axe(page, context="Mijn taken, done opened")
    assert Todo.objects.filter(done_at__isnull=False).count() == 1
