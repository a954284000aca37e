"""The coordinator's pages for standard advice texts: list, create, edit with preview, deactivate, history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.advice.factories import AdviceTextFactory
from weerbaar.advice.models import AdviceText, AdviceTextVersion

pytestmark = pytest.mark.django_db

LIST = "/werkruimte/standaardteksten"
NEW = "/werkruimte/standaardteksten/nieuw"


def form_data(**overrides):
    data = {
        "topic": "social_media",
        "language": "nl",
        "title": "Niet reageren",
        "body": "Reageer niet.\r\n\r\nMaak schermafbeeldingen met URL en tijd.",
        "position": "1",
    }
    data.update(overrides)
    return data


def test_urls_are_dutch_paths():
    assert reverse("guidance:advice_text_list") == LIST
    assert reverse("guidance:advice_text_create") == NEW
    assert reverse("guidance:advice_text_edit", args=[7]) == "/werkruimte/standaardteksten/7"


def test_coordinator_sees_the_library_grouped_by_topic_and_a_nav_link(people, as_user):
    AdviceTextFactory(title="Eén woordvoerder", topic="press")
    AdviceTextFactory(title="Uw adres afschermen", topic="home_security", active=False)
    response = as_user(people["coordinator"]).get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Veiligheid thuis") < html.index("Pers en media")
    assert "Eén woordvoerder" in html
    assert "Gedeactiveerd" in html
    assert f'href="{LIST}" aria-current="page">Standaardteksten' in html


def test_advisor_gets_no_nav_link_and_a_403_page(people, as_user):
    client = as_user(people["advisor"])
    assert "Standaardteksten" not in client.get(reverse("cases:queue")).content.decode()
    assert client.get(LIST).status_code == 403
    assert client.post(NEW, form_data()).status_code == 403
    assert not AdviceText.objects.exists()


def test_create_then_edit_keeps_a_version_history_with_what_changed(people, as_user):
    client = as_user(people["coordinator"])
    response = client.post(NEW, form_data())
    text = AdviceText.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}/{text.pk}"
    assert text.body == "Reageer niet.\n\nMaak schermafbeeldingen met URL en tijd."
    response = client.post(f"{LIST}/{text.pk}", form_data(body="Reageer niet.\n\nBlokkeer of demp het account."))
    assert response.status_code == 302
    page = client.get(f"{LIST}/{text.pk}").content.decode()
    assert "Versie 2" in page
    assert "Versie 1" in page
    assert "<del>" in page
    assert "Maak schermafbeeldingen met URL en tijd.</del>" in page
    assert "Blokkeer of demp het account.</ins>" in page
    assert list(AdviceTextVersion.objects.filter(text=text).values_list("number", "updated_by")) == [
        (2, people["coordinator"].pk),
        (1, people["coordinator"].pk),
    ]


def test_preview_shows_paragraphs_and_saves_nothing(people, as_user):
    response = as_user(people["coordinator"]).post(NEW, {**form_data(), "preview": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<p>Reageer niet.</p>" in html
    assert "Voorbeeld" in html
    assert "Maak schermafbeeldingen met URL en tijd.</textarea>" in html  # the form keeps what was typed
    assert not AdviceText.objects.exists()


def test_errors_answer_400_with_a_message_per_field_and_keep_the_input(people, as_user):
    response = as_user(people["coordinator"]).post(NEW, form_data(title="", topic="weather"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Geef de tekst een titel." in html
    assert "Maak schermafbeeldingen met URL en tijd.</textarea>" in html
    assert not AdviceText.objects.exists()


def test_a_duplicate_title_is_refused_on_the_title_field(people, as_user):
    AdviceTextFactory(title="Niet reageren", language="nl")
    response = as_user(people["coordinator"]).post(NEW, form_data())
    assert response.status_code == 400
    assert "Er is al een standaardtekst met deze titel in deze taal." in response.content.decode()


def test_deactivate_and_reactivate(people, as_user):
    text = AdviceTextFactory()
    client = as_user(people["coordinator"])
    assert client.post(f"{LIST}/{text.pk}/actief").status_code == 302
    text.refresh_from_db()
    assert not text.active
    assert text.version == 2
    client.post(f"{LIST}/{text.pk}/actief", {"active": "on"})
    text.refresh_from_db()
    assert text.active
    assert text.versions.count() == 3
    assert "Weer geactiveerd." in client.get(f"{LIST}/{text.pk}").content.decode()


def test_unknown_text_is_404(people, as_user):
    client = as_user(people["coordinator"])
    assert client.get(f"{LIST}/999").status_code == 404
    assert client.post(f"{LIST}/999", form_data()).status_code == 404
    assert client.post(f"{LIST}/999/actief").status_code == 404
