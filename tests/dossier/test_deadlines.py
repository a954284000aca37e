"""The klacht dates of the dossier: per offence and per incident, with their status, and the same in the summary,
under each incident and in the step plan (one computation: ``guidance.assessment.assess_case``).

The PDF is rendered and its text read back (pypdf), in Dutch and English. The day is fixed (``today``), so the
statuses do not move with the calendar.
"""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from tests.factories import UserFactory, incident_payload, make_case
from weerbaar.accounts import policy
from weerbaar.guidance import dossier
from weerbaar.incidents import services
from weerbaar.incidents.validation import validate_incident, validate_police_report

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 7)
MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
DATE = re.compile(rf"\b\d{{1,2}} (?:{MONTHS}) \d{{4}}\b")


@pytest.fixture
def advisor(reference_data):
    return UserFactory(username="adv", role="advisor")


@pytest.fixture
def case(advisor):
    case, _code = make_case(state="claimed", advisor=advisor)
    return case


def record(advisor, case, learned_on: date, acts: list[str], *, office: bool = True, **extra) -> None:
    payload = incident_payload(
        occurredOn=learned_on.isoformat(),
        learnedOn=learned_on.isoformat(),
        acts=acts,
        relatedToOffice=office,
        description=f"Incident van {learned_on.isoformat()}.",
        **extra,
    )
    services.incident_record(actor=advisor, reference=case.reference, data=validate_incident(payload, today=TODAY))


def aangifte(advisor, case, number: int, reported_on: date) -> None:
    services.police_report_save(
        actor=advisor,
        reference=case.reference,
        number=number,
        data=validate_police_report({"kind": "complaint", "reportedOn": reported_on.isoformat()}, today=TODAY),
    )


def render(advisor, case, language: str = "nl") -> str:
    pdf = dossier.dossier_pdf(access=policy.access_case_for(advisor, case.reference), language=language, today=TODAY)
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())  # one space between words, whatever the line breaks


def sections(text: str, language: str = "nl") -> dict[str, str]:
    """The summary, the incidents and the step plan of the dossier's text."""
    heads = {
        "nl": ("Samenvatting voor de politie", "Incidenten in volgorde van datum", "Schade", "Stappenplan"),
        "en": ("Summary for the police", "Incidents in order of date", "Damage", "Step plan"),
    }[language]
    starts = [0]
    for head in heads:  # each after the one before; the step plan is the last section
        starts.append(text.rindex(head) if head == heads[-1] else text.index(head, starts[-1]))
    summary, incidents, damage, steps = starts[1:]
    return {"summary": text[summary:incidents], "incidents": text[incidents:damage], "steps": text[steps:]}


def incident_text(text: str, number: int) -> str:
    """The text of one incident (from its heading to the next)."""
    start = text.index(f"Incident {number} —")
    following = text.find(f"Incident {number + 1} —", start)
    return text[start : following if following > 0 else len(text)]


def test_a_stalking_series_has_one_date_from_its_last_act_everywhere(advisor, case):
    for learned in (date(2026, 6, 1), date(2026, 9, 15), date(2026, 11, 25)):
        record(advisor, case, learned, ["stalking"])
    text = render(advisor, case)
    parts = sections(text)
    # art. 66 Sr from knowledge of the last act (25 November): never the first (1 September) or middle date
    assert "1 september 2026" not in text
    assert "15 december 2026" not in text
    assert (
        "art. 285b Sr Belaging (stalking) klacht vereist, uiterlijk 25 februari 2027 open 1, 2, 3" in parts["summary"]
    )
    for number in (1, 2, 3):
        assert "art. 285b Sr Belaging (stalking): klacht vereist, uiterlijk 25 februari 2027 (open)" in incident_text(
            parts["incidents"], number
        )
    assert "25 februari 2027" in parts["steps"]
    assert "stand op 7 december 2026" in parts["summary"]
    assert "Belaging (art. 285b Sr) is een voortdurend delict" in parts["summary"]
    assert "“Voor de zekerheid”" not in parts["summary"]


def test_office_related_and_private_insults_each_keep_their_own_klacht(advisor, case):
    record(advisor, case, date(2026, 11, 20), ["insult"], office=True)
    record(advisor, case, date(2026, 11, 25), ["insult"], office=False)
    text = render(advisor, case)
    parts = sections(text)
    summary = parts["summary"]
    # the private insult: the law asks for a klacht; the office one is prosecutable without (art. 267), but a
    # court may not find the link, so a date to be safe
    assert "art. 266 Sr Belediging klacht vereist, uiterlijk 25 februari 2027 open 2" in summary
    assert (
        "art. 266 Sr Belediging geen klacht vereist; voor de zekerheid een klacht uiterlijk 20 februari 2027 open 1"
        in summary
    )
    assert re.search(r"art\. 267 Sr [^:]*? geen klacht nodig — 1", summary)
    assert "“Voor de zekerheid”: belediging of smaad van de ambtsdrager" in summary
    assert "voortdurend delict" not in summary
    first, second = incident_text(parts["incidents"], 1), incident_text(parts["incidents"], 2)
    assert "voor de zekerheid een klacht uiterlijk 20 februari 2027 (open)" in first
    assert "art. 267 Sr" in first
    assert "klacht vereist, uiterlijk 25 februari 2027 (open)" in second
    assert "art. 267 Sr" not in second  # 267 needs the link with the exercise of the office
    # the step plan agrees: the private insult needs a klacht by 25 February
    assert "25 februari 2027" in parts["steps"]
    assert "20 februari 2027" not in summary.split("art. 266 Sr Belediging klacht vereist")[1].split("open")[0]


