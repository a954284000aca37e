"""What is left of a destroyed case: a tombstone of plain metadata, never content.

A ``DestroyedCase`` keeps what statistics and accountability need after the case, its data key and everything
sealed under it are gone (``services.case_destroy``): the reference (so it is never issued again and a question
about it can be answered "destroyed on …"), the year, the office holder's role, the association and province,
how it ended, the dates, who destroyed it and why, and who approved. The audit entries of the case stay where
they are (they hold references and ids, never content).

When the metadata period of the retention policy has passed (``retention``'s daily job), the tombstone itself
goes (``services.tombstone_erase_metadata``) and a ``DestroyedReference`` keeps only the reference and the moment
the metadata was erased: what it takes to never issue the reference again (docs/decisions/0008-destruction.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from weerbaar.cases.choices import CloseReason, OfficeRole, Outcome


class DestroyedCase(models.Model):
    reference = models.CharField(max_length=16, unique=True)
    year = models.PositiveSmallIntegerField(help_text="The year the case was opened.")
    role = models.CharField(max_length=20, choices=OfficeRole.choices)
    association = models.ForeignKey("directory.Association", on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey(
        "directory.Province", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    close_reason = models.CharField(max_length=20, choices=CloseReason.choices, blank=True)
    # Dates only: the moment of opening or closing is not needed once the case is gone.
    created_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    destroyed_at = models.DateTimeField()
    # "system:retention", "system:backup.restore" or a staff member's user name
    destroyed_by = models.CharField(max_length=150)
    reason = models.CharField(max_length=500, help_text="Why it was destroyed (a ground, never case content).")
    approved_by = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        ordering = ["-destroyed_at", "-id"]
        indexes = [models.Index(fields=["year", "association"], name="destroyed_case_year")]

    def __str__(self) -> str:
        return f"{self.reference} (destroyed)"


class DestroyedReference(models.Model):
    """A destroyed case whose metadata period has passed: only its reference stays, so it is never issued again.

    The reference is random (``core.references``: no year, no order), so alone it says nothing about the case.
    """

    reference = models.CharField(max_length=16, unique=True)
    metadata_erased_at = models.DateTimeField()

    class Meta:
        ordering = ["-metadata_erased_at", "-id"]

    def __str__(self) -> str:
        return f"{self.reference} (destroyed, metadata erased)"


class ContactErasure(models.Model):
    """A case whose contact details were erased before its content (``services.case_contact_erase``): the
    retention policy keeps contact details for a shorter period than the content. The moment and who erased
    them; the case itself (and this row with it) goes when its content period ends."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="contact_erasure")
    erased_at = models.DateTimeField()
    # "system:retention" (the daily job) or a staff member's user name
    erased_by = models.CharField(max_length=150)

    def __str__(self) -> str:
        return f"contact details of case {self.case_id} erased"
