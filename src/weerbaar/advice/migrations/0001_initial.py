"""The standard advice texts move here from guidance: in the migration state only.

Their tables keep guidance's names (``db_table``), so no row moves; ``guidance.0002`` drops them from guidance's
state after this migration made them advice's. The content types follow (their permissions with them) where
they exist already.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

MODELS = ["advicetext", "advicetextversion"]


def _relabel(apps: StateApps, old: str, new: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not content_type.objects.filter(app_label=new, model=model).exists():
            content_type.objects.filter(app_label=old, model=model).update(app_label=new)


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _relabel(apps, "guidance", "advice")


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _relabel(apps, "advice", "guidance")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("guidance", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="AdviceText",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        (
                            "topic",
                            models.CharField(
                                choices=[
                                    ("home_security", "Veiligheid thuis"),
                                    ("social_media", "Sociale media"),
                                    ("legal", "Juridische stappen"),
                                    ("family", "Gezin en naasten"),
                                    ("press", "Pers en media"),
                                    ("other", "Overig"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("title", models.CharField(max_length=200)),
                        (
                            "language",
                            models.CharField(choices=[("nl", "Nederlands"), ("en", "Engels")], default="nl", max_length=2),
                        ),
                        ("body", models.TextField()),
                        ("active", models.BooleanField(default=True)),
                        ("position", models.PositiveIntegerField(default=0)),
                        ("created_at", models.DateTimeField()),
                        ("updated_at", models.DateTimeField()),
                        ("version", models.PositiveIntegerField(default=1)),
                        (
                            "updated_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "guidance_advicetext",
                        "ordering": ["topic", "position", "title", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="AdviceTextVersion",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("number", models.PositiveIntegerField()),
                        (
                            "topic",
                            models.CharField(
                                choices=[
                                    ("home_security", "Veiligheid thuis"),
                                    ("social_media", "Sociale media"),
                                    ("legal", "Juridische stappen"),
                                    ("family", "Gezin en naasten"),
                                    ("press", "Pers en media"),
                                    ("other", "Overig"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("title", models.CharField(max_length=200)),
                        ("language", models.CharField(choices=[("nl", "Nederlands"), ("en", "Engels")], max_length=2)),
                        ("body", models.TextField()),
                        ("active", models.BooleanField()),
                        ("updated_at", models.DateTimeField()),
                        (
                            "text",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="versions", to="advice.advicetext"
                            ),
                        ),
                        (
                            "updated_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "guidance_advicetextversion",
                        "ordering": ["-number"],
                    },
                ),
                migrations.AddConstraint(
                    model_name="advicetext",
                    constraint=models.UniqueConstraint(fields=("language", "title"), name="guidance_advice_text_unique_title"),
                ),
                migrations.AddConstraint(
                    model_name="advicetextversion",
                    constraint=models.UniqueConstraint(fields=("text", "number"), name="guidance_advice_text_version_unique"),
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards, elidable=True),
    ]
