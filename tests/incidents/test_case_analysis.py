"""One computation for a case: every klacht date of every incident from ``incidents.selectors.case_analysis``.

The series scenario of issue 10: three stalking incidents learned of on 1 June, 15 September and 25 November 2026
form one series (art. 285b Sr, a continuing offence: the term of art. 66 Sr runs from knowledge of the last act),
so every incident, its ``complaint_deadline`` column, its step plan and its to-do say 25 February 2027. Split one
off and it has its own date again.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import UserFactory, incident_payload, incident_plan_stored, make_case
from weerbaar.accounts import policy
from weerbaar.accounts.policy import OfficeHolder
from weerbaar.core.clock import AMSTERDAM
from weerbaar.core.errors import Forbidden, InvalidInput
from weerbaar.core.models import AuditEntry
from weerbaar.guidance.analysis import complaint_deadline
from weerbaar.guidance.rules import Need
from weerbaar.incidents import selectors, services
from weerbaar.incidents.jobs import complaint_deadline_todos
from weerbaar.incidents.models import Incident
from weerbaar.incidents.validation import validate_incident, validate_police_report
from weerbaar.todos.models import Todo

pytestmark = pytest.mark.django_db

FIRST, SECOND, LAST = date(2026, 6, 1), date(2026, 9, 15), date(2026, 11, 25)
SERIES_DATE = date(2027, 2, 25)  # 25 November 2026 + 3 months
DAY = date(2026, 12, 7)


@pytest.fixture
def advisor(reference_data):
    return UserFactory(username="adv", role="advisor")


@pytest.fixture
def case(advisor):
    case, _code = make_case(state="claimed", advisor=advisor)
    return case


def record(actor, case, learned: date, **overrides):
    payload = incident_payload(
        occurredOn=learned.isoformat(), learnedOn=learned.isoformat(), acts=["stalking"], relatedToOffice=True
    )
    payload.update(overrides)
    data = validate_incident(payload, today=max(DAY, learned))
    return services.incident_record(actor=actor, reference=case.reference, data=data)


@pytest.fixture
def series(advisor, case):
    return [record(advisor, case, day) for day in (FIRST, SECOND, LAST)]


def columns(case) -> list[date | None]:
    return list(case.incidents.order_by("number").values_list("complaint_deadline", flat=True))


def open_todos(case) -> list[tuple[str, dict]]:
    return sorted(
        Todo.objects.filter(case=case, done_at__isnull=True).values_list("key", "title_params"),
        key=lambda row: row[0],
    )


def test_a_stalking_series_runs_from_its_last_act_on_every_incident(series, case):
    analysis = selectors.case_analysis(case, today=DAY)
    found = [(f.incident, f.article, f.need, f.deadline, f.status, f.series) for f in analysis.deadlines()]
    assert found == [(n, "285b", Need.REQUIRED, SERIES_DATE, "open", True) for n in (1, 2, 3)]
    assert columns(case) == [SERIES_DATE] * 3
    assert [analysis.required_deadline(n) for n in (1, 2, 3)] == [SERIES_DATE] * 3
    assert analysis.nearest().deadline == SERIES_DATE


def test_the_columns_follow_each_new_incident_of_the_series(advisor, case):
    record(advisor, case, FIRST)
    assert columns(case) == [date(2026, 9, 1)]
    record(advisor, case, SECOND)
    assert columns(case) == [date(2026, 12, 15)] * 2
    record(advisor, case, LAST)
    assert columns(case) == [SERIES_DATE] * 3


def test_the_stored_step_plans_and_views_carry_the_series_date(series, advisor, case):
    views = selectors.incidents_read(access=policy.access_case(advisor, case.reference))
    for view in views:
        assert view.complaint_deadline == SERIES_DATE
        assert [(f.article, f.deadline) for f in view.deadlines] == [("285b", SERIES_DATE)]
        assert view.assessment["offences"][0]["complaintDeadline"] == SERIES_DATE.isoformat()
    # what was stored when the first incident was recorded still says its own date then (it keeps its version)
    stored = incident_plan_stored(Incident.objects.get(case=case, number=1))
    assert stored["result"]["offences"][0]["complaintDeadline"] == "2026-09-01"
    assert stored["facts"]["inSeries"] is True


def test_the_deadline_todos_of_a_series_are_one_per_incident_with_the_series_date(series, case):
    ten_days_before = datetime(2027, 2, 15, 10, 0, tzinfo=AMSTERDAM)
    complaint_deadline_todos(now=ten_days_before)
    todos = open_todos(case)
    assert [params for _key, params in todos] == [
        {"date": "25-2-2027", "incident": n, "articles": "285b"} for n in (1, 2, 3)
    ]
    assert complaint_deadline_todos(now=ten_days_before) == {"created": 0, "notified": 0, "closed": 0}


def test_splitting_an_incident_off_gives_it_its_own_date_and_closes_its_todo(series, advisor, case):
    ten_days_before = datetime(2027, 2, 15, 10, 0, tzinfo=AMSTERDAM)
    complaint_deadline_todos(now=ten_days_before)
    services.incident_series_set(actor=advisor, reference=case.reference, number=3, in_series=False)
    assert columns(case) == [date(2026, 12, 15), date(2026, 12, 15), SERIES_DATE]
    analysis = selectors.case_analysis(case, today=DAY)
    assert [(f.incident, f.deadline, f.series) for f in analysis.deadlines()] == [
        (1, date(2026, 12, 15), True),
        (2, date(2026, 12, 15), True),
        (3, SERIES_DATE, False),
    ]
    # The to-dos of incidents 1 and 2 no longer apply (their series now ends on 15 December): closed.
    complaint_deadline_todos(now=ten_days_before)
    assert [params["incident"] for _key, params in open_todos(case)] == [3]
    audit = AuditEntry.objects.filter(action="incident.series_split").get()
    assert audit.details == {"incident": 3}
    # and back: one series again
    services.incident_series_set(actor=advisor, reference=case.reference, number=3, in_series=True)
    assert columns(case) == [SERIES_DATE] * 3
    assert AuditEntry.objects.filter(action="incident.series_joined").count() == 1


def test_splitting_twice_changes_and_audits_nothing_more(series, advisor, case):
    for _ in range(2):
        services.incident_series_set(actor=advisor, reference=case.reference, number=1, in_series=False)
    assert AuditEntry.objects.filter(action="incident.series_split").count() == 1


def test_only_an_incident_with_stalking_belongs_to_a_series(advisor, case):
    record(advisor, case, FIRST, acts=["insult"])
    with pytest.raises(InvalidInput) as raised:
        services.incident_series_set(actor=advisor, reference=case.reference, number=1, in_series=False)
    assert raised.value.invalid_params[0]["name"] == "inSeries"


def test_the_office_holder_cannot_split_the_series(series, case):
    with pytest.raises(Forbidden):
        services.incident_series_set(
            actor=OfficeHolder(case.pk, case.reference), reference=case.reference, number=1, in_series=False
        )
    assert Incident.objects.filter(in_series=False).count() == 0


def test_a_precautionary_date_gets_a_todo_labelled_as_such(advisor, case):
    learned = DAY - timedelta(days=80)
    record(advisor, case, learned, acts=["insult"], relatedToOffice=True)
    analysis = selectors.case_analysis(case, today=DAY)
    assert [(f.article, f.need) for f in analysis.for_incident(1)] == [("266", Need.PRECAUTIONARY), ("267", Need.NONE)]
    assert columns(case) == [None]  # no klacht is required: the column holds required dates only
    deadline = analysis.precautionary_deadline(1)
    complaint_deadline_todos(now=datetime.combine(deadline - timedelta(days=5), datetime.min.time(), AMSTERDAM))
    todo = Todo.objects.get(case=case)
    assert todo.key.endswith(":precautionary")
    assert todo.title.startswith("Voor de zekerheid")
    assert todo.title_params["articles"] == "266"


def test_a_partner_insulted_over_a_decision_must_complain_personally(advisor, case):
    """Art. 267 Sr protects only the office holder: the partner's klacht is required (art. 269), no aggravation."""
    record(advisor, case, DAY - timedelta(days=10), acts=["insult"], relatedToOffice=True, victim="partner")
    analysis = selectors.case_analysis(case, today=DAY)
    assert [(f.article, f.need) for f in analysis.for_incident(1)] == [("266", Need.REQUIRED)]
    assert columns(case) == [complaint_deadline(DAY - timedelta(days=10))]


