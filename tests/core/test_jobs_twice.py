"""Every registered job, run twice in a row, changes nothing the second time (issue 4: idempotent jobs).

One world gives every job work to do: an unclaimed case past its deadline and past the red flag, a case in
aftercare whose first check-in is due, a referral sent and left unanswered, an incident with evidence, and
the notifications and e-mails those produce. Each job runs at the same moment twice; the second run must
leave every row of every table of ours, the audit log and the outbox of sent mail exactly as the first left
them. New jobs are covered automatically: the test walks ``jobs.JOBS``.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.apps import apps
from django.core import mail
from django.utils import timezone

from tests.directory_partners.factories import PartnerFactory
from tests.factories import UserFactory, incident_payload, make_case, minimal_pdf
from tests.network.factories import partner_with_user, referral_in
from weerbaar.accounts.models import Role
from weerbaar.core import jobs

pytestmark = pytest.mark.django_db

# Every app whose tables a job could write to.
OUR_APPS = {
    "accounts",
    "directory",
    "cases",
    "intake",
    "guidance",
    "advice",
    "incidents",
    "notifications",
    "network",
    "aftercare",
    "council",
    "telephony",
    "core",
    "sessions",
}
NOT_COMPARED = {("core", "jobrun")}  # the scheduler's bookkeeping, not written by a job's run


# The evidence check is an event of its own: every run adds one audit entry (the chain-of-custody record
# that the originals were checked at that moment) and changes nothing else.
RECORDS_EACH_RUN = {"verify_evidence": "evidence.verified"}


def _assert_only_its_audit_entry_was_added(before: dict, after: dict, action: str) -> None:
    assert set(changed_tables(before, after)) <= {"core.AuditEntry", "core.AuditHead"}
    from weerbaar.core.models import AuditEntry

    new = after["core.AuditEntry"][len(before["core.AuditEntry"]) :]
    assert after["core.AuditEntry"][: len(before["core.AuditEntry"])] == before["core.AuditEntry"]
    assert [AuditEntry.objects.get(pk=row[0]).action for row in new] == [action]


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table of ours, as plain tuples ordered by primary key, plus the sent mail."""
    state: dict[str, list[tuple]] = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in OUR_APPS or (meta.app_label, meta.model_name) in NOT_COMPARED:
            continue
        fields = [f.attname for f in meta.concrete_fields]
        rows = model._default_manager.order_by("pk").values_list(*fields)
        state[meta.label] = [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in rows]
    state["mail.outbox"] = [(m.subject, m.body, tuple(m.to)) for m in mail.outbox]
    return state


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(label for label in after if before.get(label) != after[label])


@pytest.fixture
def world(reference_data):
    from weerbaar.incidents import services as incident_services
    from weerbaar.incidents.validation import validate_incident

    advisor = UserFactory(username="j-advisor", role=Role.ADVISOR, email="advisor@example.org")
    UserFactory(username="j-coordinator", role=Role.COORDINATOR, email="coordinator@example.org")
    make_case(overdue=True)  # unclaimed past its deadline: escalated, and later flagged red

    aftercare_case, _code = make_case(state="aftercare", advisor=advisor)

    worked_case, _code = make_case(state="claimed", advisor=advisor)
    incident_services.incident_record(
        actor=advisor, reference=worked_case.reference, data=validate_incident(incident_payload())
    )
    pdf = minimal_pdf()
    incident_services.evidence_add(
        actor=advisor,
        reference=worked_case.reference,
        upload=incident_services.Upload("brief.pdf", pdf, len(pdf)),
        incident_number=1,
    )
    partner, partner_user = partner_with_user("j-partner")
    PartnerFactory()
    referral_in("sent", advisor, worked_case, partner, partner_user=partner_user)
    return {"advisor": advisor, "aftercare_case": aftercare_case}


def test_every_job_twice_in_a_row_changes_nothing_the_second_time(world):
    # Ten days on: the one-week check-in is due, the referral's two working days have passed, the case is red.
    now = timezone.now() + timedelta(days=10)
    start = snapshot()
    did_work = set()
    for name, job in jobs.JOBS.items():
        before = snapshot()
        job.run(now)
        after_first = snapshot()
        if changed_tables(before, after_first):
            did_work.add(name)
        job.run(now)
        after_second = snapshot()
        if name in RECORDS_EACH_RUN:
            _assert_only_its_audit_entry_was_added(after_first, after_second, RECORDS_EACH_RUN[name])
            continue
        assert changed_tables(after_first, after_second) == [], name

    # Not vacuous: the world gave these jobs something to do, and they did it the first time.
    assert {
        "escalate_overdue",
        "flag_red",
        "aftercare_checkins",
        "referral_responses_overdue",
        "task_reminders",
    } <= did_work
    assert changed_tables(start, snapshot())


def test_rounds_of_all_jobs_settle_and_then_change_nothing(world):
    """All jobs in a row, again and again: one job's notifications are mailed by another, one job's tasks
    get reminders from another, so a round can leave work for the next (check-in → task → reminder → mail
    is three hops); within four rounds everything is done, and a further round changes nothing and sends
    nothing."""
    now = timezone.now() + timedelta(days=10)
    previous = snapshot()
    for _round in range(4):
        for job in jobs.JOBS.values():
            job.run(now)
        current = snapshot()
        if set(changed_tables(previous, current)) <= {"core.AuditEntry", "core.AuditHead"}:
            break
        previous = current
    else:
        pytest.fail("four rounds of all jobs still left work for a fifth")
    sent = len(mail.outbox)
    assert sent > 0
    for name, job in jobs.JOBS.items():
        before = snapshot()
        job.run(now)
        if name in RECORDS_EACH_RUN:
            _assert_only_its_audit_entry_was_added(before, snapshot(), RECORDS_EACH_RUN[name])
        else:
            assert changed_tables(before, snapshot()) == [], name
    assert len(mail.outbox) == sent
