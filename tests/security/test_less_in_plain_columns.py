"""Less in plain columns (issue 12, point 6): what a copy of the database says without any key.

A police report's kind, date, VPT code, address protection, prosecution decision and art. 12 status are sealed
under the case's key; the migration that moved them there is tested down and up through Django's executor with a
report written by the old schema.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.factories import UserFactory, incident_payload, make_case
from weerbaar.accounts import policy
from weerbaar.accounts.models import Role
from weerbaar.cases.models import Case
from weerbaar.core.models import AuditEntry
from weerbaar.directory.models import Association
from weerbaar.incidents import selectors, services
from weerbaar.incidents.models import PoliceReport
from weerbaar.incidents.validation import validate_incident, validate_police_report

REPORT_COLUMNS = {
    "kind",
    "reported_on",
    "vpt_code",
    "address_protection",
    "prosecution_decision",
    "decision_on",
    "article12",
}


def _columns(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, table)}


def _advisor():
    return UserFactory(username="advisor_plain", role=Role.ADVISOR, association=Association.objects.get(code="nvvr"))


@pytest.mark.django_db
def test_a_police_report_has_no_plain_column_that_says_what_was_reported(reference_data):
    advisor = _advisor()
    case, _ = make_case(state="claimed", advisor=advisor)
    services.incident_record(actor=advisor, reference=case.reference, data=validate_incident(incident_payload()))
    # Three days back: never the date of the row's own timestamps (stored in UTC, so just after midnight in
    # Amsterdam they carry yesterday's date — a report of yesterday then looked like a plain column).
    reported_on = timezone.localdate() - timedelta(days=3)
    services.police_report_save(
        actor=advisor,
        reference=case.reference,
        number=1,
        data=validate_police_report(
            {
                "kind": "complaint",
                "reportedOn": reported_on.isoformat(),
                "vptCode": "yes",
                "addressProtection": "town_hall",
            }
        ),
    )
    assert not (_columns("incidents_policereport") & REPORT_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM incidents_policereport")
        row = " ".join(str(value) for value in cursor.fetchone())
    for plain in ("complaint", "town_hall", reported_on.isoformat()):
        assert plain not in row
    saved = AuditEntry.objects.get(action="incident.police_report_saved")
    assert "complaint" not in str(saved.details)
    # what the pages, the API and the dossier show comes from the sealed details
    case = Case.objects.get(pk=case.pk)
    access = policy.access_case(advisor, case.reference)
    view = selectors.incidents_read(access=access)[0].police_report
    assert (view.kind, view.reported_on, view.vpt_code, view.address_protection) == (
        "complaint",
        reported_on,
        "yes",
        "town_hall",
    )
    assert 1 in selectors.case_analysis(case).complained  # an aangifte was made: its deadlines are met


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_the_report_columns_into_the_sealed_details_and_back(reference_data):
    advisor = _advisor()
    case, _ = make_case(state="claimed", advisor=advisor)
    services.incident_record(actor=advisor, reference=case.reference, data=validate_incident(incident_payload()))
    incident = case.incidents.get()  # loaded while its table has today's columns: the sealing below reads its case
    incident_id = incident.pk
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate([("incidents", "0003_incident_facts")])
        old = MigrationExecutor(connection).loader.project_state(("incidents", "0003_incident_facts")).apps
        OldReport = old.get_model("incidents", "PoliceReport")
        report = OldReport.objects.create(
            incident_id=incident_id,
            kind="registration",
            reported_on=date(2026, 11, 2),
            vpt_code="no",
            address_protection="under_number",
            prosecution_decision="dismissed",
            decision_on=date(2026, 11, 30),
            article12="considering",
            updated_by="advisor",
            updated_at=timezone.now(),
        )
        # the old code sealed only the written parts
        live = PoliceReport(pk=report.pk, incident=incident)
        live.seal("sealed_details", {"policeUnit": "Oost", "policeReference": "PL-1", "notes": ""})
        OldReport.objects.filter(pk=report.pk).update(sealed_details=live.sealed_details)

        executor = MigrationExecutor(connection)
        executor.migrate(latest)
        assert not (_columns("incidents_policereport") & REPORT_COLUMNS)
        details = PoliceReport.objects.get(pk=report.pk).open("sealed_details")
        assert details == {
            "kind": "registration",
            "reportedOn": "2026-11-02",
            "vptCode": "no",
            "addressProtection": "under_number",
            "prosecutionDecision": "dismissed",
            "decisionOn": "2026-11-30",
            "article12": "considering",
            "policeUnit": "Oost",
            "policeReference": "PL-1",
            "notes": "",
        }

        executor = MigrationExecutor(connection)
        executor.migrate([("incidents", "0003_incident_facts")])
        back = MigrationExecutor(connection).loader.project_state(("incidents", "0003_incident_facts")).apps
        restored = back.get_model("incidents", "PoliceReport").objects.get(pk=report.pk)
        assert (restored.kind, restored.reported_on, restored.prosecution_decision, restored.article12) == (
            "registration",
            date(2026, 11, 2),
            "dismissed",
            "considering",
        )
        assert PoliceReport(pk=report.pk, incident=incident, sealed_details=restored.sealed_details).open(
            "sealed_details"
        ) == {"policeUnit": "Oost", "policeReference": "PL-1", "notes": ""}
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
