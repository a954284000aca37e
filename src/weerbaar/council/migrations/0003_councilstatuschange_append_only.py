"""The database refuses changing (and on PostgreSQL deleting) council history rows (``core.history``)."""

from django.db import migrations

from weerbaar.core.history import AppendOnly


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0002_cancellation_reason"),
    ]

    operations = [
        AppendOnly("CouncilStatusChange"),
    ]
