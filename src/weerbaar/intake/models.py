from __future__ import annotations

from django.db import models


class FollowUpCredential(models.Model):
    """The office holder's follow-up code for one case, stored only as a keyed hash."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="follow_up")
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    # Raised whenever every session of the case must end (a new code, "Overal uitloggen"): a web session of
    # "Mijn zaak" remembers the generation it was opened in and ends when that is no longer the current one.
    generation = models.PositiveIntegerField(default=0)


class FollowUpSession(models.Model):
    """A bearer token for the office holder's API access; only its SHA-256 is stored."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="follow_up_sessions")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    generation = models.PositiveIntegerField(default=0)  # the credential's, when this session was opened
