"""Seal an incident's channel and acts and its stored step plan (issue 12, point 6).

The channel (online, at home, a letter …) and the acts (threat, stalking, assault …) were plain columns, and so was
the stored assessment, which names the offences: a copy of the database without any key said what had happened to
whom. They move into two sealed json fields (added in 0005) under the case's key, with the associated data every part field
has (``case:<reference>|incident:<id>|facts`` and ``…|assessment``): ``sealed_facts`` = ``{"channel", "acts"}``
(opened on its own for the klacht computation, without the account) and ``sealed_assessment`` = the stored
assessment as it was. Then the columns go (0007). The plain facts the rules need beside them (victim, threat, demand,
group, injury, series) and the klacht date stay plain; the audit log's older entries of ``incident.recorded`` and
``incident.corrected`` keep the acts they named (the chain cannot be rewritten), new ones no longer name them.

Reversible: backwards puts the columns back and fills them from the sealed values (the sealed fields then go).
Needs the key-encryption keys of every case with an incident (``core.resealing.rewrite_json_under_cases`` refuses
rather than lose a value).
"""

from typing import Any

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from weerbaar.core.resealing import part_aad, rewrite_json_under_cases

AAD = part_aad("incident")


def _facts_in(row: Any, value: dict[str, Any]) -> None:
    value.clear()
    value.update({"channel": row.channel, "acts": list(row.acts or [])})


def _facts_out(row: Any, value: dict[str, Any]) -> None:
    row.channel = value.get("channel") or ""
    row.acts = list(value.get("acts") or [])


def _assessment_in(row: Any, value: dict[str, Any]) -> None:
    value.clear()
    value.update(row.assessment or {})


def _assessment_out(row: Any, value: dict[str, Any]) -> None:
    row.assessment = dict(value)


def _rewrite(apps: StateApps, field: str, change: Any, columns: tuple[str, ...] = ()) -> None:
    rewrite_json_under_cases(
        apps, "incidents.Incident", case_path="case", field=field, aad=AAD, change=change, columns=columns
    )


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _rewrite(apps, "sealed_facts", _facts_in)
    _rewrite(apps, "sealed_assessment", _assessment_in)


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _rewrite(apps, "sealed_facts", _facts_out, ("channel", "acts"))
    _rewrite(apps, "sealed_assessment", _assessment_out, ("assessment",))


class Migration(migrations.Migration):
    # The fields are added (0005) and the columns removed (0007) in migrations of their own: PostgreSQL refuses to
    # alter a table in the transaction that has just updated its rows ("pending trigger events").
    dependencies = [
        ("incidents", "0005_incident_sealed_facts_fields"),
        ("cases", "0007_queue_covering_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
