"""Re-seal household members and check-ins (question, answer, follow-up) with associated data that names their own
record type, id and field.

Until now they were sealed under the case's key with associated data that named only the case and a field
(``case:<reference>|checkin_answer``), the same for every row: on a copy of the database two rows' ciphertexts
could be swapped unnoticed. ``core.sealing.SealedPart`` seals them with ``case:<reference>|<type>:<id>|<field>``
now; this migration opens every value with the old associated data and seals it with the new one, under the same
data key (``core.resealing``: the rules for values that do not open and keys that are gone). Reversible: backwards
re-seals with the old associated data. The old associated data lives only here.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from weerbaar.core.resealing import fixed_aad, part_aad, reseal_under_cases

# (model, path to the case, sealed fields, old associated data, new associated data) after "case:<reference>|"
RESEAL_PARTS = [
    (
        "aftercare.HouseholdMember",
        "plan__case",
        ("sealed_name", "sealed_relation"),
        fixed_aad({"sealed_name": "household_name", "sealed_relation": "household_relation"}),
        part_aad("household_member"),
    ),
    (
        "aftercare.CheckIn",
        "plan__case",
        ("sealed_question", "sealed_answer", "sealed_follow_up"),
        fixed_aad(
            {
                "sealed_question": "checkin_question",
                "sealed_answer": "checkin_answer",
                "sealed_follow_up": "checkin_follow_up",
            }
        ),
        part_aad("check_in"),
    ),
]


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for label, case_path, fields, old, new in RESEAL_PARTS:
        reseal_under_cases(apps, label, case_path=case_path, fields=fields, source=old, target=new)


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for label, case_path, fields, old, new in RESEAL_PARTS:
        reseal_under_cases(apps, label, case_path=case_path, fields=fields, source=new, target=old)


class Migration(migrations.Migration):
    dependencies = [("aftercare", "0002_checkin_lapsed")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
