"""What besides the sealed records needs a key-encryption key: asked before a key is retired.

``weerbaar keys retire KEY_ID`` refuses while anything still needs the key. The records in the database (every
``core.sealing.SealedRecord``) the command counts itself. An app that keeps something *outside* the live database
that can only be read with the keys (the backups app: the archives its job keeps) registers a ``KeyUser`` here in
its ``AppConfig.ready()``; the kernel imports no app (docs/decisions/0006).

A key user answers for one key id with a ``KeyUse``: ``needs`` names every thing that needs the key — or may need
it, when it cannot tell (an archive without its key note): retirement is refused on doubt — ``checked`` says in
one line what it looked at ("checked 7 kept backup(s) in /backups"), for the command's output, and ``advice``
what to do when it needs the key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from weerbaar.core.registry import Registry


@dataclass(frozen=True)
class KeyUse:
    checked: str
    needs: list[str] = field(default_factory=list)
    # what to do about the needs, shown with the refusal
    advice: str = ""


@dataclass(frozen=True)
class KeyUser:
    name: str
    position: int
    find: Callable[[str], KeyUse]


REGISTRY: Registry[KeyUser] = Registry("key user")


def register(*users: KeyUser) -> None:
    REGISTRY.register(*users)


def key_users() -> Iterator[KeyUser]:
    return iter(REGISTRY)
