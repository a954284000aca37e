"""The send_mail job: sends each queued mail once, retries with back-off, gives up after five attempts and
tells the coordinators once; e-mails never carry case content (also the files the debug backend writes)."""

from __future__ import annotations

import email
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from tests.factories import make_case
from tests.notifications.factories import advisor, coordinator
from weerbaar.core import jobs
from weerbaar.core.errors import NotFound
from weerbaar.notifications import kinds, services
from weerbaar.notifications.models import Notification, OutgoingMail
from weerbaar.notifications.services import mail_send_due, notify

pytestmark = pytest.mark.django_db


class Boom(Exception):
    pass


def _queue(user, key="k1", kind="task_due", link="/werkruimte/taken"):
    notify(recipients=[user], kind=kind, key=key, link=link)
    return OutgoingMail.objects.get(recipient=user, key=key)


def test_the_job_sends_each_mail_once_and_a_second_run_sends_nothing(reference_data):
    a = advisor()
    _queue(a, "k1")
    _queue(a, "k2")
    now = timezone.now()
    assert jobs.JOBS["send_mail"].run(now) == {"sent": 2, "retrying": 0, "failed": 0}
    assert jobs.JOBS["send_mail"].run(now) == {"sent": 0, "retrying": 0, "failed": 0}
    assert jobs.JOBS["send_mail"].run(now + timedelta(hours=5)) == {"sent": 0, "retrying": 0, "failed": 0}
    assert len(mail.outbox) == 2
    assert mail.outbox[0].to == [a.email]
    assert set(OutgoingMail.objects.values_list("status", "attempts")) == {("sent", 1)}


def test_a_mail_claimed_by_one_worker_is_not_sent_by_another(reference_data, monkeypatch):
    a = advisor()
    _queue(a, "k1")
    _queue(a, "k2")
    now = timezone.now()
    delivered: list[int] = []
    real = services._deliver
    inner: list[dict] = []

    def deliver(m):
        delivered.append(m.pk)
        if len(delivered) == 1:  # a second worker runs while the first is sending its first mail
            inner.append(mail_send_due(now=now))
        real(m)

    monkeypatch.setattr(services, "_deliver", deliver)
    outer = mail_send_due(now=now)
    assert sorted(delivered) == sorted(OutgoingMail.objects.values_list("pk", flat=True))
    assert len(delivered) == 2
    assert len(mail.outbox) == 2
    assert outer["sent"] + inner[0]["sent"] == 2


def test_retries_back_off_then_fail_and_tell_the_coordinators_once(reference_data, monkeypatch):
    c = coordinator()
    a = advisor()
    m = _queue(a)
    monkeypatch.setattr(services, "_deliver", lambda m: (_ for _ in ()).throw(Boom("smtp said: sam@example.org")))
    now = m.next_attempt_at
    for delay in (1, 5, 30, 120):
        assert mail_send_due(now=now)["retrying"] == 1
        m.refresh_from_db()
        assert m.status == "queued"
        assert m.last_error == "Boom"
        assert m.next_attempt_at == now + timedelta(minutes=delay)
        assert mail_send_due(now=now + timedelta(minutes=delay) - timedelta(seconds=1))["retrying"] == 0
        now = m.next_attempt_at
    assert mail_send_due(now=now)["failed"] == 1
    m.refresh_from_db()
    assert (m.status, m.attempts, m.next_attempt_at) == ("failed", 5, None)
    assert Notification.objects.filter(recipient=c, kind="mail_failed").count() == 1
    # The coordinator's own mail_failed mail failing too does not start a chain.
    cm = OutgoingMail.objects.get(recipient=c, kind="mail_failed")
    for _ in range(5):
        mail_send_due(now=cm.next_attempt_at or now)
        cm.refresh_from_db()
    assert cm.status == "failed"
    assert Notification.objects.filter(kind="mail_failed").count() == 1
    assert mail_send_due(now=now + timedelta(days=1)) == {"sent": 0, "retrying": 0, "failed": 0}


def test_retry_now_gives_a_failed_mail_one_more_attempt(reference_data, monkeypatch):
    c = coordinator()
    a = advisor()
    m = _queue(a)
    OutgoingMail.objects.filter(pk=m.pk).update(status="failed", attempts=5, next_attempt_at=None, last_error="Boom")
    with pytest.raises(NotFound):
        services.mail_retry_now(actor=a, mail_id=m.pk)
    now = timezone.now()
    services.mail_retry_now(actor=c, mail_id=m.pk, now=now)
    assert mail_send_due(now=now)["sent"] == 1
    m.refresh_from_db()
    assert m.status == "sent"
    with pytest.raises(NotFound):
        services.mail_retry_now(actor=c, mail_id=m.pk)  # a sent mail is never sent again


