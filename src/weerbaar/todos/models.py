"""The to-do: a due date for an advisor or for the coordinators' pool, on a case or on its own."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from weerbaar.cases.models import Case
from weerbaar.core.sealing import SealedPart


class Todo(SealedPart):
    """A to-do with a due date for an advisor or for the coordinators' pool.

    System to-dos (``created_by`` null) carry a unique ``key`` so a job that runs twice makes one to-do, and a
    fixed Dutch ``title`` msgid with ``title_params`` (numbers, dates, place names: never case content).
    Hand-made to-dos always belong to a case; their own text is sealed under that case's key.

    The table is still ``cases_task`` (the model was cases' ``Task`` once) and the pages and the API still say
    "taken" and "tasks"; in code a to-do is a ``Todo``, and a "job" is only ever a background job.
    """

    key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=200, blank=True)
    title_params = models.JSONField(default=dict, blank=True)
    sealed_text = models.BinaryField(null=True, blank=True)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="todos")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="todos"
    )
    for_coordinators = models.BooleanField(default=False)
    due_at = models.DateTimeField()
    link = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # The associated data of its sealed text names the part "task", as it did when this was cases' Task:
    # fixed, so the move changed no ciphertext (see ``core.sealing``).
    sealed_as = "task"
    sealed_fields = {"sealed_text": "text"}

    class Meta:
        db_table = "cases_task"
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["assignee", "done_at", "due_at"], name="cases_task_assigne_c0b39a_idx"),
            models.Index(fields=["for_coordinators", "done_at", "due_at"], name="cases_task_for_coo_2e5efa_idx"),
            models.Index(fields=["case", "done_at"], name="cases_task_case_id_8ab80e_idx"),
        ]

    def __str__(self) -> str:
        return self.key or f"task:{self.pk}"

    @property
    def is_system(self) -> bool:
        return self.created_by_id is None
