"""Re-seal incidents, damage items, evidence details and police reports with associated data that names their own
record type, id and field.

Until now they were sealed under the case's key with associated data that named only the case and a field
(``case:<reference>|incident``), the same for every row: on a copy of the database two rows' ciphertexts could be
swapped unnoticed. ``core.sealing.SealedPart`` seals them with ``case:<reference>|<type>:<id>|<field>`` now
(evidence also binds its original's SHA-256 and its previews' storage names, which tie it to its files); this migration opens every value
with the old associated data and seals it with the new one, under the same data key (``core.resealing``: the rules
for values that do not open and keys that are gone). Reversible: backwards re-seals with the old associated data.
The old associated data lives only here.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from weerbaar.core.resealing import fixed_aad, part_aad, reseal_under_cases

EVIDENCE_FILES = ("sha256", "preview_storage_name", "blurred_storage_name")

# (model, path to the case, sealed fields, old associated data, new associated data) after "case:<reference>|"
RESEAL_PARTS = [
    (
        "incidents.Incident",
        "case",
        ("sealed_details",),
        fixed_aad({"sealed_details": "incident"}),
        part_aad("incident"),
    ),
    (
        "incidents.DamageItem",
        "case",
        ("sealed_description",),
        fixed_aad({"sealed_description": "damage"}),
        part_aad("damage_item"),
    ),
    (
        "incidents.Evidence",
        "case",
        ("sealed_details",),
        fixed_aad({"sealed_details": "evidence"}),
        part_aad("evidence", EVIDENCE_FILES),
    ),
    (
        "incidents.PoliceReport",
        "incident__case",
        ("sealed_details",),
        fixed_aad({"sealed_details": "police_report"}),
        part_aad("police_report"),
    ),
]


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for label, case_path, fields, old, new in RESEAL_PARTS:
        reseal_under_cases(apps, label, case_path=case_path, fields=fields, source=old, target=new)


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for label, case_path, fields, old, new in RESEAL_PARTS:
        reseal_under_cases(apps, label, case_path=case_path, fields=fields, source=new, target=old)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
