"""Issue 11, input that cannot mislead: "Alleen via Weerbaar" without phone or e-mail, no page of the form kept
by a cache, nothing of a request shown again after sending, the language switch keeping the step and answers."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.intake_web.conftest import answers, form_token, hidden_inputs
from weerbaar.cases.models import Case

pytestmark = pytest.mark.django_db

DESCRIPTION = "Iemand stond vannacht voor mijn deur.\nHij riep dat hij terugkomt & <meer>."


def post(web, step, nav="next", **data):
    response = web.post("/hulp-vragen", {**data, "step": step, "nav": nav})
    return response, response.content.decode()


# --- "Alleen via Weerbaar" ---------------------------------------------------------------------------------


def test_only_via_weerbaar_needs_no_phone_or_email_and_the_receipt_says_replies_come_only_in_mijn_zaak(web):
    portal = answers(phone="", email="", preferred_contact="portal")
    _response, html = post(web, "contact", **portal)
    assert "Controleer uw antwoorden" in html, html
    data = {**portal, "step": "check", "nav": "submit", "form_token": form_token(html), **_draft(html)}
    receipt = web.post("/hulp-vragen", data)
    assert receipt.status_code == 201
    text = receipt.content.decode()
    assert "antwoordt u alleen in Mijn zaak" in text
    assert "geen telefoontje en geen e-mail" in text
    case = Case.objects.get()
    assert case.preferred_contact == "portal"
    assert case.open("sealed_request")["phone"] == ""


def test_the_contact_step_says_plainly_what_only_via_weerbaar_means(web):
    _, html = post(web, "situation", **answers())
    assert "dan is geen van beide nodig" in html
    assert "Antwoorden staan dan alleen in Mijn zaak" in html


@pytest.mark.parametrize("preferred", ["phone", "email"])
def test_phone_or_email_is_still_needed_for_the_other_choices(web, preferred):
    _, html = post(web, "contact", **answers(phone="", email="", preferred_contact=preferred))
    assert "Controleer uw antwoorden" not in html
    assert "Vul een telefoonnummer of een e-mailadres in" in html or "U koos voor" in html


# --- no cache keeps a page of the form; after sending, nothing of it comes back ----------------------------------


def _draft(html: str) -> dict[str, str]:
    return {"draft": hidden_inputs(html)["draft"][0]}


def test_every_page_of_the_form_is_kept_by_no_cache(web):
    pages = [web.get("/hulp-vragen")]
    pages.append(web.post("/hulp-vragen", {"acute_danger": "yes", "step": "danger", "nav": "next"}))  # 112 screen
    pages.append(web.post("/hulp-vragen", {**answers(), "step": "situation", "nav": "next"}))
    pages.append(web.post("/hulp-vragen", {**answers(), "step": "contact", "nav": "next"}))  # the check page
    for response in pages:
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_after_sending_back_or_resubmit_shows_nothing_of_the_request(web):
    first = web.get("/hulp-vragen").content.decode()
    draft = _draft(first)
    _, check = post(web, "contact", **answers(), **draft)
    assert hidden_inputs(check)["draft"] == [draft["draft"]]  # one filling-in carries one draft
    sent = web.post(
        "/hulp-vragen", {**answers(), **draft, "step": "check", "nav": "submit", "form_token": form_token(check)}
    )
    assert sent.status_code == 201
    # Back to the check page means posting the contact step again; Back further posts earlier steps.
    for step in ("contact", "situation", "about", "check"):
        again = web.post("/hulp-vragen", {**answers(), **draft, "step": step, "nav": "next"})
        html = again.content.decode()
        assert again.status_code == 409, step
        assert "Uw hulpvraag is al verstuurd" in html
        assert "Iemand stond vannacht" not in html
        assert "Sam de Vries" not in html
        assert "06 12345678" not in html
        assert "no-store" in again["Cache-Control"]
    assert Case.objects.count() == 1
    # a new filling-in starts clean
    fresh = web.get("/hulp-vragen").content.decode()
    assert _draft(fresh) != draft
    assert "Iemand stond vannacht" not in fresh


def test_a_failed_send_keeps_the_draft_usable(web):
    """Invalid answers at sending: nothing sent, so the same filling-in goes on."""
    draft = _draft(web.get("/hulp-vragen").content.decode())
    _, check = post(web, "contact", **answers(), **draft)
    bad = {**answers(description=""), **draft, "step": "check", "nav": "submit", "form_token": form_token(check)}
    assert web.post("/hulp-vragen", bad).status_code == 400
    response, html = post(web, "situation", **answers(), **draft)
    assert response.status_code == 200
    assert "Hoe kunnen we u bereiken?" in html


# --- the language switch keeps the step and every answer ---------------------------------------------------------


def _textarea(html: str) -> str:
    return unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.S).group(1)).replace("\r\n", "\n")


def test_switching_to_english_on_the_situation_step_keeps_the_step_and_the_description(web):
    data = {**answers(), "step": "situation", "switch_language": "en"}
    response = web.post("/hulp-vragen", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in html
    assert 'name="step" value="situation"' in html
    assert _textarea(html).strip() == DESCRIPTION
    assert set(re.findall(r'name="concerns"[^>]*value="([^"]+)"[^>]*checked', html)) == {"threat", "online_harassment"}
    # the answers of the other steps travel along as before
    hidden = hidden_inputs(html)
    assert hidden["name"] == ["Sam de Vries"]
    assert hidden["role"] == ["raadslid"]
    assert response.cookies["django_language"].value == "en"
    assert "Fout:" not in html
    assert "Error:" not in html
    # and back to Dutch, on the check page
    response = web.post("/hulp-vragen", {**answers(), "step": "check", "switch_language": "nl"})
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "Controleer uw antwoorden" in html
    assert "Iemand stond vannacht voor mijn deur." in html
    assert response.cookies["django_language"].value == "nl"


def test_switching_language_on_an_empty_step_shows_no_errors(web):
    response = web.post("/hulp-vragen", {"step": "danger", "switch_language": "en"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in html
    assert "Error:" not in html


def test_the_language_buttons_send_the_form_itself(web):
    html = web.get("/hulp-vragen").content.decode()
    assert 'form="weerbaar-intake-form"' in html
    assert 'name="switch_language" value="en"' in html
    assert 'id="weerbaar-intake-form"' in html
    assert 'action="/i18n/setlang"' not in html


def test_only_via_weerbaar_with_the_e_mail_notice_says_so_on_the_receipt(web):
    """With the content-free e-mail chosen, the receipt does not say "geen e-mail"."""
    chosen = answers(phone="", preferred_contact="portal", notify_email="on")
    _, html = post(web, "contact", **chosen)
    receipt = web.post("/hulp-vragen", {**chosen, "step": "check", "nav": "submit", "form_token": form_token(html)})
    assert receipt.status_code == 201
    text = receipt.content.decode()
    assert "antwoordt u alleen in Mijn zaak" in text
    assert "wel een e-mail zonder inhoud als er iets nieuws is in Mijn zaak" in text
    assert "geen telefoontje en geen e-mail" not in text