def test_no_case_content_in_any_mail_or_mail_file(reference_data, tmp_path):
    a = advisor()
    case, code = make_case(
        state="claimed",
        advisor=a,
        name="Wilhelmina Zonneveld-Quist",
        email="w.zonneveld@voorbeeld.example",
        phone="06 98765432",
        description="Er stond gisteravond een onbekende man met een honkbalknuppel voor mijn deur in Zeist.",
    )
    coordinator()
    secrets = [
        "Wilhelmina",
        "Zonneveld",
        "w.zonneveld@voorbeeld.example",
        "06 98765432",
        "0698765432",
        "honkbalknuppel",
        "Zeist",
        code,
    ]
    link = f"/werkruimte/zaken/{case.reference}"
    for code_name in kinds.KINDS:
        notify(recipients=[a], kind=code_name, key=f"{code_name}:{case.reference}", link=link)
    services.notify_coordinators(
        kind="case_red", key=f"case-red:{case.reference}", link=f"/werkruimte/zaken/{case.reference}"
    )
    with override_settings(
        EMAIL_BACKEND="weerbaar.notifications.mail_backend.EmailBackend", EMAIL_FILE_PATH=str(tmp_path)
    ):
        result = mail_send_due(now=timezone.now())
    assert result["sent"] == len(kinds.KINDS) + 1
    files = list(Path(tmp_path).iterdir())
    assert len(files) == result["sent"]  # one file per e-mail
    texts = [m.subject + "\n" + m.body for m in OutgoingMail.objects.all()]
    for f in files:
        raw = f.read_bytes()
        message = email.message_from_bytes(raw)
        texts.append(raw.decode("utf-8", "replace"))
        texts.append(str(message["Subject"]) + "\n" + message.get_payload(decode=True).decode())
    for text in texts:
        for secret in secrets:
            assert secret.lower() not in text.lower(), (secret, text)
    assert any(case.reference in t for t in texts)  # the reference only in the link path
    assert all("Er is iets nieuws voor u in Weerbaar" in t for t in texts)


def test_the_real_triggers_send_no_case_content_either(reference_data, tmp_path):
    """Escalation, the red flag and an office holder's message, through the jobs, into mail files."""
    from datetime import timedelta

    from weerbaar.accounts.policy import OfficeHolder
    from weerbaar.cases import services as case_services
    from weerbaar.cases.models import Case

    a = advisor()
    coordinator()
    person = {"name": "Gijsbertus Oudewater", "email": "gijs@oudewater.example", "phone": "06 11223344"}
    text = "De auto van mijn buurman in Harderwijk is in brand gestoken."
    unclaimed, code1 = make_case(overdue=True, description=text, **person)
    claimed, code2 = make_case(state="claimed", advisor=a, description=text, **person)
    now = timezone.now()
    Case.objects.filter(pk=unclaimed.pk).update(red_after=now - timedelta(minutes=1))
    holder = OfficeHolder(case_id=claimed.pk, reference=claimed.reference)
    case_services.case_message_send_by_office_holder(
        principal=holder, reference=claimed.reference, text="Ze staan weer bij Oudewater voor de deur."
    )
    now = timezone.now()  # after the message, so its e-mail is due
    jobs.JOBS["escalate_overdue"].run(now)
    jobs.JOBS["flag_red"].run(now)
    with override_settings(
        EMAIL_BACKEND="weerbaar.notifications.mail_backend.EmailBackend", EMAIL_FILE_PATH=str(tmp_path)
    ):
        assert jobs.JOBS["send_mail"].run(now) == {"sent": 3, "retrying": 0, "failed": 0}
        assert jobs.JOBS["send_mail"].run(now) == {"sent": 0, "retrying": 0, "failed": 0}
    files = list(Path(tmp_path).iterdir())
    assert len(files) == 3
    kinds_sent = set(OutgoingMail.objects.values_list("kind", flat=True))
    assert kinds_sent == {"case_escalated", "case_red", "message_received"}
    for f in files:
        raw = f.read_bytes().decode("utf-8", "replace")
        body = email.message_from_bytes(f.read_bytes()).get_payload(decode=True).decode()
        for secret in ("Gijsbertus", "Oudewater", "gijs@", "11223344", "Harderwijk", "brand", code1, code2):
            assert secret.lower() not in raw.lower(), (secret, f.name)
            assert secret.lower() not in body.lower(), (secret, f.name)


def test_debug_settings_write_every_mail_under_the_data_dir(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "WEERBAAR_DEBUG": "1", "WEERBAAR_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": ""}
    env.pop("DJANGO_SETTINGS_MODULE")
    subprocess.run(
        [sys.executable, "-m", "weerbaar", "sendtestemail", "someone@example.org"],
        env=env,
        check=True,
        capture_output=True,
    )
    files = list((tmp_path / "mail").iterdir())
    assert len(files) == 1
    assert "someone@example.org" in files[0].read_text()


def test_pruning_keeps_unread_and_unsent_and_a_second_run_deletes_nothing(reference_data):
    from datetime import timedelta

    a = advisor()
    now = timezone.now()
    for key in ("old-read", "old-unread", "new-read"):
        notify(recipients=[a], kind="task_due", key=key, link="/werkruimte/taken", now=now - timedelta(days=400))
    Notification.objects.filter(key="old-read").update(read_at=now - timedelta(days=181))
    Notification.objects.filter(key="new-read").update(read_at=now - timedelta(days=10))
    OutgoingMail.objects.filter(key="old-read").update(status="sent", sent_at=now - timedelta(days=31))
    OutgoingMail.objects.filter(key="new-read").update(status="sent", sent_at=now - timedelta(days=29))
    OutgoingMail.objects.filter(key="old-unread").update(status="failed")
    assert jobs.JOBS["prune_notifications"].run(now) == {"notifications": 1, "mails": 1}
    assert jobs.JOBS["prune_notifications"].run(now) == {"notifications": 0, "mails": 0}
    assert set(Notification.objects.values_list("key", flat=True)) == {"old-unread", "new-read"}
    assert set(OutgoingMail.objects.values_list("key", flat=True)) == {"old-unread", "new-read"}
