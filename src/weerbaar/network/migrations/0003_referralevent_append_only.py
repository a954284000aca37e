"""The database refuses changing (and on PostgreSQL deleting) referral history rows (``core.history``)."""

from django.db import migrations

from weerbaar.core.history import AppendOnly


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0002_reseal_parts"),
    ]

    operations = [
        AppendOnly("ReferralEvent"),
    ]
