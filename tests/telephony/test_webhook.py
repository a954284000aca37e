"""POST /api/v1/call-events: valid, badly signed, replayed and malformed events (the issue's contract)."""

from __future__ import annotations

import json
from datetime import UTC, timedelta

import pytest
from django.utils import timezone

from tests.telephony.conftest import PROBLEM, SECRET, event_body, post_event, post_raw
from weerbaar.telephony.models import Call, CallEvent
from weerbaar.telephony.signature import sign

pytestmark = pytest.mark.django_db


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status
    assert {"type", "title", "status", "detail"} <= set(body)
    return body


# --- valid -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("event", ["new_call", "answered", "hangup"])
def test_each_event_is_accepted_with_202(provider, anna, event):
    response = post_event(provider, event_body(event))
    assert response.status_code == 202, response.content
    assert response.json()["callId"] == "call-1"
    assert response.json()["event"] == event
    assert response["API-Version"] == "1.0.0"
    assert CallEvent.objects.get().event == event
    assert Call.objects.get().advisor == anna


def test_a_whole_call_moves_from_ringing_to_active_to_ended(provider, anna):
    start = timezone.now() - timedelta(minutes=3)
    for offset, event in enumerate(["new_call", "answered", "hangup"]):
        assert post_event(provider, event_body(event, at=start + timedelta(minutes=offset))).status_code == 202
        call = Call.objects.get()
        assert call.status == ["ringing", "active", "ended"][offset]
    assert (call.started_at, call.answered_at) == (start, start + timedelta(minutes=1))
    assert call.events.count() == 3


def test_hangup_without_answer_is_a_missed_call(provider, anna):
    post_event(provider, event_body("new_call"))
    post_event(provider, event_body("hangup"))
    assert Call.objects.get().status == "missed"


def test_events_out_of_order_still_make_one_call(provider, anna):
    now = timezone.now()
    post_event(provider, event_body("answered", at=now))
    post_event(provider, event_body("new_call", at=now - timedelta(seconds=20)))
    call = Call.objects.get()
    assert call.started_at == now - timedelta(seconds=20)
    assert call.status == "active"


def test_an_unknown_advisor_is_accepted_but_unassigned(provider, reference_data, caplog):
    response = post_event(provider, event_body(advisor="nobody-here"))
    assert response.status_code == 202
    call = Call.objects.get()
    assert call.advisor is None
    assert call.unknown_advisor == "nobody-here"
    assert "left unassigned" in caplog.text
    assert "+31612345678" not in caplog.text


def test_a_partner_account_cannot_take_calls(provider, reference_data):
    from tests.factories import UserFactory

    UserFactory(username="piet", role="partner")
    post_event(provider, event_body(advisor="piet"))
    assert Call.objects.get().advisor is None


def test_the_webhook_needs_no_csrf_token_nor_session(provider, anna):
    # enforce_csrf_checks=True and no cookie at all: the signature is the authentication
    assert post_event(provider, event_body()).status_code == 202


def test_zulu_time_and_fractions_are_accepted(provider, anna):
    at = timezone.now().astimezone(UTC)
    text = at.strftime("%Y-%m-%dT%H:%M:%S.%f") + "123Z"  # nanoseconds
    assert post_event(provider, event_body(at=text)).status_code == 202


def test_a_second_secret_is_accepted_while_rotating(provider, anna, settings):
    settings.WEERBAAR = {**settings.WEERBAAR, "TELEPHONY_SECRET": "new-secret-" + "n" * 32 + "," + SECRET}
    assert post_event(provider, event_body(call_id="old")).status_code == 202
    assert post_event(provider, event_body(call_id="new"), secret="new-secret-" + "n" * 32).status_code == 202


# --- badly signed -----------------------------------------------------------------------------------------


def test_wrong_secret_is_401(provider, anna):
    body = _problem(post_event(provider, event_body(), secret="another-secret"), 401)
    assert "X-Weerbaar-Signature" in body["detail"]
    assert not Call.objects.exists()


def test_missing_header_is_401(provider, anna):
    response = post_event(provider, event_body(), signature=None)
    _problem(response, 401)
    assert "WWW-Authenticate" in response
    assert not Call.objects.exists()


@pytest.mark.parametrize("prefix", ["sha1=", "SHA256=", "", "sha512=", "sha256:"])
def test_wrong_prefix_is_401(provider, anna, prefix):
    raw = json.dumps(event_body()).encode()
    digest = sign(raw, SECRET).removeprefix("sha256=")
    _problem(post_raw(provider, raw, signature=prefix + digest), 401)


