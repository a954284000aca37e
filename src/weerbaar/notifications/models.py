"""Notifications in the app, the e-mail outbox and per-user e-mail preferences.

Nothing here holds case content: a notification is a fixed sentence chosen by its ``kind`` (see
``kinds.py``) plus a link inside Weerbaar that carries references and numeric ids only. The outbox keeps
the exact subject and body that will be (or were) sent, so coordinators and tests can check them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from weerbaar.core.sealing import SealedPart


class Notification(models.Model):
    """One in-app notification for one user; ``key`` makes sending it idempotent."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=200, help_text="What this is about, e.g. case-escalated:<reference>.")
    link = models.CharField(max_length=500, help_text="A path inside Weerbaar: references and ids only.")
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key")]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"


class OutgoingMail(models.Model):
    """An e-mail waiting to be sent, sent, or given up on; sent by the ``send_mail`` job with retries."""

    class Status(models.TextChoices):
        QUEUED = "queued", "queued"
        SENT = "sent", "sent"
        FAILED = "failed", "failed"

    # A staff member, or (``case`` set, ``recipient`` empty) the office holder of that case: their address is
    # read from the sealed ``OfficeHolderEmail`` at the moment of sending and never copied here.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=200)
    subject = models.CharField(max_length=200)
    body = models.TextField(help_text="Fixed, content-free text with a link.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True, help_text="The exception's class name only.")
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="mail_once_per_key"),
            models.UniqueConstraint(
                fields=["case", "key"], condition=models.Q(case__isnull=False), name="office_holder_mail_once_per_key"
            ),
            models.CheckConstraint(
                condition=models.Q(recipient__isnull=False) | models.Q(case__isnull=False), name="mail_has_recipient"
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="mail_due")]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id or 'case ' + str(self.case_id)} ({self.status})"


class EmailPreference(models.Model):
    """Whether a user gets e-mail for one group of kinds; no row means the group's default (on)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences")
    group = models.CharField(max_length=20)
    email = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "group"], name="email_preference_per_group")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.group}={self.email}"


class OfficeHolderEmail(SealedPart):
    """The office holder's choice to get a content-free e-mail when something waits in Mijn zaak.

    A row means "yes"; withdrawing the choice deletes the row, address included. The address is case content:
    sealed under the case's key, opened only to send (and to show it to the office holder in Mijn zaak).
    """

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="+")
    sealed_email = models.BinaryField()
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    sealed_as = "office_holder_email"
    sealed_fields = {"sealed_email": "text"}

    def __str__(self) -> str:
        return f"office holder e-mail for case {self.case_id}"


class OnDutyPeriod(models.Model):
    """An advisor on duty for an association from ``starts_at`` until ``ends_at``: told first of every new
    request of that association (see ``receivers.on_case_opened``). Set by coordinators; optional."""

    association = models.ForeignKey("directory.Association", on_delete=models.CASCADE, related_name="+")
    advisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="on_duty_periods")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="on_duty_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["association", "ends_at"], name="on_duty_current")]

    def __str__(self) -> str:
        return f"{self.advisor_id} on duty for {self.association_id}"
