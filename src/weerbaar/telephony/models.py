"""The caller log of the national phone line.

A caller's number is personal data: it is never stored in plain text. ``from_hash`` is a keyed hash
(HMAC-SHA256 under a key derived from the server secret) used to match a caller to cases, and
``sealed_from`` is the number encrypted under the call's own data key (wrapped by the key-encryption key,
as case keys are) so the advisor who took the call can see it. The provider's call id is not personal and
stays plain. ``CasePhone`` holds the same keyed hash for each case's contact number (no column in cases).

A caller who withheld their number leaves ``from_hash`` and ``sealed_from`` empty (None): nothing that could
identify them is stored and the call is never matched to a case. The call still gets its own data key, so
every call is a key holder alike for ``weerbaar keys rotate|check`` (and a later event of the same call that
does carry the number can be sealed under it).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.core.sealing import SealedRecord


class CallEventKind(models.TextChoices):
    NEW_CALL = "new_call", _("Binnenkomend")
    ANSWERED = "answered", _("Opgenomen")
    HANGUP = "hangup", _("Opgehangen")


class CallStatus(models.TextChoices):
    RINGING = "ringing", _("Gaat over")
    ACTIVE = "active", _("In gesprek")
    ENDED = "ended", _("Beëindigd")
    MISSED = "missed", _("Gemist")


class Call(SealedRecord):
    call_id = models.CharField(max_length=100, unique=True, help_text="The telephony provider's id of the call.")
    from_hash = models.CharField(max_length=64, db_index=True, null=True, blank=True)  # None: number withheld
    # key_id and wrapped_key: the call's own data key (SealedRecord)
    sealed_from = models.BinaryField(null=True, blank=True)  # None: number withheld
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="telephony_calls"
    )
    # The user name the provider sent when it named nobody who may take calls (shown to coordinators).
    unknown_advisor = models.CharField(max_length=150, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    matched_case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="telephony_calls"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    key_prefix = "call"
    key_identifier = "call_id"
    key_label = "call"
    sealed_fields = {"sealed_from": "text"}

    class Meta:
        indexes = [models.Index(fields=["advisor", "created_at"]), models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return self.call_id

    @property
    def status(self) -> str:
        if self.ended_at is not None:
            return CallStatus.ENDED if self.answered_at is not None else CallStatus.MISSED
        if self.answered_at is not None:
            return CallStatus.ACTIVE
        return CallStatus.RINGING

    @property
    def status_label(self) -> str:
        return str(CallStatus(self.status).label)

    def caller_number(self) -> str | None:
        """The caller's number (E.164), or None when it was withheld."""
        return None if self.sealed_from is None else str(self.open("sealed_from"))

    @property
    def number_withheld(self) -> bool:
        """The caller withheld their number (so far): no hash, nothing sealed."""
        return self.from_hash is None

    @property
    def at(self) -> datetime:
        """The moment to show: when it started, else when we first heard of it."""
        return self.started_at or self.answered_at or self.ended_at or self.created_at


class CallEvent(models.Model):
    """One webhook event as received; (call, event) is unique, so a replayed event cannot be stored twice."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="events")
    event = models.CharField(max_length=20, choices=CallEventKind.choices)
    at = models.DateTimeField()
    received_at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["call", "event"], name="telephony_one_event_of_a_kind_per_call")]


class CasePhone(models.Model):
    """The keyed hash of a case's contact number, for matching callers (filled when a case opens)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    phone_hash = models.CharField(max_length=64, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "phone_hash"], name="telephony_case_phone_unique")]
