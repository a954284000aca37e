"""Perpetrator identifiers, their tokens (the index), the matches the nightly job finds and their reviews.

The identifier as typed is sealed under the case's key like all case content (``PerpetratorIdentifier``). Beside
it only tokens (``MatchToken``): HMAC-SHA-256 under the matching key of one epoch (``matching.keys``), one per
normal form, with a keyed token of the office holder (``holder``) so the job pairs only cases of *different* office
holders. A match (``Match``) names two cases and the kind of identifier: never a value or a token. Destroying a
case deletes its identifiers, tokens and matches with it (foreign keys cascade from the case); withdrawing it
deletes its tokens and matches at once (``receivers``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.core.sealing import SealedPart
from weerbaar.matching.choices import Decision, IdentifierKind, MatchStatus


class MatchingSwitch(models.Model):
    """One row (pk 1): matching is off until an administrator switches it on (docs/security.md, DPIA)."""

    enabled = models.BooleanField(default=False)
    changed_at = models.DateTimeField(null=True, blank=True)
    changed_by = models.CharField(max_length=150, blank=True)


class PerpetratorIdentifier(SealedPart):
    """One identifier of the perpetrator of an incident: only added, never changed (the case's key seals it)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    incident = models.ForeignKey("incidents.Incident", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=IdentifierKind.choices)
    # {"value": as typed, "platform": for a handle}
    sealed_value = models.BinaryField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    sealed_as = "perpetrator_identifier"
    sealed_fields = {"sealed_value": "json"}
    sealed_binds = ("kind", "incident_id", "author_id")

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["author", "created_at"], name="identifier_author_recent")]


class MatchToken(models.Model):
    """The index: one keyed token per normal form of an identifier, under one key epoch."""

    identifier = models.ForeignKey(PerpetratorIdentifier, on_delete=models.CASCADE, related_name="tokens")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=IdentifierKind.choices)
    weak = models.BooleanField(default=False)
    epoch = models.CharField(max_length=32)
    token = models.CharField(max_length=64)
    holder = models.CharField(max_length=64)  # keyed token of the case's office holder (same epoch)

    class Meta:
        indexes = [models.Index(fields=["epoch", "token", "holder"], name="match_token_lookup")]
        constraints = [
            models.UniqueConstraint(fields=["identifier", "epoch", "token"], name="match_token_once"),
        ]


class Match(models.Model):
    """Two cases of different office holders share a token of ``kind``: for review by two coordinators."""

    case_a = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    case_b = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=IdentifierKind.choices)
    weak = models.BooleanField(default=False, help_text=_("Alleen via een zwakke vorm (naam, e-mail zonder punten)."))
    status = models.CharField(max_length=20, choices=MatchStatus.choices, default=MatchStatus.PROPOSED)
    found_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-found_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case_a", "case_b", "kind"], name="match_once_per_pair_and_kind"),
            models.CheckConstraint(condition=models.Q(case_a__lt=models.F("case_b")), name="match_pair_ordered"),
        ]
        indexes = [
            models.Index(fields=["case_a", "status"], name="match_case_a"),
            models.Index(fields=["case_b", "status"], name="match_case_b"),
        ]


class MatchReview(models.Model):
    """One coordinator's decision on a match; two different coordinators confirm."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    reason = models.TextField(max_length=500)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["match", "reviewer"], name="match_review_once_per_reviewer")]
