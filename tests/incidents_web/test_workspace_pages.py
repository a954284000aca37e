"""The advisor's incident pages: timeline, record, correct, detail with step plan and police report."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import UserFactory, incident_acts, incident_plan_stored, make_case
from tests.incidents_web.conftest import checked, field_value, record, textarea, ws
from tests.staff_web.conftest import verified_client
from weerbaar.core.models import AuditEntry
from weerbaar.directory.models import Association
from weerbaar.incidents.models import Incident, PoliceReport

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    today = timezone.localdate()
    data = {
        "occurred_on": (today - timedelta(days=3)).isoformat(),
        "occurred_at": "22:40",
        "learned_on": (today - timedelta(days=2)).isoformat(),
        "channel": "online",
        "platform": "Facebook",
        "acts": ["insult", "doxing"],
        "related_to_office": "no",
        "description": "Hij schreef mijn adres onder een post & riep op <langs te gaan>.",
        "affected": ["self", "children"],
        "perpetrator_known": "yes",
        "ident_kind_0": "handle",
        "ident_value_0": "@boze_burger_71",
        "ident_kind_1": "licence_plate",
        "ident_value_1": "12-ABC-3",
        "witnesses": "De buurvrouw.",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_record_an_incident_stores_it_and_shows_its_step_plan(advisor_client, case):
    page = advisor_client.get(ws(case, "incidenten/nieuw"))
    assert page.status_code == 200
    html = page.content.decode()
    # every act of the wizard, with its hint, as a checkbox
    assert 'name="acts" id="id_acts_0" value="threat_of_violence"' in html
    assert "Bijvoorbeeld een doodsbedreiging" in html
    assert html.count('name="ident_kind_') == 3
    assert page["Cache-Control"].count("no-store") == 1

    response = advisor_client.post(ws(case, "incidenten/nieuw"), form_data())
    assert response.status_code == 302
    assert response["Location"] == ws(case, "incidenten/1")
    incident = Incident.objects.get(case=case, number=1)
    assert incident_acts(incident) == ["insult", "doxing"]
    assert incident.related_to_office is False
    assert incident.affected == ["self", "children"]
    assert incident.complaint_deadline is not None  # insult outside the office: a complaint is needed

    detail = advisor_client.get(response["Location"]).content.decode()
    assert "@boze_burger_71" in detail
    assert "12-ABC-3" in detail
    assert "Hij schreef mijn adres onder een post &amp; riep op &lt;langs te gaan&gt;." in detail
    assert "art. 266 Sr" in detail
    months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]
    deadline = incident.complaint_deadline
    assert "Klacht nodig uiterlijk" in detail
    assert f"{deadline.day} {months[deadline.month - 1]} {deadline.year}" in detail
    assert 'id="stappenplan"' in detail


def test_validation_errors_keep_everything_typed(advisor_client, case):
    future = (timezone.localdate() + timedelta(days=5)).isoformat()
    response = advisor_client.post(
        ws(case, "incidenten/nieuw"), form_data(acts=None, learned_on=future, ident_kind_2="", ident_value_2="x")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies er minstens één." in html  # acts, from incidents.validation
    assert "Deze datum ligt in de toekomst: vandaag is het " in html
    assert "Kies een van de mogelijkheden." in html  # identifier 3 without a kind
    assert field_value(html, "learned_on") == future
    assert field_value(html, "platform") == "Facebook"
    assert field_value(html, "ident_value_0") == "@boze_burger_71"
    assert field_value(html, "ident_value_2") == "x"
    assert textarea(html, "description").startswith("Hij schreef mijn adres")
    assert checked(html, "affected") == {"self", "children"}
    assert checked(html, "channel") == {"online"}
    assert checked(html, "related_to_office") == {"no"}
    assert not Incident.objects.filter(case=case).exists()


def test_timeline_lists_incidents_in_the_order_they_happened(advisor_client, people, case):
    today = timezone.localdate()
    record(people["advisor"], case, occurredOn=(today - timedelta(days=2)).isoformat(), description="Tweede")
    record(
        people["advisor"],
        case,
        occurredOn=(today - timedelta(days=20)).isoformat(),
        learnedOn=(today - timedelta(days=20)).isoformat(),
        description="Eerste",
    )
    response = advisor_client.get(ws(case, "incidenten"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Eerste") < html.index("Tweede")
    assert "Nieuw incident vastleggen" in html
    assert "weerbaar-no-print" in html  # the print stylesheet hides the navigation and buttons
    assert AuditEntry.objects.filter(action="incident.list_read", object_id=case.reference).exists()


def test_correct_an_incident_recomputes_the_step_plan(advisor_client, people, case):
    record(people["advisor"], case, acts=["threat_of_violence"])
    page = advisor_client.get(ws(case, "incidenten/1/wijzigen")).content.decode()
    assert field_value(page, "ident_value_0") == "@boze_burger_71"
    assert checked(page, "acts") == {"threat_of_violence"}
    response = advisor_client.post(ws(case, "incidenten/1/wijzigen"), form_data(acts=["insult"]))
    assert response.status_code == 302
    incident = Incident.objects.get(case=case, number=1)
    assert incident_acts(incident) == ["insult"]
    assert incident_plan_stored(incident)["result"]["offences"][0]["article"] == "266"
    assert AuditEntry.objects.filter(action="incident.corrected").exists()


def test_police_report_is_saved_and_shown(advisor_client, people, case):
    record(people["advisor"], case, acts=["insult"], relatedToOffice=False)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    data = {
        "police-kind": "complaint",
        "police-reported_on": yesterday,
        "police-police_unit": "Politie Amsterdam, bureau Lijnbaansgracht",
        "police-police_reference": "PL1300-2026123456",
        "police-vpt_code": "yes",
        "police-address_protection": "town_hall",
        "police-prosecution_decision": "unknown",
        "police-article12": "none",
    }
    response = advisor_client.post(ws(case, "incidenten/1/aangifte"), data)
    assert response.status_code == 302
    assert response["Location"].endswith("/incidenten/1#aangifte")
    report = PoliceReport.objects.get(incident__case=case)
    details = report.open("sealed_details")  # all of it sealed (issue 12)
    assert (details["kind"], details["vptCode"], details["addressProtection"]) == ("complaint", "yes", "town_hall")
    html = advisor_client.get(ws(case, "incidenten/1")).content.decode()
    assert "PL1300-2026123456" in html
    assert "Adres van het gemeentehuis of provinciehuis opgegeven" in html
    # a complaint was made: no deadline is pressing any more
    assert "Klacht nodig uiterlijk" not in html


def test_police_report_errors_keep_input(advisor_client, people, case):
    record(people["advisor"], case)
    response = advisor_client.post(
        ws(case, "incidenten/1/aangifte"),
        {"police-kind": "complaint", "police-police_reference": "PL-77", "police-reported_on": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul de datum van de aangifte of melding in." in html
    assert field_value(html, "police-police_reference") == "PL-77"
    assert not PoliceReport.objects.exists()


def test_case_page_links_the_incident_pages_and_shows_the_nearest_deadline(advisor_client, people, case):
    record(people["advisor"], case, acts=["insult"], relatedToOffice=False)
    html = advisor_client.get(ws(case)).content.decode()
    assert f'href="{ws(case, "incidenten")}"' in html  # the case page's tab "Incidenten" (issue 11)
    assert "Klacht nodig uiterlijk" in html
    incidents = advisor_client.get(ws(case, "incidenten")).content.decode()
    for suffix in ("incidenten", "schade", "dossier"):  # damage and dossier from the incidents tab
        assert f'href="{ws(case, suffix)}"' in incidents


def test_closed_case_shows_records_read_only(people, reference_data):
    advisor = people["advisor"]
    case, _code = make_case(state="aftercare", advisor=advisor)
    record(advisor, case)
    from weerbaar.cases.services import case_transition

    case_transition(actor=advisor, reference=case.reference, target="closed", outcome="advised")
    client = verified_client(advisor)
    html = client.get(ws(case, "incidenten/1")).content.decode()
    assert "Deze zaak is gesloten" in html
    assert "@boze_burger_71" in html
    assert 'enctype="multipart/form-data"' not in html
    assert "Aangifte of melding opslaan" not in html
    response = client.post(ws(case, "incidenten/nieuw"), form_data())
    assert response.status_code == 409
    assert "heropen haar om iets toe te voegen" in response.content.decode()
    response = client.post(ws(case, "incidenten/1/aangifte"), {"police-kind": "none"})
    assert response.status_code == 409
    assert Incident.objects.filter(case=case).count() == 1


@pytest.mark.parametrize(
    "suffix",
    ["incidenten", "incidenten/nieuw", "incidenten/1", "incidenten/1/wijzigen", "schade", "dossier", "bewijs/1"],
)
def test_advisor_of_another_association_gets_not_found(people, case, suffix):
    record(people["advisor"], case)
    other = verified_client(people["other_advisor"])
    response = other.get(ws(case, suffix))
    assert response.status_code == 404
    assert "boze_burger" not in response.content.decode()


def test_unknown_incident_is_not_found(advisor_client, case):
    assert advisor_client.get(ws(case, "incidenten/7")).status_code == 404
    assert advisor_client.post(ws(case, "incidenten/7/aangifte"), {"police-kind": "none"}).status_code == 404


def test_advisor_of_the_association_who_is_not_assigned_may_work_the_case(people, case, reference_data):
    colleague = UserFactory(username="kees", role="advisor", association=Association.objects.get(code="nvvr"))
    response = verified_client(colleague).get(ws(case, "incidenten"))
    assert response.status_code == 200
