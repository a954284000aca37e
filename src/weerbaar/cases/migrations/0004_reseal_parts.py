"""Re-seal notes, messages, call summaries, status reasons and tasks' own texts with associated data that names their
own record type, id and field.

Until now they were sealed under the case's key with associated data that named only the case and a field
(``case:<reference>|message``), the same for every row: on a copy of the database two rows' ciphertexts could be
swapped unnoticed. ``core.sealing.SealedPart`` seals them with ``case:<reference>|<type>:<id>|<field>`` now (a
note, a message and a call also bind their ``author_id``, a message its ``sender`` too: a re-attributed row no longer
opens); this migration opens every value with
the old associated data and seals it with the new one, under the same data key (``core.resealing``: the rules for
values that do not open and keys that are gone). Reversible: backwards re-seals with the old associated data. The
old associated data lives only here.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from weerbaar.core.resealing import fixed_aad, part_aad, reseal_under_cases

# (model, path to the case, sealed fields, old associated data, new associated data) after "case:<reference>|"
RESEAL_PARTS = [
    ("cases.CaseNote", "case", ("sealed_text",), fixed_aad({"sealed_text": "note"}), part_aad("case_note", ("author_id",))),
    (
        "cases.CaseMessage",
        "case",
        ("sealed_text",),
        fixed_aad({"sealed_text": "message"}),
        part_aad("case_message", ("sender", "author_id")),
    ),
    ("cases.CaseCall", "case", ("sealed_summary",), fixed_aad({"sealed_summary": "call"}), part_aad("case_call", ("author_id",))),
    (
        "cases.StatusChange",
        "case",
        ("sealed_reason",),
        fixed_aad({"sealed_reason": "status_reason"}),
        part_aad("status_change"),
    ),
    ("cases.Task", "case", ("sealed_text",), fixed_aad({"sealed_text": "task_text"}), part_aad("task")),
]


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for label, case_path, fields, old, new in RESEAL_PARTS:
        reseal_under_cases(apps, label, case_path=case_path, fields=fields, source=old, target=new)


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for label, case_path, fields, old, new in RESEAL_PARTS:
        reseal_under_cases(apps, label, case_path=case_path, fields=fields, source=new, target=old)


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_tasks")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
