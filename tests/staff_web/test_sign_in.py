"""Staff sign-in: password, then TOTP (or setting it up), lockout, sign-out, and the guard on staff pages."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.staff_web.conftest import PASSWORD, confirmed_device, totp_now
from weerbaar.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def password_step(client: Client, username: str, password: str = PASSWORD, next_url: str = ""):
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post("/medewerkers/inloggen", data)


def test_login_page_has_labelled_fields(client, db):
    response = client.get("/medewerkers/inloggen")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label class="utrecht-form-label" for="id_username">' in html
    assert '<label class="utrecht-form-label" for="id_password">' in html


def test_anonymous_visitor_is_sent_to_login_with_next(client, db):
    response = client.get("/werkruimte")
    assert response.status_code == 302
    assert response["Location"] == "/medewerkers/inloggen?next=/werkruimte"


def test_wrong_password_is_refused_and_audited_without_the_password(client, people):
    response = password_step(client, "anna", "not the password at all")
    assert response.status_code == 400
    assert "klopt niet" in response.content.decode()
    assert "_auth_user_id" not in client.session
    entry = AuditEntry.objects.filter(action="staff.sign_in_failed").get()
    assert "not the password" not in str(entry.details)


def test_password_only_does_not_open_the_workspace(client, people):
    confirmed_device(people["advisor"])
    response = password_step(client, "anna", next_url="/werkruimte")
    assert response.status_code == 302
    assert response["Location"] == "/medewerkers/tweestaps?next=%2Fwerkruimte"
    # signed in, but not verified: every staff page sends to the second step
    assert client.session["_auth_user_id"] == str(people["advisor"].pk)
    response = client.get("/werkruimte")
    assert response.status_code == 302
    assert response["Location"].startswith("/medewerkers/tweestaps")
    assert client.get("/werkruimte/adresboek").status_code == 302


def test_password_and_totp_open_the_workspace(client, people):
    device = confirmed_device(people["advisor"])
    password_step(client, "anna", next_url="/werkruimte")
    response = client.post("/medewerkers/tweestaps", {"token": totp_now(device), "next": "/werkruimte"})
    assert response.status_code == 302
    assert response["Location"] == "/werkruimte"
    assert client.get("/werkruimte").status_code == 200
    entry = AuditEntry.objects.filter(action="staff.signed_in").get()
    assert entry.actor == "user:anna"
    assert totp_now(device) not in str(entry.details)


def test_wrong_totp_code_is_refused(client, people):
    device = confirmed_device(people["advisor"])
    password_step(client, "anna")
    wrong = f"{(int(totp_now(device)) + 1) % 1_000_000:06d}"
    response = client.post("/medewerkers/tweestaps", {"token": wrong})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_token_helptext id_token_error"' in html
    assert client.get("/werkruimte").status_code == 302
    assert AuditEntry.objects.filter(action="staff.totp_failed").count() == 1


def test_totp_code_must_be_six_digits(client, people):
    confirmed_device(people["advisor"])
    password_step(client, "anna")
    response = client.post("/medewerkers/tweestaps", {"token": "12ab"})
    assert response.status_code == 400


def test_first_sign_in_sets_up_totp_with_qr_code_and_secret(client, people):
    response = password_step(client, "anna", next_url="/werkruimte")
    assert response["Location"] == "/medewerkers/tweestaps/instellen?next=%2Fwerkruimte"
    response = client.get(response["Location"])
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "<svg" in html
    assert "data:" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    device = TOTPDevice.objects.get(user=people["advisor"])
    assert device.confirmed is False
    import base64

    secret = base64.b32encode(device.bin_key).decode()
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html
    # the verify step is not available yet: it sends to set-up
    assert client.get("/medewerkers/tweestaps")["Location"].startswith("/medewerkers/tweestaps/instellen")
    response = client.post("/medewerkers/tweestaps/instellen", {"token": totp_now(device), "next": "/werkruimte"})
    assert response.status_code == 200  # the confirmation with the recovery codes, then on to where they were going
    assert "Gelukt: tweestapsverificatie is ingesteld." in response.content.decode()
    assert 'href="/werkruimte"' in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get("/werkruimte").status_code == 200
    assert AuditEntry.objects.filter(action="staff.totp_enrolled", actor="user:anna").exists()


def test_setup_never_shows_a_new_secret_when_a_device_is_confirmed(client, people):
    confirmed_device(people["advisor"])
    password_step(client, "anna")
    response = client.get("/medewerkers/tweestaps/instellen")
    assert response.status_code == 302
    assert response["Location"].startswith("/medewerkers/tweestaps?")
    assert TOTPDevice.objects.filter(user=people["advisor"]).count() == 1


def test_second_step_needs_the_password_step_first(client, db):
    response = client.get("/medewerkers/tweestaps")
    assert response.status_code == 302
    assert response["Location"].startswith("/medewerkers/inloggen")
    assert client.get("/medewerkers/tweestaps/instellen").status_code == 302


def test_lockout_after_five_failures(client, people):
    for attempt in range(4):
        response = password_step(client, "anna", f"wrong password {attempt}")
        assert response.status_code == 400
    response = password_step(client, "anna", "wrong password 5")
    assert response.status_code == 429
    html = response.content.decode()
    assert "tijdelijk geblokkeerd" in html
    assert "<h1" in html
    # even the right password is refused while locked out
    response = password_step(client, "anna")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_of_one_name_does_not_lock_colleagues_at_the_same_address(client, people):
    for attempt in range(5):
        password_step(client, "mallory", f"guess {attempt}")
    assert password_step(client, "mallory", "guess 6").status_code == 429
    response = password_step(Client(), "anna")
    assert response.status_code == 302
    assert response["Location"].startswith("/medewerkers/tweestaps")


def test_open_redirect_in_next_is_ignored(client, people):
    device = confirmed_device(people["advisor"])
    password_step(client, "anna")
    response = client.post("/medewerkers/tweestaps", {"token": totp_now(device), "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/medewerkers"


def test_logout_is_post_only_and_ends_the_session(client, people):
    device = confirmed_device(people["advisor"])
    password_step(client, "anna")
    client.post("/medewerkers/tweestaps", {"token": totp_now(device)})
    assert client.get("/medewerkers/uitloggen").status_code == 405
    response = client.post("/medewerkers/uitloggen")
    assert response.status_code == 302
    assert client.get("/werkruimte").status_code == 302
    assert AuditEntry.objects.filter(action="staff.signed_out").exists()


def test_inactive_user_cannot_sign_in(client, people):
    people["advisor"].is_active = False
    people["advisor"].save()
    response = password_step(client, "anna")
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_home_sends_each_role_to_its_page(people, as_user):
    assert as_user(people["advisor"]).get("/medewerkers")["Location"] == "/werkruimte"
    assert as_user(people["admin"]).get("/medewerkers")["Location"] == "/werkruimte/adresboek"
    response = as_user(people["analyst"]).get("/medewerkers")
    assert response.status_code == 200
    assert "statistieken" in response.content.decode()
