"""The multi-step help request: each step's checks, values kept on errors and on "Vorige", the 112 screen."""

from __future__ import annotations

import re

import pytest

from tests.intake_web.conftest import STEP_FIELDS, answers, hidden_inputs

pytestmark = pytest.mark.django_db


def post_step(web, step, nav="next", **data):
    response = web.post("/hulp-vragen", {**data, "step": step, "nav": nav})
    return response, response.content.decode()


def test_first_step_asks_about_acute_danger_and_works_without_a_session(web):
    response = web.get("/hulp-vragen")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bent u nu in acuut gevaar?" in html
    assert 'name="acute_danger"' in html
    assert "no-store" in response["Cache-Control"]
    assert not web.session.keys()  # no draft on the server


def test_danger_step_without_an_answer_shows_an_error_summary_linked_to_the_field(web):
    _, html = post_step(web, "danger")
    assert 'role="alert"' in html
    assert 'href="#id_acute_danger_0"' in html
    assert 'id="id_acute_danger_0"' in html
    assert 'aria-describedby="id_acute_danger-hint id_acute_danger-error"' in html
    assert "Kies ja of nee." in html
    assert "<title>Fout:" in html


def test_acute_danger_shows_the_112_screen_first(web):
    response, html = post_step(web, "danger", acute_danger="yes")
    assert response.status_code == 200
    assert "Bel nu 112" in html
    assert 'href="tel:112"' in html.split('id="main"', 1)[1]  # on the screen itself, not only in the strip
    assert "Ik ben in veiligheid, ga verder" in html
    assert hidden_inputs(html)["acute_danger"] == ["yes"]
    # the next press continues to "about you", and 112 stays on top of every later step
    carried = {k: v for k, v in hidden_inputs(html).items() if k != "step"}
    _, html = post_step(web, "danger_112", **carried)
    assert "Wat is uw functie?" in html
    assert "U gaf aan in acuut gevaar te zijn." in html


def test_no_danger_goes_straight_to_about_you(web):
    _, html = post_step(web, "danger", acute_danger="no")
    assert "Wat is uw functie?" in html
    assert "Bel nu 112" not in html


def test_about_step_requires_the_municipality_for_a_municipal_role_and_keeps_the_choice(web):
    _, html = post_step(web, "about", acute_danger="no", role="wethouder", description="mijn tekst")
    assert "Kies uw gemeente." in html
    assert re.search(r'value="wethouder" checked', html)
    assert 'aria-describedby="id_municipality-hint id_municipality-error"' in html
    assert hidden_inputs(html)["description"] == ["mijn tekst"]  # a later step's answer rides along


def test_about_step_requires_the_province_for_a_provincial_role(web):
    _, html = post_step(web, "about", acute_danger="no", role="statenlid")
    assert "Kies uw provincie." in html


def test_about_step_for_other_roles_needs_neither(web):
    _, html = post_step(web, "about", acute_danger="no", role="other")
    assert "Waar gaat het over?" in html


def test_about_step_without_a_role_says_so_in_words(web):
    _, html = post_step(web, "about", acute_danger="no")
    assert "Kies uw functie." in html


def test_situation_step_keeps_the_typed_text_when_no_concern_is_chosen(web):
    text = 'Hij schreef: "ik weet waar je woont" <b>& meer</b>\nTweede regel'
    _, html = post_step(web, "situation", acute_danger="no", role="raadslid", municipality="GM0363", description=text)
    assert "Kies ten minste één onderwerp." in html
    escaped = "Hij schreef: &quot;ik weet waar je woont&quot; &lt;b&gt;&amp; meer&lt;/b&gt;\nTweede regel"
    assert escaped + "</textarea>" in html
    assert "<b>& meer</b>" not in html


def test_situation_step_refuses_a_description_over_10000_characters_and_keeps_it(web):
    long_text = "a" * 10_001
    _, html = post_step(web, "situation", acute_danger="no", concerns="threat", description=long_text)
    assert "Maximaal 10000 tekens" in html
    assert long_text + "</textarea>" in html


def test_contact_step_keeps_every_typed_value_on_an_invalid_email(web):
    data = answers(email="geen-adres", preferred_contact="email")
    _, html = post_step(web, "contact", **data)
    assert "Vul een geldig e-mailadres in" in html
    assert 'value="geen-adres"' in html
    assert 'value="Sam de Vries"' in html
    assert 'value="06 12345678"' in html
    assert re.search(r'value="email" checked', html)
    assert 'name="consent" id="id_consent" value="on" checked' in html
    assert 'aria-invalid="true"' in html


def test_contact_step_needs_a_phone_or_an_email(web):
    _, html = post_step(web, "contact", **answers(phone="", email="", preferred_contact="phone"))
    assert "Vul een telefoonnummer of een e-mailadres in" in html


def test_previous_keeps_the_answers_of_this_and_later_steps(web):
    data = answers()
    _, html = post_step(web, "situation", nav="back", **data)
    assert "Wat is uw functie?" in html  # back on "about you", without validating "situation"
    assert 'value="raadslid" checked' in html
    assert '<option value="GM0363" selected>' in html
    hidden = hidden_inputs(html)
    assert hidden["description"] == [data["description"]]
    assert hidden["concerns"] == ["threat", "online_harassment"]
    assert hidden["name"] == ["Sam de Vries"]
    # and forward again: the situation step shows what was typed
    _, html = post_step(web, "about", **data)
    assert "Iemand stond vannacht voor mijn deur." in html
    assert 'value="threat" checked' in html


def test_check_page_summarises_every_answer_with_change_buttons(check_page):
    _, html = check_page()
    assert "Raadslid" in html
    assert "Amsterdam" in html
    assert "Bedreiging, Online intimidatie of haat" in html
    assert "Iemand stond vannacht voor mijn deur.<br>Hij riep dat hij terugkomt &amp; &lt;meer&gt;." in html
    assert html.count('name="goto"') == 4


def test_change_from_the_check_page_returns_to_the_check_page(web, check_page):
    _, html = check_page()
    data = {**answers(), "goto": "about"}
    _, html = post_step(web, "check", **data)
    assert "Wat is uw functie?" in html
    assert 'name="from_check" value="1"' in html
    _, html = post_step(web, "about", from_check="1", **answers(role="burgemeester"))
    assert "Controleer uw antwoorden" in html
    assert "Burgemeester" in html


def test_the_form_asks_at_most_thirteen_inputs(web):
    names = set()
    for step, fields in STEP_FIELDS.items():
        html = web.post("/hulp-vragen", {**answers(), "step": "check", "goto": step}).content.decode()
        visible = set(re.findall(r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*name="([^"]+)"', html))
        visible -= {"language"}
        assert visible == set(fields), (step, visible)
        names |= visible
    assert len(names) <= 13  # twelve answers and the optional "e-mail me when something is new"


def test_a_tampered_step_name_starts_at_the_first_step(web):
    _, html = post_step(web, "../../etc", acute_danger="")
    assert "Bent u nu in acuut gevaar?" in html
