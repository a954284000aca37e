"""Routing a help request to the association of the office holder's role (DESIGN.md, the seed page)."""

from __future__ import annotations

from weerbaar.cases.choices import OfficeRole

ROUTES: dict[str, str] = {
    OfficeRole.BURGEMEESTER: "ngb",
    OfficeRole.WETHOUDER: "wethoudersvereniging",
    OfficeRole.RAADSLID: "nvvr",
    OfficeRole.STATENLID: "statenlidnu",
}
FALLBACK = "bzk"  # the ministry's Netwerk Weerbaar Bestuur takes every other role


def association_code_for(role: str) -> str:
    return ROUTES.get(role, FALLBACK)
