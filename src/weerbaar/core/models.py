from __future__ import annotations

from django.db import models


class AuditEntry(models.Model):
    """One append-only, hash-chained record of who did what to which object.

    ``entry_hash`` = SHA-256 over the previous entry's hash and this entry's
    canonical fields, so changing, removing or reordering any entry breaks the
    chain from that point on. Details never contain case content. While pending
    (no sequence yet), ``mac`` covers the content; once sealed, ``entry_hash``.
    """

    # Null while pending: inserted in the writer's transaction, given its place in the chain right after it
    # commits (core/audit_sealing.py). Gap-free: sequence numbers are handed out only by the sealer.
    sequence = models.PositiveBigIntegerField(unique=True, null=True, blank=True)
    at = models.DateTimeField()
    actor = models.CharField(max_length=200)
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=80, blank=True, db_index=True)
    details = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # HMAC-SHA-256 of entry_hash under settings.AUDIT_KEY (outside the database): only the application can
    # write an entry that verifies, so the chain cannot be recomputed after an edit.
    mac = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["sequence"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "sequence"]),
            models.Index(fields=["id"], condition=models.Q(sequence__isnull=True), name="audit_entry_pending"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.object_type}:{self.object_id} by {self.actor}"


class AuditHead(models.Model):
    """Single row holding the chain's tip; locked while sealing so the chain stays linear.

    ``mac`` (under the audit key) binds sequence and hash, so the head cannot be edited to match a shortened log.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.PositiveBigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default="0" * 64)
    mac = models.CharField(max_length=64, blank=True, default="")


class JobRun(models.Model):
    """One run of a scheduled background job for one time slot (``weerbaar worker``; visible to coordinators).

    ``(job, slot)`` is unique: however many schedulers tick, a slot is enqueued once. ``summary`` holds counts
    only, ``error`` only the exception's class name: never case content.
    """

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "scheduled"
        RUNNING = "running", "running"
        SUCCEEDED = "succeeded", "succeeded"
        FAILED = "failed", "failed"

    job = models.CharField(max_length=50)
    slot = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    scheduled_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    summary = models.JSONField(default=dict)
    error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-slot", "job"]
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="job_run_once_per_slot")]
        indexes = [models.Index(fields=["job", "-slot"])]


class RateLimitCounter(models.Model):
    """One fixed window of one rate limit (``core/ratelimit.py``), counted by one atomic upsert; rows whose window
    has passed are removed by the daily ``clear_sessions`` job."""

    key = models.CharField(max_length=100, primary_key=True)  # bucket, window number and a digest of the key
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)
