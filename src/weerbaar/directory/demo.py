"""Demo data of the directory (registered in ``core.demo``): the reference data the demo needs, and fictional
network partners of every kind in several provinces (the demo partner account acts for the first).

Contact details use example.org and the reserved 0201 test numbers; nothing here is a real organisation.
"""

from __future__ import annotations

from typing import Any

from weerbaar.core.demo import DemoBuilder, DemoRun

# fmt: off
DEMO_PARTNERS: tuple[dict[str, Any], ...] = (
    {"name": "Gerda Vakgenoot (demo)", "kind": "peer", "provinces": ["PV26", "PV27"], "languages": ["nl", "en"],
     "capacity": 3, "organisation": "Oud-wethouder Utrecht"},
    {"name": "Hamid Ervaring (demo)", "kind": "experienced_peer", "provinces": ["PV28"], "languages": ["nl", "ar"],
     "capacity": 2, "organisation": "Oud-raadslid Rotterdam"},
    {"name": "Veilig Werk Beveiliging (demo)", "kind": "security", "nationwide": True, "languages": ["nl", "en"],
     "capacity": 10, "organisation": "Voorbeeld Beveiliging B.V."},
    {"name": "Juridisch Loket Noord (demo)", "kind": "legal_aid", "provinces": ["PV20", "PV21", "PV22"],
     "languages": ["nl", "fy"], "capacity": 8, "organisation": "Voorbeeld Advocaten"},
    {"name": "Praktijk Nazorg Oost (demo)", "kind": "aftercare", "provinces": ["PV23", "PV25"],
     "languages": ["nl", "de"], "capacity": 5, "organisation": "Voorbeeld Psychologen"},
    {"name": "Woningscan Zuid (demo)", "kind": "home_scan", "provinces": ["PV30", "PV31", "PV29"],
     "languages": ["nl"], "capacity": 4, "available": False, "organisation": "Voorbeeld Woningscan"},
    {"name": "Slachtofferhulp Landelijk (demo)", "kind": "victim_support", "nationwide": True,
     "languages": ["nl", "en", "tr", "pl"], "capacity": 20, "organisation": "Voorbeeld Slachtofferhulp"},
)
# fmt: on


def _reference_data(run: DemoRun) -> None:
    """Associations, provinces and municipalities, when ``weerbaar seed`` did not load them yet."""
    from weerbaar.directory.models import Association
    from weerbaar.directory.services import reference_data_load

    if not Association.objects.exists():
        reference_data_load()


def _partners_create(run: DemoRun) -> None:
    from weerbaar.accounts.demo import DEMO_PREFIX, demo_staff
    from weerbaar.directory.services import partner_create

    partners = []
    for index, spec in enumerate(DEMO_PARTNERS, start=1):
        raw = {
            "nationwide": False,
            "available": True,
            "contactName": spec["name"].replace(" (demo)", ""),
            "email": f"partner{index}@example.org",
            "phone": f"0201 00{index:02d} 00",
            **spec,
        }
        partners.append(partner_create(actor="demo", raw=raw))
    partner_user = demo_staff().get(f"{DEMO_PREFIX}partner")
    if partner_user is not None:
        partner_user.partner = partners[0]
        partner_user.save(update_fields=["partner"])


REFERENCE_DATA = DemoBuilder("reference data", 10, load=_reference_data)
PARTNERS = DemoBuilder("partners", 30, load=_partners_create)
