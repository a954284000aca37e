"""The standard advice texts became the advice app's (``advice.0001``): guidance forgets them, in the state only.

The tables (``guidance_advicetext``, ``guidance_advicetextversion``) stay where they are, with their rows.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0001_initial"),
        ("advice", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="AdviceTextVersion"),
                migrations.DeleteModel(name="AdviceText"),
            ],
        ),
    ]
