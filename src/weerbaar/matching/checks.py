"""``weerbaar check``: with matching switched on, a missing matching key is an error (the process refuses)."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.db import DatabaseError


def matching_key_present(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from weerbaar.matching import tokens
    from weerbaar.matching.models import MatchingSwitch

    if tokens.keys() or not kwargs.get("databases"):
        return []  # asked without a database (``check`` without ``--database``): the job and entries refuse then
    try:
        enabled = MatchingSwitch.objects.filter(pk=1, enabled=True).exists()
    except DatabaseError:  # no table yet (before migrate)
        return []
    if not enabled:
        return []
    return [
        checks.Error(
            "Matching is switched on but WEERBAAR_MATCHING_KEYS is not set.",
            hint="Set WEERBAAR_MATCHING_KEYS (docs/matching.md) or run `weerbaar matching disable`.",
            id="weerbaar.matching.E001",
        )
    ]
