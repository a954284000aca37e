"""Vocabularies of aftercare (stored values are stable English codes)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckInStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    DUE = "due", _("Klaar om te beantwoorden")
    ANSWERED = "answered", _("Beantwoord")
    FOLLOWED_UP = "followed_up", _("Opgevolgd")
    SKIPPED = "skipped", _("Overgeslagen")
    # Still open when the plan was closed (by hand or with the case): not the advisor's choice per check-in.
    LAPSED = "lapsed", _("Vervallen (plan afgesloten)")


OPEN_STATUSES = frozenset({CheckInStatus.PLANNED, CheckInStatus.DUE})


class Relation(models.TextChoices):
    """How a household member is related to the office holder (stored sealed, never in a plain column)."""

    PARTNER = "partner", _("partner")
    CHILD = "child", _("kind")
    PARENT = "parent", _("ouder")
    SIBLING = "sibling", _("broer of zus")
    OTHER = "other", _("andere huisgenoot")


class Mood(models.TextChoices):
    GOOD = "good", _("Goed")
    MIXED = "mixed", _("Wisselend")
    BAD = "bad", _("Slecht")
