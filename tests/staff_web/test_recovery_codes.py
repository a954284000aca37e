"""One-time recovery codes: given once when TOTP is set up, stored as keyed hashes, each usable once instead of
the TOTP code, every use audited, and new ones on request (the old ones then stop working)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import given
from hypothesis import strategies as st

from tests.staff_web.conftest import PASSWORD, totp_now
from weerbaar.accounts import recovery
from weerbaar.accounts.models import RecoveryCode
from weerbaar.core.models import AuditEntry

CODE_RE = re.compile(r'<code class="weerbaar-ws-secret">([a-z2-9]{5}-[a-z2-9]{5})</code>')


# --- the format and its parser (no database) ------------------------------------------------------


@given(st.data())
def test_a_generated_code_survives_how_people_type_it(data):
    code = recovery.generate()
    assert len(code) == recovery.LENGTH
    assert set(code) <= set(recovery.ALPHABET)
    shown = recovery.display(code)
    assert recovery.normalise(shown) == code
    typed = "".join(
        data.draw(st.sampled_from([c, c.upper()])) + data.draw(st.sampled_from(["", " ", "-", "  "])) for c in shown
    )
    assert recovery.normalise(" " + typed + "\n") == code


@given(st.text(max_size=30))
def test_the_parser_gives_a_code_or_nothing(value):
    normal = recovery.normalise(value)
    assert normal == "" or (len(normal) == recovery.LENGTH and set(normal) <= set(recovery.ALPHABET))
    if normal:  # whatever was accepted differs from the code only in case, spaces and dashes
        assert re.sub(r"[\s\-]", "", value).lower() == normal


@pytest.mark.parametrize(
    "value", ["", "123456", "abcde-2345", "abcde-234567", "abcde-2345o", "abcd1-23456", "ab\x00de-23456"]
)
def test_the_parser_refuses_what_is_no_code(value):
    assert recovery.normalise(value) == ""


def test_look_alikes_are_not_in_the_alphabet():
    assert not set("01ilo") & set(recovery.ALPHABET)
    assert len(set(recovery.ALPHABET)) == len(recovery.ALPHABET) == 31


# --- set-up, sign-in, regeneration ------------------------------------------------------------------

pytestmark_db = pytest.mark.django_db


def _password_step(client: Client, username: str = "anna") -> None:
    response = client.post("/medewerkers/inloggen", {"username": username, "password": PASSWORD})
    assert response.status_code == 302


def _enrol(client: Client, user) -> tuple[TOTPDevice, list[str]]:
    _password_step(client)
    client.get("/medewerkers/tweestaps/instellen")
    device = TOTPDevice.objects.get(user=user)
    response = client.post("/medewerkers/tweestaps/instellen", {"token": totp_now(device), "next": "/werkruimte"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return device, CODE_RE.findall(response.content.decode())


@pytestmark_db
def test_set_up_confirms_and_gives_ten_codes_stored_only_as_keyed_hashes(client, people):
    user = people["advisor"]
    _device, codes = _enrol(client, user)
    assert len(codes) == len(set(codes)) == recovery.COUNT
    stored = list(RecoveryCode.objects.filter(user=user).values_list("code_hash", flat=True))
    assert len(stored) == recovery.COUNT
    for code in codes:
        assert recovery.code_hash(recovery.normalise(code)) in stored
        assert code.replace("-", "") not in "".join(stored)
    entry = AuditEntry.objects.get(action="staff.recovery_codes_issued")
    assert entry.details == {"count": 10, "replaced": 0}
    assert not any(c in str(entry.details) for c in codes)
    # the codes are shown on that response only: the page of one's codes shows the count, never a code
    page = client.get("/medewerkers/herstelcodes").content.decode()
    assert "U heeft nog 10 ongebruikte herstelcodes." in page
    assert not CODE_RE.search(page)


@pytestmark_db
def test_a_recovery_code_signs_in_once_and_each_use_is_audited(people):
    user = people["advisor"]
    device, codes = _enrol(Client(), user)
    client = Client()
    _password_step(client)
    response = client.post(
        "/medewerkers/tweestaps", {"recovery-recovery_code": codes[3].upper().replace("-", " "), "next": "/werkruimte"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/werkruimte"
    page = client.get("/werkruimte").content.decode()
    assert "U bent ingelogd met een herstelcode" in page
    assert "nog 9 herstelcodes over" in page
    used = AuditEntry.objects.get(action="staff.recovery_code_used")
    assert (used.actor, used.details) == ("user:anna", {"left": 9})
    assert AuditEntry.objects.filter(action="staff.signed_in", details__factor="recovery_code").count() == 1
    # the same code a second time: refused, audited, and the workspace stays closed
    again = Client()
    _password_step(again)
    response = again.post("/medewerkers/tweestaps", {"recovery-recovery_code": codes[3]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Deze herstelcode klopt niet of is al gebruikt." in html
    assert '<details class="weerbaar-ws-recovery" open>' in html
    assert again.get("/werkruimte").status_code == 302
    assert AuditEntry.objects.filter(action="staff.recovery_code_refused").count() == 1
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # counts like a wrong TOTP code


@pytestmark_db
def test_junk_is_refused_without_a_lookup_and_the_totp_form_still_works(people):
    user = people["advisor"]
    device, _codes = _enrol(Client(), user)
    client = Client()
    _password_step(client)
    response = client.post("/medewerkers/tweestaps", {"recovery-recovery_code": "' OR 1=1 --"})
    assert response.status_code == 400
    assert AuditEntry.objects.filter(action="staff.recovery_code_refused").count() == 1
    device.throttle_reset()
    response = client.post("/medewerkers/tweestaps", {"token": totp_now(device), "next": "/werkruimte"})
    assert response.status_code == 302


@pytestmark_db
def test_new_codes_replace_the_old_ones(people, as_user):
    user = people["advisor"]
    device, old = _enrol(Client(), user)
    client = as_user(user)
    response = client.post("/medewerkers/herstelcodes")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "Gelukt: u heeft nieuwe herstelcodes." in html
    new = CODE_RE.findall(html)
    assert len(new) == 10
    assert not set(new) & set(old)
    assert RecoveryCode.objects.filter(user=user).count() == 10
    assert AuditEntry.objects.filter(action="staff.recovery_codes_issued").order_by("id").last().details == {
        "count": 10,
        "replaced": 10,
    }
    signing_in = Client()
    _password_step(signing_in)
    assert signing_in.post("/medewerkers/tweestaps", {"recovery-recovery_code": old[0]}).status_code == 400
    device.refresh_from_db()
    device.throttle_reset()  # the refused old code throttles the next try for a second (django-otp)
    assert signing_in.post("/medewerkers/tweestaps", {"recovery-recovery_code": new[0]}).status_code == 302


@pytestmark_db
def test_reset_totp_removes_the_recovery_codes(people):
    import io

    from django.core.management import call_command

    user = people["advisor"]
    _enrol(Client(), user)
    out = io.StringIO()
    call_command("staff", "reset-totp", "anna", stdout=out)
    assert "10 recovery code(s)" in out.getvalue()
    assert not RecoveryCode.objects.filter(user=user).exists()


@pytestmark_db
def test_the_footer_links_to_the_recovery_codes(people, as_user):
    html = as_user(people["coordinator"]).get("/werkruimte").content.decode()
    assert 'href="/medewerkers/herstelcodes"' in html
