"""Notifications in a real browser: an office holder's message notifies the advisor (count in the nav),
the list, opening one (marked read, lands on the case), e-mail preferences, and the coordinators' mail
queue with a retry; axe-core on every page."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_end_to_end import staff_sign_in, staff_with_totp
from tests.factories import make_case
from weerbaar.accounts.models import Role
from weerbaar.accounts.policy import OfficeHolder
from weerbaar.cases import services as case_services
from weerbaar.notifications.models import EmailPreference, Notification, OutgoingMail
from weerbaar.notifications.services import notify

SHOTS = "/tmp"  # noqa: S108  (screenshots to look at after a run)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_advisor_reads_notifications_and_sets_email(live_server, page, axe, browser_data):
    advisor, device = staff_with_totp("nina", Role.ADVISOR, "nvvr")
    case, _code = make_case(state="claimed", advisor=advisor)
    holder = OfficeHolder(case_id=case.pk, reference=case.reference)
    case_services.case_message_send_by_office_holder(principal=holder, reference=case.reference, text="Hallo?")
    notify(recipients=[advisor], kind="task_assigned", key="browser-task", link="/werkruimte/taken")
    base = live_server.url
    staff_sign_in(page, base, "nina", device)

    # The case's arrival told nina too (case_new, issue 11): three unread.
    nav = page.get_by_role("navigation", name="Werkruimte")
    assert "3 ongelezen" in nav.inner_text()
    nav.get_by_role("link", name=re.compile("Meldingen")).click()
    page.wait_for_url(re.compile(r"/werkruimte/meldingen$"))
    items = page.locator(".weerbaar-notification")
    assert items.count() == 3
    assert "Er is een nieuwe hulpvraag binnengekomen voor uw vereniging." in items.nth(2).inner_text()
    assert "Er is een taak aan u toegewezen." in items.nth(0).inner_text()  # newest first
    assert "Hallo?" not in page.content()
    axe(page, context="notifications")
    page.screenshot(path=f"{SHOTS}/notifications-list.png", full_page=True)

    page.get_by_role("link", name="Er is een nieuw bericht van de ambtsdrager in een zaak die u behandelt.").click()
    page.wait_for_url(re.compile(rf"/werkruimte/zaken/{case.reference}/berichten$"))
    assert "2 ongelezen" in page.get_by_role("navigation", name="Werkruimte").inner_text()
    assert Notification.objects.get(kind="message_received").read_at is not None

    page.goto(f"{base}/werkruimte/meldingen")
    page.get_by_role("button", name="Markeer alles als gelezen").click()
    page.wait_for_url(re.compile(r"/werkruimte/meldingen$"))
    assert "Alle meldingen zijn als gelezen gemarkeerd." in page.content()
    assert page.locator(".weerbaar-notification--unread").count() == 0

    page.get_by_role("link", name="Instellingen voor e-mail").click()
    page.wait_for_url(re.compile(r"/werkruimte/meldingen/instellingen$"))
    axe(page, context="notification settings")
    page.get_by_label("Taken en termijnen").uncheck()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/werkruimte/meldingen/instellingen$"))
    assert "Uw instellingen voor meldingen zijn opgeslagen." in page.content()
    assert not page.get_by_label("Taken en termijnen").is_checked()
    assert page.get_by_label("Zaken").is_checked()
    assert EmailPreference.objects.get(user=advisor, group="tasks").email is False
    page.screenshot(path=f"{SHOTS}/notifications-settings.png", full_page=True)


def test_coordinator_sees_failed_mail_and_retries(live_server, page, axe, browser_data):
    _coordinator, device = staff_with_totp("cees", Role.COORDINATOR, None)
    advisor, _ = staff_with_totp("ruud", Role.ADVISOR, "nvvr")
    notify(recipients=[advisor], kind="task_due", key="m1", link="/werkruimte/taken")
    OutgoingMail.objects.filter(key="m1").update(
        status="failed", attempts=5, next_attempt_at=None, last_error="SMTPServerDisconnected"
    )
    base = live_server.url
    staff_sign_in(page, base, "cees", device)
    page.goto(f"{base}/werkruimte/meldingen")
    page.get_by_role("link", name="Wachtrij van e-mails").click()
    page.wait_for_url(re.compile(r"/werkruimte/meldingen/e-mail$"))
    row = page.locator("tbody tr").first
    assert "ruud" in row.inner_text()
    assert "SMTPServerDisconnected" in row.inner_text()
    axe(page, context="mail queue")
    page.screenshot(path=f"{SHOTS}/notifications-mail-queue.png", full_page=True)
    row.get_by_role("button", name=re.compile("Nu opnieuw proberen")).click()
    page.wait_for_url(re.compile(r"/werkruimte/meldingen/e-mail$"))
    assert "De e-mail wordt binnen een minuut opnieuw verstuurd." in page.content()
    assert OutgoingMail.objects.get(key="m1").status == "queued"
