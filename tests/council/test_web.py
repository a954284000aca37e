"""The public request form, the team's workspace pages and the coverage overview."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.test import Client

from tests.council.factories import make_council_request
from tests.staff_web.conftest import verified_client
from weerbaar.core import clock
from weerbaar.council.choices import Status
from weerbaar.council.models import CouncilRequest, CoverageTarget

pytestmark = pytest.mark.django_db

FORM = {
    "requester_role": "griffier",
    "body": "gemeenteraad",
    "municipality": "GM0344",
    "contact_name": "Gerda Griffier",
    "contact_function": "Griffier",
    "contact_email": "griffie@utrecht.example",
    "contact_phone": "030 1234567",
    "preferred_period": "Voorjaar",
    "situation": "Online bedreigingen na het windmolendebat.",
    "aggression_protocol": "yes",
    "code_of_conduct": "no",
}


def _token(client: Client) -> str:
    page = client.get("/gesprek-aanvragen").content.decode()
    return re.search(r'name="form_token" value="([^"]+)"', page).group(1)


def test_public_form_is_open_to_anyone_and_linked_from_the_home_page(reference_data):
    client = Client()
    response = client.get("/gesprek-aanvragen")
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert b'aria-current="page"' not in response.content  # not "Hulp vragen": that is the help request
    assert b'href="/gesprek-aanvragen"' in client.get("/").content


def test_submit_gives_a_receipt_with_reference_and_next_steps(reference_data):
    client = Client()
    response = client.post("/gesprek-aanvragen", {**FORM, "form_token": _token(client)})
    assert response.status_code == 201
    request = CouncilRequest.objects.get()
    html = response.content.decode()
    assert request.reference in html
    assert "Wat gebeurt er nu?" in html
    assert "Gerda" not in html  # the receipt repeats no contact details
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]


def test_errors_answer_400_and_keep_everything_typed(reference_data):
    client = Client()
    data = {**FORM, "contact_email": "geen-adres", "municipality": "", "form_token": _token(client)}
    response = client.post("/gesprek-aanvragen", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul een geldig e-mailadres in" in html
    assert "Kies de gemeente." in html
    assert 'value="geen-adres"' in html
    assert 'value="Gerda Griffier"' in html
    assert "Online bedreigingen na het windmolendebat." in html
    assert not CouncilRequest.objects.exists()


def test_the_same_form_sent_twice_makes_one_request(reference_data):
    client = Client()
    token = _token(client)
    assert client.post("/gesprek-aanvragen", {**FORM, "form_token": token}).status_code == 201
    again = client.post("/gesprek-aanvragen", {**FORM, "form_token": token})
    assert again.status_code == 409
    assert CouncilRequest.objects.count() == 1


def test_a_tampered_token_is_refused_with_input_kept(reference_data):
    response = Client().post("/gesprek-aanvragen", {**FORM, "form_token": "x"})
    assert response.status_code == 400
    assert 'value="Gerda Griffier"' in response.content.decode()
    assert not CouncilRequest.objects.exists()


def test_public_form_is_rate_limited(reference_data, settings):
    settings.WEERBAAR = {**settings.WEERBAAR, "INTAKE_RATE_LIMIT": 2}
    client = Client()
    codes = [client.post("/gesprek-aanvragen", {**FORM, "form_token": _token(client)}).status_code for _ in range(3)]
    assert codes == [201, 201, 429]
    assert CouncilRequest.objects.count() == 2


def test_csrf_is_enforced(reference_data):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/gesprek-aanvragen", FORM).status_code == 403


@pytest.fixture
def team(people):
    return people


def test_coordinator_walks_a_request_through_every_step(team):
    request = make_council_request()
    client = verified_client(team["coordinator"])
    url = f"/werkruimte/raadsgesprekken/{request.reference}"
    assert request.reference in client.get("/werkruimte/raadsgesprekken").content.decode()
    page = client.get(url).content.decode()
    assert "Gerda Griffier" in page
    assert "griffie@utrecht.example" in page
    steps = [
        {"step-target": "intake_call"},
        {"step-target": "exploratory_talk"},
        {
            "step-target": "session_planned",
            "step-local_situation": "Spanning",
            "step-session_date": "2026-03-12",
            "step-place": "Raadzaal",
            "step-facilitators": ["anna", "cora"],
            "step-experts": "Ervaren Ed\nJurist Jan",
        },
        {"step-target": "session_held"},
        {"step-target": "follow_up_offered", "step-follow_up_offered": "yes", "step-follow_up_accepted": "yes"},
        {"step-target": "closed"},
    ]
    for data in steps:
        response = client.post(f"{url}/stap", data)
        assert response.status_code == 302, (data, response.content.decode()[:2000])
    request.refresh_from_db()
    assert request.status == Status.CLOSED
    assert request.follow_up_accepted is True
    page = client.get(url).content.decode()
    assert "Ervaren Ed, Jurist Jan" in page
    assert "Raadzaal" in page


def test_step_buttons_say_what_happened(team):
    request = make_council_request(actor=team["coordinator"], until=Status.INTAKE_CALL)
    html = verified_client(team["coordinator"]).get(f"/werkruimte/raadsgesprekken/{request.reference}").content
    html = html.decode()
    assert ">Intakegesprek gevoerd</button>" in html
    assert "Daarna staat de aanvraag op: Verkennend gesprek." in html
    assert "Naar:" not in html
    # cancelling is a separate confirmation page, not a one-click button
    assert f'href="/werkruimte/raadsgesprekken/{request.reference}/annuleren"' in html
    assert 'value="cancelled"' not in html


def test_dates_are_written_out_in_the_list_and_the_history(team, settings):
    settings.DEBUG = True  # the services' clock can be fixed in development only
    with clock.fixed_at(datetime(2026, 10, 3, 10, 0, tzinfo=UTC)):  # history rows are written once, never moved
        request = make_council_request(actor=team["coordinator"], until=Status.INTAKE_CALL)
    client = verified_client(team["coordinator"])
    assert "3 oktober 2026" in client.get("/werkruimte/raadsgesprekken").content.decode()
    detail = client.get(f"/werkruimte/raadsgesprekken/{request.reference}").content.decode()
    assert "3 oktober 2026, 12:00 — Aangevraagd" in detail
    assert "okt " not in detail.lower().replace("oktober", "")


def test_cancel_asks_for_a_reason_and_tells_the_team_to_inform_the_contact(team):
    request = make_council_request(actor=team["coordinator"], until=Status.INTAKE_CALL)
    client = verified_client(team["coordinator"])
    url = f"/werkruimte/raadsgesprekken/{request.reference}"
    page = client.get(f"{url}/annuleren")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Weerbaar stuurt de aanvrager hier geen bericht over" in html
    assert "griffie@utrecht.example" in html
    response = client.post(f"{url}/stap", {"step-target": "cancelled", "step-reason": ""})
    assert response.status_code == 400
    assert "Schrijf op waarom het team de aanvraag annuleert." in response.content.decode()
    assert CouncilRequest.objects.get(pk=request.pk).status == Status.INTAKE_CALL
    response = client.post(f"{url}/stap", {"step-target": "cancelled", "step-reason": "Raad kiest eigen training"})
    assert response.status_code == 302
    stored = CouncilRequest.objects.get(pk=request.pk)
    assert stored.status == Status.CANCELLED
    assert b"eigen training" not in bytes(stored.sealed_cancellation)
    detail = client.get(url).content.decode()
    assert "laat de contactpersoon zelf weten" in detail
    assert "Reden: Raad kiest eigen training" in detail
    assert "/annuleren" not in detail
    # once cancelled, the confirmation page sends the team back
    assert client.get(f"{url}/annuleren").status_code == 302


def test_planning_errors_keep_what_was_typed(team):
    request = make_council_request(actor=team["coordinator"], until=Status.EXPLORATORY_TALK)
    client = verified_client(team["coordinator"])
    data = {"step-target": "session_planned", "step-local_situation": "Spanning", "step-place": "Raadzaal"}
    response = client.post(f"/werkruimte/raadsgesprekken/{request.reference}/stap", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul een datum in." in html
    assert 'value="Raadzaal"' in html
    assert "Spanning" in html


def test_a_skipped_step_is_409(team):
    request = make_council_request()
    client = verified_client(team["advisor"])
    response = client.post(f"/werkruimte/raadsgesprekken/{request.reference}/stap", {"step-target": "closed"})
    assert response.status_code == 409


def test_notes_are_saved_sealed(team):
    request = make_council_request(actor=team["advisor"], until=Status.EXPLORATORY_TALK)
    client = verified_client(team["advisor"])
    response = client.post(
        f"/werkruimte/raadsgesprekken/{request.reference}/notities", {"notes-protocol": "Protocol is oud."}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert b"Protocol is oud" not in bytes(request.sealed_notes)
    assert "Protocol is oud." in client.get(f"/werkruimte/raadsgesprekken/{request.reference}").content.decode()


def test_coverage_shows_held_sessions_and_the_target(team):
    make_council_request(actor=team["advisor"], until=Status.SESSION_HELD)
    held = CouncilRequest.objects.get()
    client = verified_client(team["coordinator"])
    response = client.post("/werkruimte/raadsgesprekken/dekking/doel", {"year": held.held_on.year, "sessions": "10"})
    assert response.status_code == 302
    assert CoverageTarget.objects.get(year=held.held_on.year).sessions == 10
    html = client.get(f"/werkruimte/raadsgesprekken/dekking?jaar={held.held_on.year}").content.decode()
    assert "Utrecht" in html
    assert "1 / 26" in html
    assert 'role="img"' in html
    assert "<title" in html
    assert "1/10" in html  # progress against the target in the chart
    assert "<figcaption" in html
    assert "★ = ook Provinciale of Gedeputeerde Staten" in html
    assert 'class="weerbaar-ws-section weerbaar-no-print"' in html  # the target form does not print
    assert " style=" not in html


def test_target_form_errors_answer_400(team):
    client = verified_client(team["coordinator"])
    response = client.post("/werkruimte/raadsgesprekken/dekking/doel", {"year": "2026", "sessions": "veel"})
    assert response.status_code == 400
    assert 'value="veel"' in response.content.decode()


def test_analysts_reach_coverage_from_the_navigation(people):
    html = verified_client(people["analyst"]).get("/werkruimte/raadsgesprekken/dekking").content.decode()
    assert 'href="/werkruimte/raadsgesprekken/dekking" aria-current="page"' in html
    assert 'href="/werkruimte/raadsgesprekken"' not in html  # the team's list is not theirs
    assert "Jaardoel instellen" not in html  # only coordinators set the target
