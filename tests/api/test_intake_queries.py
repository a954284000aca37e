"""The SQL cost of one help request (issue 12, point 9): a fixed number of statements, however many advisors
its association has and whether they want e-mail — intake is the public hot path, and every advisor used to
cost a savepoint, two reads and two inserts of their own. Everything is still written: the case, the
follow-up credential, the phone index, one notification per advisor, an e-mail for those who want it, and an
audit entry that ends up chained and verified."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests.factories import help_request_payload
from tests.notifications.factories import advisor
from weerbaar.core.audit import audit_verify
from weerbaar.core.models import AuditEntry
from weerbaar.notifications.models import EmailPreference, Notification, OutgoingMail

# Real commits: the notifications and the audit seal run after the commit, as in production (a test
# transaction that never commits would keep the first request's seal callback queued and skip the later ones).
pytestmark = pytest.mark.django_db(transaction=True)

# Rate limit 1, validation 2 (municipality, association), case 5 (reference neither destroyed nor in use,
# case, status change, audit entry), phone index 1, credential 1, audit seal 5 (head and lock, pending
# entries, chain them, the head, none left?), recipients 2 (on duty, advisors), notify 4, the mail task 1;
# plus BEGIN and COMMIT of its three transactions (request, seal, notify): 6, on SQLite and PostgreSQL alike.
MAX_STATEMENTS = 28


def _submit() -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = APIClient().post("/api/v1/help-requests", help_request_payload(), format="json")
    assert response.status_code == 201, response.content
    return response.json()["reference"], [q["sql"] for q in queries.captured_queries]


def test_one_help_request_costs_the_same_statements_for_one_advisor_or_eight(reference_data):
    advisor(username="first")  # nvvr, where a raadslid's request goes
    _submit()  # warm-up: content types and the like
    reference, one = _submit()
    assert Notification.objects.filter(key=f"case-new:{reference}").count() == 1

    people = [advisor(username=f"advisor{n}") for n in range(7)]
    EmailPreference.objects.create(user=people[0], group="cases", email=False)
    people[1].email = ""
    people[1].save(update_fields=["email"])
    reference, eight = _submit()

    assert len(eight) == len(one) <= MAX_STATEMENTS, "\n".join(eight)
    assert any("core_audithead" in sql for sql in eight)  # the seal is part of the request, and counted
    notified = set(
        Notification.objects.filter(key=f"case-new:{reference}", kind="case_new").values_list(
            "recipient__username", flat=True
        )
    )
    assert notified == {"first", *(p.username for p in people)}
    mailed = set(OutgoingMail.objects.filter(key=f"case-new:{reference}").values_list("recipient__username", flat=True))
    assert mailed == notified - {"advisor0", "advisor1"}  # e-mail about cases switched off; no address
    entry = AuditEntry.objects.get(action="case.created", object_id=reference)
    assert entry.sequence is not None
    assert entry.entry_hash
    assert audit_verify(use_checkpoints=False).ok


def test_notifying_twice_adds_nothing(reference_data):
    from weerbaar.notifications.services import notify

    people = [advisor(username=f"advisor{n}") for n in range(3)]
    assert notify(recipients=people[:2], kind="case_new", key="case-new:WB-TEST-0001", link="/werkruimte") == 2
    assert notify(recipients=people, kind="case_new", key="case-new:WB-TEST-0001", link="/werkruimte") == 1
    assert notify(recipients=people, kind="case_new", key="case-new:WB-TEST-0001", link="/werkruimte") == 0
    assert Notification.objects.filter(key="case-new:WB-TEST-0001").count() == 3
    assert OutgoingMail.objects.filter(key="case-new:WB-TEST-0001").count() == 3
