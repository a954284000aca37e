"""Fixtures for the phone line: the webhook secret, signed requests and people who take calls."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import UserFactory
from weerbaar.telephony.signature import sign

SECRET = "telephony-test-secret-" + "s" * 32
URL = "/api/v1/call-events"
PROBLEM = "application/problem+json"


@pytest.fixture(autouse=True)
def telephony_secret(settings):
    settings.WEERBAAR = {**settings.WEERBAAR, "TELEPHONY_SECRET": SECRET}
    return SECRET


def event_body(
    event: str = "new_call",
    *,
    call_id: str = "call-1",
    number: str = "+31612345678",
    advisor: str = "anna",
    at: datetime | str | None = None,
    **extra,
) -> dict:
    at = at or timezone.now()
    body = {
        "event": event,
        "callId": call_id,
        "from": number,
        "advisor": advisor,
        "at": at if isinstance(at, str) else at.isoformat(),
    }
    body.update(extra)
    return body


def post_raw(client: APIClient, raw: bytes, signature: str | None = "SIGN", secret: str = SECRET):
    headers = {}
    if signature == "SIGN":
        signature = sign(raw, secret)
    if signature is not None:
        headers["HTTP_X_WEERBAAR_SIGNATURE"] = signature
    return client.post(URL, data=raw, content_type="application/json", **headers)


def post_event(client: APIClient, body: dict, **kwargs):
    return post_raw(client, json.dumps(body).encode(), **kwargs)


@pytest.fixture
def provider(db) -> APIClient:
    """The telephony provider: no session, no token; only the signature."""
    return APIClient(enforce_csrf_checks=True)


@pytest.fixture
def anna(reference_data):
    return UserFactory(username="anna", role="advisor", display_name="Anna Adviseur")  # nvvr


@pytest.fixture
def olga(reference_data):
    from weerbaar.directory.models import Association

    return UserFactory(
        username="olga", role="advisor", association=Association.objects.get(code="ngb"), display_name="Olga"
    )


@pytest.fixture
def cora(reference_data):
    return UserFactory(username="cora", role="coordinator", display_name="Cora")
