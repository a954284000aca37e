"""One error pattern on every form (issue 11 point 9), the help request's: "Fout:" in the title, a summary at the
top (role alert, focusable, takes focus) whose links lead to fields that exist and say what is wrong there, each
message once. The council's public form showed only "Controleer de gemarkeerde velden." without links or "Fout:";
a short TOTP code got its message twice."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client

from tests.factories import make_case
from tests.incidents_web.conftest import portal_client
from tests.staff_web.conftest import make_people, verified_client

pytestmark = pytest.mark.django_db


def _summary(html: str) -> str:
    match = re.search(r'<div class="weerbaar-error-summary"(.*?)</div>', html, re.S)
    assert match, "an error summary"
    return match.group(0)


def assert_error_pattern(response, *, fields: set[str], statuses=(400, 409, 429)) -> None:
    """The pattern on a page that came back with errors on ``fields`` (their input ids)."""
    html = response.content.decode()
    assert response.status_code in statuses, response.status_code
    title = unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1)).strip()
    assert title.startswith("Fout:"), title
    summary = _summary(html)
    assert 'role="alert"' in summary
    assert 'tabindex="-1"' in summary
    assert "autofocus" in summary  # the summary takes focus, so a screen reader starts there
    targets = re.findall(r'href="#([^"]+)"', summary)
    assert set(targets) >= fields, (targets, fields)
    for target in targets:
        assert f'id="{target}"' in html, f"the summary links to #{target}, which is on the page"
        element = re.search(rf'<(?:input|select|textarea|fieldset)[^>]*id="{target}"[^>]*>', html) or re.search(
            rf'<fieldset[^>]*aria-describedby="[^"]*{target.rsplit("_", 1)[0]}[^"]*"', html
        )
        assert element, f"#{target} is a field"
    items = [unescape(re.sub(r"<[^>]+>", "", i)).strip() for i in re.findall(r"<li>(.*?)</li>", summary, re.S)]
    assert len(items) == len(set(items)), f"a message twice: {items}"


def test_the_council_request_form(reference_data):
    client = Client()
    token = re.search(r'name="form_token" value="([^"]+)"', client.get("/gesprek-aanvragen").content.decode())
    response = client.post("/gesprek-aanvragen", {"contact_email": "geen-adres", "form_token": token.group(1)})
    assert_error_pattern(response, fields={"id_contact_name", "id_contact_email", "id_preferred_period"})
    html = response.content.decode()
    # the optional questions marked as on the help request; the rest is required
    assert "Telefoonnummer" in html
    assert html.count("(niet verplicht)") == 2


def test_the_staff_sign_in(reference_data):
    assert_error_pattern(Client().post("/medewerkers/inloggen", {}), fields={"id_username", "id_password"})


def test_a_short_totp_code_is_said_once(reference_data):
    from tests.staff_web.conftest import confirmed_device

    people = make_people()
    client = Client()
    confirmed_device(people["advisor"])
    from tests.browser.test_end_to_end import PASSWORD

    assert client.post("/medewerkers/inloggen", {"username": "anna", "password": PASSWORD}).status_code == 302
    response = client.post("/medewerkers/tweestaps", {"token": "12345"})
    assert_error_pattern(response, fields={"id_token"})
    assert response.content.decode().count("Vul de zes cijfers uit uw authenticator-app in.") == 2  # summary + field


def test_the_help_request_step(reference_data):
    response = Client().post("/hulp-vragen", {"step": "danger", "nav": "next"})
    assert_error_pattern(response, fields={"id_acute_danger_0"}, statuses=(200,))  # the step again, as it was


def test_mijn_zaak_sign_in(reference_data):
    assert_error_pattern(Client().post("/mijn-zaak/inloggen", {}), fields={"id_reference", "id_code"})


def test_mijn_zaak_email_choice(reference_data):
    case, code = make_case()
    response = portal_client(case, code).post("/mijn-zaak/e-mail", {"notify_email": "on", "email": "geen"})
    assert_error_pattern(response, fields={"id_email"})


def test_an_internal_note(reference_data):
    people = make_people()
    case, _code = make_case(state="claimed", advisor=people["advisor"])
    response = verified_client(people["advisor"]).post(f"/werkruimte/zaken/{case.reference}/notities", {"text": ""})
    assert_error_pattern(response, fields={"id_note-text"})


def test_the_partner_form(reference_data):
    people = make_people()
    response = verified_client(people["coordinator"]).post("/werkruimte/netwerkpartners/nieuw", {})
    assert_error_pattern(response, fields={"id_partner-name"})


def test_the_incident_form(reference_data):
    people = make_people()
    case, _code = make_case(state="claimed", advisor=people["advisor"])
    response = verified_client(people["advisor"]).post(f"/werkruimte/zaken/{case.reference}/incidenten/nieuw", {})
    assert_error_pattern(response, fields=set())
    html = response.content.decode()
    assert ">Waar of hoe gebeurde het? Maak een keuze.</a>" in html  # a question takes no colon after it
    # marked as on the help request: the optional questions, never the required ones
    assert "(verplicht)" not in html
    optional = r"\s*<span class=\"weerbaar-optional\">\(niet verplicht\)"
    assert re.search(r"Wat is er gebeurd, in eigen woorden\?" + optional, html)
    assert not re.search(r"Wanneer gebeurde het\?\s*<span", html)


def test_the_on_duty_rota(reference_data):
    people = make_people()
    response = verified_client(people["coordinator"]).post("/werkruimte/dienstrooster", {})
    assert_error_pattern(response, fields=set())


def test_the_title_says_error_in_english(reference_data):
    client = Client()
    client.cookies["django_language"] = "en"
    html = client.post("/medewerkers/inloggen", {}).content.decode()
    assert unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1)).strip().startswith("Error:")
