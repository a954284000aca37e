"""``core.lean.LeanRead``: the hot path's reads composed once, giving the same instances the ORM gives."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from weerbaar.core.lean import LeanRead
from weerbaar.core.models import AuditEntry
from weerbaar.directory.models import Municipality

pytestmark = pytest.mark.django_db

MUNICIPALITY = LeanRead(Municipality, where=["code"], related="province")
PENDING = LeanRead(AuditEntry, where=["sequence__isnull"], order_by=["id"], limit=3)


def _values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_a_municipality_and_its_province_as_the_orm_reads_them_in_one_statement(reference_data):
    expected = Municipality.objects.select_related("province").get(code="GM0344")
    with CaptureQueriesContext(connection) as queries:
        found = MUNICIPALITY.first("GM0344")
        assert found is not None
        province = found.province  # joined: no second statement
    assert len(queries.captured_queries) == 1
    assert _values(found) == _values(expected)
    assert _values(province) == _values(expected.province)
    assert not found._state.adding
    assert found._state.db == expected._state.db


def test_an_unknown_code_is_none_and_the_values_must_match_the_conditions(reference_data):
    assert MUNICIPALITY.first("GM9999") is None
    with pytest.raises(TypeError):
        MUNICIPALITY.first()


# PostgreSQL's jsonb refuses NUL in text; the audit never writes one (details are codes and counts).
text = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=12)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=10, deadline=None)
@given(details=st.dictionaries(text, json_values, max_size=4), micro=st.integers(0, 999_999))
def test_pending_audit_entries_come_back_exactly_as_stored(details, micro):
    """The seal hashes what it reads: the time to the microsecond and the JSON details must round-trip."""
    at = datetime(2026, 12, 7, 18, 30, 1, micro, tzinfo=UTC)
    AuditEntry.objects.filter(sequence__isnull=True).delete()
    made = [
        AuditEntry.objects.create(
            sequence=None, at=at, actor="system", action=f"test.{n}", details=details, previous_hash="", mac="m"
        )
        for n in range(4)
    ]
    found = PENDING.rows()
    expected = list(AuditEntry.objects.filter(sequence__isnull=True).order_by("id")[:3])
    assert [e.pk for e in found] == [e.pk for e in made[:3]]
    assert [_values(e) for e in found] == [_values(e) for e in expected]
    assert found[0].details == details
    assert found[0].at == at
