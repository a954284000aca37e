"""How busy each partner is, for the partner list and page.

The referrals live in ``network``, an app above ``directory`` (which imports no app of case work): ``network``
registers the count of each partner's open referrals here in its ``AppConfig.ready()``. Without a registered
counter the pages show no load.
"""

from __future__ import annotations

from collections.abc import Callable

#: partner ids -> {partner id: open referrals}; partners without any may be absent.
Counter = Callable[[list[int]], dict[int, int]]

_counters: dict[str, Counter] = {}


def register(name: str, counter: Counter) -> None:
    """Add a counter under ``name`` (registering the same name again replaces it: a second ``ready()``)."""
    _counters[name] = counter


def open_load(partner_ids: list[int]) -> dict[int, int] | None:
    """Each partner's open referrals (0 when none), or None when no app counts them."""
    if not _counters:
        return None
    totals = dict.fromkeys(partner_ids, 0)
    for counter in _counters.values():
        for partner_id, n in counter(partner_ids).items():
            if partner_id in totals:
                totals[partner_id] += n
    return totals
