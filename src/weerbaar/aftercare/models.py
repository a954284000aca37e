"""Aftercare plans: check-ins at chosen moments for the office holder and household members.

As in ``cases``: plain columns hold only dates, statuses and numbers. A household
member's name and relation, a check-in's question, the office holder's answer and
the advisor's follow-up are sealed under the case's own data key.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from weerbaar.aftercare.choices import CheckInStatus
from weerbaar.core.sealing import SealedPart


class AftercarePlan(models.Model):
    """One per case, made when the case first moves to aftercare."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="aftercare_plan")
    started_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"aftercare:{self.case_id}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class HouseholdMember(SealedPart):
    """Someone in the office holder's household; known to others only as "huisgenoot <number>"."""

    plan = models.ForeignKey(AftercarePlan, on_delete=models.CASCADE, related_name="members")
    number = models.PositiveIntegerField(help_text="1, 2, 3 … within the plan, for tasks and lists.")
    sealed_name = models.BinaryField()
    sealed_relation = models.BinaryField()
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    sealed_under = "plan.case"
    sealed_as = "household_member"
    sealed_fields = {"sealed_name": "text", "sealed_relation": "text"}

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="household_member_number_per_plan")]

    def __str__(self) -> str:
        return f"{self.plan_id}#{self.number}"


class CheckIn(SealedPart):
    """A moment to ask how someone is doing: the office holder (``member`` empty) or one household member."""

    plan = models.ForeignKey(AftercarePlan, on_delete=models.CASCADE, related_name="check_ins")
    member = models.ForeignKey(
        HouseholdMember, null=True, blank=True, on_delete=models.CASCADE, related_name="check_ins"
    )
    due_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=CheckInStatus.choices, default=CheckInStatus.PLANNED)
    # Empty: the default question ("Hoe gaat het met u?"), translated when shown.
    sealed_question = models.BinaryField(null=True, blank=True)
    # {"text": ..., "mood": "good" | "mixed" | "bad" | ""}
    sealed_answer = models.BinaryField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    sealed_follow_up = models.BinaryField(null=True, blank=True)
    followed_up_at = models.DateTimeField(null=True, blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    became_due_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    sealed_under = "plan.case"
    sealed_as = "check_in"
    sealed_fields = {"sealed_question": "text", "sealed_answer": "json", "sealed_follow_up": "text"}

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self) -> str:
        return f"check-in {self.pk}"
