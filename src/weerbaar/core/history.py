"""Append-only history rows, enforced by the ORM and by the database.

A workflow's history (a case's ``StatusChange``, a council request's ``CouncilStatusChange``, a referral's
``ReferralEvent``) is written once and never edited: it is what statistics, reopenings and disputes rely on.
Models derive from ``HistoryRow``, which refuses, with ``AppendOnlyError`` (an ``IntegrityError``):

- ``save()`` of a row that already exists, and ``QuerySet.update()``;
- ``delete()``, ``QuerySet.delete()`` and deleting the record the rows belong to (the cascade), except inside
  ``history_erasure()`` — the one deliberate path, for destroying a record with its history (a case:
  ``destruction.services.case_destroy``, docs/decisions/0008-destruction.md).

A migration adds ``AppendOnly(model)`` so the database refuses the same through any other door (raw SQL, a
shell, another program): on PostgreSQL a trigger refuses UPDATE and DELETE (DELETE only outside
``history_erasure()``, which sets a transaction-local flag); on SQLite (development and tests) a trigger refuses
UPDATE only, because Django empties SQLite tables with DELETE between transactional tests.

Only one kind of update is allowed, at both levels: re-sealing a sealed column (``RESEALABLE``), which replaces
the ciphertext of the same text when keys or associated data change; who, when, from and to never change.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ClassVar

from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.operations.base import Operation
from django.db.migrations.state import ProjectState
from django.db.models.signals import class_prepared, pre_delete

PG_SETTING = "weerbaar.history_erasure"
PG_FUNCTION = "weerbaar_history_append_only"

_erasing: ContextVar[bool] = ContextVar("weerbaar_history_erasure", default=False)


class AppendOnlyError(IntegrityError):
    """A history row was about to be changed or deleted."""


def _refuse_change(model: type[models.Model], fields: Iterable[str] | None) -> None:
    allowed: frozenset[str] = getattr(model, "RESEALABLE", frozenset())
    if fields is None or not set(fields) <= allowed:
        raise AppendOnlyError(f"{model._meta.label} is append-only: rows cannot be changed")


def _refuse_delete(model: type[models.Model]) -> None:
    if not _erasing.get():
        raise AppendOnlyError(f"{model._meta.label} is append-only: rows cannot be deleted")


@contextmanager
def history_erasure() -> Iterator[None]:
    """Allow deleting history rows (with the record they belong to) for the duration of the block.

    Only for destroying a record with its history (``destruction.services.case_destroy``); it runs in one
    transaction, and the permission ends with the block."""
    with transaction.atomic():
        token = _erasing.set(True)
        postgres = connection.vendor == "postgresql"
        try:
            if postgres:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config(%s, 'on', true)", [PG_SETTING])
            yield
        finally:
            _erasing.reset(token)
            if postgres and not connection.needs_rollback:
                try:
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT set_config(%s, '', true)", [PG_SETTING])
                except DatabaseError:  # the transaction failed; its rollback drops the flag anyway
                    pass


class HistoryQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        _refuse_change(self.model, kwargs)
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        _refuse_delete(self.model)
        return super().delete()


class HistoryRow(models.Model):
    """Base of every workflow history model: rows are appended, never changed or deleted."""

    #: Sealed columns that may be re-sealed (the same text under a new key or associated data), nothing else.
    RESEALABLE: ClassVar[frozenset[str]] = frozenset()

    objects = HistoryQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding:
            kwargs["force_insert"] = True  # a new row with an existing id must not overwrite that row
        else:
            _refuse_change(type(self), kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        _refuse_delete(type(self))
        return super().delete(*args, **kwargs)


def _on_pre_delete(sender: type[models.Model], **kwargs: Any) -> None:
    _refuse_delete(sender)  # reached when the record the rows belong to is deleted (the cascade)


def _on_class_prepared(sender: type[models.Model], **kwargs: Any) -> None:
    if issubclass(sender, HistoryRow) and not sender._meta.abstract:
        # Per model, so Django still fast-deletes every other model's cascades.
        pre_delete.connect(_on_pre_delete, sender=sender, dispatch_uid=f"append-only:{sender._meta.label}")


class_prepared.connect(_on_class_prepared, dispatch_uid="append-only")


# --- the database's half: a migration operation -------------------------------------------------------------

_PG_FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF coalesce(current_setting('{PG_SETTING}', true), '') = 'on' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION '% is append-only: rows cannot be deleted', TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END IF;
    -- Every column but the re-sealable ones (the trigger's arguments) must stay as it was.
    IF (to_jsonb(NEW) - coalesce(TG_ARGV, '{{}}'::text[]))
            IS DISTINCT FROM (to_jsonb(OLD) - coalesce(TG_ARGV, '{{}}'::text[])) THEN
        RAISE EXCEPTION '% is append-only: rows cannot be changed', TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END
$$;
"""
# The function goes with the last trigger that uses it.
_PG_DROP_FUNCTION_SQL = """
DO $$ BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid WHERE p.proname = 'weerbaar_history_append_only'
    ) THEN
        DROP FUNCTION IF EXISTS weerbaar_history_append_only();
    END IF;
END $$
"""


