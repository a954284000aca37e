"""The notification pages: list newest first with unread marked, reading, opening, preferences, the header
count and the coordinators' mail queue."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.staff_web.conftest import verified_client
from weerbaar.notifications.models import EmailPreference, Notification, OutgoingMail
from weerbaar.notifications.services import notify

pytestmark = pytest.mark.django_db


def _two(user):
    now = timezone.now()
    notify(recipients=[user], kind="task_assigned", key="t:1", link="/werkruimte/taken", now=now - timedelta(hours=1))
    notify(recipients=[user], kind="referral_answered", key="r:1", link="/werkruimte/meldingen", now=now)
    return Notification.objects.get(key="t:1"), Notification.objects.get(key="r:1")


def test_list_is_newest_first_marks_unread_and_counts_in_the_header(people):
    anna = people["advisor"]
    _two(anna)
    notify(recipients=[people["colleague"]], kind="case_red", key="x", link="/werkruimte")
    html = verified_client(anna).get("/werkruimte/meldingen").content.decode()
    assert html.index("Een netwerkpartner heeft op een doorverwijzing gereageerd.") < html.index(
        "Er is een taak aan u toegewezen."
    )
    assert "2 ongelezen" in html
    assert html.count("weerbaar-notification--unread") == 2
    assert "drie keer de reactietermijn" not in html  # bram's, not anna's


def test_mark_one_and_all_read(people):
    anna = people["advisor"]
    older, newer = _two(anna)
    client = verified_client(anna)
    assert client.post(f"/werkruimte/meldingen/{older.pk}/gelezen").status_code == 302
    older.refresh_from_db()
    newer.refresh_from_db()
    assert older.read_at is not None
    assert newer.read_at is None
    html = client.get("/werkruimte/meldingen").content.decode()
    assert "1 ongelezen" in html
    client.post("/werkruimte/meldingen/alles-gelezen")
    assert not Notification.objects.filter(recipient=anna, read_at__isnull=True).exists()
    html = client.get("/werkruimte/meldingen").content.decode()
    assert "weerbaar-notification--unread" not in html
    assert "Markeer alles als gelezen" not in html


def test_opening_follows_the_link_and_marks_read(people):
    anna = people["advisor"]
    older, _ = _two(anna)
    response = verified_client(anna).get(f"/werkruimte/meldingen/{older.pk}")
    assert response.status_code == 302
    assert response["Location"] == "/werkruimte/taken"
    older.refresh_from_db()
    assert older.read_at is not None
    assert verified_client(people["colleague"]).get(f"/werkruimte/meldingen/{older.pk}").status_code == 404


def test_preferences_switch_email_per_group(people):
    piet = people["partner"]
    client = verified_client(piet)
    page = client.get("/werkruimte/meldingen/instellingen").content.decode()
    assert len(re.findall(r'<input type="checkbox" name="email_groups" value="\w+"[^>]* checked>', page)) == 6
    response = client.post("/werkruimte/meldingen/instellingen", {"email_groups": ["cases"]})
    assert response.status_code == 302
    assert dict(EmailPreference.objects.filter(user=piet).values_list("group", "email"))["referrals"] is False
    notify(recipients=[piet], kind="referral_received", key="r", link="/partner")
    assert Notification.objects.filter(recipient=piet).count() == 1
    assert not OutgoingMail.objects.filter(recipient=piet).exists()
    page = client.get("/werkruimte/meldingen/instellingen").content.decode()
    assert re.findall(r'value="(\w+)"[^>]* checked>', page) == ["cases"]
    bad = client.post("/werkruimte/meldingen/instellingen", {"email_groups": ["nonsense"]})
    assert bad.status_code == 400
    assert "utrecht-form-field-error-message" in bad.content.decode()


def test_mail_queue_lists_unsent_mail_and_retries(people):
    anna, cora = people["advisor"], people["coordinator"]
    notify(recipients=[anna], kind="task_due", key="a", link="/werkruimte/taken")
    notify(recipients=[anna], kind="task_due", key="b", link="/werkruimte/taken")
    failed = OutgoingMail.objects.get(key="a")
    OutgoingMail.objects.filter(pk=failed.pk).update(status="failed", attempts=5, last_error="SMTPServerDisconnected")
    OutgoingMail.objects.filter(key="b").update(status="sent")
    client = verified_client(cora)
    html = client.get("/werkruimte/meldingen/e-mail").content.decode()
    assert "anna" in html
    assert "SMTPServerDisconnected" in html
    assert "1 e-mail niet verstuurd" in html
    assert client.post(f"/werkruimte/meldingen/e-mail/{failed.pk}/opnieuw").status_code == 302
    failed.refresh_from_db()
    assert failed.status == "queued"
    sent = OutgoingMail.objects.get(key="b")
    assert client.post(f"/werkruimte/meldingen/e-mail/{sent.pk}/opnieuw").status_code == 404


def test_list_shows_the_reference_of_the_link_so_identical_sentences_differ(people):
    anna = people["advisor"]
    notify(recipients=[anna], kind="message_received", key="m:1", link="/werkruimte/zaken/WB-ABCD-EFGH#berichten")
    notify(recipients=[anna], kind="message_received", key="m:2", link="/werkruimte/zaken/WB-JKMN-PQRS")
    notify(recipients=[anna], kind="message_received", key="m:3", link="/werkruimte/raadsgesprekken/RG-ABCD-1234")
    notify(recipients=[anna], kind="task_assigned", key="t:9", link="/werkruimte/taken")
    html = verified_client(anna).get("/werkruimte/meldingen").content.decode()
    for reference in ("WB-ABCD-EFGH", "WB-JKMN-PQRS", "RG-ABCD-1234"):
        assert f"({reference})" in html
    assert html.count("weerbaar-nowrap") == 3  # no reference for a link without one


def test_mail_queue_shows_labels_send_now_and_a_banner_when_the_worker_is_not_running(people):
    anna, cora = people["advisor"], people["coordinator"]
    notify(recipients=[anna], kind="case_escalated", key="e", link="/werkruimte/zaken/WB-ABCD-EFGH")
    client = verified_client(cora)
    OutgoingMail.objects.filter(key="e").update(next_attempt_at=timezone.now())
    html = client.get("/werkruimte/meldingen/e-mail").content.decode()
    assert "zaak geëscaleerd" in html
    assert "case_escalated" not in html
    assert "Nu versturen" in html  # never tried yet
    assert "Nu opnieuw proberen" not in html
    assert "De achtergrondtaken lopen niet" not in html
    OutgoingMail.objects.filter(key="e").update(next_attempt_at=timezone.now() - timedelta(minutes=6), attempts=1)
    html = client.get("/werkruimte/meldingen/e-mail").content.decode()
    assert "De achtergrondtaken lopen niet: neem contact op met beheer." in html
    assert "Nu opnieuw proberen" in html
