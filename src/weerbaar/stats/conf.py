"""The disclosure policy from configuration: ``WEERBAAR_STATS_THRESHOLD`` (default 10, never below 5).

Rounding (5) and the minimum denominator of a percentage (50) are fixed: nobody needs them smaller.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from weerbaar.stats.disclosure import Policy, PolicyError


def configured_policy() -> Policy:
    threshold = getattr(settings, "STATS_THRESHOLD", 10)
    try:
        return Policy(threshold=threshold)
    except PolicyError as error:
        raise ImproperlyConfigured(f"WEERBAAR_STATS_THRESHOLD: {error} (got {threshold!r})") from error
