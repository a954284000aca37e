"""The plain columns of an incident's channel, acts and stored step plan go, now that 0006 sealed them (issue 12,
point 6). Backwards they come back empty (the channel with a default for existing rows) and 0006 fills them."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("incidents", "0006_incident_facts_sealed")]

    operations = [
        migrations.AlterField(model_name="incident", name="channel", field=models.CharField(max_length=20, default="")),
        migrations.RemoveField(model_name="incident", name="acts"),
        migrations.RemoveField(model_name="incident", name="assessment"),
        migrations.RemoveField(model_name="incident", name="channel"),
    ]
