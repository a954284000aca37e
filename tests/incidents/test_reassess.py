"""Re-assessing an incident: a stored step plan keeps the rules it was made with until an advisor re-assesses it
under the current rules; the page, the API and the stored record say what changed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tests.api.conftest import assert_problem, bearer_client, staff_client
from tests.factories import UserFactory, incident_payload, incident_plan_store, incident_plan_stored, make_case
from tests.incidents_web.conftest import portal_client
from tests.staff_web.conftest import verified_client
from weerbaar.accounts.policy import OfficeHolder
from weerbaar.core.errors import Conflict, Forbidden
from weerbaar.core.models import AuditEntry
from weerbaar.guidance import rules
from weerbaar.incidents import services
from weerbaar.incidents.changes import CHANGE_KINDS, assessment_changes
from weerbaar.incidents.models import Incident
from weerbaar.incidents.validation import validate_incident

pytestmark = pytest.mark.django_db

OLD_VERSION = "2026.1"


@pytest.fixture
def advisor(reference_data):
    return UserFactory(username="adv-reassess", role="advisor")


@pytest.fixture
def claimed(advisor):
    return make_case(state="claimed", advisor=advisor)


@pytest.fixture
def case(claimed):
    return claimed[0]


def insult_on_a_decision(advisor, case) -> Incident:
    """An insult of the office holder over a decision, learned of 10 days ago, stored as the old rules made it:
    no klacht needed at all (art. 267 Sr applied), no precautionary date, a step the current rules dropped."""
    learned = (timezone.localdate() - timedelta(days=10)).isoformat()
    payload = incident_payload(acts=["insult"], relatedToOffice=True, occurredOn=learned, learnedOn=learned)
    incident = services.incident_record(actor=advisor, reference=case.reference, data=validate_incident(payload))
    current = incident_plan_stored(incident)["result"]
    old_steps = [s for s in current["steps"] if s["code"] != current["steps"][0]["code"]]
    old = {
        **current,
        "offences": [
            {"article": "266", "title": "Belediging", "complaintRequired": False, "complaintDeadline": None},
            {
                "article": "141",
                "title": "Openlijke geweldpleging",
                "complaintRequired": False,
                "complaintDeadline": None,
            },
        ],
        "steps": [*old_steps, {"code": "old_only_step", "title": "Een oude stap", "text": "…"}],
    }
    incident_plan_store(
        incident, {"rulesVersion": OLD_VERSION, "facts": incident_plan_stored(incident)["facts"], "result": old}
    )
    return Incident.objects.get(pk=incident.pk)


def test_reassessing_stores_the_current_rules_and_lists_what_changed(advisor, case):
    incident = insult_on_a_decision(advisor, case)
    old_record = incident_plan_stored(incident)
    result = services.incident_reassess(actor=advisor, reference=case.reference, number=1)
    assert (result.from_version, result.to_version) == (OLD_VERSION, rules.RULES_VERSION)
    kinds = {(c["kind"], c.get("article") or c.get("step")) for c in result.changes}
    assert ("offence_added", "267") in kinds
    assert ("offence_removed", "141") in kinds
    assert ("complaint_changed", "266") in kinds
    assert ("deadline_changed", "266") in kinds
    assert ("step_removed", "old_only_step") in kinds
    assert any(kind == "step_added" for kind, _ in kinds)
    change = next(c for c in result.changes if c["kind"] == "complaint_changed")
    assert (change["from"], change["to"]) == ("none", "precautionary")
    stored = incident_plan_stored(incident)
    assert stored["rulesVersion"] == rules.RULES_VERSION
    assert stored["reassessed"]["fromVersion"] == OLD_VERSION
    assert stored["reassessed"]["changes"] == result.changes
    assert old_record["rulesVersion"] == OLD_VERSION
    audit = AuditEntry.objects.get(action="incident.reassessed")
    assert audit.details == {"incident": 1, "fromVersion": OLD_VERSION, "toVersion": rules.RULES_VERSION}
    assert audit.actor == f"user:{advisor.username}"
    assert audit.object_id == case.reference


def test_reassessing_under_the_same_rules_changes_nothing(advisor, case):
    services.incident_record(actor=advisor, reference=case.reference, data=validate_incident(incident_payload()))
    result = services.incident_reassess(actor=advisor, reference=case.reference, number=1)
    assert result.changes == []
    assert result.from_version == result.to_version == rules.RULES_VERSION


def test_only_case_workers_reassess(advisor, case):
    insult_on_a_decision(advisor, case)
    with pytest.raises(Forbidden):
        services.incident_reassess(actor=OfficeHolder(case.pk, case.reference), reference=case.reference, number=1)
    assert incident_plan_stored(Incident.objects.get())["rulesVersion"] == OLD_VERSION
    assert not AuditEntry.objects.filter(action="incident.reassessed").exists()


def test_a_closed_case_is_not_reassessed(advisor, reference_data):
    closed, _ = make_case(state="claimed", advisor=advisor)
    insult_on_a_decision(advisor, closed)
    from weerbaar.cases import services as case_services

    case_services.case_transition(actor=advisor, reference=closed.reference, target="aftercare")
    case_services.case_transition(actor=advisor, reference=closed.reference, target="closed", outcome="advised")
    with pytest.raises(Conflict):
        services.incident_reassess(actor=advisor, reference=closed.reference, number=1)


def test_the_page_shows_the_outdated_plan_the_button_and_then_what_changed(advisor, case, claimed):
    insult_on_a_decision(advisor, case)
    client = verified_client(advisor)
    url = f"/werkruimte/zaken/{case.reference}/incidenten/1"
    html = client.get(url).content.decode()
    assert f"regels versie {OLD_VERSION}" in html
    assert "Opnieuw beoordelen met de huidige regels" in html
    # the office holder sees the notice, not the button
    holder = portal_client(*claimed).get("/mijn-zaak/incidenten/1").content.decode()
    assert "De adviseur kan het opnieuw beoordelen." in holder
    assert "Opnieuw beoordelen met de huidige regels" not in holder
    response = client.post(url + "/opnieuw-beoordelen")
    assert response.status_code == 302
    assert response["Location"] == url + "#herbeoordeeld"
    html = client.get(url).content.decode()
    assert f"regels versie {OLD_VERSION} → {rules.RULES_VERSION}" in html
    assert "Klacht bij art. 266 Sr: was niet nodig, nu voor de zekerheid" in html
    assert "Vervallen stap: Een oude stap" in html
    assert "Nieuw strafbaar feit: art. 267 Sr" in html
    assert "weerbaar-inc-plan__outdated" not in html


def test_the_portal_has_no_reassessment_page(claimed, advisor):
    case, code = claimed
    insult_on_a_decision(advisor, case)
    response = portal_client(case, code).post("/mijn-zaak/incidenten/1/opnieuw-beoordelen")
    assert response.status_code == 404


def test_the_api_answers_the_new_plan_and_the_changes(advisor, case):
    insult_on_a_decision(advisor, case)
    response = staff_client(advisor).post(f"/api/v1/cases/{case.reference}/incidents/1/reassessment")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["fromRulesVersion"], body["rulesVersion"]) == (OLD_VERSION, rules.RULES_VERSION)
    assert body["incident"]["rulesVersion"] == rules.RULES_VERSION
    assert {"kind": "offence_removed", "article": "141"} in body["changes"]
    deadline = next(c for c in body["changes"] if c["kind"] == "deadline_changed")
    assert deadline["from"] is None
    assert deadline["to"] == body["incident"]["precautionaryComplaintDeadline"]


def test_the_api_refuses_a_missing_incident_and_the_office_holder(advisor, claimed):
    case, code = claimed
    insult_on_a_decision(advisor, case)
    assert_problem(staff_client(advisor).post(f"/api/v1/cases/{case.reference}/incidents/9/reassessment"), 404)
    holder = bearer_client(case.reference, code)
    assert holder.post(f"/api/v1/cases/{case.reference}/incidents/1/reassessment").status_code == 401
    assert holder.post(f"/api/v1/help-requests/{case.reference}/incidents/1/reassessment").status_code in (404, 405)


OFFENCE = st.fixed_dictionaries(
    {
        "article": st.sampled_from(["261", "266", "267", "284", "285", "285b", "300"]),
        "complaintRequired": st.booleans(),
        "complaintDeadline": st.one_of(st.none(), st.sampled_from(["2026-09-01", "2027-02-25"])),
        "precautionaryComplaintDeadline": st.one_of(st.none(), st.sampled_from(["2026-09-01", "2027-02-25"])),
    }
)
PLAN = st.fixed_dictionaries(
    {
        "offences": st.lists(OFFENCE, max_size=5, unique_by=lambda o: o["article"]),
        "steps": st.lists(
            st.fixed_dictionaries({"code": st.sampled_from(["a", "b", "c", "d"]), "title": st.just("t")}),
            max_size=4,
            unique_by=lambda s: s["code"],
        ),
    }
)


@given(old=PLAN, new=PLAN)
def test_the_changes_are_exactly_the_differences(old, new):
    changes = assessment_changes(old, new)
    assert {c["kind"] for c in changes} <= set(CHANGE_KINDS)
    before = {o["article"] for o in old["offences"]}
    after = {o["article"] for o in new["offences"]}
    assert {c["article"] for c in changes if c["kind"] == "offence_added"} == after - before
    assert {c["article"] for c in changes if c["kind"] == "offence_removed"} == before - after
    steps_before, steps_after = {s["code"] for s in old["steps"]}, {s["code"] for s in new["steps"]}
    assert {c["step"] for c in changes if c["kind"] == "step_added"} == steps_after - steps_before
    assert {c["step"] for c in changes if c["kind"] == "step_removed"} == steps_before - steps_after
    assert assessment_changes(new, new) == []
