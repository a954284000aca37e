"""Models of advice: the library of standard advice texts and their version history.

Advice texts are general texts (what to do about social media, the home, the press, ...), written by
coordinators for every case; they never hold case content, so they are stored in plain text. An advisor
inserts one into a message and adapts it there; only the sent message (sealed under the case key) can
hold anything about the case.

The models were guidance's once: their tables keep guidance's names (``db_table``) and so do their constraints,
so moving them here moved no data (migrations ``guidance.0002`` and ``advice.0001``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from weerbaar.advice.choices import AdviceLanguage, AdviceTopic


class AdviceText(models.Model):
    topic = models.CharField(max_length=20, choices=AdviceTopic.choices)
    title = models.CharField(max_length=200)
    language = models.CharField(max_length=2, choices=AdviceLanguage.choices, default=AdviceLanguage.DUTCH)
    body = models.TextField()
    active = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        db_table = "guidance_advicetext"
        ordering = ["topic", "position", "title", "id"]
        constraints = [
            models.UniqueConstraint(fields=["language", "title"], name="guidance_advice_text_unique_title"),
        ]

    def __str__(self) -> str:
        return self.title


class AdviceTextVersion(models.Model):
    """Append-only: one row per saved state of a text, so a coordinator sees what changed, when and by whom."""

    text = models.ForeignKey(AdviceText, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    topic = models.CharField(max_length=20, choices=AdviceTopic.choices)
    title = models.CharField(max_length=200)
    language = models.CharField(max_length=2, choices=AdviceLanguage.choices)
    body = models.TextField()
    active = models.BooleanField()
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "guidance_advicetextversion"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["text", "number"], name="guidance_advice_text_version_unique"),
        ]
