"""Synthetic cases for benchmarks and demonstrations, walked over the apps: ``weerbaar seed --synthetic N``.

Unlike the demo data (``core.demo``: some two hundred cases through the real services, one at a time), synthetic
data is made in bulk: N realistic cases with their incidents, police reports and support, inserted in batches so
that 100,000 cases take minutes. It is still sealed for real: every case gets its own data key (wrapped under the
key-encryption key) and every sealed column is sealed under it with the same associated data the services use, so
keys, backups, exports and the statistics work on it as on real cases. The distributions follow the published
figures of the Monitor Integriteit en Veiligheid 2024 (docs/public-figures.md).

The kernel knows no synthetic record itself: every app that adds some registers a ``SyntheticBuilder`` in its
``AppConfig.ready()`` (``register``). ``synthetic_load`` walks the builders once per batch in order of position:
the first (cases) fills ``run.batch`` with the batch's new cases, the later ones add their rows for those cases.
Each builder draws from its own random generator derived from the seed, so the same ``--seed`` and N give the same
plain columns and sealed content (the data keys, being keys, are always fresh).

Refused outside development unless forced: synthetic cases in a production database would be counted as real.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from weerbaar.core.audit import audit_record
from weerbaar.core.registry import Registry

BATCH = 2000  # cases per batch: bounded memory, few round trips


class SyntheticRefused(Exception):
    """Synthetic data asked for in production settings without ``force``."""


@dataclass
class SyntheticRun:
    """One ``synthetic_load``: what every builder gets."""

    count: int  # cases asked for
    seed: int
    now: datetime
    years: int = 3  # the cases came in over this many years before ``now``
    batch: list[Any] = field(default_factory=list)  # the current batch's new cases (set by the first builder)
    made: dict[str, int] = field(default_factory=dict)  # rows made per kind, for the summary
    notes: dict[str, Any] = field(default_factory=dict)  # what a builder keeps between batches
    _rngs: dict[str, random.Random] = field(default_factory=dict)

    def rng(self, name: str) -> random.Random:
        """The random generator of builder ``name``: one per run, derived from the seed only."""
        if name not in self._rngs:
            self._rngs[name] = random.Random(f"weerbaar-synthetic:{self.seed}:{name}")  # noqa: S311 - fictional
        return self._rngs[name]

    def add(self, kind: str, number: int) -> None:
        self.made[kind] = self.made.get(kind, 0) + number


@dataclass(frozen=True)
class SyntheticBuilder:
    name: str
    position: int  # builders run, per batch, in this order
    load: Callable[[SyntheticRun, int], None]  # (run, size of this batch)
    finish: Callable[[SyntheticRun], None] | None = None  # once, after the last batch


_registry: Registry[SyntheticBuilder] = Registry("synthetic builder")


def register(*builders: SyntheticBuilder) -> None:
    _registry.register(*builders)


def synthetic_builders() -> list[SyntheticBuilder]:
    return list(_registry)


def reserve_ids(model: type[Any], count: int) -> list[int]:
    """``count`` primary keys for rows of ``model`` that are sealed before they are inserted (a sealed part's
    associated data names its id): from the table's sequence on PostgreSQL, after the highest id ever given on
    SQLite (whose writers take turns; call it inside the batch's transaction)."""
    if count <= 0:
        return []
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, column, count]
            )
            return [row[0] for row in cursor.fetchall()]
        quoted = connection.ops.quote_name(table)
        cursor.execute(f"SELECT COALESCE(MAX({connection.ops.quote_name(column)}), 0) FROM {quoted}")  # noqa: S608
        highest = int(cursor.fetchone()[0])
        # AUTOINCREMENT never hands out an id again, also of a deleted row: neither do we.
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        highest = max(highest, int(row[0]) if row else 0)
    return list(range(highest + 1, highest + 1 + count))


def synthetic_load(
    count: int,
    *,
    seed: int = 2026,
    years: int = 3,
    now: datetime | None = None,
    force: bool = False,
    batch: int = BATCH,
) -> SyntheticRun:
    """Add ``count`` synthetic cases with everything the builders add to them; return the run (counts in
    ``run.made``). Each batch is its own transaction: an interrupted load leaves whole cases only."""
    if not settings.DEBUG and not force:
        raise SyntheticRefused(
            "Synthetic cases are only for development and benchmarks (WEERBAAR_DEBUG=1); they would be counted as "
            "real cases. Use --force only on a database that is not production."
        )
    if count < 0:
        raise ValueError("count must not be negative")
    run = SyntheticRun(count=count, seed=seed, now=now or timezone.now(), years=years)
    builders = synthetic_builders()
    done = 0
    while done < count:
        size = min(batch, count - done)
        with transaction.atomic():
            run.batch = []
            for builder in builders:
                builder.load(run, size)
        done += size
    run.batch = []
    with transaction.atomic():
        for builder in builders:
            if builder.finish is not None:
                builder.finish(run)
        audit_record(
            actor="system:seed",
            action="seed.synthetic",
            details={"seed": run.seed, "years": run.years, **dict(sorted(run.made.items()))},
        )
    # Fresh planner statistics after a bulk load, as autovacuum would give shortly after (bench/run.py).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return run
