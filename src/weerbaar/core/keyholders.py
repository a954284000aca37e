"""Other models that hold a wrapped data key of their own, for ``weerbaar keys rotate|check``.

Cases are the main holders and are handled by the command itself. Apps whose records carry their own
data key (``key_id`` + ``wrapped_key``, wrapped by the key-encryption keys) register here in their
``AppConfig.ready()``, so that rotation re-wraps them too and an old key-encryption key is never removed
while some record still needs it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class KeyHolder:
    label: str  # plural, for the command's output: "council request"
    model: str  # "app_label.ModelName"
    rewrap: Callable[[Any], bool]  # re-wrap under the newest KEK; True when it changed
    unwrap: Callable[[Any], bytes]  # the plain data key, or DecryptionError
    identifier: str = "reference"  # the field named in error messages


_HOLDERS: dict[str, KeyHolder] = {}


def register(holder: KeyHolder) -> None:
    _HOLDERS[holder.model] = holder


def key_holders() -> list[KeyHolder]:
    return list(_HOLDERS.values())
