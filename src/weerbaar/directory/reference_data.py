"""Reference data: the five associations and their public contact directory (as on the
team's public page, shared/seed/), the 12 provinces and 342 municipalities (CBS, 1 January 2026)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
NATIONAL_PHONE = "070-3738314"  # weerbaarbestuur.nl; the seed page
MINISTRY_EMAIL = "politiekeambtsdragers@minbzk.nl"  # the seed page


@dataclass(frozen=True)
class AssociationData:
    code: str
    name: str
    short_name: str
    email: str
    contact_title: str
    contacts: tuple[str, ...]


ASSOCIATIONS: tuple[AssociationData, ...] = (
    AssociationData(
        "ngb", "Nederlands Genootschap van Burgemeesters", "NGB", "", "Adviseur", ("Joost Keemink", "Hilde Westera")
    ),
    AssociationData(
        "wethoudersvereniging",
        "Wethoudersvereniging",
        "Wethoudersvereniging",
        "",
        "Adviseur",
        ("Jeroen van Gool", "Vandana Jankipersadsing"),
    ),
    AssociationData(
        "nvvr",
        "Nederlandse Vereniging voor Raadsleden",
        "NVvR",
        "",
        "Adviseur",
        ("Henk Bouwmans", "Lisanne Spanbroek"),
    ),
    AssociationData(
        "statenlidnu", "StatenlidNu, vereniging voor Statenleden", "StatenlidNu", "", "Adviseur", ("Yvon van Loon",)
    ),
    AssociationData(
        "bzk",
        "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        "BZK",
        MINISTRY_EMAIL,
        "Adviseur Netwerk Weerbaar Bestuur",
        ("Anne Jet Plat", "Dion Coomans"),
    ),
)
