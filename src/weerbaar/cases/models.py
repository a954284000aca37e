from __future__ import annotations

from django.conf import settings
from django.db import models

from weerbaar.cases.choices import (
    CallDirection,
    Channel,
    CloseReason,
    MessageSender,
    OfficeRole,
    Outcome,
    PreferredContact,
    Status,
)
from weerbaar.core.history import HistoryRow
from weerbaar.core.sealing import SealedPart, SealedRecord


class Case(SealedRecord):
    """A help request and the work on it.

    Plain columns hold only routing and statistics metadata (role, province,
    categories, dates, status). Everything personal or free text lives in
    ``sealed_request`` and the sealed fields of related rows, encrypted under
    this case's own data key (``wrapped_key``).
    """

    reference = models.CharField(max_length=16, unique=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    role = models.CharField(max_length=20, choices=OfficeRole.choices)
    # The municipality is sealed in the request (issue 12, point 6: role + municipality names a burgemeester);
    # the province is plain, for statistics: every case has one (a municipal case gets its municipality's).
    province = models.ForeignKey("directory.Province", null=True, blank=True, on_delete=models.PROTECT)
    association = models.ForeignKey("directory.Association", on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    urgent = models.BooleanField(default=False)
    acute_danger = models.BooleanField(default=False)
    concerns = models.JSONField(default=list)
    affected = models.JSONField(default=list)
    preferred_contact = models.CharField(max_length=10, choices=PreferredContact.choices)
    consent_to_share = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    respond_by = models.DateTimeField()
    # Unclaimed past three times the response window (created_at + 3 x (respond_by - created_at)): flagged red.
    red_after = models.DateTimeField(null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="assigned_cases"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.CharField(max_length=20, choices=CloseReason.choices, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="recorded_cases"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # envelope encryption: key_id and wrapped_key (SealedRecord); {"name", "email", "phone", "description",
    # "municipalityCode", "municipality"} (the last two: CBS code and name, for a municipal role)
    sealed_request = models.BinaryField()

    key_prefix = "case"
    key_label = "case"
    key_usage_reported = True
    sealed_fields = {"sealed_request": "json"}

    class Meta:
        # The queue's indexes carry what it sorts and filters on besides their key columns (PostgreSQL's INCLUDE;
        # SQLite builds them without): a section is counted and sorted from one index range alone, without reading
        # the rows with their sealed request from the table (``cases.selectors.CaseSet``).
        indexes = [
            # the advisor's own association (the first part of ``policy.cases_visible_in_parts``)
            models.Index(
                fields=["association", "status", "respond_by"],
                include=["assigned_to", "red_after", "acute_danger", "urgent", "created_at", "id"],
                name="case_queue_association",
            ),
            # every case (coordinators), and the jobs' scans by status and deadline
            models.Index(
                fields=["status", "respond_by"],
                include=["association", "assigned_to", "red_after", "acute_danger", "urgent", "created_at", "id"],
                name="case_queue_status",
            ),
            # cases assigned to someone (the second part: assigned to the advisor in another association)
            models.Index(
                fields=["assigned_to", "status", "respond_by"],
                include=["association", "red_after", "acute_danger", "urgent", "created_at", "id"],
                name="case_queue_assigned",
            ),
            models.Index(fields=["respond_by", "id"]),
        ]

    def __str__(self) -> str:
        return self.reference


class CaseNote(SealedPart):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    sealed_text = models.BinaryField()

    sealed_as = "case_note"
    sealed_fields = {"sealed_text": "text"}
    sealed_binds = ("author_id",)  # who wrote it: a re-attributed note no longer opens

    class Meta:
        ordering = ["created_at", "id"]


class CaseMessage(SealedPart):
    """A secure message between the office holder and the advisor, inside Weerbaar."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(max_length=20, choices=MessageSender.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    sealed_text = models.BinaryField()
    read_at = models.DateTimeField(null=True, blank=True)

    sealed_as = "case_message"
    sealed_fields = {"sealed_text": "text"}
    # who wrote it: a flipped sender or author column no longer opens
    sealed_binds = ("sender", "author_id")

    class Meta:
        ordering = ["created_at", "id"]


class CaseCall(SealedPart):
    """A phone call logged by an advisor."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="calls")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField()
    direction = models.CharField(max_length=10, choices=CallDirection.choices)
    duration_minutes = models.PositiveIntegerField(null=True, blank=True)
    sealed_summary = models.BinaryField()
    created_at = models.DateTimeField()

    sealed_as = "case_call"
    sealed_fields = {"sealed_summary": "text"}
    sealed_binds = ("author_id",)  # who logged it: a re-attributed call no longer opens

    class Meta:
        ordering = ["occurred_at", "id"]


class StatusChange(SealedPart, HistoryRow):
    """Append-only history of status transitions, with who, when and why (``cases.workflow``)."""

    RESEALABLE = frozenset({"sealed_reason"})  # sealed once the row has its id, re-sealed when keys change

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    reason_code = models.CharField(max_length=20, blank=True)
    sealed_reason = models.BinaryField(null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField()

    sealed_as = "status_change"
    sealed_fields = {"sealed_reason": "text"}

    class Meta:
        ordering = ["changed_at", "id"]
