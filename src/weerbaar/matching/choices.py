"""The choices of matching: kinds of identifier, platforms of a handle, the states of a match and a review."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class IdentifierKind(models.TextChoices):
    PHONE = "phone", _("Telefoonnummer")
    EMAIL = "email", _("E-mailadres")
    HANDLE = "handle", _("Account op een platform")
    LICENCE_PLATE = "licence_plate", _("Kenteken")
    NAME_WITH_BIRTH = "name_with_birth", _("Naam met geboortejaar of -datum")


class Platform(models.TextChoices):
    X = "x", "X (Twitter)"
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    TIKTOK = "tiktok", "TikTok"
    YOUTUBE = "youtube", "YouTube"
    LINKEDIN = "linkedin", "LinkedIn"
    TELEGRAM = "telegram", "Telegram"
    WHATSAPP = "whatsapp", "WhatsApp"
    SIGNAL = "signal", "Signal"
    BLUESKY = "bluesky", "Bluesky"
    MASTODON = "mastodon", "Mastodon"
    REDDIT = "reddit", "Reddit"
    OTHER = "other", _("Ander platform")


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    CONFIRMED = "confirmed", _("Bevestigd")
    DISMISSED = "dismissed", _("Afgewezen")


class Decision(models.TextChoices):
    CONFIRM = "confirm", _("Bevestigen: mogelijk dezelfde persoon")
    DISMISS = "dismiss", _("Afwijzen: geen koppeling")
