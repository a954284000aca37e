"""A caller's number is never stored in plain text: not in the caller log, the events, the audit log or anywhere."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests.factories import make_case
from tests.security.scenario import as_bytes
from tests.telephony.conftest import event_body, post_event
from weerbaar.telephony.models import Call

pytestmark = pytest.mark.django_db(transaction=True)

NUMBER = "+31 6 97531864"
FORMS = ["+31697531864", "0697531864", "697531864", "97531864", "06 97531864", "9753 1864", "97 53 18 64"]


def _scan() -> list[tuple[str, str]]:
    needles = {form.encode() for form in FORMS} | {form.encode("utf-16-le") for form in FORMS}
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - introspected names
            columns = [d[0] for d in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if any(needle in as_bytes(value) for needle in needles):
                        found.append((table, column))
    return found


def test_the_scan_finds_a_number_stored_on_purpose(provider, anna):
    post_event(provider, event_body(number=NUMBER))
    Call.objects.update(unknown_advisor="+31697531864")
    assert ("telephony_call", "unknown_advisor") in _scan()


def test_no_table_holds_the_callers_number_in_plain_text(provider, anna):
    make_case(phone="06 97531864")  # the case side: sealed request + keyed hash
    start = timezone.now() - timedelta(minutes=2)
    for offset, event in enumerate(["new_call", "answered", "hangup"]):
        assert (
            post_event(provider, event_body(event, number=NUMBER, at=start + timedelta(seconds=offset))).status_code
            == 202
        )
    post_event(provider, event_body("new_call", call_id="call-2", number="0697531864", advisor="nobody"))
    call = Call.objects.get(call_id="call-1")
    assert call.matched_case is not None
    assert call.caller_number() == "+31697531864"  # readable for the advisor, sealed at rest
    assert _scan() == []


def test_the_sealed_number_is_bound_to_its_call(provider, anna):
    from weerbaar.core.crypto import DecryptionError

    post_event(provider, event_body(call_id="call-a", number=NUMBER))
    post_event(provider, event_body(call_id="call-b", number="+31611111111"))
    a, b = Call.objects.get(call_id="call-a"), Call.objects.get(call_id="call-b")
    a.sealed_from = b.sealed_from
    with pytest.raises(DecryptionError):
        a.caller_number()
