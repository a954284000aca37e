"""An incident's channel, acts and stored step plan are sealed (issue 12, point 6).

A copy of the database without any key no longer says what happened (acts), how (channel) or which offences the
step plan names; the audit log of a new or corrected incident names its number only. The one computation still
reads them (under the case's key), the hourly klacht-deadline job through ``policy.system_access``, and migration
``incidents/0005`` to ``0007`` (``0006_incident_facts_sealed``) moves existing rows both ways.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.factories import UserFactory, incident_payload, incident_plan_stored, make_case
from weerbaar.accounts import policy
from weerbaar.core.models import AuditEntry
from weerbaar.incidents import jobs, selectors, services
from weerbaar.incidents.models import Incident
from weerbaar.incidents.validation import validate_incident
from weerbaar.todos.models import Todo

BEFORE = ("incidents", "0004_police_report_sealed")
SEALED = ("incidents", "0007_incident_facts_plain_columns_removed")


@pytest.fixture
def advisor(reference_data):
    return UserFactory(username="adv_seal", role="advisor")


@pytest.fixture
def case(advisor):
    case, _code = make_case(state="claimed", advisor=advisor)
    return case


def record(advisor, case, **overrides):
    data = validate_incident(incident_payload(**overrides))
    return services.incident_record(actor=advisor, reference=case.reference, data=data)


def raw_row(pk: int) -> dict[str, object]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM incidents_incident WHERE id = %s", [pk])
        names = [c[0] for c in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))


@pytest.mark.django_db
def test_no_column_of_an_incident_holds_its_acts_channel_or_offences(advisor, case):
    incident = record(advisor, case, acts=["stalking", "doxing"], channel="at_home", relatedToOffice=True)
    row = raw_row(incident.pk)
    assert not {"acts", "channel", "assessment"} & set(row)
    dump = b" ".join(bytes(v) if isinstance(v, bytes | memoryview) else str(v).encode() for v in row.values())
    for word in (b"stalking", b"doxing", b"at_home", b"285b", b"Belaging"):
        assert word not in dump
    # ... and yet the case's key opens them, and the rules still see them
    opened = Incident.objects.get(pk=incident.pk).opened_facts()
    assert opened == {"channel": "at_home", "acts": ["stalking", "doxing"]}
    assert "285b" in [o["article"] for o in incident_plan_stored(incident)["result"]["offences"]]
    assert selectors.case_analysis(case).required_deadline(1) is not None


@pytest.mark.django_db
def test_the_audit_log_names_the_incident_not_its_acts(advisor, case):
    record(advisor, case, acts=["assault"])
    services.incident_update(
        actor=advisor, reference=case.reference, number=1, data=validate_incident(incident_payload(acts=["insult"]))
    )
    entries = AuditEntry.objects.filter(action__in=["incident.recorded", "incident.corrected"])
    assert [e.details for e in entries.order_by("id")] == [{"incident": 1}, {"incident": 1}]
    assert Incident.objects.get().opened_facts()["acts"] == ["insult"]


@pytest.mark.django_db
def test_the_deadline_job_opens_the_facts_with_its_own_system_grant(advisor, case, monkeypatch):
    learned = (timezone.localdate() - timedelta(days=85)).isoformat()
    record(advisor, case, acts=["insult"], relatedToOffice=False, occurredOn=learned, learnedOn=learned)
    # the job computes the column and the to-do again from the sealed acts
    Incident.objects.update(complaint_deadline=None)
    Todo.objects.filter(case=case).delete()
    purposes: list[str] = []
    granted = policy.system_access

    def spy(case, *, purpose):
        purposes.append(purpose)
        return granted(case, purpose=purpose)

    monkeypatch.setattr(policy, "system_access", spy)
    totals = jobs.complaint_deadline_todos()
    assert purposes == [jobs.COMPLAINT_DEADLINES]
    assert Incident.objects.get().complaint_deadline is not None  # art. 266 outside the office: 3 months
    assert totals["created"] == 1


@pytest.mark.django_db(transaction=True)
def test_the_migration_seals_existing_rows_and_backwards_restores_the_columns(reference_data):
    advisor = UserFactory(username="adv_mig_seal", role="advisor")
    case, _code = make_case(state="claimed", advisor=advisor)
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    plan = {"rulesVersion": "2024.1", "facts": {"acts": ["threat_other"]}, "result": {"offences": [{"article": "285"}]}}
    try:
        executor.migrate([BEFORE])
        old = MigrationExecutor(connection).loader.project_state([BEFORE]).apps.get_model("incidents", "Incident")
        now = timezone.now()
        day = timezone.localdate() - timedelta(days=3)
        row = old.objects.create(
            case_id=case.pk,
            number=1,
            occurred_on=day,
            learned_on=day,
            channel="letter",
            acts=["threat_other"],
            related_to_office=True,
            affected=["self"],
            sealed_details=b"",
            assessment=plan,
            recorded_by="advisor",
            created_at=now,
            updated_at=now,
        )
        MigrationExecutor(connection).migrate([SEALED])
        incident = Incident.objects.get(pk=row.pk)
        assert incident.opened_facts() == {"channel": "letter", "acts": ["threat_other"]}
        assert incident.open("sealed_assessment") == plan
        assert b"threat_other" not in bytes(incident.sealed_facts) + bytes(incident.sealed_assessment)

        MigrationExecutor(connection).migrate([BEFORE])
        back = raw_row(row.pk)
        assert back["channel"] == "letter"
        acts, assessment = back["acts"], back["assessment"]
        assert (json.loads(acts) if isinstance(acts, str) else acts) == ["threat_other"]
        assert (json.loads(assessment) if isinstance(assessment, str) else assessment) == plan
    finally:
        MigrationExecutor(connection).migrate(latest)
