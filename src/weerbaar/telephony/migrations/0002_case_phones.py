"""Fill the keyed hash of every existing case's contact number (CasePhone), so earlier callers are matched too."""

from django.db import migrations


def forwards(apps, schema_editor):
    from weerbaar.telephony.services import case_phones_backfill

    case_phones_backfill(apps.get_model("cases", "Case"), apps.get_model("telephony", "CasePhone"))


class Migration(migrations.Migration):
    dependencies = [
        ("telephony", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
