"""The database part of a backup: a consistent copy out, an exact copy back in.

SQLite: the online backup API (``sqlite3.Connection.backup``) copies the live database page by page into a file,
consistent even while the application writes. PostgreSQL: ``pg_dump`` in its custom format, taken inside a
read-only repeatable-read transaction whose snapshot is exported to ``pg_dump --snapshot``, so the counts in the
manifest describe exactly the dumped data; ``pg_restore --clean --if-exists --single-transaction`` brings it back
(tables, sequences, the append-only triggers), all or nothing. Both keep every byte of every sealed column.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import connection
from django.db.models import Model

SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"


class DatabaseToolError(Exception):
    pass


@dataclass(frozen=True)
class Dumped:
    """What the manifest says of a dump: its counts, and the key-encryption key ids its data keys are wrapped under."""

    counts: dict[str, int]
    key_ids: list[str]


def member_name() -> str:
    return SQLITE_MEMBER if connection.vendor == "sqlite" else POSTGRES_MEMBER


def our_models() -> list[type[Model]]:
    """Every concrete model of Weerbaar's own apps (their tables decide whether a database is empty)."""
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("weerbaar.") and model._meta.managed and not model._meta.proxy
    ]


def counted_tables() -> dict[str, str]:
    """What the manifest counts: name → table."""
    from weerbaar.cases.models import Case
    from weerbaar.core.models import AuditEntry
    from weerbaar.incidents.models import Evidence

    return {
        "cases": Case._meta.db_table,
        "evidence": Evidence._meta.db_table,
        "auditEntries": AuditEntry._meta.db_table,
    }


def _count(cursor: Any, quote: Callable[[str], str]) -> dict[str, int]:
    counts = {}
    for name, table in counted_tables().items():
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - a table name of our own models
        counts[name] = int(cursor.fetchone()[0])
    return counts


def _key_ids(cursor: Any, quote: Callable[[str], str]) -> list[str]:
    """Every key-encryption key id a wrapped data key in the database uses (every SealedRecord's table)."""
    from weerbaar.core.sealing import sealed_records

    found: set[str] = set()
    for model in sealed_records():
        column = quote(model._meta.get_field("key_id").column)
        cursor.execute(f"SELECT DISTINCT {column} FROM {quote(model._meta.db_table)}")  # noqa: S608 - our own names
        found.update(str(row[0]) for row in cursor.fetchall() if row[0])
    return sorted(found)


def non_empty_tables() -> list[str]:
    """Tables of ours that hold rows (the target of a restore must have none; migrations alone leave none)."""
    existing = set(connection.introspection.table_names())
    return sorted(
        model._meta.db_table
        for model in our_models()
        if model._meta.db_table in existing and model._base_manager.using(connection.alias).exists()
    )


def dump(target: Path) -> Dumped:
    """Write a consistent copy of the database to ``target``; returns the manifest's counts and key ids of that copy."""
    if connection.vendor == "sqlite":
        return _sqlite_dump(target)
    if connection.vendor == "postgresql":
        return _postgres_dump(target)
    raise DatabaseToolError(f"backups support SQLite and PostgreSQL, not {connection.vendor}")


def _sqlite_dump(target: Path) -> Dumped:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        cursor = copy.cursor()
        return Dumped(_count(cursor, _sqlite_quote), _key_ids(cursor, _sqlite_quote))
    finally:
        copy.close()


def _sqlite_quote(name: str) -> str:
    return f'"{name}"'


def _pg_environment() -> dict[str, str]:
    settings_dict = connection.settings_dict
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    env["PGDATABASE"] = str(settings_dict["NAME"])
    return env


def _tool(name: str) -> str:
    found = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
    if not found:
        raise DatabaseToolError(f"{name} is not installed (PostgreSQL client tools, the server's major version)")
    return found


def _postgres_dump(target: Path) -> Dumped:
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.autocommit = False
        with raw.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _count(cursor, connection.ops.quote_name)
            key_ids = _key_ids(cursor, connection.ops.quote_name)
            result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
                [
                    _tool("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                ],
                env=_pg_environment(),
                capture_output=True,
                text=True,
                check=False,
            )
        raw.rollback()
    finally:
        raw.close()
    if result.returncode != 0:
        raise DatabaseToolError(f"pg_dump failed: {result.stderr.strip()[:500]}")
    return Dumped(counts, key_ids)


def load(source: Path) -> None:
    """Replace the (empty) target database with the copy in ``source``."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(source)
        try:
            copy.backup(connection.connection)
        finally:
            copy.close()
        return
    connection.close()  # pg_restore drops and recreates the tables: no open transaction of ours may hold them
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(source),
        ],
        env=_pg_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise DatabaseToolError(f"pg_restore failed: {result.stderr.strip()[:500]}")


def current_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        return _count(cursor, connection.ops.quote_name)
