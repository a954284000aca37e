"""Concurrent appends keep the audit chain linear (the head row is locked while appending; PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from weerbaar.core.audit import audit_record, audit_verify
from weerbaar.core.models import AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)

THREADS, WRITES = 4, 15


def test_concurrent_appends_keep_one_verifiable_chain():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need a server database")
    audit_record(actor=None, action="start")  # the head row exists before the race
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            barrier.wait(timeout=10)
            for i in range(WRITES):
                audit_record(actor=f"user:w{n}", action="case.content_read", object_type="case", object_id=str(i))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    result = audit_verify()
    assert result.ok, result
    assert result.checked == AuditEntry.objects.count() == 1 + THREADS * WRITES
