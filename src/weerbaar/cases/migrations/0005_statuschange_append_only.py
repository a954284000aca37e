"""The database refuses changing (and on PostgreSQL deleting) status history rows (``core.history``)."""

from django.db import migrations

from weerbaar.core.history import AppendOnly


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_reseal_parts"),
    ]

    operations = [
        AppendOnly("StatusChange", resealable=("sealed_reason",)),
    ]
