"""The one shape of a registry: how an app plugs a capability into the kernel without the kernel importing it.

``core`` imports no app of ours (docs/decisions/0006). Where the kernel walks something every app may add to
(background jobs, reference data, demo data), it keeps a ``Registry``; each app fills it in its
``AppConfig.ready()``. An entry has a unique ``name`` and a ``position``: the registry is always walked in
order of position, so what the coordinators see and what runs first does not depend on the order of
``INSTALLED_APPS``. Registering the same entry again (a second ``ready()``) changes nothing; another entry
under a taken name or position is a programming error and fails at start-up.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, Protocol, TypeVar


class Entry(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def position(self) -> int: ...


E = TypeVar("E", bound=Entry)


class Registry(Generic[E]):
    """Entries by name, walked in order of position."""

    def __init__(self, what: str) -> None:
        self.what = what  # for error messages: "job", "demo builder"
        # By name, in order of position. The same dict object for the registry's life, so a module can hand it
        # out as a plain mapping (``core.jobs.JOBS``).
        self.entries: dict[str, E] = {}

    def register(self, *entries: E) -> None:
        for entry in entries:
            known = self.entries.get(entry.name)
            if known is not None and known != entry:
                raise ValueError(f"two different {self.what}s are registered as {entry.name!r}")
            taken = next((e for e in self.entries.values() if e.position == entry.position and e != entry), None)
            if taken is not None:
                raise ValueError(f"{self.what}s {taken.name!r} and {entry.name!r} share position {entry.position}")
            self.entries[entry.name] = entry
        ordered = sorted(self.entries.items(), key=lambda item: item[1].position)
        self.entries.clear()
        self.entries.update(ordered)

    def __iter__(self) -> Iterator[E]:
        return iter(list(self.entries.values()))

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, name: object) -> bool:
        return name in self.entries

    def get(self, name: str) -> E | None:
        return self.entries.get(name)

    def names(self) -> list[str]:
        return list(self.entries)
