"""Development mode (``WEERBAAR_DEBUG=1``, as ``make run``) shows Weerbaar's own 404 and 500 pages: never
Django's debug pages with the URL patterns, the settings or a traceback. ``WEERBAAR_DEBUG_ERROR_PAGES=1``
brings Django's pages back for a developer. Outside debug mode the middleware does nothing.

The test runner turns ``DEBUG`` off; each test turns it on as ``make run`` has it.
"""

from __future__ import annotations

import logging

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def development(settings):
    settings.DEBUG = True
    settings.WEERBAAR = {**settings.WEERBAAR, "DEBUG_ERROR_PAGES": False}
    return settings


class Broken:
    def cursor(self):
        raise RuntimeError("Jansen, wethouder te Utrecht")  # stands for case content in an exception


def test_an_unknown_address_gets_weerbaar_s_404_in_development(client, development):
    response = client.get("/bestaat-niet/echt-niet")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html
    assert "070-3738314" in html
    assert "URLconf" not in html
    assert "werkruimte/achtergrondtaken" not in html
    assert "DEBUG = True" not in html


def test_a_view_that_raises_not_found_gets_weerbaar_s_404(client, development):
    response = client.get("/mijn-zaak/bestaat-niet")  # under a real prefix: still no pattern list
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_the_api_keeps_its_problem_json_404_in_development(client, development):
    response = client.get("/api/v1/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_a_crash_gets_weerbaar_s_500_in_development_and_the_console_gets_the_traceback(
    client, development, monkeypatch, caplog
):
    from weerbaar.core import views

    monkeypatch.setattr(views, "connection", Broken())
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/healthz")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html
    assert "Traceback" not in html
    assert "Jansen" not in html
    assert "SECRET_KEY" not in html
    assert "RuntimeError" in caplog.text  # the developer still sees what broke, in the console


def test_django_s_debug_pages_come_back_on_request(client, development):
    development.WEERBAAR = {**development.WEERBAAR, "DEBUG_ERROR_PAGES": True}
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert "URLconf" in response.content.decode()
    assert "werkruimte/achtergrondtaken" in response.content.decode()  # what the markers above look for


def test_outside_development_the_handlers_answer_as_before(client, settings):
    settings.DEBUG = False
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
