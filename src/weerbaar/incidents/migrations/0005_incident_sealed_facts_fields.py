"""The sealed fields an incident's channel and acts and its stored step plan move into (0006 fills them, 0007
removes the plain columns): issue 12, point 6."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("incidents", "0004_police_report_sealed")]

    operations = [
        migrations.AddField(model_name="incident", name="sealed_facts", field=models.BinaryField(default=b"")),
        migrations.AddField(model_name="incident", name="sealed_assessment", field=models.BinaryField(default=b"")),
    ]
