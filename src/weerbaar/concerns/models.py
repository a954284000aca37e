"""The concern note of a case: every save is a new version, never an edit.

Plain columns hold only the version number, who wrote it and when, the review date (for the to-do) and where
the confirmation stands. What the advisor judged (the items and their answers, the linked incidents, the level
and its reasons, the summary, the plan) is sealed under the case's own data key. The confirmation status being
plain says that a version is "hoog" while it waits or once confirmed, as the case's plain ``urgent`` flag says
that someone reported acute danger: the to-dos and the case page need it without opening the case.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from weerbaar.concerns.choices import Confirmation
from weerbaar.core.sealing import SealedPart


class ConcernNote(SealedPart):
    """One version of the case's concern note."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="concern_notes")
    version = models.PositiveIntegerField(help_text="1, 2, 3 … within the case.")
    # {"level", "levelReasons", "acuteDanger", "summary", "plan", "items": [{"code", "answer", "incidents": [n]}]}
    sealed_content = models.BinaryField()
    review_on = models.DateField()
    confirmation = models.CharField(max_length=20, choices=Confirmation.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    sealed_as = "concern_note"
    sealed_fields = {"sealed_content": "json"}
    # The version and its author never change: a version's content cannot be moved to another version or author.
    sealed_binds = ("version", "author_id")

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["case", "version"], name="concern_note_version_per_case")]

    def __str__(self) -> str:
        return f"{self.case_id}#concern-v{self.version}"
