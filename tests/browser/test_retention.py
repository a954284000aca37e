"""Retention in a real browser: the privacy officer changes a period (confirmation with the count first),
places a legal hold (errors, then saved) and approves a destruction list after reading its dry run (the list
waits for the coordinator's approval). axe on every page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.test_end_to_end import staff_sign_in, staff_with_totp
from tests.factories import make_case
from weerbaar.accounts.models import Role, User
from weerbaar.cases.models import Case
from weerbaar.retention import services
from weerbaar.retention.models import DestructionList, LegalHold, ListStatus, RetentionRule

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_privacy_officer_and_coordinator_work_the_retention_pages(live_server, page, axe, browser_data):
    advisor, _ = staff_with_totp("tess", Role.ADVISOR, "nvvr")
    due, _ = make_case(state="closed", advisor=advisor)
    kept, _ = make_case(state="closed", advisor=advisor)
    Case.objects.filter(pk__in=[due.pk, kept.pk]).update(closed_at=timezone.now() - timedelta(days=900))
    (proposed,) = services.destruction_lists_propose()
    officer, officer_device = staff_with_totp("fien", Role.ADMIN, None)
    User.objects.filter(pk=officer.pk).update(is_privacy_officer=True)
    base = live_server.url

    staff_sign_in(page, base, "fien", officer_device)
    page.locator("summary", has_text="Beheer").click()
    page.get_by_role("link", name="Bewaarbeleid").click()
    page.wait_for_url(re.compile(r"/werkruimte/bewaarbeleid$"))
    axe(page, context="retention: policy")

    page.locator("#id_result").select_option("duplicate")
    page.locator("#id_contact_months").fill("veel")
    page.get_by_role("button", name="Gevolgen bekijken").click()
    assert "Vul een heel aantal maanden in (0 of meer)." in page.content()
    axe(page, context="retention: policy with errors")
    page.locator("#id_association").select_option("nvvr")
    page.locator("#id_result").select_option("advised")
    page.locator("#id_contact_months").fill("48")
    page.locator("#id_content_months").fill("48")
    page.locator("#id_metadata_months").fill("84")
    page.get_by_role("button", name="Gevolgen bekijken").click()
    assert "2 gesloten zaken krijgen een andere datum." in page.locator("#retention-effect").inner_text()
    assert not RetentionRule.objects.exists()
    axe(page, context="retention: confirm a change")
    assert page.get_by_role("button", name="Niet opslaan").count() == 0  # a link back, not a button
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/werkruimte/bewaarbeleid$"))
    assert RetentionRule.objects.get().content_months == 48

    page.get_by_role("link", name="Bewaarplichten").first.click()
    page.get_by_role("button", name="Vastleggen").click()
    assert "Vul het zaaknummer in" in page.content()
    axe(page, context="retention: hold with errors")
    page.locator("#id_reference").fill(kept.reference)
    page.locator("#id_reason").fill("Lopende strafzaak")
    page.get_by_role("button", name="Vastleggen").click()
    page.wait_for_url(re.compile(r"/werkruimte/bewaarplichten$"))
    assert LegalHold.objects.get().case_id == kept.pk
    axe(page, context="retention: holds")

    page.goto(f"{base}/werkruimte/vernietigingslijsten")
    axe(page, context="retention: lists")
    page.get_by_role("link", name=f"Lijst {proposed.pk}").click()
    # the longer period just saved: nothing is due any more, and the held case stays in any case
    assert "0 zaken zouden worden vernietigd." in page.locator("#dry-run-summary").inner_text()
    axe(page, context="retention: list with its dry run")
    page.get_by_role("button", name="Goedkeuren als functionaris gegevensbescherming").click()
    assert "Uw goedkeuring is vastgelegd." in page.content()
    assert DestructionList.objects.get().privacy_approved_by_id == officer.pk
    assert DestructionList.objects.get().status == ListStatus.PROPOSED
