"""Demo data for development, walked over the apps: each app adds its own fictional records.

Only for a developer's machine (``weerbaar seed --demo``, refused unless ``WEERBAAR_DEBUG=1``). The kernel
knows no demo record itself: every app registers a ``DemoBuilder`` in its ``AppConfig.ready()`` (``register``)
and ``demo_data_load`` runs them in order of position, in one transaction, so a later builder may use what an
earlier one made (the demo staff work the demo cases). When any builder finds its demo data already present,
nothing is added. The printed summary is every builder's lines in the same order, between a first line that
says whether anything was loaded and a last line that it is for development only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from weerbaar.core.registry import Registry


@dataclass
class DemoRun:
    """One ``demo_data_load``: what every builder gets."""

    now: datetime
    seed: int  # builders derive their own reproducible random generators from it
    cases: int | None = None  # how many fictional cases (None: the cases app's default)
    created: bool = True  # False when the demo data was present already and nothing was added
    notes: dict[str, Any] = field(default_factory=dict)  # what a builder's load leaves for its summary


@dataclass(frozen=True)
class DemoBuilder:
    name: str
    position: int  # builders load, and their summary lines appear, in this order
    load: Callable[[DemoRun], None] | None = None
    present: Callable[[], bool] | None = None  # whether this app's demo data was loaded before
    summary: Callable[[DemoRun], list[str]] | None = None  # lines for the printed summary


_registry: Registry[DemoBuilder] = Registry("demo builder")


def register(*builders: DemoBuilder) -> None:
    _registry.register(*builders)


def demo_builders() -> list[DemoBuilder]:
    return list(_registry)


def demo_data_load(*, cases: int | None = None, seed: int = 2026) -> str:
    """Add every app's demo data, once; return a summary to print."""
    if not settings.DEBUG:
        raise RuntimeError("Demo data is only for development (WEERBAAR_DEBUG=1).")
    run = DemoRun(now=timezone.now(), seed=seed, cases=cases)
    builders = demo_builders()
    if any(builder.present is not None and builder.present() for builder in builders):
        run.created = False
    else:
        with transaction.atomic():
            for builder in builders:
                if builder.load is not None:
                    builder.load(run)
    lines = ["Demo data " + ("loaded" if run.created else "already present; nothing added") + "."]
    for builder in builders:
        if builder.summary is not None:
            lines += builder.summary(run)
    lines.append("Development only: never load demo data into a production database.")
    return "\n".join(lines)
