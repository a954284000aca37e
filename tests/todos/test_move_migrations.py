"""The to-dos left cases in the migration state only: rows written before the move are the same rows after
it (same table, same ids, same values), and the content type follows.

The test migrates the database back to before the move (todos "to zero"), writes rows through the historical
models of that moment, migrates forward again and reads them through today's models.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from weerbaar.todos.models import Todo

pytestmark = pytest.mark.django_db(transaction=True)

MOMENT = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _migrate(targets: list[tuple[str, str | None]]):
    """Migrate to ``targets``; the historical models of the state the database is in then."""
    MigrationExecutor(connection).migrate(targets)
    return MigrationExecutor(connection)._create_project_state(with_applied_migrations=True).apps


def _forward() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_todos_written_before_the_move_are_the_same_rows_after_it():
    content_type = ContentType.objects.get_for_model(Todo).pk
    old = _migrate([("todos", None)])
    task_model = old.get_model("cases", "Task")
    assert task_model._meta.db_table == "cases_task"
    assert ("todos", "todo") not in {(m._meta.app_label, m._meta.model_name) for m in old.get_models()}
    system = task_model.objects.create(
        key="case-escalated:WB-TEST",
        kind="case_escalated",
        title="Nieuwe zaak zonder reactie: wijs een adviseur toe",
        title_params={"n": 1},
        for_coordinators=True,
        due_at=MOMENT,
        link="/werkruimte/zaken/WB-TEST",
        created_at=MOMENT,
    )
    done = task_model.objects.create(
        kind="manual", sealed_text=b"\x01sealed", due_at=MOMENT, created_at=MOMENT, done_at=MOMENT
    )
    old_content_type = old.get_model("contenttypes", "ContentType")
    assert old_content_type.objects.get(pk=content_type).app_label == "cases"

    _forward()

    assert Todo.objects.count() == 2
    moved = Todo.objects.get(pk=system.pk)
    assert (moved.key, moved.kind, moved.title, moved.title_params) == (
        "case-escalated:WB-TEST",
        "case_escalated",
        "Nieuwe zaak zonder reactie: wijs een adviseur toe",
        {"n": 1},
    )
    assert (moved.for_coordinators, moved.due_at, moved.link, moved.done_at) == (
        True,
        MOMENT,
        "/werkruimte/zaken/WB-TEST",
        None,
    )
    manual = Todo.objects.get(pk=done.pk)
    assert bytes(manual.sealed_text) == b"\x01sealed"
    assert manual.done_at == MOMENT
    assert ContentType.objects.get(pk=content_type).natural_key() == ("todos", "todo")
