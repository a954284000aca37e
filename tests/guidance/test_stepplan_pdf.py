"""The step plan as a one-page PDF: from the wizard's posted answers, and from an incident's stored assessment."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.http import QueryDict
from pypdf import PdfReader

from tests.factories import UserFactory, incident_payload, make_case
from weerbaar.guidance.assessment import Facts, assess
from weerbaar.guidance.stepplan_pdf import step_plan_pdf
from weerbaar.incidents import services
from weerbaar.incidents.selectors import stored_assessment
from weerbaar.incidents.validation import validate_incident

THREAT = (
    "role=wethouder&related=yes&danger={danger}&online=yes&learned_on=2026-11-02&acts=threat_of_violence&acts=insult"
)

PDF = "/wat-kan-ik-doen/stappenplan.pdf"


def posted(query: str) -> dict[str, list[str]]:
    return dict(QueryDict(query).lists())


def read(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() or "" for page in reader.pages)


def test_acute_threat_starts_with_112_on_one_page():
    facts = Facts("wethouder", True, True, True, date(2026, 11, 2), ("threat_of_violence", "insult", "doxing"))
    pages, text = read(step_plan_pdf(assess(facts, "nl"), "nl"))
    assert pages == 1
    assert "Bel nu 112" in text
    steps = text[text.index("Stap voor stap") :]
    first = steps.split("\n", 1)[1].lstrip("1. ").strip()
    assert first.startswith("Bel 112"), steps[:200]
    assert "art. 285 Sr" in text
    assert "art. 285d Sr" in text
    assert "VPT-code" in text


def test_without_danger_no_112_and_english_texts():
    facts = Facts("raadslid", False, False, False, date(2026, 11, 2), ("insult",))
    pages, text = read(step_plan_pdf(assess(facts, "en"), "en"))
    assert pages == 1
    assert "112" not in text.split("Sources")[0].replace("0900", "")
    assert "Insult" in text
    assert "2 February 2027" in text  # art. 66 Sr: learned on + 3 months, a complaint offence outside the office


@pytest.mark.django_db
def test_stored_assessment_of_an_incident(reference_data):
    advisor = UserFactory(username="adv", role="advisor")
    case, _ = make_case(state="claimed", advisor=advisor)
    incident = services.incident_record(
        actor=advisor, reference=case.reference, data=validate_incident(incident_payload())
    )
    pages, text = read(step_plan_pdf(stored_assessment(incident, "nl"), "nl"))
    assert pages == 1
    assert "art. 285 Sr" in text
    assert "Doe aangifte bij de politie" in text


@pytest.mark.parametrize("danger", ["yes", "no"])
def test_download_view_answers_the_pdf_and_stores_nothing(db, client, danger, django_assert_num_queries):
    # One statement only: the rate limit's counter (a digest of the address, no answer: core/ratelimit.py).
    with django_assert_num_queries(1) as queries:
        response = client.post(PDF, posted(THREAT.format(danger=danger)))
    assert "core_ratelimitcounter" in queries.captured_queries[0]["sql"]
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="stappenplan.pdf"'
    assert "no-store" in response["Cache-Control"]
    _pages, text = read(response.content)
    assert ("Bel nu 112" in text) is (danger == "yes")


def test_incomplete_answers_show_the_wizard_with_what_to_fix(client):
    response = client.post(PDF, {"role": "raadslid", "acts": "insult"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kies of het tijdens of vanwege uw werk als bestuurder gebeurde" in page
    assert "no-store" in response["Cache-Control"]


def test_wizard_result_posts_its_answers_to_the_pdf(client):
    page = client.post("/wat-kan-ik-doen", posted(THREAT.format(danger="no"))).content.decode()
    form = re.search(r'<form method="post" action="/wat-kan-ik-doen/stappenplan.pdf".*?</form>', page, re.S).group(0)
    assert 'name="csrfmiddlewaretoken"' in form
    assert '<input type="hidden" name="role" value="wethouder">' in form
    assert 'name="submit"' not in form
    assert "stappenplan.pdf" not in page.split(form)[0] + page.split(form)[1]
    assert "stappenplan.pdf" not in client.get("/wat-kan-ik-doen").content.decode()


def test_the_pdf_is_not_offered_by_get(client):
    assert client.get(PDF + "?" + THREAT.format(danger="no")).status_code == 405
