"""The home page: 112 first, the national number, what the team offers and the public directory."""

from __future__ import annotations

import pytest

from weerbaar.directory.reference_data import ASSOCIATIONS

pytestmark = pytest.mark.django_db


def test_home_puts_112_before_everything_else_and_shows_the_national_number(web):
    html = web.get("/").content.decode()
    main = html[html.index('<main id="main"') :]
    assert main.index('href="tel:112"') < main.index("<h1")
    assert 'href="tel:+31703738314"' in html
    assert "070-3738314" in html
    assert html.count("<h1") == 1


def test_home_lists_what_the_team_offers(web):
    html = web.get("/").content.decode()
    offers = ("luisterend oor", "Advies", "vakgenoten", "ervaringsdeskundigen", "Beveiliging", "Rechtshulp", "Nazorg")
    for offer in offers:
        assert offer in html, offer
    assert "gesprek in raad" in html.lower()


def test_home_directory_names_every_contact_exactly_as_the_seed_page(web):
    html = web.get("/").content.decode()
    for association in ASSOCIATIONS:
        assert association.name in html
        for person in association.contacts:
            assert f"<li>{person}</li>" in html, person
    assert 'href="mailto:politiekeambtsdragers@minbzk.nl"' in html


def test_home_leaves_out_a_contact_that_was_switched_off(web):
    from weerbaar.directory.models import DirectoryContact

    DirectoryContact.objects.filter(name="Yvon van Loon").update(is_active=False)
    assert "Yvon van Loon" not in web.get("/").content.decode()


def test_home_links_to_the_request_form_and_the_portal(web):
    html = web.get("/").content.decode()
    assert 'href="/hulp-vragen"' in html
    assert 'href="/mijn-zaak/inloggen"' in html
    assert "Hulp vragen" in html


def test_home_is_dutch_by_default(web):
    assert '<html lang="nl"' in web.get("/").content.decode()


def test_home_in_english_with_the_language_cookie(web):
    web.cookies["django_language"] = "en"
    html = web.get("/").content.decode()
    assert '<html lang="en"' in html
    assert "Ask for help" in html
    assert "Hulp vragen" not in html.replace('lang="nl">Nederlands', "")
    assert "Joost Keemink" in html  # names are never translated


def test_home_in_english_from_the_browser_language(web):
    html = web.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="en"' in html
    assert "Ask for help" in html


def test_language_switch_posts_to_set_language(web):
    response = web.post("/i18n/setlang", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="en"' in web.get("/").content.decode()
