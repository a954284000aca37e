"""Submitting: one case, encrypted, the receipt shown once and never cached, no double submission, rate limit."""

from __future__ import annotations

import pytest

from tests.intake_web.conftest import answers, form_token
from weerbaar.cases.models import Case
from weerbaar.core.references import follow_up_code_matches
from weerbaar.intake.models import FollowUpCredential

pytestmark = pytest.mark.django_db


def receipt_code(html: str) -> str:
    marker = 'class="weerbaar-receipt__code">'
    start = html.index(marker) + len(marker)
    return html[start : html.index("<", start)]


def test_submit_creates_exactly_one_web_case_with_sealed_content(submit):
    response, _, data = submit()
    assert response.status_code == 201
    assert Case.objects.count() == 1
    case = Case.objects.get()
    assert case.channel == "web"
    assert case.role == "raadslid"
    assert case.province.code == "PV27"  # plain; the municipality is sealed with the request
    assert case.open("sealed_request")["municipalityCode"] == "GM0363"
    assert case.association.code == "nvvr"
    assert case.concerns == ["online_harassment", "threat"]
    assert case.preferred_contact == "phone"
    assert case.consent_to_share is True
    assert case.urgent is False
    stored = bytes(case.sealed_request)
    assert b"Sam de Vries" not in stored
    assert b"Iemand stond vannacht" not in stored
    request = case.open("sealed_request")
    assert request["description"] == data["description"].replace("\r\n", "\n")
    assert request["name"] == "Sam de Vries"


def test_receipt_shows_reference_and_code_once_and_is_never_stored(web, submit):
    response, html, _ = submit()
    case = Case.objects.get()
    code = receipt_code(html)
    assert case.reference in html
    assert html.count(code) == 1
    assert follow_up_code_matches(code, FollowUpCredential.objects.get(case=case).code_hash)
    assert "no-store" in response["Cache-Control"]
    assert "Location" not in response
    assert code not in str(dict(web.session))
    assert "Nederlandse Vereniging voor Raadsleden" in html
    assert "Print ontvangstbewijs" in html
    assert "weerbaar/print.js" in html
    # the receipt carries no case content
    assert "Sam de Vries" not in html
    assert "Iemand stond vannacht" not in html
    assert "06 12345678" not in html


def test_receipt_of_an_acute_request_tells_to_call_112_first(web, check_page):
    _, html = check_page(acute_danger="yes")
    data = {**answers(acute_danger="yes"), "step": "check", "nav": "submit", "form_token": form_token(html)}
    html = web.post("/hulp-vragen", data).content.decode()
    case = Case.objects.get()
    assert case.urgent is True
    assert case.acute_danger is True
    steps = html[html.index("weerbaar-steps") :]
    assert steps.index("Bel direct 112") < steps.index("Bewaar uw zaaknummer")


def test_acute_path_through_every_screen_yields_one_urgent_case(web):
    post = lambda step, **kw: web.post("/hulp-vragen", {**kw, "step": step, "nav": "next"}).content.decode()  # noqa: E731
    data = answers(acute_danger="yes")
    assert "Bel nu 112" in post("danger", **data)
    assert "Wat is uw functie?" in post("danger_112", **data)
    assert "Waar gaat het over?" in post("about", **data)
    assert "Hoe kunnen we u bereiken?" in post("situation", **data)
    html = post("contact", **data)
    assert "U gaf aan in acuut gevaar te zijn." in html
    web.post("/hulp-vragen", {**data, "step": "check", "nav": "submit", "form_token": form_token(html)})
    assert list(Case.objects.values_list("urgent", flat=True)) == [True]


def test_posting_the_same_form_again_does_not_create_a_second_case(web, submit):
    _, _, data = submit()
    again = web.post("/hulp-vragen", data)
    html = again.content.decode()
    assert again.status_code == 409
    assert "Uw hulpvraag is al verstuurd" in html
    assert "070-3738314" in html
    assert "no-store" in again["Cache-Control"]
    assert Case.objects.count() == 1


def test_a_forged_or_missing_token_sends_nothing_and_keeps_the_answers(web, check_page):
    check_page()
    data = {**answers(), "step": "check", "nav": "submit", "form_token": "forged:token"}
    response = web.post("/hulp-vragen", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert Case.objects.count() == 0
    assert "Dit formulier was verlopen" in html
    assert "Iemand stond vannacht voor mijn deur." in html


def test_an_invalid_answer_at_submit_returns_to_its_step_and_sends_nothing(web, check_page):
    _, html = check_page()
    data = {**answers(municipality="GM9999"), "step": "check", "nav": "submit", "form_token": form_token(html)}
    html = web.post("/hulp-vragen", data).content.decode()
    assert "Onbekende gemeente" in html
    assert "Wat is uw functie?" in html
    assert Case.objects.count() == 0
    # the token was not used up: the corrected answers can still be sent with it
    data["municipality"] = "GM0363"
    assert web.post("/hulp-vragen", data).status_code == 201


def test_rate_limit_shows_a_friendly_page_with_the_numbers_and_keeps_the_text(web, submit, settings):
    settings.WEERBAAR = {**settings.WEERBAAR, "INTAKE_RATE_LIMIT": 1}
    first, _, _ = submit()
    assert first.status_code == 201
    response, html, _ = submit(description="Tweede melding, met mijn eigen woorden.")
    assert response.status_code == 429
    assert Case.objects.count() == 1
    assert "Uw hulpvraag is nog niet verstuurd" in html
    assert 'href="tel:+31703738314"' in html
    assert 'href="tel:112"' in html.split('id="main"', 1)[1]  # in the notice, not only in the strip
    assert 'value="Tweede melding, met mijn eigen woorden."' in html  # still in the form
    assert 'name="form_token"' in html


def test_rate_limit_zero_switches_it_off(web, submit, settings):
    settings.WEERBAAR = {**settings.WEERBAAR, "INTAKE_RATE_LIMIT": 0}
    for _ in range(3):
        assert submit()[0].status_code == 201
    assert Case.objects.count() == 3
