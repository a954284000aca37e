"""Seal a case's municipality with its request (issue 12, point 6).

Role + municipality identifies a burgemeester (one per municipality), and a wethouder nearly so: a copy of the
database without any key said who asked for help. Nothing needs the municipality in a plain column: routing goes
by role (the association), and the province, stored for every case, is what statistics count. The municipality's
CBS code and name move into the case's sealed request (``{"municipalityCode", "municipality"}`` beside name,
contact details and description, same associated data ``case:<reference>|request``); a case with a municipality
but no province gets its province first. Then the column goes (0009).

Reversible: backwards puts the column back and fills it from the sealed code (a code no longer in the directory
stays empty). Needs the key-encryption keys of every case (``core.resealing.rewrite_json_under_cases`` refuses
rather than lose a value).
"""

from typing import Any

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from weerbaar.core.resealing import fixed_aad, rewrite_json_under_cases

AAD = fixed_aad({"sealed_request": "request"})


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    municipalities = {
        m.pk: (m.code, m.name, m.province_id) for m in apps.get_model("directory", "Municipality").objects.all()
    }

    def seal_it(row: Any, value: dict[str, Any]) -> None:
        if row.municipality_id is None:
            return
        code, name, province_id = municipalities[row.municipality_id]
        value.update({"municipalityCode": code, "municipality": name})
        if row.province_id is None:
            row.province_id = province_id

    rewrite_json_under_cases(
        apps, "cases.Case", case_path="pk", field="sealed_request", aad=AAD, change=seal_it, columns=("province",)
    )


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    by_code = dict(apps.get_model("directory", "Municipality").objects.values_list("code", "pk"))

    def unseal_it(row: Any, value: dict[str, Any]) -> None:
        code = value.pop("municipalityCode", None)
        value.pop("municipality", None)
        row.municipality_id = by_code.get(code) if code else None

    rewrite_json_under_cases(
        apps, "cases.Case", case_path="pk", field="sealed_request", aad=AAD, change=unseal_it, columns=("municipality",)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0007_queue_covering_indexes"),
        ("directory", "0002_partner"),
    ]

    # The column is removed in a migration of its own (0009): PostgreSQL refuses to alter a table in the
    # transaction that has just updated its rows ("pending trigger events").
    operations = [migrations.RunPython(forwards, backwards)]
