"""The facts the rules need, on incidents in the API: recorded, corrected, answered with the klacht dates of the
one computation (per offence, with precautionary dates and a status), and the advisor's series split."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.api.conftest import assert_problem, bearer_client, staff_client
from tests.factories import UserFactory, incident_payload, incident_plan_store, incident_plan_stored, make_case
from weerbaar.core.models import AuditEntry
from weerbaar.guidance.analysis import complaint_deadline
from weerbaar.incidents.models import Incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor(reference_data):
    return UserFactory(username="api-facts", role="advisor")


@pytest.fixture
def claimed(advisor):
    return make_case(state="claimed", advisor=advisor)


@pytest.fixture
def case(claimed):
    return claimed[0]


@pytest.fixture
def staff(advisor):
    return staff_client(advisor)


@pytest.fixture
def holder(claimed):
    return bearer_client(claimed[0].reference, claimed[1])


@pytest.fixture(params=["staff", "office_holder"])
def side(request, case, staff, holder):
    if request.param == "staff":
        return staff, f"/api/v1/cases/{case.reference}"
    return holder, f"/api/v1/help-requests/{case.reference}"


def days_ago(n: int) -> str:
    return (timezone.localdate() - timedelta(days=n)).isoformat()


def test_the_new_facts_are_recorded_and_answered(side):
    client, base = side
    body = incident_payload(
        acts=["threat_other", "assault"],
        relatedToOffice=False,
        victim="partner",
        threatened="exposure",
        demand=True,
        perpetrators="group",
        seriousInjury=True,
        channel="at_home",
    )
    response = client.post(f"{base}/incidents", body, format="json")
    assert response.status_code == 201, response.content
    answer = response.json()
    assert (answer["victim"], answer["threatened"], answer["demand"]) == ("partner", "exposure", True)
    assert (answer["perpetrators"], answer["seriousInjury"], answer["inSeries"]) == ("group", True, True)
    assert answer["lastLearnedOn"] is None  # no stalking: the last act is not asked
    articles = [d["article"] for d in answer["deadlines"]]
    assert "284" in articles  # coercion by a threat of exposure (art. 284 lid 1 sub 2)
    assert {"141", "302"} <= set(articles)
    assert "304" not in articles  # the partner: 304 protects the office holder only
    coercion = next(d for d in answer["deadlines"] if d["article"] == "284")
    assert coercion["complaintRequired"] is True
    assert coercion["deadlineStatus"] == "open"
    assert answer["complaintDeadline"] == coercion["complaintDeadline"]
    incident = Incident.objects.get()
    assert (incident.victim, incident.threatened, incident.perpetrators) == ("partner", "exposure", "group")


def test_facts_not_asked_for_the_acts_are_not_kept(side):
    client, base = side
    body = incident_payload(
        acts=["insult"], threatened="exposure", demand=True, perpetrators="group", seriousInjury=True,
        lastLearnedOn=days_ago(1), learnedOn=days_ago(2),
    )  # fmt: skip
    answer = client.post(f"{base}/incidents", body, format="json").json()
    assert (answer["threatened"], answer["demand"], answer["perpetrators"]) == (None, False, None)
    assert (answer["seriousInjury"], answer["lastLearnedOn"]) == (False, None)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("victim", "neighbour"),
        ("victim", 3),
        ("threatened", "everything"),
        ("perpetrators", "crowd"),
        ("demand", "yes"),
        ("seriousInjury", 1),
        ("lastLearnedOn", "25-11-2026"),
        ("lastLearnedOn", (timezone.localdate() + timedelta(days=1)).isoformat()),
    ],
)
def test_a_wrong_value_is_refused_by_its_name(side, field, value):
    client, base = side
    body = incident_payload(acts=["stalking", "threat_other", "assault"], **{field: value})
    assert_problem(client.post(f"{base}/incidents", body, format="json"), 400, invalid={field})


def test_the_last_act_cannot_come_before_the_first(side):
    client, base = side
    body = incident_payload(acts=["stalking"], learnedOn=days_ago(2), lastLearnedOn=days_ago(5), occurredOn=days_ago(9))
    assert_problem(client.post(f"{base}/incidents", body, format="json"), 400, invalid={"lastLearnedOn"})


def test_correcting_an_incident_recomputes_the_whole_case(side):
    client, base = side
    first = incident_payload(acts=["stalking"], occurredOn=days_ago(60), learnedOn=days_ago(60))
    second = incident_payload(acts=["insult"], relatedToOffice=False, occurredOn=days_ago(5), learnedOn=days_ago(5))
    client.post(f"{base}/incidents", first, format="json")
    client.post(f"{base}/incidents", second, format="json")
    # incident 2 turns out to be stalking too: the series now runs from its date, on both incidents
    corrected = {**second, "acts": ["stalking"]}
    response = client.put(f"{base}/incidents/2", corrected, format="json")
    assert response.status_code == 200, response.content
    series_date = complaint_deadline(timezone.localdate() - timedelta(days=5)).isoformat()
    assert response.json()["complaintDeadline"] == series_date
    one = client.get(f"{base}/incidents/1").json()
    assert one["complaintDeadline"] == series_date
    assert one["deadlines"][0]["series"] is True
    assert (
        list(Incident.objects.order_by("number").values_list("complaint_deadline", flat=True))
        == [date.fromisoformat(series_date)] * 2
    )
    assert AuditEntry.objects.filter(action="incident.corrected").count() == 1


def test_correcting_a_missing_incident_is_404(side):
    client, base = side
    assert_problem(client.put(f"{base}/incidents/7", incident_payload(), format="json"), 404)


def test_the_advisor_splits_an_incident_off_the_series(staff, case):
    base = f"/api/v1/cases/{case.reference}"
    for days in (60, 5):
        body = incident_payload(acts=["stalking"], occurredOn=days_ago(days), learnedOn=days_ago(days))
        staff.post(f"{base}/incidents", body, format="json")
    response = staff.put(f"{base}/incidents/1/series", {"inSeries": False}, format="json")
    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["inSeries"] is False
    own = complaint_deadline(timezone.localdate() - timedelta(days=60)).isoformat()
    assert answer["complaintDeadline"] == own
    assert answer["deadlines"][0]["series"] is False
    assert AuditEntry.objects.filter(action="incident.series_split").count() == 1
    assert staff.put(f"{base}/incidents/1/series", {"inSeries": True}, format="json").json()["inSeries"] is True


def test_the_series_body_is_checked(staff, case):
    base = f"/api/v1/cases/{case.reference}"
    staff.post(f"{base}/incidents", incident_payload(acts=["insult"]), format="json")
    assert_problem(
        staff.put(f"{base}/incidents/1/series", {"inSeries": "no"}, format="json"), 400, invalid={"inSeries"}
    )
    assert_problem(staff.put(f"{base}/incidents/1/series", {}, format="json"), 400, invalid={"inSeries"})
    # an incident without stalking belongs to no series
    assert_problem(
        staff.put(f"{base}/incidents/1/series", {"inSeries": False}, format="json"), 400, invalid={"inSeries"}
    )


def test_an_old_stored_plan_is_answered_in_the_current_shape(staff, case):
    base = f"/api/v1/cases/{case.reference}"
    staff.post(f"{base}/incidents", incident_payload(acts=["insult"], relatedToOffice=False), format="json")
    incident = Incident.objects.get()
    old = dict(incident_plan_stored(incident)["result"])
    old["offences"] = [
        {"article": "266", "title": "Belediging", "complaintRequired": True, "complaintDeadline": "2020-01-01"}
    ]
    incident_plan_store(incident, {"rulesVersion": "2024.1", "result": old})
    answer = staff.get(f"{base}/incidents/1").json()
    assert answer["rulesVersion"] == "2024.1"
    offence = answer["assessment"]["offences"][0]
    assert (offence["complaintDeadline"], offence["deadlineStatus"]) == ("2020-01-01", "expired")
    assert offence["precautionaryComplaintDeadline"] is None
    # the live dates follow the current rules all the same
    assert answer["deadlines"][0]["deadlineStatus"] == "open"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"occurredOn": "2026-12-07", "occurredAt": "22:40", "learnedOn": "2026-12-07"}, "occurredAt"),
        ({"occurredOn": "2026-12-08", "learnedOn": "2026-12-07"}, "occurredOn"),
        ({"occurredOn": "2026-12-06", "learnedOn": "2026-12-08"}, "learnedOn"),
    ],
)
def test_an_incident_in_the_future_is_refused_naming_the_field(side, monkeypatch, overrides, field):
    """At 03:49 on Monday 7 December (Amsterdam): tonight's 22:40, tomorrow, or hearing of it tomorrow."""
    from datetime import UTC, datetime

    night = datetime(2026, 12, 7, 2, 49, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: night)
    client, base = side
    body = incident_payload(**overrides)
    assert_problem(client.post(f"{base}/incidents", body, format="json"), 400, invalid={field})
