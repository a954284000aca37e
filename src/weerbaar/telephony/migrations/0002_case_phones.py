"""Fill the keyed hash of every existing case's contact number (CasePhone), so earlier callers are matched too."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from weerbaar.telephony.services import case_phones_backfill

    case_phones_backfill(apps.get_model("cases", "Case"), apps.get_model("telephony", "CasePhone"))


class Migration(migrations.Migration):
    dependencies = [
        ("telephony", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
