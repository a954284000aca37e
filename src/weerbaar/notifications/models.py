"""Notifications in the app, the e-mail outbox and per-user e-mail preferences.

Nothing here holds case content: a notification is a fixed sentence chosen by its ``kind`` (see
``kinds.py``) plus a link inside Weerbaar that carries references and numeric ids only. The outbox keeps
the exact subject and body that will be (or were) sent, so coordinators and tests can check them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


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

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
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
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="mail_once_per_key")]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="mail_due")]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id} ({self.status})"


class EmailPreference(models.Model):
    """Whether a user gets e-mail for one group of kinds; no row means the group's default (on)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences")
    group = models.CharField(max_length=20)
    email = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "group"], name="email_preference_per_group")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.group}={self.email}"
