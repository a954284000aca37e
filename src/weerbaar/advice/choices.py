"""Choices of advice: the topics and languages of the standard advice texts."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AdviceTopic(models.TextChoices):
    HOME_SECURITY = "home_security", _("Veiligheid thuis")
    SOCIAL_MEDIA = "social_media", _("Sociale media")
    LEGAL = "legal", _("Juridische stappen")
    FAMILY = "family", _("Gezin en naasten")
    PRESS = "press", _("Pers en media")
    OTHER = "other", _("Overig")


class AdviceLanguage(models.TextChoices):
    DUTCH = "nl", _("Nederlands")
    ENGLISH = "en", _("Engels")
