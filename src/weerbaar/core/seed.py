"""Reference data every installation needs, walked over the apps by ``weerbaar seed``.

The kernel knows no reference data itself: every app that has some registers a ``SeedStep`` in its
``AppConfig.ready()`` (``register``); ``seed`` runs them in order of position and prints the line each returns.
Every step is idempotent: running ``weerbaar seed`` again adds nothing that is there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from weerbaar.core.registry import Registry


@dataclass(frozen=True)
class SeedStep:
    name: str
    position: int
    load: Callable[[], str]  # loads what is missing; returns one line for the command's output


_registry: Registry[SeedStep] = Registry("seed step")


def register(*steps: SeedStep) -> None:
    _registry.register(*steps)


def seed_steps() -> list[SeedStep]:
    return list(_registry)
