from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("rights", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="erasurerequest",
            name="extended_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="erasurerequest",
            name="sealed_extension_reason",
            field=models.BinaryField(blank=True, null=True),
        ),
    ]
