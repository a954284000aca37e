"""The public wizard "Wat kan ik doen?" at /wat-kan-ik-doen: a GET form, the step plan on the same page,
the same rules as POST /api/v1/assessments, and nothing stored."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from weerbaar.guidance.assessment import complaint_deadline
from weerbaar.guidance.forms import ACTS

pytestmark = pytest.mark.django_db

URL = "/wat-kan-ik-doen"


def answers(**over):
    data = {
        "role": "raadslid",
        "related": "yes",
        "danger": "no",
        "online": "yes",
        "learned_on": "2026-01-10",
        "acts": ["threat_of_violence"],
        "submit": "1",
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


def get(client: Client, **over):
    response = client.get(URL, answers(**over))
    assert response.status_code == 200
    return response, response.content.decode()


def checked(html: str, name: str) -> set[str]:
    found = set()
    for tag in re.findall(r"<input[^>]*>", html):
        if f'name="{name}"' in tag and re.search(r"\schecked[\s>]", tag):
            found.add(re.search(r'value="([^"]*)"', tag).group(1))
    return found


def test_empty_form_one_h1_every_input_labelled(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Wat kan ik doen?" in html
    assert 'method="get"' in html
    assert "csrfmiddlewaretoken" not in html.split('method="get"')[1]  # no token in the URL
    assert "no-store" in response["Cache-Control"]
    ids = re.findall(r'<input[^>]*\sid="([^"]+)"', html)
    labelled = set(re.findall(r'<label[^>]*\sfor="([^"]+)"', html))
    form_ids = [i for i in ids if i.startswith("id_")]
    assert len(form_ids) == 6 + 2 + 2 + 2 + 1 + len(ACTS)  # role, 3 yes/no, date, acts
    assert set(form_ids) <= labelled
    assert f'value="{timezone.localdate().isoformat()}"' in html  # the date defaults to today
    assert "<textarea" not in html  # no free text in a GET form
    assert "Uw stappenplan" not in html
    assert set(ACTS) == set(re.findall(r'name="acts"[^>]*value="([^"]+)"', html))
    assert "Bedreiging met geweld" in html
    assert "brandstichting" in html


def test_threat_of_violence_gives_article_285_and_aangifte(client):
    _response, html = get(client)
    assert "Uw stappenplan" in html
    assert "art. 285 Sr" in html
    assert "Doe aangifte bij de politie" in html
    assert "Vraag om de VPT-code" in html
    assert "Bel nu 112" not in html
    # every step of assess() is shown, in order
    codes = re.findall(r'data-step="([^"]+)"', html)
    assert codes[:2] == ["report_to_police", "ask_vpt_code"]
    assert "secure_evidence" in codes
    assert "contact_advisor" in codes
    assert "https://wetten.overheid.nl/" in html  # the sources as links
    assert "geen juridisch oordeel" in html  # decision support, not a verdict
    assert 'href="/hulp-vragen"' in html
    assert "070-3738314" in html
    # the choices stay checked to adjust them
    assert checked(html, "acts") == {"threat_of_violence"}
    assert checked(html, "role") == {"raadslid"}


def test_insult_not_related_needs_a_complaint_with_its_date(client):
    learned = timezone.localdate() - timedelta(days=10)
    _, html = get(client, related="no", acts=["insult"], learned_on=learned.isoformat())
    assert "art. 266 Sr" in html
    deadline = complaint_deadline(learned)
    assert f"Ja, uiterlijk {deadline.day} " in html
    assert str(deadline.year) in html
    assert "Vraag om de VPT-code" not in html  # not related to the office


def test_only_hostile_message_is_a_melding(client):
    _, html = get(client, acts=["hostile_message"])
    assert "Doe een melding bij de politie" in html
    assert "Strafbare feiten die de politie kan overwegen" not in html


def test_acute_danger_puts_112_first(client):
    _, html = get(client, danger="yes")
    result = html.split('class="weerbaar-guidance__result"')[1]
    assert result.index("Bel nu 112") < result.index("Stap voor stap")
    assert 'href="tel:112"' in result
    assert re.findall(r'data-step="([^"]+)"', html)[0] == "call_112"


def test_invalid_submission_summarises_errors_and_keeps_choices(client):
    _, html = get(client, acts=None, online=None, danger="yes")
    assert 'role="alert"' in html
    assert 'href="#id_acts_0"' in html
    assert 'href="#id_online_0"' in html
    assert "Kies wat er is gebeurd." in html
    assert "Kies of het online gebeurde." in html
    assert 'id="id_acts-error"' in html
    assert 'aria-describedby="id_acts-hint id_acts-error"' in html
    assert re.search(r'aria-describedby="[^"]*id_online-error"', html)
    assert "<title>Fout:" in html
    assert "Uw stappenplan" not in html
    assert "Bel nu 112" not in html
    assert checked(html, "role") == {"raadslid"}
    assert checked(html, "related") == {"yes"}
    assert checked(html, "danger") == {"yes"}
    assert 'value="2026-01-10"' in html


@pytest.mark.parametrize(
    ("over", "target"),
    [
        ({"learned_on": "2999-01-01"}, "id_learned_on"),
        ({"learned_on": "gisteren"}, "id_learned_on"),
        ({"role": "koning"}, "id_role_0"),
        ({"acts": ["threat_of_violence", "not_an_act"]}, "id_acts_0"),
        ({"related": "misschien"}, "id_related_0"),
    ],
)
def test_other_invalid_values_point_to_their_field(client, over, target):
    _, html = get(client, **over)
    assert f'href="#{target}"' in html
    assert "Uw stappenplan" not in html


def test_english(client):
    client.cookies["django_language"] = "en"
    response = client.get(URL)
    html = response.content.decode()
    assert "What can I do?" in html
    assert "Threat of violence" in html
    _, html = get(client)
    assert "Your step plan" in html
    assert "Make a criminal complaint to the police" in html  # assess() in English
    assert "Ask for the VPT code" in html
    assert "art. 285" in html
    assert "Doe aangifte" not in html


def test_nothing_is_stored(client):
    models = apps.get_models()
    before = {m: m.objects.count() for m in models}
    get(client)
    get(client, danger="yes", acts=["stalking", "doxing", "insult"])
    get(client, acts=None)
    assert {m: m.objects.count() for m in models} == before
    assert not client.session.keys()
