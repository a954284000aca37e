"""The Nazorg pages: the workspace plan (forms keep input on errors), Mijn zaak's answers, and the
confirmation when closing a case with an open plan."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.aftercare.factories import run_job
from tests.factories import make_case
from tests.incidents_web.conftest import portal_client
from tests.staff_web.conftest import people, verified_client  # noqa: F401  (fixture re-exported)
from weerbaar.aftercare.models import AftercarePlan, CheckIn

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(people):  # noqa: F811
    case, code = make_case(state="aftercare", advisor=people["advisor"])
    return case, code, verified_client(people["advisor"])


def ws(case, suffix=""):
    return f"/werkruimte/zaken/{case.reference}/nazorg{suffix}"


def test_the_case_page_links_to_the_plan_and_the_plan_shows_three_moments(world):
    case, _code, client = world
    assert ws(case) in client.get(f"/werkruimte/zaken/{case.reference}").content.decode()
    html = client.get(ws(case)).content.decode()
    assert html.count('class="weerbaar-ws-section weerbaar-aftercare-check-in"') == 3
    assert "Hoe gaat het met u?" in html


def test_a_bad_date_comes_back_with_a_message_and_the_question_kept(world):
    case, _code, client = world
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(
        ws(case, "/check-ins"), {"add-subject": "self", "add-due_on": yesterday, "add-question": "Slaapt u weer?"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Een check-in kan niet in het verleden liggen." in html
    assert "Slaapt u weer?" in html


def test_household_member_with_check_ins_and_a_follow_up(world):
    case, _code, client = world
    response = client.post(
        ws(case, "/huisgenoten"),
        {"member-name": "Noor Jansen", "member-relation": "partner", "member-with_check_ins": "on"},
    )
    assert response.status_code == 302
    assert CheckIn.objects.filter(plan__case=case, member__number=1).count() == 3
    html = client.get(ws(case)).content.decode()
    assert "Huisgenoot 1: Noor Jansen (partner)" in html
    first = CheckIn.objects.filter(plan__case=case).order_by("due_at").first()
    run_job(first.due_at)
    response = client.post(ws(case, f"/check-ins/{first.pk}/opvolging"), {f"followup-{first.pk}-text": ""})
    assert response.status_code == 400
    assert "Schrijf wat u heeft gedaan." in response.content.decode()
    response = client.post(ws(case, f"/check-ins/{first.pk}/opvolging"), {f"followup-{first.pk}-text": "Gebeld"})
    assert response.status_code == 302
    # Saved: shown as text, the form folded away under "Opvolging wijzigen" (not an empty required form)
    html = client.get(ws(case)).content.decode()
    article = html.split(f'id="check-in-{first.pk}"')[1].split("</article>")[0]
    assert "<p>Gebeld</p>" in article
    assert "<summary>Opvolging wijzigen</summary>" in article
    assert "Wijziging opslaan" in article
    assert "Opvolging vastleggen" not in article
    # an empty change comes back open, with the message, not folded away
    response = client.post(ws(case, f"/check-ins/{first.pk}/opvolging"), {f"followup-{first.pk}-text": " "})
    assert response.status_code == 400
    article = response.content.decode().split(f'id="check-in-{first.pk}"')[1].split("</article>")[0]
    assert "<summary>Opvolging wijzigen</summary>" not in article
    assert "Schrijf wat u heeft gedaan." in article


def test_the_office_holder_answers_in_mijn_zaak(world):
    case, code, _client = world
    first = CheckIn.objects.filter(plan__case=case).order_by("due_at").first()
    holder = portal_client(case, code)
    html = holder.get("/mijn-zaak/nazorg").content.decode()
    assert "Er staat op dit moment geen vraag voor u klaar." in html
    assert f"De volgende vraag komt rond {first.due_at.day} " in html
    assert "/mijn-zaak/nazorg" in holder.get("/mijn-zaak").content.decode()
    run_job(first.due_at)
    html = holder.get("/mijn-zaak/nazorg").content.decode()
    assert html.count("Hoe gaat het met u?") == 1  # the question, not also the section heading
    assert "De volgende vraag komt rond" not in html
    response = holder.post(f"/mijn-zaak/nazorg/{first.pk}", {f"answer-{first.pk}-text": " "})
    assert response.status_code == 400
    assert "Schrijf hoe het met u gaat, of kies een woord." in response.content.decode()
    # 23:00, no words left: only "Slecht" is an answer
    response = holder.post(
        f"/mijn-zaak/nazorg/{first.pk}", {f"answer-{first.pk}-text": "", f"answer-{first.pk}-mood": "bad"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/mijn-zaak/nazorg#ontvangen"
    html = holder.get("/mijn-zaak/nazorg").content.decode()
    assert "Uw adviseur leest dit uiterlijk op de eerstvolgende werkdag." in html
    assert "Gaat het nu niet goed?" in html
    assert 'href="tel:112"' in html
    assert "070-3738314" in html
    assert "<strong>Slecht</strong></div>" in html  # the word alone, not "contact in another way"
    assert "op een andere manier contact" not in html
    html = holder.get("/mijn-zaak/nazorg").content.decode()  # the receipt is shown once
    assert "Uw adviseur leest dit" not in html
    assert "Gaat het nu niet goed?" not in html


def test_a_good_answer_gets_the_receipt_without_the_phone_numbers(world):
    case, code, _client = world
    first = CheckIn.objects.filter(plan__case=case).order_by("due_at").first()
    holder = portal_client(case, code)
    run_job(first.due_at)
    response = holder.post(
        f"/mijn-zaak/nazorg/{first.pk}",
        {f"answer-{first.pk}-text": "Beter dan vorige week", f"answer-{first.pk}-mood": "good"},
    )
    assert response.status_code == 302
    html = holder.get("/mijn-zaak/nazorg").content.decode()
    assert "Uw adviseur leest dit uiterlijk op de eerstvolgende werkdag." in html
    assert "Gaat het nu niet goed?" not in html
    assert "Beter dan vorige week" in html


def test_the_advisor_sees_slecht_clearly(world):
    case, code, client = world
    first = CheckIn.objects.filter(plan__case=case).order_by("due_at").first()
    run_job(first.due_at)
    portal_client(case, code).post(f"/mijn-zaak/nazorg/{first.pk}", {f"answer-{first.pk}-mood": "bad"})
    article = client.get(ws(case)).content.decode().split(f'id="check-in-{first.pk}"')[1].split("</article>")[0]
    assert "Antwoord: „Slecht”." in article
    assert "<strong>Slecht</strong>" in article
    assert "Alleen een woord gekozen, geen tekst." in article


def test_closing_the_plan_asks_first_and_marks_what_lapses(world):
    case, _code, client = world
    html = client.get(ws(case)).content.decode()
    assert f'href="{ws(case, "/afsluiten")}"' in html  # a link to the confirmation, not a one-click form
    assert f'action="{ws(case, "/afsluiten")}"' not in html
    first = CheckIn.objects.filter(plan__case=case).order_by("due_at").first()
    client.post(ws(case, f"/check-ins/{first.pk}/overslaan"))
    html = client.get(ws(case, "/afsluiten")).content.decode()
    assert "Nazorgplan afsluiten bevestigen" in html
    assert "Na het afsluiten vervallen 2 check-ins die nog open staan." in html
    assert AftercarePlan.objects.get(case=case).closed_at is None  # looking closes nothing
    response = client.post(ws(case, "/afsluiten"))
    assert response.status_code == 302
    html = client.get(ws(case)).content.decode()
    assert html.count("Vervallen (plan afgesloten)") == 2
    assert html.count("Overgeslagen") == 1
    assert client.get(ws(case, "/afsluiten")).status_code == 302  # closed already: back to the plan


def test_closing_with_an_open_plan_asks_and_can_let_aftercare_run_on(world):
    case, _code, client = world
    status_url = f"/werkruimte/zaken/{case.reference}/status"
    response = client.post(
        status_url, {"target": "closed", "status-closed-outcome": "advised", "status-closed-reason": "Klaar"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nazorg loopt door" in html
    assert 'value="Klaar"' in html  # what was typed goes along
    # confirming without choosing what happens to aftercare: asked again
    response = client.post(
        status_url, {"target": "closed", "status-closed-outcome": "advised", "confirm": "aftercare_open"}
    )
    assert response.status_code == 400
    assert "Maak een keuze." in response.content.decode()
    case.refresh_from_db()
    assert case.status == "aftercare"
    response = client.post(
        status_url,
        {
            "target": "closed",
            "status-closed-outcome": "advised",
            "confirm": "aftercare_open",
            "close-option-aftercare_open": "aftercare_keep",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "closed"
    assert AftercarePlan.objects.get(case=case).closed_at is None
    assert "de nazorg loopt door" in client.get(ws(case)).content.decode()
