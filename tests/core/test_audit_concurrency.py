"""Concurrent writers keep one gap-free, verifiable chain without waiting for each other's transactions (PostgreSQL)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections, transaction

from weerbaar.core.audit import audit_record, audit_verify
from weerbaar.core.models import AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)

THREADS, WRITES = 4, 15


class Writers:
    """Writers in threads of their own, each with its own database connection: what a writer raises is kept in
    ``errors`` (for the test to assert on) and its connections are closed when it ends."""

    def __init__(self) -> None:
        self.errors: list[BaseException] = []
        self.threads: list[threading.Thread] = []

    def start(self, body: Callable[..., None], *args: object) -> None:
        def run() -> None:
            try:
                body(*args)
            except BaseException as exc:
                self.errors.append(exc)
            finally:
                connections.close_all()

        thread = threading.Thread(target=run)
        self.threads.append(thread)
        thread.start()

    def race(self, body: Callable[[int], None], threads: int = THREADS) -> None:
        """``threads`` writers run ``body(n)`` from the same moment on; returns when all have ended."""
        barrier = threading.Barrier(threads)

        def racer(n: int) -> None:
            barrier.wait(timeout=10)
            body(n)

        for n in range(threads):
            self.start(racer, n)
        self.join(timeout=60)

    def join(self, timeout: float) -> None:
        for thread in self.threads:
            thread.join(timeout=timeout)


@pytest.fixture
def writers():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need a server database")
    started = Writers()
    yield started
    started.join(timeout=30)


def test_concurrent_appends_keep_one_verifiable_chain(writers):
    audit_record(actor=None, action="start")  # the head row exists before the race

    def writer(n: int) -> None:
        for i in range(WRITES):
            audit_record(actor=f"user:w{n}", action="case.content_read", object_type="case", object_id=str(i))

    writers.race(writer)
    errors = writers.errors
    assert not errors, errors
    result = audit_verify()
    assert result.ok, result
    assert result.checked == AuditEntry.objects.count() == 1 + THREADS * WRITES


def test_concurrent_transactions_leave_nothing_pending(writers):
    """Each writer audits inside its own transaction; whoever seals takes the others' entries after their commit."""

    def writer(n: int) -> None:
        for i in range(WRITES):
            with transaction.atomic():
                audit_record(actor=f"user:w{n}", action="case.note_added", object_type="case", object_id=str(i))
                audit_record(actor=f"user:w{n}", action="case.notes_read", object_type="case", object_id=str(i))

    writers.race(writer)
    errors = writers.errors
    assert not errors, errors
    # Sealed by the writers themselves (no verify, no job has run yet): no entry was left behind.
    assert not AuditEntry.objects.filter(sequence__isnull=True).exists()
    assert sorted(AuditEntry.objects.values_list("sequence", flat=True)) == list(range(1, 2 * THREADS * WRITES + 1))
    result = audit_verify()
    assert result.ok, result
    assert result.checked == 2 * THREADS * WRITES


def test_an_open_transaction_does_not_hold_up_other_writers(writers):
    """Issue 12 point 9: the chain is not locked for the rest of a writer's transaction, only while sealing."""
    audit_record(actor=None, action="start")
    inside, release = threading.Event(), threading.Event()

    def slow_writer() -> None:
        with transaction.atomic():
            audit_record(actor="user:slow", action="case.created", object_type="case", object_id="WB-SLOW")
            inside.set()
            release.wait(timeout=30)  # a long request: its change and its entry are not committed yet

    writers.start(slow_writer)
    try:
        assert inside.wait(timeout=10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '3s'")  # the old append waited here for the slow writer's commit
        with transaction.atomic():
            entry = audit_record(actor="user:quick", action="case.claimed", object_type="case", object_id="WB-QUICK")
        entry.refresh_from_db()
        assert entry.sequence == 2  # chained right after its commit, ahead of the uncommitted one
    finally:
        release.set()
        writers.join(timeout=30)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")
    errors = writers.errors
    assert not errors, errors
    slow = AuditEntry.objects.get(object_id="WB-SLOW")
    assert slow.sequence == 3
    assert audit_verify().ok