def test_an_aangifte_takes_the_incident_out_of_the_outstanding_dates(series, advisor, case):
    report = validate_police_report({"kind": "complaint", "reportedOn": "2026-12-01"})
    services.police_report_save(actor=advisor, reference=case.reference, number=2, data=report)
    analysis = selectors.case_analysis(case, today=DAY)
    assert analysis.complained == frozenset({2})
    assert [f.incident for f in analysis.outstanding()] == [1, 3]


@pytest.mark.parametrize(
    ("today", "status"),
    [(SERIES_DATE - timedelta(days=1), "open"), (SERIES_DATE, "today"), (SERIES_DATE + timedelta(days=1), "expired")],
)
def test_the_status_is_measured_against_today(series, case, today, status):
    analysis = selectors.case_analysis(case, today=today)
    assert {f.status for f in analysis.deadlines()} == {status}
    assert (analysis.nearest() is None) is (status == "expired")


def test_the_case_assessment_is_the_engines_plan_over_the_same_facts(series, case):
    plan = selectors.case_assessment(case, "nl", today=DAY)
    assert {(o.incident, o.article, o.complaint_deadline) for o in plan.offences} == {
        (n, "285b", SERIES_DATE) for n in (1, 2, 3)
    }


def test_the_migration_adds_the_facts_with_their_defaults():
    call_command("makemigrations", "incidents", "--check", "--dry-run", verbosity=0)
    state = MigrationExecutor(connection).loader.project_state(("incidents", "0003_incident_facts"))
    fields = state.models["incidents", "incident"].fields
    assert fields["victim"].default == "office_holder"
    assert fields["in_series"].default is True
    assert (fields["demand"].default, fields["serious_injury"].default) == (False, False)
    assert [fields[name].null for name in ("last_learned_on", "threatened", "perpetrators")] == [True] * 3
