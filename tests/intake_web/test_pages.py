"""Every public page: one h1, the skip link, the 112 rule and the national number; error pages help too."""

from __future__ import annotations

import pytest

from tests.factories import make_case

pytestmark = pytest.mark.django_db


def public_pages(web):
    case, code = make_case()
    pages = {
        "home": web.get("/"),
        "request": web.get("/hulp-vragen"),
        "112": web.post("/hulp-vragen", {"step": "danger", "nav": "next", "acute_danger": "yes"}),
        "portal_login": web.get("/mijn-zaak/inloggen"),
        "not_found": web.get("/bestaat-niet"),
    }
    web.post("/mijn-zaak/inloggen", {"reference": case.reference, "code": code})
    pages["portal"] = web.get("/mijn-zaak")
    return pages


def test_every_public_page_has_one_h1_the_skip_link_and_the_emergency_numbers(web):
    for name, response in public_pages(web).items():
        html = response.content.decode()
        assert html.count("<h1") == 1, name
        assert 'href="#main"' in html, name
        assert 'id="main"' in html, name
        # 112 in the strip is tap-to-call, like the advice number
        assert 'Acuut gevaar? Bel <a class="weerbaar-emergency__phone" href="tel:112">112</a>.' in html, name
        assert 'href="tel:+31703738314"' in html, name
        assert 'style="' not in html, name  # strict CSP: no inline styles
        assert "<script>" not in html, name  # nor inline scripts


def test_not_found_page_still_gives_the_phone_numbers(web):
    response = web.get("/bestaat-niet")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Pagina niet gevonden" in html
    assert 'href="tel:112"' in html.split('id="main"', 1)[1]


def test_portal_pages_are_never_cached(web):
    assert "no-store" in web.get("/mijn-zaak/inloggen")["Cache-Control"]


def test_only_get_and_post_are_allowed_on_the_form(web):
    assert web.put("/hulp-vragen").status_code == 405
    assert web.post("/").status_code == 405


def test_a_csrf_failure_on_the_public_form_gets_a_friendly_page_with_the_numbers(reference_data):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/hulp-vragen", {"step": "danger", "nav": "next", "acute_danger": "no"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Het formulier kon niet worden verstuurd" in html
    assert 'href="tel:112"' in html
    assert "070-3738314" in html
