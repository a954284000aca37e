"""The advice texts left guidance in the migration state only: rows written before the move are the same rows
after it (same tables, same ids, same values), and the content types follow.

The test migrates the database back to before the move (advice "to zero"), writes rows through the historical
models of that moment, migrates forward again and reads them through today's models.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from weerbaar.advice.models import AdviceText, AdviceTextVersion

pytestmark = pytest.mark.django_db(transaction=True)

MOMENT = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _migrate(targets: list[tuple[str, str | None]]):
    """Migrate to ``targets``; the historical models of the state the database is in then."""
    MigrationExecutor(connection).migrate(targets)
    return MigrationExecutor(connection)._create_project_state(with_applied_migrations=True).apps


def _forward() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_advice_texts_written_before_the_move_are_the_same_rows_after_it():
    content_type = ContentType.objects.get_for_model(AdviceText).pk
    old = _migrate([("advice", None)])
    text_model = old.get_model("guidance", "AdviceText")
    version_model = old.get_model("guidance", "AdviceTextVersion")
    text = text_model.objects.create(
        topic="press",
        title="Pers aan de deur",
        language="nl",
        body="Zeg niets.",
        position=3,
        created_at=MOMENT,
        updated_at=MOMENT,
        version=2,
    )
    for number in (1, 2):
        version_model.objects.create(
            text=text,
            number=number,
            topic="press",
            title="Pers aan de deur",
            language="nl",
            body="Zeg niets.",
            active=True,
            updated_at=MOMENT,
        )

    _forward()

    moved = AdviceText.objects.get(pk=text.pk)
    assert (moved.topic, moved.title, moved.body, moved.position, moved.version) == (
        "press",
        "Pers aan de deur",
        "Zeg niets.",
        3,
        2,
    )
    assert list(moved.versions.values_list("number", flat=True)) == [2, 1]
    assert AdviceTextVersion.objects.count() == 2
    assert ContentType.objects.get(pk=content_type).natural_key() == ("advice", "advicetext")
