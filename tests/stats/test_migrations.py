"""The stats app's schema is what its migrations make, and dropping the old per-month table can be undone."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

DROPPED = "stats_monthlycount"  # MonthlyCount: written nightly, read by nothing once the pre-counts came


def _tables() -> list[str]:
    return connection.introspection.table_names()


def test_the_models_need_no_new_migration():
    call_command("makemigrations", "stats", "--check", "--dry-run", verbosity=0)


def test_the_monthly_count_table_is_gone_and_migrating_back_brings_it_back():
    assert DROPPED not in _tables()
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([("stats", "0003_measure_counts")])
        assert DROPPED in _tables()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert DROPPED not in _tables()
    assert "stats_slicecount" in _tables()
