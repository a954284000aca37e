"""Inserting a standard text into a message on the case page, without JavaScript.

"Tekst invoegen" posts the message form; the case page comes back with the chosen text after what was
typed. Nothing typed is lost and nothing is sent: the advisor adapts the text and sends it afterwards.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.advice.factories import AdviceTextFactory
from tests.factories import make_case
from weerbaar.cases.models import CaseMessage
from weerbaar.core.models import AuditEntry

pytestmark = pytest.mark.django_db

BODY = "Reageer niet.\n\nMaak schermafbeeldingen met de URL en de tijd."


@pytest.fixture
def case(people):
    case, _code = make_case(state="claimed", advisor=people["advisor"], municipalityCode="GM0363")
    return case


@pytest.fixture
def text():
    return AdviceTextFactory(title="Niet reageren, wel vastleggen", topic="social_media", body=BODY)


def _insert(client, case, typed, text_id):
    return client.post(
        reverse("cases:messages", args=[case.reference]),
        {"message-text": typed, "advice-text": str(text_id), "insert_text": "1"},
    )


def _textarea(html: str) -> str:
    start = html.index('name="message-text"')
    start = html.index(">", start) + 1
    return html[start : html.index("</textarea>", start)]


def test_case_page_offers_the_active_texts_grouped_by_topic(people, as_user, case, text):
    AdviceTextFactory(title="Uw adres afschermen", topic="home_security")
    AdviceTextFactory(title="Gedeactiveerde tekst", topic="press", active=False)
    AdviceTextFactory(title="Do not respond", topic="social_media", language="en")
    # The insert sits with the message form, on the case page's Berichten tab.
    html = as_user(people["advisor"]).get(reverse("cases:messages", args=[case.reference])).content.decode()
    assert '<optgroup label="Veiligheid thuis">' in html
    assert html.index("Veiligheid thuis") < html.index("Sociale media")
    assert "Niet reageren, wel vastleggen" in html
    assert "Gedeactiveerde tekst" not in html
    # The language of the case is not known: Dutch first, the English texts below them, marked as such.
    assert html.index("Niet reageren, wel vastleggen") < html.index(
        '<optgroup label="Sociale media (Engels)" lang="en">'
    )
    assert html.index('<optgroup label="Sociale media (Engels)" lang="en">') < html.index("Do not respond")
    assert "Tekst invoegen" in html
    assert "weerbaar/advice-insert.js" in html


def test_insert_appends_the_text_after_what_was_typed_and_sends_nothing(people, as_user, case, text):
    typed = "Beste mevrouw De Vries,\r\n\r\nDank voor uw bericht van vanochtend.\r\n"
    before = CaseMessage.objects.count()
    audit_before = AuditEntry.objects.filter(action="case.message_sent").count()
    response = _insert(as_user(people["advisor"]), case, typed, text.pk)
    assert response.status_code == 200
    box = _textarea(response.content.decode())
    assert box.startswith("\nBeste mevrouw De Vries,\r\n\r\nDank voor uw bericht van vanochtend.")
    assert box.endswith(
        "Dank voor uw bericht van vanochtend.\n\nReageer niet.\n\nMaak schermafbeeldingen met de URL en de tijd."
    )
    assert CaseMessage.objects.count() == before
    assert AuditEntry.objects.filter(action="case.message_sent").count() == audit_before


def test_an_english_text_can_be_inserted_too(people, as_user, case, text):
    english = AdviceTextFactory(title="Do not respond", language="en", body="Do not respond.")
    response = _insert(as_user(people["advisor"]), case, "Dear Sam,", english.pk)
    assert _textarea(response.content.decode()) == "\nDear Sam,\n\nDo not respond."


def test_insert_into_an_empty_box_gives_just_the_text(people, as_user, case, text):
    response = _insert(as_user(people["advisor"]), case, "", text.pk)
    assert _textarea(response.content.decode()) == "\n" + BODY


def test_inserting_twice_keeps_both_and_sending_afterwards_sends_the_adapted_text(people, as_user, case, text):
    client = as_user(people["advisor"])
    other = AdviceTextFactory(title="Melden bij het platform", body="Meld het bij het platform.")
    first = _textarea(_insert(client, case, "Hallo,", text.pk).content.decode())[1:]
    second = _textarea(_insert(client, case, first, other.pk).content.decode())[1:]
    assert second == "Hallo,\n\n" + BODY + "\n\nMeld het bij het platform."
    adapted = second.replace("Hallo,", "Beste Sam,")
    response = client.post(reverse("cases:messages", args=[case.reference]), {"message-text": adapted})
    assert response.status_code == 302
    assert CaseMessage.objects.filter(case=case).count() == 1


def test_insert_without_a_choice_keeps_the_typed_text_and_explains(people, as_user, case, text):
    response = _insert(as_user(people["advisor"]), case, "Mijn eigen tekst", "")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een standaardtekst." in html
    assert _textarea(html) == "\nMijn eigen tekst"
    assert not CaseMessage.objects.exists()


@pytest.mark.parametrize("bad", ["999999", "abc", "-1", "99999999999999999999"])
def test_insert_of_an_unknown_or_malformed_text_is_refused(people, as_user, case, text, bad):
    response = _insert(as_user(people["advisor"]), case, "Getypt", bad)
    assert response.status_code == 400
    assert _textarea(response.content.decode()) == "\nGetypt"


def test_an_inactive_text_cannot_be_inserted(people, as_user, case):
    inactive = AdviceTextFactory(active=False, body="Oude tekst")
    response = _insert(as_user(people["advisor"]), case, "Getypt", inactive.pk)
    assert response.status_code == 400
    assert "Oude tekst" not in response.content.decode()


def test_an_advisor_of_another_association_gets_404(people, as_user, case, text):
    assert _insert(as_user(people["other_advisor"]), case, "x", text.pk).status_code == 404


@pytest.mark.parametrize("role", ["partner", "analyst", "admin"])
def test_roles_without_cases_get_403(people, as_user, case, text, role):
    assert _insert(as_user(people[role]), case, "x", text.pk).status_code == 403
