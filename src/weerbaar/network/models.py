"""Referrals of a case to a network partner, the office holder's consent and the referral's history.

As everywhere in Weerbaar: plain columns hold only what routing, deadlines and statistics need
(partner, kind, status, moments, item ids). The question, the decline reason, the partner's report
and the contact detail the office holder chose to share are sealed under the case's own data key.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from weerbaar.core.history import HistoryRow
from weerbaar.core.sealing import SealedPart
from weerbaar.directory.choices import PartnerKind
from weerbaar.network.choices import CancelReason, ConsentMethod, ContactMethod, Party, ReferralStatus


class Referral(SealedPart):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="referrals")
    partner = models.ForeignKey("directory.Partner", on_delete=models.PROTECT, related_name="referrals")
    kind = models.CharField(max_length=30, choices=PartnerKind.choices)
    status = models.CharField(max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.PROPOSED)
    sealed_question = models.BinaryField()
    # Optional items the advisor proposes to share: "request_text", "incident:<id>", "evidence:<id>".
    proposed_items = models.JSONField(default=list)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    consented_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    respond_by = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    sealed_decline_reason = models.BinaryField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    sealed_report = models.BinaryField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=20, choices=CancelReason.choices, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField()

    sealed_as = "referral"
    # whom the question is for: a flipped partner column no longer opens (no code path changes it after sealing)
    sealed_binds = ("partner_id",)
    sealed_fields = {"sealed_question": "text", "sealed_decline_reason": "text", "sealed_report": "text"}

    class Meta:
        ordering = ["-proposed_at", "-id"]
        indexes = [
            models.Index(fields=["partner", "status"], name="referral_partner_status"),
            models.Index(fields=["status", "respond_by"], name="referral_status_respond_by"),
        ]

    def __str__(self) -> str:
        return f"referral {self.pk} ({self.status})"


class Consent(SealedPart):
    """What the office holder agreed may be shared with the partner of one referral, and how and when.

    The minimum (first name, office, region, the question, the chosen way of contact) is always part
    of it; ``items`` holds the optional items chosen one by one. Withdrawn consent ends the partner's
    access at once: the policy checks ``withdrawn_at`` on every read.
    """

    referral = models.OneToOneField(Referral, on_delete=models.CASCADE, related_name="consent")
    items = models.JSONField(default=list)
    contact_method = models.CharField(max_length=10, choices=ContactMethod.choices)
    sealed_contact = models.BinaryField()
    given_by = models.CharField(max_length=20, choices=Party.choices)
    method = models.CharField(max_length=20, choices=ConsentMethod.choices)
    given_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.CharField(max_length=20, choices=Party.choices, blank=True)

    sealed_under = "referral.case"
    sealed_as = "consent"
    # the referral the contact detail was consented for: a consent moved to another referral no longer opens
    sealed_binds = ("referral_id",)
    sealed_fields = {"sealed_contact": "text"}


class ReferralEvent(HistoryRow):
    """Append-only history of a referral (``network.workflow``): every step, by whom and when (no content)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=20, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ReferralStatus.choices)
    party = models.CharField(max_length=20, choices=Party.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
