"""Choices of council conversations: who asks, for which body, and the steps of the team's workflow."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequesterRole(models.TextChoices):
    CLERK = "griffier", _("Griffier")
    MAYOR = "burgemeester", _("Burgemeester")
    PROVINCIAL_CLERK = "statengriffier", _("Statengriffier")
    WATER_BOARD_SECRETARY = "secretaris_waterschap", _("Secretaris van een waterschap")
    OTHER = "anders", _("Anders")


class Body(models.TextChoices):
    MUNICIPAL_COUNCIL = "gemeenteraad", _("Gemeenteraad")
    MUNICIPAL_EXECUTIVE = "college", _("College van B&W")
    PROVINCIAL_COUNCIL = "provinciale_staten", _("Provinciale Staten")
    PROVINCIAL_EXECUTIVE = "gedeputeerde_staten", _("Gedeputeerde Staten")
    WATER_BOARD = "waterschap", _("Algemeen bestuur van een waterschap")


MUNICIPAL_BODIES = frozenset({Body.MUNICIPAL_COUNCIL, Body.MUNICIPAL_EXECUTIVE})
PROVINCIAL_BODIES = frozenset({Body.PROVINCIAL_COUNCIL, Body.PROVINCIAL_EXECUTIVE})


class Presence(models.TextChoices):
    """Whether an aggression protocol or a code of conduct exists: ja / nee / weet niet."""

    YES = "yes", _("Ja")
    NO = "no", _("Nee")
    UNKNOWN = "unknown", _("Weet ik niet")


class Status(models.TextChoices):
    REQUESTED = "requested", _("Aangevraagd")
    INTAKE_CALL = "intake_call", _("Intakegesprek")
    EXPLORATORY_TALK = "exploratory_talk", _("Verkennend gesprek")
    SESSION_PLANNED = "session_planned", _("Bijeenkomst gepland")
    SESSION_HELD = "session_held", _("Bijeenkomst gehouden")
    FOLLOW_UP_OFFERED = "follow_up_offered", _("Vervolg aangeboden")
    CLOSED = "closed", _("Afgerond")
    CANCELLED = "cancelled", _("Geannuleerd")


OPEN_STATUSES = frozenset(
    {
        Status.REQUESTED,
        Status.INTAKE_CALL,
        Status.EXPLORATORY_TALK,
        Status.SESSION_PLANNED,
        Status.SESSION_HELD,
        Status.FOLLOW_UP_OFFERED,
    }
)
# A session counts for coverage once it was held, whatever happened after.
HELD_STATUSES = frozenset({Status.SESSION_HELD, Status.FOLLOW_UP_OFFERED, Status.CLOSED})
