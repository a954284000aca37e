"""Vocabularies of the partner network (stable English codes, Dutch labels)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    PEER = "peer", _("Vakgenoot")
    EXPERIENCED_PEER = "experienced_peer", _("Ervaringsdeskundige")
    SECURITY = "security", _("Beveiligingsexpert")
    LEGAL_AID = "legal_aid", _("Juridische hulp")
    AFTERCARE = "aftercare", _("Nazorg / psychosociale hulp")
    HOME_SCAN = "home_scan", _("Woningscan / beveiligingsscan")
    VICTIM_SUPPORT = "victim_support", _("Slachtofferhulp")


#: Capacity bounds: how many open referrals a partner takes at once.
CAPACITY_MIN = 1
CAPACITY_MAX = 100