class AppendOnly(Operation):
    """Database triggers that refuse changing (and, on PostgreSQL, deleting) the rows of a history model.

    On SQLite the trigger names the columns as they are at this migration; a later migration that makes SQLite
    rebuild the table (most field alterations) drops the trigger, so it must add ``AppendOnly`` again
    (``tests/core/test_history.py`` checks every history table has its trigger)."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name: str, resealable: tuple[str, ...] = ()) -> None:
        self.model_name = model_name
        self.resealable = tuple(resealable)

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return self.__class__.__qualname__, [self.model_name], {"resealable": self.resealable}

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        pass

    def describe(self) -> str:
        return f"Refuse changing and deleting rows of {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name.lower()}_append_only"

    def database_forwards(
        self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        model = to_state.apps.get_model(app_label, self.model_name)
        for sql in self.create_sql(model, schema_editor.connection.vendor):
            schema_editor.execute(sql, params=None)

    def database_backwards(
        self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        model = from_state.apps.get_model(app_label, self.model_name)
        for sql in self.drop_sql(model, schema_editor.connection.vendor):
            schema_editor.execute(sql, params=None)

    @staticmethod
    def trigger_name(model: type[models.Model]) -> str:
        return f"{model._meta.db_table}_append_only"

    def create_sql(self, model: type[models.Model], vendor: str) -> list[str]:
        table, trigger = model._meta.db_table, self.trigger_name(model)
        if vendor == "postgresql":
            arguments = ", ".join(f"'{column}'" for column in self.resealable)
            return [
                _PG_FUNCTION_SQL,
                f'CREATE TRIGGER "{trigger}" BEFORE UPDATE OR DELETE ON "{table}" '
                f"FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}({arguments})",
            ]
        if vendor == "sqlite":
            columns = [f.column for f in model._meta.concrete_fields if f.column not in self.resealable]
            changed = " OR ".join(f'OLD."{column}" IS NOT NEW."{column}"' for column in columns)
            return [
                f'CREATE TRIGGER "{trigger}" BEFORE UPDATE ON "{table}" WHEN {changed} '
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: rows cannot be changed'); END"
            ]
        return []  # another database: the ORM's refusal only

    def drop_sql(self, model: type[models.Model], vendor: str) -> list[str]:
        table, trigger = model._meta.db_table, self.trigger_name(model)
        if vendor == "postgresql":
            return [
                f'DROP TRIGGER IF EXISTS "{trigger}" ON "{table}"',
                _PG_DROP_FUNCTION_SQL,
            ]
        if vendor == "sqlite":
            return [f'DROP TRIGGER IF EXISTS "{trigger}"']
        return []


def append_only_triggers_present(model: type[models.Model]) -> bool:
    """Whether the database has the model's append-only trigger (for tests and ``weerbaar`` checks)."""
    name = AppendOnly.trigger_name(model)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_trigger WHERE tgname = %s AND NOT tgisinternal", [name])
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = %s", [name])
        else:
            return False
        return cursor.fetchone() is not None
