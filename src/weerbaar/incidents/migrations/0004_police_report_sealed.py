"""Seal everything about a police report (issue 12, point 6): its kind (aangifte or melding), the date, the VPT
code, address protection, the prosecution decision and its date and the art. 12 status were plain columns, so a
copy of the database without any key said who went to the police and what came of it. They move into the report's
sealed details (``{"kind", "reportedOn", "vptCode", "addressProtection", "prosecutionDecision", "decisionOn",
"article12"}`` beside ``policeUnit``, ``policeReference`` and ``notes``), under the case's key, with the same
associated data as before; then the columns go.

Reversible: backwards puts the columns back and fills them from the sealed details (and takes the keys out again).
Needs the key-encryption keys of every case with a police report (``core.resealing.rewrite_json_under_cases``
refuses rather than lose a value).
"""

from datetime import date
from typing import Any

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from weerbaar.core.resealing import part_aad, rewrite_json_under_cases

# column -> (key in the sealed details, is a date, the column's default)
MOVED = {
    "kind": ("kind", False, "none"),
    "reported_on": ("reportedOn", True, None),
    "vpt_code": ("vptCode", False, "unknown"),
    "address_protection": ("addressProtection", False, "unknown"),
    "prosecution_decision": ("prosecutionDecision", False, "unknown"),
    "decision_on": ("decisionOn", True, None),
    "article12": ("article12", False, "none"),
}


def _into_details(row: Any, value: dict[str, Any]) -> None:
    for column, (key, is_date, _default) in MOVED.items():
        plain = getattr(row, column)
        value[key] = plain.isoformat() if is_date and plain else plain


def _out_of_details(row: Any, value: dict[str, Any]) -> None:
    for column, (key, is_date, default) in MOVED.items():
        stored = value.pop(key, None)
        if is_date:
            setattr(row, column, date.fromisoformat(stored) if stored else None)
        else:
            setattr(row, column, stored or default)


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    rewrite_json_under_cases(
        apps,
        "incidents.PoliceReport",
        case_path="incident__case",
        field="sealed_details",
        aad=part_aad("police_report"),
        change=_into_details,
    )


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    rewrite_json_under_cases(
        apps,
        "incidents.PoliceReport",
        case_path="incident__case",
        field="sealed_details",
        aad=part_aad("police_report"),
        change=_out_of_details,
        columns=tuple(MOVED),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0003_incident_facts"),
        ("cases", "0006_task_to_todos"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="policereport", name="address_protection"),
        migrations.RemoveField(model_name="policereport", name="article12"),
        migrations.RemoveField(model_name="policereport", name="decision_on"),
        migrations.RemoveField(model_name="policereport", name="kind"),
        migrations.RemoveField(model_name="policereport", name="prosecution_decision"),
        migrations.RemoveField(model_name="policereport", name="reported_on"),
        migrations.RemoveField(model_name="policereport", name="vpt_code"),
    ]
