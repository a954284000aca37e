"""The concern note pages: the form keeps everything typed on an error, saving makes a version, the hard prompts
show first, the author is not offered the confirmation, the case page links to the note with one query, and
the timeline is a table with an SVG that needs no script."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.concerns.factories import advisor, case_with_incidents, record_incident, save_note
from tests.concerns.test_permission_matrix_concerns_web import form_data
from tests.staff_web.conftest import verified_client
from weerbaar.cases.panels import case_panels
from weerbaar.concerns.models import ConcernNote

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _data(reference_data):
    return None


def _url(case, suffix=""):
    return f"/werkruimte/zaken/{case.reference}/zorgnotitie{suffix}"


def test_the_form_has_a_fieldset_per_item_with_radios_and_incident_checkboxes():
    case, adv = case_with_incidents()
    html = verified_client(adv).get(_url(case, "/nieuwe-versie")).content.decode()
    assert html.count('class="utrecht-form-fieldset utrecht-form-fieldset--distanced weerbaar-concern-item"') == 12
    assert html.count('type="radio" name="answer_pathway"') == 4
    assert html.count('type="checkbox" name="incidents_pathway"') == 2
    assert "(niet verplicht)" in html
    assert "Acuut gevaar? Bel eerst 112." in html
    # The item's name is said once on screen (its legend); the inner legends repeat it for screen readers only.
    assert '>Antwoord<span class="weerbaar-visually-hidden">: Pad naar geweld' in html
    assert '>Incidenten die dit ondersteunen<span class="weerbaar-visually-hidden">: Pad naar geweld' in html
    assert ">Antwoord: Pad naar geweld" not in html


def test_a_mistake_keeps_everything_typed_and_saves_nothing():
    case, adv = case_with_incidents()
    data = form_data(
        summary="Mijn eigen woorden blijven staan.",
        answer_pathway="yes",
        incidents_pathway=["2"],
        review_on=(timezone.localdate() - timedelta(days=3)).isoformat(),
    )
    del data["answer_leakage"]
    response = verified_client(adv).post(_url(case, "/nieuwe-versie"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mijn eigen woorden blijven staan." in html
    assert re.search(r'<input type="radio" name="answer_pathway" value="yes"[^>]*checked', html)
    assert re.search(r'<input type="checkbox" name="incidents_pathway" value="2"[^>]*checked', html)
    assert "Kies ja, mogelijk, nee of onbekend." in html
    assert not ConcernNote.objects.filter(case=case).exists()


def test_a_service_refusal_lands_at_the_right_question():
    case, adv = case_with_incidents()
    response = verified_client(adv).post(
        _url(case, "/nieuwe-versie"), form_data(answer_fixation="no", incidents_fixation=["1"])
    )
    assert response.status_code == 400
    assert "Koppel alleen incidenten aan een antwoord ja of mogelijk." in response.content.decode()


def test_saving_makes_a_version_and_the_note_shows_the_prompts_first():
    case, adv = case_with_incidents()
    client = verified_client(adv)
    response = client.post(
        _url(case, "/nieuwe-versie"),
        form_data(answer_approach_home="possibly", incidents_approach_home=["1"], acute_danger="on", level="high"),
    )
    assert response.status_code == 302
    html = client.get(_url(case)).content.decode()
    assert "Acuut gevaar: bel nu 112." in html
    assert "Overleg nu met de politie over dreigingsmanagement" in html
    assert html.index('data-prompt="call_112"') < html.index('id="punten"')
    assert "wacht op bevestiging" in html
    assert "Zorgniveau hoog bevestigen" not in html  # the author is not offered it
    colleague_html = verified_client(advisor()).get(_url(case)).content.decode()
    assert "Zorgniveau hoog bevestigen" in colleague_html


def test_confirming_through_the_pages():
    case, adv = case_with_incidents()
    save_note(adv, case, level="high")
    colleague = verified_client(advisor(display_name="Bram Collega"))
    assert colleague.get(_url(case, "/versies/1/bevestigen")).status_code == 200
    response = colleague.post(_url(case, "/versies/1/bevestigen"))
    assert response.status_code == 302
    assert "bevestigd door Bram Collega" in colleague.get(_url(case, "/versies/1")).content.decode()
    again = verified_client(advisor()).post(_url(case, "/versies/1/bevestigen"))
    assert again.status_code == 409
    assert "Deze versie is al bevestigd." in again.content.decode()


def test_the_author_posting_a_confirmation_gets_403_with_the_reason():
    case, adv = case_with_incidents()
    save_note(adv, case, level="high")
    response = verified_client(adv).post(_url(case, "/versies/1/bevestigen"))
    assert response.status_code == 403
    assert "U schreef deze versie zelf." in response.content.decode()


def test_the_version_history_lists_every_version():
    case, adv = case_with_incidents()
    save_note(adv, case)
    save_note(adv, case, level="high")
    html = verified_client(adv).get(_url(case, "/versies")).content.decode()
    assert "Versie 2" in html
    assert "Versie 1" in html
    assert "Wacht op bevestiging" in html


def test_the_case_page_panel_is_one_query_and_opens_nothing(rf):
    from weerbaar.accounts import policy

    case, adv = case_with_incidents()
    save_note(adv, case, level="high", reviewOn=(timezone.localdate() + timedelta(days=3)).isoformat())
    access = policy.access_case(adv, case.reference)
    request = rf.get("/")
    request.user = adv
    panels = case_panels(request, access)  # warm-up: templates compiled, other panels' caches filled
    with CaptureQueriesContext(connection) as queries:
        from weerbaar.concerns.apps import _concern_panel

        html = _concern_panel(request, access)
    assert len(queries) == 1
    assert "Versie 1" in html
    assert "Wacht op bevestiging." in html
    assert any("zorgnotitie" in p for p in panels)
    page = verified_client(adv).get(f"/werkruimte/zaken/{case.reference}").content.decode()
    assert f'href="/werkruimte/zaken/{case.reference}/zorgnotitie"' in page


def test_the_timeline_page_has_a_table_and_an_svg_and_no_script():
    case, adv = case_with_incidents(incidents=1)
    today = timezone.localdate().isoformat()
    record_incident(adv, case, channel="at_home", occurredOn=today, learnedOn=today, occurredAt="00:01")
    html = verified_client(adv).get(f"/werkruimte/zaken/{case.reference}/verloop").content.decode()
    assert '<svg role="img"' in html
    assert "<script" not in html.split("<main", 1)[-1].split("</main>", 1)[0]
    assert 'data-shift="yes"' in html
    assert "incident 2" in html
    assert "score" not in html.lower().replace("geen score", "")


def test_the_case_history_names_the_note_s_steps_without_content():
    case, adv = case_with_incidents()
    save_note(adv, case, level="high", summary="Iets wat alleen in de notitie staat.")
    from weerbaar.concerns.services import concern_note_confirm

    concern_note_confirm(actor=advisor(), reference=case.reference, version=1)
    html = verified_client(adv).get(f"/werkruimte/zaken/{case.reference}/geschiedenis").content.decode()
    assert "Nieuwe versie van de zorgnotitie" in html
    assert "Zorgniveau hoog bevestigd" in html
    assert "Iets wat alleen in de notitie staat." not in html


def test_a_version_number_too_large_for_the_database_is_simply_not_found():
    case, adv = case_with_incidents()
    client = verified_client(adv)
    assert client.get(_url(case, "/versies/99999999999999999999")).status_code == 404
    assert client.post(_url(case, "/versies/99999999999999999999/bevestigen")).status_code == 404
