"""A withheld caller id (null, "" or a provider's marker like "anonymous"): logged, nothing identifying, no match."""

from __future__ import annotations

import io
from collections import OrderedDict
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import timezone

from tests.factories import make_case
from tests.staff_web.conftest import verified_client
from tests.telephony.conftest import event_body, post_event
from weerbaar.core.models import AuditEntry
from weerbaar.telephony.models import Call, CallEvent
from weerbaar.telephony.numbers import phone_hash
from weerbaar.telephony.validation import is_withheld

pytestmark = pytest.mark.django_db

PAGE = "/werkruimte/telefoon"
WITHHELD = [
    "anonymous",
    "Anonymous",
    "WITHHELD",
    "withheld",
    "private",
    "Private",
    "unknown",
    "UNKNOWN",
    "restricted",
    "Restricted",
    None,
    "",
]


def _events(provider, *events, call_id: str = "call-1", numbers=None, **kwargs) -> Call:
    start = timezone.now() - timedelta(minutes=1)
    for offset, event in enumerate(events):
        number = numbers[offset] if numbers is not None else None
        body = event_body(event, call_id=call_id, number=number, at=start + timedelta(seconds=offset), **kwargs)
        response = post_event(provider, body)
        assert response.status_code == 202, response.content
    return Call.objects.get(call_id=call_id)


@pytest.mark.parametrize("value", WITHHELD)
def test_a_withheld_caller_id_is_accepted_and_logged_without_a_number(provider, anna, value):
    response = post_event(provider, event_body("new_call", number=value))
    assert response.status_code == 202, response.content
    assert response.json()["event"] == "new_call"
    call = Call.objects.get()
    assert call.number_withheld
    assert call.from_hash is None
    assert call.sealed_from is None
    assert call.caller_number() is None
    assert call.advisor == anna
    assert CallEvent.objects.get().call == call


def test_the_marker_check_is_exactly_the_documented_set():
    assert all(is_withheld(value) for value in WITHHELD)
    for value in ("anon", "hidden", "  ", "anonymous caller", "+31612345678", 0, False, [], {}):
        assert not is_withheld(value), value


def test_without_the_from_key_it_is_still_400(provider, anna):
    body = event_body()
    del body["from"]
    response = post_event(provider, body)
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["from"]
    assert not Call.objects.exists()


@pytest.mark.parametrize("value", ["anon", "nummer onbekend", "  ", 12345, ["anonymous"]])
def test_neither_a_marker_nor_a_number_is_still_400(provider, anna, value):
    response = post_event(provider, event_body(number=value))
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["from"]
    assert not Call.objects.exists()


def test_nothing_is_stored_that_could_identify_the_caller(provider, anna):
    make_case(phone="06 12345678")
    call = _events(provider, "new_call", "answered", "hangup", numbers=["anonymous", None, ""])
    row = Call.objects.filter(pk=call.pk).values().get()
    assert row["from_hash"] is None
    assert row["sealed_from"] is None
    assert row["key_id"]  # a data key of its own, with nothing sealed under it
    assert row["wrapped_key"]
    assert call.matched_case is None
    audits = AuditEntry.objects.filter(action__startswith="telephony.", object_id=str(call.pk))
    assert [entry.details["withheld"] for entry in audits] == [True, True, True]
    assert all(entry.details["matched"] is False for entry in audits)


def test_a_withheld_call_is_never_matched_even_if_a_case_has_no_number(provider, anna):
    make_case(phone="", preferredContact="email")
    make_case(phone="06 12345678")
    call = _events(provider, "new_call", "answered", numbers=["private", "private"])
    assert call.matched_case is None


def test_a_later_withheld_event_keeps_the_stored_number_and_match(provider, anna):
    case, _ = make_case(phone="06 12345678")
    call = _events(provider, "new_call", "answered", "hangup", numbers=["+31612345678", "anonymous", None])
    assert not call.number_withheld
    assert call.from_hash == phone_hash("+31612345678")
    assert call.caller_number() == "+31612345678"
    assert call.matched_case == case
    assert call.status == "ended"


def test_a_withheld_call_takes_the_number_a_later_event_carries(provider, anna):
    case, _ = make_case(phone="06 12345678")
    call = _events(provider, "new_call", "answered", numbers=["withheld", "+31612345678"])
    assert call.caller_number() == "+31612345678"
    assert call.from_hash == phone_hash("+31612345678")
    assert call.matched_case == case


def test_the_advisor_sees_number_withheld_and_opens_the_intake_without_a_number(provider, anna):
    call = _events(provider, "new_call", "answered", numbers=["restricted", "restricted"])
    client = verified_client(anna)
    html = client.get(PAGE).content.decode()
    assert "Nummer afgeschermd" in html
    assert "Actief gesprek" in html
    assert "een beller die het nummer heeft afgeschermd" in html
    link = f"/werkruimte/telefoon/{call.pk}/hulpvraag"
    assert f'href="{link}"' in html
    assert "Nieuwe telefonische hulpvraag" in html
    assert not AuditEntry.objects.filter(action="telephony.numbers_read").exists()  # no number was shown

    form = client.get(link)
    assert form.status_code == 200
    body = form.content.decode()
    assert 'action="/werkruimte/telefonische-hulpvraag"' in body
    assert 'name="phone"' in body
    assert 'name="phone" value=' not in body  # the phone field is empty
    entry = AuditEntry.objects.get(action="telephony.intake_prefilled")
    assert entry.details == {"withheld": True}


def test_a_coordinator_sees_number_withheld_too(provider, anna, cora):
    _events(provider, "new_call", numbers=[None])
    html = verified_client(cora).get(PAGE).content.decode()
    assert "Nummer afgeschermd" in html


def test_keys_rotate_and_check_pass_with_withheld_calls(provider, anna, settings):
    _events(provider, "new_call", call_id="call-a", numbers=["anonymous"])
    _events(provider, "new_call", call_id="call-b", numbers=["+31612345670"])
    old_id = next(iter(django_settings.KEY_ENCRYPTION_KEYS))
    settings.KEY_ENCRYPTION_KEYS = OrderedDict(
        [("new3", b"t" * 32), (old_id, django_settings.KEY_ENCRYPTION_KEYS[old_id])]
    )
    out = io.StringIO()
    call_command("keys", "rotate", stdout=out, stderr=io.StringIO())
    assert "Re-wrapped 2 call key(s) under 'new3'." in out.getvalue()
    settings.KEY_ENCRYPTION_KEYS = OrderedDict([("new3", b"t" * 32)])
    out = io.StringIO()
    call_command("keys", "check", stdout=out, stderr=io.StringIO())
    assert "All 2 call keys unwrap." in out.getvalue()
    calls = {call.call_id: call for call in Call.objects.all()}
    assert calls["call-a"].caller_number() is None
    assert calls["call-b"].caller_number() == "+31612345670"


def test_the_openapi_schema_documents_from_as_nullable(client):
    document = client.get("/api/v1/openapi.json").json()
    body = document["paths"]["/call-events"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    schema = document["components"]["schemas"][body["$ref"].rsplit("/", 1)[-1]]
    assert "from" in schema["required"]
    assert schema["properties"]["from"]["nullable"] is True
    assert "anonymous" in schema["properties"]["from"]["description"]
