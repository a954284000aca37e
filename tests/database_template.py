"""The test database is migrated once per test run and copied to every pytest-xdist worker.

Creating a test database runs every migration: about 17 s of CPU on SQLite and more on PostgreSQL, once in each
worker process. Here the first worker to take a file lock creates its test database as pytest-django always does
(Django's ``setup_databases``: every migration, the post-migrate handlers) and leaves a copy of it behind; every
other worker starts from that copy instead of migrating again:

- SQLite (an in-memory test database per worker): the first worker writes its database to a file with SQLite's
  backup API; the others load that file into their own in-memory database, as Django's test runner does for its
  own parallel workers (``DatabaseCreation.setup_worker_connection``).
- PostgreSQL: the first worker copies its migrated database to a template database; the others create theirs
  with ``CREATE DATABASE ... TEMPLATE`` (as Django's ``_clone_test_db`` does). The first worker drops the
  template when it tears its own database down.

Without xdist, with ``--reuse-db`` or ``--no-migrations``, with another database engine or when a test asks for a
serialized rollback, pytest-django's own set-up runs unchanged.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from pathlib import Path

import pytest

__all__ = ["django_db_setup"]


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
    tmp_path_factory,
):
    """pytest-django's ``django_db_setup``, with the migrations run by one worker of the run only."""
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    verbosity = request.config.option.verbose
    if not django_db_use_migrations:
        _disable_migrations()
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    vendor = connections["default"].vendor
    copied = (
        os.environ.get("PYTEST_XDIST_WORKER")
        and aliases == {"default"}
        and not serialized_aliases
        and django_db_use_migrations
        and not django_db_keepdb
        and vendor in ("sqlite", "postgresql")
    )
    cleanup = None
    with django_db_blocker.unblock():
        if not copied:
            db_cfg = setup_databases(
                verbosity=verbosity,
                interactive=False,
                aliases=aliases,
                serialized_aliases=serialized_aliases,
                keepdb=django_db_keepdb and not django_db_createdb,
            )
        else:
            # A directory seen by every worker of this run and by no other run (a fixed --basetemp is reused).
            shared = tmp_path_factory.getbasetemp().parent / f"test-database-{request.config.workerinput['testrunuid']}"
            shared.mkdir(exist_ok=True)
            with open(shared / "test-database.lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                done = shared / "test-database.done"
                if done.exists():
                    db_cfg = _copy(vendor, done.read_text())
                else:
                    db_cfg = setup_databases(verbosity=verbosity, interactive=False, aliases=aliases)
                    template, cleanup = _leave_template(vendor, shared)
                    done.write_text(template)
    yield
    with django_db_blocker.unblock():
        try:
            if not django_db_keepdb:
                teardown_databases(db_cfg, verbosity=verbosity)
        finally:
            if cleanup is not None:
                cleanup()


def _leave_template(vendor: str, shared: Path):
    """Copy the worker's freshly migrated test database where the other workers find it: (its name, clean-up)."""
    from django.db import connections

    connection = connections["default"]
    if vendor == "sqlite":
        template = shared / "test-database.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(template)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return str(template), None
    name = f"{connection.settings_dict['NAME']}_template"
    connection.close()  # PostgreSQL copies a database only while no one else is connected to it
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
        cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(connection.settings_dict['NAME'])}")

    def drop() -> None:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")

    return name, drop


def _copy(vendor: str, template: str):
    """This worker's test database as a copy of ``template``; the configuration ``teardown_databases`` expects."""
    from django.conf import settings
    from django.db import connections

    connection = connections["default"]
    old_name = connection.settings_dict["NAME"]
    name = connection.creation._get_test_db_name()
    if vendor == "postgresql":
        quote = connection.ops.quote_name
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
            cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")
    else:
        connection.creation._create_test_db(verbosity=0, autoclobber=True)
    connection.close()
    settings.DATABASES["default"]["NAME"] = name
    connection.settings_dict["NAME"] = name
    connection.ensure_connection()
    if vendor == "sqlite":
        source = sqlite3.connect(template)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    return [(connection, old_name, True)]
