"""Erasure requests: the office holder asks for their case to be erased (art. 17 AVG); a case worker decides
within the statutory month (art. 12(3) AVG; extended once by two further months where necessary, with reasons)
— erased through ``weerbaar.destruction``, or refused on a ground."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.cases.models import Case
from weerbaar.core.sealing import SealedPart


class ErasureStatus(models.TextChoices):
    PENDING = "pending", _("In behandeling")
    ERASED = "erased", _("Verwijderd")
    REFUSED = "refused", _("Afgewezen")


class RefusalGround(models.TextChoices):
    """Why a case may be kept despite the request (art. 17(3) AVG), or a legal hold on it."""

    LEGAL_HOLD = "legal_hold", _("De zaak staat onder een bewaarplicht (legal hold)")
    LEGAL_OBLIGATION = "legal_obligation", _("Een wettelijke plicht vraagt om bewaren (art. 17 lid 3 onder b AVG)")
    LEGAL_CLAIMS = (
        "legal_claims",
        _("Nodig voor een rechtsvordering, zoals een lopende aangifte of procedure (art. 17 lid 3 onder e AVG)"),
    )


class ErasureRequest(SealedPart):
    """One request. ``reference`` outlives the case: after erasure the row keeps only dates, status and who
    decided (the case link is cleared by the destruction); the refusal's explanation is sealed under the case."""

    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="erasure_requests")
    reference = models.CharField(max_length=16)
    requested_at = models.DateTimeField()
    due_on = models.DateField()  # the last day of the statutory month (art. 12(3) AVG)
    status = models.CharField(max_length=10, choices=ErasureStatus.choices, default=ErasureStatus.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ground = models.CharField(max_length=20, choices=RefusalGround.choices, blank=True)
    sealed_explanation = models.BinaryField(null=True, blank=True)
    # The two further months of art. 12(3) AVG: when the case worker extended the period (``due_on`` then is
    # three months after the request), and the reasons given to the office holder (sealed under the case).
    extended_at = models.DateTimeField(null=True, blank=True)
    sealed_extension_reason = models.BinaryField(null=True, blank=True)

    sealed_as = "erasure_request"
    sealed_fields = {"sealed_explanation": "text", "sealed_extension_reason": "text"}

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(status="pending"), name="rights_one_pending_erasure_per_case"
            )
        ]

    def __str__(self) -> str:
        return f"erasure:{self.pk}"