def test_signature_of_another_body_is_401(provider, anna):
    raw = json.dumps(event_body()).encode()
    other = json.dumps(event_body(call_id="call-2")).encode()
    _problem(post_raw(provider, raw, signature=sign(other, SECRET)), 401)
    assert not Call.objects.exists()


def test_a_staff_token_does_not_open_the_webhook(provider, anna):
    from tests.api.conftest import staff_client

    _problem(staff_client(anna).post("/api/v1/call-events", event_body(), format="json"), 401)


def test_signature_is_checked_before_the_body_is_parsed(provider, anna):
    """Not JSON and badly signed: 401, not 400 (nothing reads an unauthenticated body)."""
    _problem(post_raw(provider, b"{not json", signature="sha256=" + "0" * 64), 401)


def test_without_a_configured_secret_the_webhook_answers_503(provider, anna, settings):
    settings.WEERBAAR = {**settings.WEERBAAR, "TELEPHONY_SECRET": ""}
    _problem(post_event(provider, event_body(), secret=""), 503)
    assert not Call.objects.exists()


# --- replayed ---------------------------------------------------------------------------------------------


def test_the_same_event_of_the_same_call_again_is_409(provider, anna):
    body = event_body("answered")
    assert post_event(provider, body).status_code == 202
    _problem(post_event(provider, body), 409)
    # even with another time inside the window
    _problem(post_event(provider, event_body("answered", at=timezone.now() - timedelta(seconds=30))), 409)
    assert CallEvent.objects.count() == 1


@pytest.mark.parametrize("minutes", [-6, 6, -60 * 24])
def test_an_event_more_than_five_minutes_from_now_is_409(provider, anna, minutes):
    _problem(post_event(provider, event_body(at=timezone.now() + timedelta(minutes=minutes))), 409)
    assert not Call.objects.exists()


@pytest.mark.parametrize("minutes", [-4, 4])
def test_an_event_within_five_minutes_is_accepted(provider, anna, minutes):
    assert post_event(provider, event_body(at=timezone.now() + timedelta(minutes=minutes))).status_code == 202


# --- malformed --------------------------------------------------------------------------------------------


def _invalid(response) -> set[str]:
    return {p["name"] for p in _problem(response, 400)["invalidParams"]}


def test_not_json_is_400(provider, anna):
    assert _invalid(post_raw(provider, b"{not json")) == {"body"}


@pytest.mark.parametrize("raw", [b"[]", b'"text"', b"null", b"\xff\xfe"])
def test_not_an_object_is_400(provider, anna, raw):
    assert _invalid(post_raw(provider, raw)) == {"body"}


@pytest.mark.parametrize("field", ["event", "callId", "from", "advisor", "at"])
def test_a_missing_field_is_400(provider, anna, field):
    body = event_body()
    del body[field]
    assert _invalid(post_event(provider, body)) == {field}


def test_a_field_of_the_wrong_type_is_400(provider, anna):
    assert _invalid(post_event(provider, event_body(callId=12345, advisor=["anna"]))) == {"callId", "advisor"}


def test_an_unknown_event_is_400(provider, anna):
    assert _invalid(post_event(provider, event_body("transferred"))) == {"event"}


@pytest.mark.parametrize("at", ["yesterday", "2026-13-01T10:00:00Z", "2026-03-01", "1710000000", "2026-03-01 10:00"])
def test_a_bad_time_is_400(provider, anna, at):
    assert _invalid(post_event(provider, event_body(at=at))) == {"at"}


def test_a_time_without_zone_is_400(provider, anna):
    naive = timezone.now().replace(tzinfo=None).isoformat(timespec="seconds")
    assert _invalid(post_event(provider, event_body(at=naive))) == {"at"}


@pytest.mark.parametrize(
    "number", ["anon", "not-a-number", "  ", "anonymous caller", "12", "+999 123", "06-12", "x" * 60]
)
def test_a_bad_number_is_400(provider, anna, number):
    assert _invalid(post_event(provider, event_body(number=number))) == {"from"}


def test_a_bad_call_id_is_400(provider, anna):
    assert _invalid(post_event(provider, event_body(call_id="a b/c"))) == {"callId"}


def test_malformed_events_store_nothing(provider, anna):
    post_raw(provider, b"{not json")
    post_event(provider, event_body("transferred"))
    assert not Call.objects.exists()
    assert not CallEvent.objects.exists()
