"""Issue 12, point 7: every answer that may carry case content or a code says ``Cache-Control: no-store``.

One rule in the shared web layer (``web.http.NoStoreMiddleware``) rather than a decorator per view, so this test
walks every route the URL resolver knows instead of a list someone must keep up to date: every API operation
(anonymous, with a staff token and with the office holder's bearer token) and every page for a signed-in staff
member and for an office holder signed in to Mijn zaak. Whatever the status — a page, a 404, a redirect —
the answer is no-store. Before the rule the API's case, notes, messages, incidents, evidence list, tasks, the
office holder's endpoints, council detail and ``/werkruimte/taken`` said nothing about caching.
"""

from __future__ import annotations

import re

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from tests.factories import UserFactory, image_bytes, incident_payload, make_case
from tests.matrix import fresh, once_per_module
from tests.routes import operations, walk
from tests.staff_web.conftest import verified_client
from weerbaar.accounts.models import Role
from weerbaar.directory.models import Association
from weerbaar.web.http import NoStoreMiddleware

pytestmark = pytest.mark.django_db


def _methods(callback) -> list[str]:
    """The methods to send: a class-based view's own, GET for a function view."""
    return sorted(operations(callback)) or ["get"]


def _url(route: str, reference: str) -> str:
    return "/" + re.sub(r"<int:[^>]+>", "1", route.replace("<str:reference>", reference))


ROUTES = list(walk())
API = [(route, method) for route, callback in ROUTES if route.startswith("api/") for method in _methods(callback)]
PAGES = [route for route, _callback in ROUTES if not route.startswith("api/")]


@once_per_module
def no_store_world():
    """A case of the NVVR claimed by its advisor, with incident 1 and evidence 1, and the office holder's code."""
    from weerbaar.directory.services import reference_data_load
    from weerbaar.incidents import services
    from weerbaar.incidents.validation import validate_incident

    reference_data_load()
    advisor = UserFactory(
        username="no-store-advisor", role=Role.ADVISOR, association=Association.objects.get(code="nvvr")
    )
    case, code = make_case(state="claimed", advisor=advisor)
    services.incident_record(actor=advisor, reference=case.reference, data=validate_incident(incident_payload()))
    data = image_bytes()
    services.evidence_add(
        actor=advisor, reference=case.reference, upload=services.Upload("foto.png", data, len(data)), incident_number=1
    )
    return {"advisor": advisor, "reference": case.reference, "code": code}


@pytest.fixture
def world(db, no_store_world):
    return fresh(no_store_world)


def _send(client, method: str, url: str):
    if isinstance(client, APIClient):
        return getattr(client, method)(url, {}, format="json") if method != "get" else client.get(url)
    return getattr(client, method)(url)


def _offenders(client_for, requests, reference: str) -> list[str]:
    found = []
    for route, method in requests:
        response = _send(client_for(), method, _url(route, reference))
        if "no-store" not in response.get("Cache-Control", ""):
            found.append(f"{method.upper()} /{route} {response.status_code} {response.get('Cache-Control')!r}")
    return found


def _api_client(authorization: str | None) -> APIClient:
    client = APIClient()
    if authorization:
        client.credentials(HTTP_AUTHORIZATION=authorization)
    return client


def test_the_walk_finds_the_api_and_the_pages():
    assert len(API) > 80
    assert len(PAGES) > 90
    assert ("api/v1/cases/<str:reference>", "get") in API
    assert "werkruimte/taken" in PAGES


def test_every_api_answer_is_no_store_for_staff(world):
    from weerbaar.accounts.tokens import api_token_create

    token = f"Token {api_token_create(user=world['advisor'])}"
    assert _offenders(lambda: _api_client(token), API, world["reference"]) == []


def test_every_api_answer_is_no_store_for_the_office_holder_and_anonymous(world):
    opened = APIClient().post(
        "/api/v1/follow-up-sessions", {"reference": world["reference"], "followUpCode": world["code"]}, format="json"
    )
    assert opened.status_code == 201
    assert opened["Cache-Control"] == "no-store"  # the answer carries a bearer token
    bearer = f"Bearer {opened.json()['token']}"
    assert _offenders(lambda: _api_client(bearer), API, world["reference"]) == []
    assert _offenders(lambda: _api_client(None), API, world["reference"]) == []


def test_every_page_is_no_store_for_signed_in_staff(world):
    client = verified_client(world["advisor"])
    assert client.get(f"/werkruimte/zaken/{world['reference']}").status_code == 200
    assert _offenders(lambda: client, [(route, "get") for route in PAGES], world["reference"]) == []


def test_every_page_is_no_store_for_an_office_holder_in_mijn_zaak(world):
    client = Client()
    signed_in = client.post("/mijn-zaak/inloggen", {"reference": world["reference"], "code": world["code"]})
    assert signed_in["Location"] == "/mijn-zaak"
    assert _offenders(lambda: client, [(route, "get") for route in PAGES], world["reference"]) == []


def test_public_pages_for_visitors_are_left_to_their_views():
    """The rule is about private answers: the home page of a visitor who is not signed in gets no header from it,
    while a page that already chose its own no-store value keeps exactly that value."""
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    request.user, request.session = AnonymousUser(), SessionStore()
    assert not NoStoreMiddleware(lambda r: HttpResponse("home")).__call__(request).has_header("Cache-Control")

    def chose(request):
        response = HttpResponse("file")
        response["Cache-Control"] = "no-store"
        return response

    api = RequestFactory().get("/api/v1/cases")
    api.user, api.session = AnonymousUser(), SessionStore()
    assert NoStoreMiddleware(chose)(api)["Cache-Control"] == "no-store"
    assert NoStoreMiddleware(lambda r: HttpResponse("{}"))(api)["Cache-Control"] == "no-store"
