"""The public yearly overview (``/cijfers``): one release per year, drafted from the national tables with
disclosure control applied, approved by two different people and then frozen.

A release stores what it publishes (``tables``: every cell as published, a rounded count or suppressed) and, for
the check of next year's release, the cells of the linked table it was protected in. Once frozen nothing in it
changes: the public page and the PDF show the stored numbers, never a recomputation. No case content and no
exact count below the threshold is stored here — only what is, or may become, public.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReleaseStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    FROZEN = "frozen", _("Gepubliceerd")


class Release(models.Model):
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=ReleaseStatus.choices, default=ReleaseStatus.DRAFT)
    # {"version": 1, "policy": {...}, "tables": [{"code", "rows": [{"code", "year", "cumulative", "previous"}], ...}]}
    tables = models.JSONField()
    # The previous year's frozen release the draft was protected against (none for the first).
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField()
    first_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    first_approved_at = models.DateTimeField(null=True, blank=True)
    second_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    frozen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["year"], condition=models.Q(status="frozen"), name="release_one_frozen_per_year"
            ),
            models.UniqueConstraint(
                fields=["year"], condition=models.Q(status="draft"), name="release_one_draft_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | models.Q(frozen_at__isnull=False, second_approved_by__isnull=False),
                name="release_frozen_after_two_approvals",
            ),
        ]

    def __str__(self) -> str:
        return f"release {self.year} ({self.status})"

    @property
    def is_frozen(self) -> bool:
        return self.status == ReleaseStatus.FROZEN
