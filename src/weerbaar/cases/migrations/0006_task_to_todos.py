"""Cases' ``Task`` became the to-dos app's ``Todo`` (``todos.0001``): cases forgets it, in the state only.

The table ``cases_task`` stays where it is, with its rows and indexes.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_statuschange_append_only"),
        ("todos", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="Task")],
        ),
    ]
