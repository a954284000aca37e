import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0009_municipality_column_removed"),
        ("destruction", "0002_destroyedreference"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContactErasure",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("erased_at", models.DateTimeField()),
                ("erased_by", models.CharField(max_length=150)),
                (
                    "case",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE, related_name="contact_erasure", to="cases.case"
                    ),
                ),
            ],
        ),
    ]
