"""Retention as data: how long a closed case is kept, legal holds, and destruction lists with two approvals.

Nothing here holds case content: rules are periods per outcome, holds name a case and a short reason that
must not repeat what the case is about, lists name cases by reference with the dates that made them due.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionRule(models.Model):
    """How many months after closing a case's contact details, content and metadata are kept.

    ``association`` empty: the rule for every association that has no rule of its own for that result.
    ``result`` is the case's outcome, or its close reason when it was closed without work (``retention.results``).
    """

    association = models.ForeignKey(
        "directory.Association", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    result = models.CharField(max_length=20)
    contact_months = models.PositiveSmallIntegerField()
    content_months = models.PositiveSmallIntegerField()
    metadata_months = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["association", "result"], name="retention_rule_once"),
            models.UniqueConstraint(
                fields=["result"], condition=models.Q(association__isnull=True), name="retention_default_rule_once"
            ),
        ]

    def __str__(self) -> str:
        return f"retention rule {self.result} ({self.association_id or 'default'})"


class LegalHold(models.Model):
    """A case that must not be destroyed (a court case, a complaint, an inquiry): it stops every deletion."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.CharField(_("reden"), max_length=200)
    until = models.DateField(_("tot en met"), null=True, blank=True)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField()
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["case", "lifted_at"], name="legal_hold_case")]

    def __str__(self) -> str:
        return f"legal hold {self.pk} on case {self.case_id}"


class ListStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    APPROVED = "approved", _("Goedgekeurd")
    APPLIED = "applied", _("Uitgevoerd")


class DestructionList(models.Model):
    """The cases of one association whose time has come, proposed by the daily job; destroyed after two approvals."""

    association = models.ForeignKey("directory.Association", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=ListStatus.choices, default=ListStatus.PROPOSED)
    proposed_at = models.DateTimeField()
    coordinator_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    coordinator_approved_at = models.DateTimeField(null=True, blank=True)
    privacy_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    privacy_approved_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(coordinator_approved_by__isnull=True)
                | models.Q(privacy_approved_by__isnull=True)
                | ~models.Q(coordinator_approved_by=models.F("privacy_approved_by")),
                name="destruction_list_two_people",
            )
        ]

    def __str__(self) -> str:
        return f"destruction list {self.pk}"


class ItemState(models.TextChoices):
    PENDING = "pending", _("Wacht")
    DESTROYED = "destroyed", _("Vernietigd")
    SKIPPED = "skipped", _("Overgeslagen")


class DestructionListItem(models.Model):
    """One case on a list: its reference and why it is due (the case row itself goes when it is destroyed)."""

    destruction_list = models.ForeignKey(DestructionList, on_delete=models.CASCADE, related_name="items")
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reference = models.CharField(max_length=16)
    result = models.CharField(max_length=20)
    closed_on = models.DateField()
    due_on = models.DateField()
    state = models.CharField(max_length=10, choices=ItemState.choices, default=ItemState.PENDING)
    skipped_because = models.CharField(max_length=30, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["destruction_list", "reference"], name="destruction_item_once"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} on destruction list {self.destruction_list_id}"