def test_expired_and_last_day_dates_are_marked(advisor, case):
    record(advisor, case, date(2026, 6, 1), ["insult"], office=False)  # 1 September: passed
    record(advisor, case, date(2026, 9, 7), ["insult"], office=False)  # 7 December: today
    text = render(advisor, case)
    parts = sections(text)
    assert "art. 266 Sr Belediging klacht vereist, uiterlijk 1 september 2026 verlopen 1" in parts["summary"]
    assert (
        "art. 266 Sr Belediging klacht vereist, uiterlijk 7 december 2026 vandaag de laatste dag 2" in parts["summary"]
    )
    assert "Verlopen: voor een feit waarvoor een klacht vereist is" in parts["summary"]
    assert "uiterlijk 1 september 2026 (verlopen)" in incident_text(parts["incidents"], 1)
    assert "uiterlijk 7 december 2026 (vandaag de laatste dag)" in incident_text(parts["incidents"], 2)


def test_no_expired_note_when_nothing_expired(advisor, case):
    record(advisor, case, date(2026, 11, 25), ["insult"], office=False)
    assert "Verlopen:" not in render(advisor, case)


def test_summary_incidents_and_step_plan_name_the_same_dates(advisor, case):
    record(advisor, case, date(2026, 6, 1), ["stalking", "insult"], office=False)
    record(advisor, case, date(2026, 9, 15), ["defamation"], office=True)
    record(advisor, case, date(2026, 11, 25), ["stalking", "threat_of_violence"], office=True)
    text = render(advisor, case)
    parts = sections(text)
    summary_dates = set(DATE.findall(parts["summary"]))
    assert set(DATE.findall(parts["incidents"])) - {"1 juni 2026", "15 september 2026", "25 november 2026"} <= (
        summary_dates
    )
    # every klacht date the step plan names is one of the summary's ("1 juli 2025": the address rule's start)
    assert set(DATE.findall(parts["steps"])) - {"1 juli 2025"} <= summary_dates
    assert "uiterlijk 25 februari 2027" in parts["summary"]  # the series
    assert "1 september 2026 verlopen" in parts["summary"]  # the private insult of 1 June


def test_in_english(advisor, case):
    record(advisor, case, date(2026, 6, 1), ["insult"], office=False)
    record(advisor, case, date(2026, 9, 7), ["insult"], office=True)
    for learned in (date(2026, 9, 15), date(2026, 11, 25)):
        record(advisor, case, learned, ["stalking"])
    text = render(advisor, case, "en")
    parts = sections(text, "en")
    summary = parts["summary"]
    assert "as of 7 December 2026" in summary
    assert "art. 266 Criminal Code Insult complaint required, no later than 1 September 2026 expired 1" in summary
    assert (
        "art. 266 Criminal Code Insult no complaint required; to be safe, a complaint no later than 7 December 2026 "
        "last day today 2" in summary
    )
    assert "art. 285b Criminal Code Stalking complaint required, no later than 25 February 2027 open 3, 4" in summary
    assert "Expired:" in summary
    assert "no later than 25 February 2027 (open)" in incident_text(parts["incidents"], 4)
    for dutch in ("klacht vereist", "uiterlijk", "verlopen", "voor de zekerheid", "februari"):
        assert dutch not in text


def test_the_step_plan_gives_each_offence_its_own_date(advisor, case):
    record(advisor, case, date(2026, 6, 1), ["insult"], office=False)  # 266: 1 September 2026, expired
    for learned in (date(2026, 9, 15), date(2026, 11, 25)):
        record(advisor, case, learned, ["stalking"])  # 285b: 25 February 2027
    steps = sections(render(advisor, case))["steps"]
    assert "25 februari 2027" in steps


def test_an_aangifte_on_time_is_not_shown_as_expired(advisor, case):
    record(advisor, case, date(2026, 6, 1), ["insult"], office=False)  # klacht by 1 September
    record(advisor, case, date(2026, 6, 2), ["insult"], office=False)  # klacht by 2 September
    aangifte(advisor, case, 1, date(2026, 6, 10))
    aangifte(advisor, case, 2, date(2026, 9, 5))  # three days late
    text = render(advisor, case)
    parts = sections(text)
    summary = parts["summary"]
    assert "uiterlijk 1 september 2026 aangifte gedaan op 10 juni 2026 1" in summary
    assert "uiterlijk 2 september 2026 aangifte gedaan op 5 september 2026, na de termijn 2" in summary
    assert "verlopen" not in summary  # neither date is "expired": one klacht came in time, one too late
    assert "uiterlijk 1 september 2026 (aangifte gedaan op 10 juni 2026)" in incident_text(parts["incidents"], 1)


def test_a_partner_insulted_over_a_decision_files_the_klacht_personally(advisor, case):
    # art. 267 protects only the office holder: the partner's insult needs a klacht, even though it was about
    # the office (a precautionary date would be wrong here)
    record(advisor, case, date(2026, 11, 20), ["insult"], office=True, victim="partner")
    text = render(advisor, case)
    parts = sections(text)
    assert "art. 266 Sr Belediging klacht vereist, uiterlijk 20 februari 2027 open 1" in parts["summary"]
    assert "art. 267 Sr Belediging" not in text
    assert "Slachtoffer: Partner" in incident_text(parts["incidents"], 1)
    assert "voor de zekerheid" not in parts["summary"].lower()  # no precautionary date, nor the note on it
