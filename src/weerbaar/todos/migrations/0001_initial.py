"""Cases' ``Task`` becomes the to-dos app's ``Todo``: in the migration state only.

The table keeps its name (``cases_task``) and its indexes theirs, so no row moves; ``cases.0006`` drops ``Task``
from cases' state after this migration made it a ``Todo`` here. No other app's model points at it. The content
type follows (with its permissions) where it exists already.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def _relabel(apps: StateApps, old: tuple[str, str], new: tuple[str, str]) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label=new[0], model=new[1]).exists():
        content_type.objects.filter(app_label=old[0], model=old[1]).update(app_label=new[0], model=new[1])


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _relabel(apps, ("cases", "task"), ("todos", "todo"))


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _relabel(apps, ("todos", "todo"), ("cases", "task"))


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("cases", "0003_tasks"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Todo",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("key", models.CharField(blank=True, max_length=200, null=True, unique=True)),
                        ("kind", models.CharField(max_length=40)),
                        ("title", models.CharField(blank=True, max_length=200)),
                        ("title_params", models.JSONField(blank=True, default=dict)),
                        ("sealed_text", models.BinaryField(blank=True, null=True)),
                        ("for_coordinators", models.BooleanField(default=False)),
                        ("due_at", models.DateTimeField()),
                        ("link", models.CharField(blank=True, max_length=300)),
                        ("created_at", models.DateTimeField()),
                        ("done_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "assignee",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="todos",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "case",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="todos",
                                to="cases.case",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "done_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "cases_task",
                        "ordering": ["due_at", "id"],
                        "indexes": [
                            models.Index(fields=["assignee", "done_at", "due_at"], name="cases_task_assigne_c0b39a_idx"),
                            models.Index(
                                fields=["for_coordinators", "done_at", "due_at"], name="cases_task_for_coo_2e5efa_idx"
                            ),
                            models.Index(fields=["case", "done_at"], name="cases_task_case_id_8ab80e_idx"),
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards, elidable=True),
    ]
