"""Re-seal referrals (question, decline reason, report) and consents (the shared contact detail) with associated data
that names their own record type, id and field.

Until now they were sealed under the case's key with associated data that named only the case and a field
(``case:<reference>|referral:<id>:question``), the same for every row: on a copy of the database two rows'
ciphertexts could be swapped unnoticed. ``core.sealing.SealedPart`` seals them with
``case:<reference>|<type>:<id>|<field>`` now, a referral followed by ``|partner_id=<id>`` and a consent by
``|referral_id=<id>`` (the question cannot be handed to another partner, nor the contact detail moved to another
referral, unnoticed); this migration opens every value with the old associated data and
seals it with the new one, under the same data key (``core.resealing``: the rules for values that do not open and
keys that are gone). Reversible: backwards re-seals with the old associated data. The old associated data lives
only here.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from weerbaar.core.resealing import part_aad, reseal_under_cases

REFERRAL_NAMES = {"sealed_question": "question", "sealed_decline_reason": "decline", "sealed_report": "report"}

# (model, path to the case, sealed fields, old associated data, new associated data) after "case:<reference>|"
RESEAL_PARTS = [
    (
        "network.Referral",
        "case",
        ("sealed_question", "sealed_decline_reason", "sealed_report"),
        lambda row, name: f"referral:{row.pk}:{REFERRAL_NAMES[name]}",
        part_aad("referral", ("partner_id",)),
    ),
    (
        "network.Consent",
        "referral__case",
        ("sealed_contact",),
        lambda row, name: f"referral:{row.referral_id}:contact",
        part_aad("consent", ("referral_id",)),
    ),
]


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for label, case_path, fields, old, new in RESEAL_PARTS:
        reseal_under_cases(apps, label, case_path=case_path, fields=fields, source=old, target=new)


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for label, case_path, fields, old, new in RESEAL_PARTS:
        reseal_under_cases(apps, label, case_path=case_path, fields=fields, source=new, target=old)


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
