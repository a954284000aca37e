"""Fixtures for the API tests: clients per role, staff tokens, office-holder sessions and cases."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from rest_framework.test import APIClient

from tests.factories import UserFactory, make_case

PROBLEM = "application/problem+json"


@dataclass
class Actor:
    """A client signed in as one role (or not at all), with the headers it sends."""

    name: str
    client: APIClient
    user: object = None


def staff_authorization(user) -> str:
    """The ``Authorization`` value of a new staff API token of ``user``."""
    from weerbaar.accounts.tokens import api_token_create

    return f"Token {api_token_create(user=user)}"


def staff_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=staff_authorization(user))
    return client


def bearer_authorization(reference: str, code: str) -> str:
    """The ``Authorization`` value of a new follow-up session, opened with reference and code as a person would."""
    response = APIClient().post(
        "/api/v1/follow-up-sessions", {"reference": reference, "followUpCode": code}, format="json"
    )
    assert response.status_code == 201, response.content
    return f"Bearer {response.json()['token']}"


def bearer_client(reference: str, code: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=bearer_authorization(reference, code))
    return client


def authorized_client(authorization: str | None) -> APIClient:
    """A new client sending ``authorization`` (a staff token or a bearer token), or nothing at all."""
    client = APIClient()
    if authorization:
        client.credentials(HTTP_AUTHORIZATION=authorization)
    return client


@pytest.fixture
def api(db) -> APIClient:
    return APIClient()


@pytest.fixture
def advisor(reference_data):
    return UserFactory(username="advisor-nvvr", role="advisor")  # association nvvr


@pytest.fixture
def other_advisor(reference_data):
    from weerbaar.directory.models import Association

    return UserFactory(username="advisor-ngb", role="advisor", association=Association.objects.get(code="ngb"))


@pytest.fixture
def coordinator(reference_data):
    return UserFactory(username="coordinator", role="coordinator")  # association bzk


@pytest.fixture
def partner(reference_data):
    return UserFactory(username="partner", role="partner")


@pytest.fixture
def analyst(reference_data):
    return UserFactory(username="analyst", role="analyst")


@pytest.fixture
def admin_user(reference_data):
    return UserFactory(username="admin", role="admin")


@pytest.fixture
def advisor_api(advisor) -> APIClient:
    return staff_client(advisor)


@pytest.fixture
def case_and_code(reference_data):
    """A new raadslid case (routed to nvvr) and its follow-up code."""
    return make_case()


@pytest.fixture
def case(case_and_code):
    return case_and_code[0]


@pytest.fixture
def office_holder_api(case_and_code) -> APIClient:
    case, code = case_and_code
    return bearer_client(case.reference, code)


@pytest.fixture
def keep_db_connection():
    """Calling the WSGI app directly fires request signals that close the test's DB connection (STACK.md gotcha 7)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def assert_problem(response, status: int, *, invalid: set[str] | None = None) -> dict:
    """The response is RFC 9457 problem+json with ``status``; ``invalid`` are the expected invalidParams names."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith(PROBLEM), response["Content-Type"]
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    if invalid is not None:
        names = {p["name"] for p in body.get("invalidParams", [])}
        assert names == invalid, body
        assert all(p["reason"] for p in body["invalidParams"])
    return body
