"""Alerts on arrival (issue 11, point 2): every new request tells the advisors of its association (the on-duty
advisor first) and, when urgent, the coordinators; the office holder can choose a content-free e-mail when
something new waits in Mijn zaak, and change or withdraw that choice there."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from tests.api.conftest import staff_client
from tests.factories import help_request_payload, make_case
from tests.incidents_web.conftest import portal_client
from tests.notifications.factories import advisor, coordinator
from weerbaar.cases import services as case_services
from weerbaar.cases.choices import Channel
from weerbaar.core import jobs
from weerbaar.core.models import AuditEntry
from weerbaar.directory.models import Association
from weerbaar.intake.services import help_request_submit
from weerbaar.notifications.models import EmailPreference, Notification, OfficeHolderEmail, OnDutyPeriod, OutgoingMail
from weerbaar.notifications.services import on_duty_period_add

pytestmark = pytest.mark.django_db

ADDRESS = "w.zonneveld@voorbeeld.example"


def _post(api: APIClient, **overrides):
    return api.post("/api/v1/help-requests", help_request_payload(**overrides), format="json")


def _case_new(user) -> list[dict]:
    body = staff_client(user).get("/api/v1/notifications").json()
    return [n for n in body["results"] if n["kind"] == "case_new"]


@pytest.fixture
def people(reference_data):
    ngb = Association.objects.get(code="ngb")
    return {
        "anna": advisor(username="anna"),  # nvvr, where a raadslid's request goes
        "bob": advisor(username="bob"),
        "other": advisor(username="ngb-advisor", association=ngb),
        "coord": coordinator(username="coord"),
    }


# --- (a) the association's advisors, and the coordinators when urgent ---------------------------------


def test_a_new_request_is_in_the_notifications_of_each_advisor_of_its_association(
    people, django_capture_on_commit_callbacks
):
    EmailPreference.objects.create(user=people["bob"], group="cases", email=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(APIClient())
    assert response.status_code == 201
    reference = response.json()["reference"]
    for name in ("anna", "bob"):
        [note] = _case_new(people[name])
        assert note["link"] == f"/werkruimte/zaken/{reference}"
        assert note["text"] == "Er is een nieuwe hulpvraag binnengekomen voor uw vereniging."
    assert _case_new(people["other"]) == []  # another association's advisor
    assert _case_new(people["coord"]) == []  # not urgent
    # e-mail per preference: bob switched e-mail about cases off
    assert set(OutgoingMail.objects.filter(kind="case_new").values_list("recipient__username", flat=True)) == {"anna"}


def test_an_urgent_request_reaches_every_coordinator_too(people, django_capture_on_commit_callbacks):
    second = coordinator(username="coord2")
    with django_capture_on_commit_callbacks(execute=True):
        reference = _post(APIClient(), acuteDanger=True).json()["reference"]
    for user in (people["coord"], second, people["anna"]):
        assert [n["link"] for n in _case_new(user)] == [f"/werkruimte/zaken/{reference}"]
    assert _case_new(people["other"]) == []


@pytest.mark.parametrize("channel", [Channel.WEB, Channel.PHONE, Channel.API])
def test_every_channel_notifies_once(people, channel, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = help_request_submit(raw=help_request_payload(), channel=channel).case
    notes = Notification.objects.filter(kind="case_new", key=f"case-new:{case.reference}")
    assert sorted(notes.values_list("recipient__username", flat=True)) == ["anna", "bob"]


def test_nobody_hears_of_a_request_that_was_rolled_back(people, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        help_request_submit(raw=help_request_payload(), channel=Channel.API)
        transaction.set_rollback(True)
    assert callbacks == []
    assert not Notification.objects.filter(kind="case_new").exists()


def test_the_notification_and_the_mail_say_nothing_of_the_case(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case, _ = make_case(name="Wilhelmina Zonneveld", email=ADDRESS, description="Een honkbalknuppel in Zeist.")
    m = OutgoingMail.objects.get(kind="case_new", recipient=people["anna"])
    for secret in ("Wilhelmina", ADDRESS, "honkbalknuppel", "Zeist", "raadslid"):
        assert secret not in m.subject + m.body
    assert f"/werkruimte/zaken/{case.reference}" in m.body  # the link, as the other notifications have


# --- (b) the on-duty advisor ---------------------------------------------------------------------


def _period(user, *, starts, ends, association=None):
    return OnDutyPeriod.objects.create(
        association=association or user.association,
        advisor=user,
        starts_at=starts,
        ends_at=ends,
        created_at=timezone.now(),
    )


def test_the_on_duty_advisor_is_told_first(people, django_capture_on_commit_callbacks):
    now = timezone.now()
    on_duty = advisor(username="zara")  # made last: without the rota she would come last
    _period(on_duty, starts=now - timedelta(hours=1), ends=now + timedelta(hours=1))
    _period(people["bob"], starts=now - timedelta(days=2), ends=now - timedelta(days=1))  # over
    _period(people["anna"], starts=now + timedelta(hours=2), ends=now + timedelta(hours=9))  # still to come
    with django_capture_on_commit_callbacks(execute=True):
        reference = _post(APIClient()).json()["reference"]
    notes = Notification.objects.filter(kind="case_new").order_by("pk")
    assert [n.recipient.username for n in notes] == ["zara", "anna", "bob"]
    jobs.JOBS["send_mail"].run(timezone.now())
    assert [m.to for m in mail.outbox] == [[on_duty.email], [people["anna"].email], [people["bob"].email]]
    assert all(reference not in m.body or f"/werkruimte/zaken/{reference}" in m.body for m in mail.outbox)


def test_an_advisor_of_another_association_on_its_rota_is_not_told(people, django_capture_on_commit_callbacks):
    now = timezone.now()
    nvvr = Association.objects.get(code="nvvr")
    # written around the service (which refuses it): the receiver checks again
    _period(people["other"], starts=now - timedelta(hours=1), ends=now + timedelta(hours=1), association=nvvr)
    with django_capture_on_commit_callbacks(execute=True):
        _post(APIClient())
    assert not Notification.objects.filter(kind="case_new", recipient=people["other"]).exists()


def test_the_rota_service_takes_only_an_advisor_of_the_association_and_a_sane_period(people):
    from weerbaar.core.errors import Forbidden, InvalidInput

    now = timezone.now()
    nvvr = people["anna"].association
    with pytest.raises(InvalidInput) as refused:
        on_duty_period_add(
            actor=people["coord"],
            association_id=nvvr.pk,
            advisor_id=people["other"].pk,
            starts_at=now,
            ends_at=now - timedelta(hours=1),
        )
    assert {p["name"] for p in refused.value.invalid_params} == {"advisor", "endsAt"}
    with pytest.raises(InvalidInput) as refused:
        on_duty_period_add(
            actor=people["coord"],
            association_id=nvvr.pk,
            advisor_id=people["anna"].pk,
            starts_at=now,
            ends_at=now + timedelta(days=32),
        )
    assert [p["name"] for p in refused.value.invalid_params] == ["endsAt"]
    with pytest.raises(Forbidden):
        on_duty_period_add(
            actor=people["anna"],
            association_id=nvvr.pk,
            advisor_id=people["anna"].pk,
            starts_at=now,
            ends_at=now + timedelta(hours=8),
        )
    period = on_duty_period_add(
        actor=people["coord"],
        association_id=nvvr.pk,
        advisor_id=people["anna"].pk,
        starts_at=now,
        ends_at=now + timedelta(hours=8),
    )
    entry = AuditEntry.objects.filter(action="on_duty.period_added").order_by("id").last()
    assert entry is not None
    assert entry.object_id == str(period.pk)
    assert entry.actor == "user:coord"


def test_the_rota_page_adds_and_removes_a_period(people):
    from tests.staff_web.conftest import verified_client

    client = verified_client(people["coord"])
    assert client.get("/werkruimte/dienstrooster").status_code == 200
    nvvr = people["anna"].association
    start = timezone.localtime() + timedelta(hours=1)
    form = {
        "association": str(nvvr.pk),
        "advisor": str(people["other"].pk),
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M"),
    }
    refused = client.post("/werkruimte/dienstrooster", form)
    assert refused.status_code == 400
    assert "Kies een actieve adviseur van deze vereniging." in refused.content.decode()
    assert client.post("/werkruimte/dienstrooster", {**form, "advisor": str(people["anna"].pk)}).status_code == 302
    period = OnDutyPeriod.objects.get()
    assert period.advisor == people["anna"]
    assert period.set_by == people["coord"]
    assert people["anna"].label in client.get("/werkruimte/dienstrooster").content.decode()
    assert client.post(f"/werkruimte/dienstrooster/{period.pk}/verwijderen").status_code == 302
    assert not OnDutyPeriod.objects.exists()


# --- (c) the office holder's e-mail -------------------------------------------------------------------


def test_notify_by_email_needs_an_email_address(people):
    response = _post(APIClient(), notifyByEmail=True, email="", preferredContact="phone")
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["email"]
    response = _post(APIClient(), notifyByEmail="yes")
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["notifyByEmail"]
    assert not OfficeHolderEmail.objects.exists()


def test_the_default_is_no_e_mail(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reference = _post(APIClient()).json()["reference"]
        case_services.case_assign(actor=people["anna"], reference=reference, assignee_username="me")
        case_services.case_message_send(actor=people["anna"], reference=reference, text="Hallo")
    assert not OfficeHolderEmail.objects.exists()
    assert not OutgoingMail.objects.filter(case__isnull=False).exists()


def _sealed_bytes() -> bytes:
    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed_email FROM notifications_officeholderemail")
        return b"".join(bytes(row[0]) for row in cursor.fetchall())


def test_an_advisor_writing_sends_one_content_free_mail_to_the_chosen_address(
    people, django_capture_on_commit_callbacks, tmp_path
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(APIClient(), notifyByEmail=True, email=ADDRESS, name="Wilhelmina Zonneveld")
        reference = response.json()["reference"]
        case_services.case_assign(actor=people["anna"], reference=reference, assignee_username="me")
    assert response.status_code == 201
    assert ADDRESS.encode() not in _sealed_bytes()  # sealed under the case key
    assert not OutgoingMail.objects.filter(case__isnull=False).exists()  # nothing yet: nobody wrote
    with django_capture_on_commit_callbacks(execute=True):
        case_services.case_message_send(actor=people["anna"], reference=reference, text="Kunt u mij bellen?")
        case_services.case_message_send(actor=people["anna"], reference=reference, text="Of mailen?")
    assert OutgoingMail.objects.filter(case__isnull=False).count() == 1  # one waits: the second adds nothing
    with override_settings(
        EMAIL_BACKEND="weerbaar.notifications.mail_backend.EmailBackend", EMAIL_FILE_PATH=str(tmp_path)
    ):
        jobs.JOBS["send_mail"].run(timezone.now())
    texts = [f.read_text() for f in Path(tmp_path).iterdir()]
    mine = [t for t in texts if f"To: {ADDRESS}" in t]
    assert len(mine) == 1  # the others are the advisors' case_new mails
    text = mine[0]
    assert "Subject: Er is iets nieuws in Mijn zaak / There is something new in My case" in text
    assert "http://testserver/mijn-zaak" in text or "/mijn-zaak\n" in text
    for secret in (reference, "Wilhelmina", "Kunt u mij bellen", "anna", "raadslid", "NVvR"):
        assert secret not in text, secret
    m = OutgoingMail.objects.get(case__isnull=False)
    assert ADDRESS not in m.subject + m.body
    assert m.recipient is None
    assert m.status == "sent"
    sent = AuditEntry.objects.get(action="case.office_holder_email_sent")
    assert sent.object_id == reference
    assert ADDRESS not in str(sent.details)
    # after that one was sent, the next message gives the next mail
    with django_capture_on_commit_callbacks(execute=True):
        case_services.case_message_send(actor=people["anna"], reference=reference, text="Nog iets")
    assert OutgoingMail.objects.filter(case__isnull=False, status="queued").count() == 1


def test_a_consent_request_or_check_in_also_sends_the_mail(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case, _ = make_case(state="claimed", advisor=people["anna"], notifyByEmail=True, email=ADDRESS)
        # a consent request and an aftercare check-in reach Mijn zaak as a message the system sends
        case_services.case_message_send_system(case=case, text="Uw adviseur vraagt uw toestemming.")
    assert OutgoingMail.objects.filter(case=case, status="queued").count() == 1


def test_the_office_holder_changes_and_withdraws_the_choice_in_mijn_zaak(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case, code = make_case(state="claimed", advisor=people["anna"], notifyByEmail=True, email=ADDRESS)
        case_services.case_message_send(actor=people["anna"], reference=case.reference, text="Hallo")
    holder = portal_client(case, code)
    assert "Aan: u krijgt een e-mail zonder inhoud" in holder.get("/mijn-zaak").content.decode()
    page = holder.get("/mijn-zaak/e-mail").content.decode()
    assert ADDRESS in page
    assert "Nu staat dit aan." in page

    refused = holder.post("/mijn-zaak/e-mail", {"notify_email": "on", "email": "geen-adres"})
    assert refused.status_code == 400
    assert "Vul een geldig e-mailadres in" in refused.content.decode()

    assert (
        holder.post("/mijn-zaak/e-mail", {"notify_email": "on", "email": "nieuw@voorbeeld.example"}).status_code == 302
    )
    choice = OfficeHolderEmail.objects.get(case=case)
    assert choice.open("sealed_email", under=case) == "nieuw@voorbeeld.example"

    assert holder.post("/mijn-zaak/e-mail", {"email": "nieuw@voorbeeld.example"}).status_code == 302  # unticked
    assert not OfficeHolderEmail.objects.filter(case=case).exists()
    assert not OutgoingMail.objects.filter(case=case, status="queued").exists()  # the waiting mail went too
    assert "Uit: u krijgt geen e-mail" in holder.get("/mijn-zaak").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        case_services.case_message_send(actor=people["anna"], reference=case.reference, text="Nog iets")
    assert not OutgoingMail.objects.filter(case=case).exists()

    actions = list(
        AuditEntry.objects.filter(object_id=case.reference, action__startswith="case.office_holder_email").values_list(
            "action", "details"
        )
    )
    assert [a for a, _ in actions if a != "case.office_holder_email_read"] == [
        "case.office_holder_email_chosen",
        "case.office_holder_email_changed",
        "case.office_holder_email_withdrawn",
    ]
    assert all(ADDRESS not in str(d) and "nieuw@" not in str(d) for _, d in actions)


def test_the_web_intake_offers_the_choice_and_refuses_it_without_an_address(reference_data):
    from tests.intake_web.conftest import answers

    client = Client()
    html = client.post("/hulp-vragen", {**answers(), "step": "check", "goto": "contact"}).content.decode()
    assert 'name="notify_email"' in html
    assert "Stuur mij een e-mail als er iets nieuws is in Mijn zaak" in html
    response = client.post(
        "/hulp-vragen",
        {**answers(email="", preferred_contact="phone", notify_email="on"), "step": "contact", "nav": "next"},
    )
    html = response.content.decode()
    assert "Er is een probleem" in html  # the step again, with its error summary
    assert "U wilt een e-mail als er iets nieuws is: vul uw e-mailadres in." in html


# --- the rota through the API (coordinators) -----------------------------------------------------------


def test_the_rota_api_adds_lists_and_removes_periods(people, django_capture_on_commit_callbacks):
    api = staff_client(people["coord"])
    start = timezone.now() - timedelta(minutes=5)
    body = {
        "association": "nvvr",
        "advisor": "bob",
        "startsAt": start.isoformat(),
        "endsAt": (start + timedelta(hours=9)).isoformat(),
    }
    refused = api.post("/api/v1/on-duty-periods", {**body, "advisor": "ngb-advisor", "endsAt": "morgen"}, format="json")
    assert refused.status_code == 400
    assert {p["name"] for p in refused.json()["invalidParams"]} == {"endsAt"}
    refused = api.post("/api/v1/on-duty-periods", {**body, "advisor": "ngb-advisor"}, format="json")
    assert refused.status_code == 400
    assert [p["name"] for p in refused.json()["invalidParams"]] == ["advisor"]
    refused = api.post("/api/v1/on-duty-periods", {**body, "association": "xyz", "advisor": "nobody"}, format="json")
    assert {p["name"] for p in refused.json()["invalidParams"]} == {"association", "advisor"}

    created = api.post("/api/v1/on-duty-periods", body, format="json")
    assert created.status_code == 201
    period = created.json()
    assert (period["association"], period["advisor"]) == ("nvvr", "bob")
    assert [p["id"] for p in api.get("/api/v1/on-duty-periods").json()] == [period["id"]]
    assert staff_client(people["anna"]).get("/api/v1/on-duty-periods").status_code == 403

    # bob, on duty now, hears first of the next request
    with django_capture_on_commit_callbacks(execute=True):
        _post(APIClient())
    first = Notification.objects.filter(kind="case_new").order_by("pk").first()
    assert first is not None
    assert first.recipient == people["bob"]

    assert api.delete(f"/api/v1/on-duty-periods/{period['id']}").status_code == 204
    assert api.get("/api/v1/on-duty-periods").json() == []
    assert api.delete(f"/api/v1/on-duty-periods/{period['id']}").status_code == 404


def test_the_mail_is_sent_at_once_by_a_task_not_only_by_the_next_job_run(people, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        _post(APIClient())
    [queued] = DBTaskResult.objects.filter(task_path="weerbaar.notifications.tasks.send_mail_now")
    assert queued.status == "READY"
    from weerbaar.notifications.tasks import send_mail_now

    assert send_mail_now.call() == {"sent": 2, "retrying": 0, "failed": 0}  # anna and bob
    assert jobs.JOBS["send_mail"].run(timezone.now()) == {"sent": 0, "retrying": 0, "failed": 0}  # never twice
