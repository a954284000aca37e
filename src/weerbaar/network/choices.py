"""Vocabularies of referrals (stable English codes, Dutch labels)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferralStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    CONSENTED = "consented", _("Toestemming gegeven")
    SENT = "sent", _("Verstuurd")
    ACCEPTED = "accepted", _("Geaccepteerd")
    DECLINED = "declined", _("Afgewezen")
    COMPLETED = "completed", _("Afgerond")
    CANCELLED = "cancelled", _("Geannuleerd")


class CancelReason(models.TextChoices):
    CANCELLED = "cancelled", _("Geannuleerd door de adviseur")
    CONSENT_REFUSED = "consent_refused", _("Geen toestemming gegeven")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Toestemming ingetrokken")


class ConsentMethod(models.TextChoices):
    """How consent was given: in the portal by the office holder, or told to the advisor."""

    PORTAL = "portal", _("In Mijn zaak")
    PHONE = "phone", _("Telefonisch")
    IN_PERSON = "in_person", _("In persoon")
    EMAIL = "email", _("Per e-mail")
    LETTER = "letter", _("Per brief")


#: The ways an advisor records consent the office holder gave outside Weerbaar.
RECORDED_METHODS = (ConsentMethod.PHONE, ConsentMethod.IN_PERSON, ConsentMethod.EMAIL, ConsentMethod.LETTER)


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Telefoon")
    EMAIL = "email", _("E-mail")


class Party(models.TextChoices):
    """Who acted on a referral."""

    ADVISOR = "advisor", _("Adviseur")
    OFFICE_HOLDER = "office_holder", _("Aanvrager")
    PARTNER = "partner", _("Netwerkpartner")
    SYSTEM = "system", _("Systeem")


#: Each kind of partner as a noun with its article, for "… in contact te brengen met %(kind)s".
KIND_WITH_ARTICLE = {
    "peer": _("een vakgenoot"),
    "experienced_peer": _("een ervaringsdeskundige"),
    "security": _("een beveiligingsexpert"),
    "legal_aid": _("een juridisch adviseur"),
    "aftercare": _("een hulpverlener voor nazorg"),
    "home_scan": _("een expert voor een woningscan"),
    "victim_support": _("een medewerker van Slachtofferhulp"),
}

#: One sentence per kind of partner: what they do, for the office holder who decides on consent.
KIND_EXPLAINED = {
    "peer": _("Een vakgenoot is een andere volksvertegenwoordiger of bestuurder die het werk kent en met u meedenkt."),
    "experienced_peer": _(
        "Een ervaringsdeskundige is een vakgenoot die zelf bedreigd is geweest en weet wat u doormaakt."
    ),
    "security": _("Een beveiligingsexpert bekijkt met u wat u en uw omgeving veiliger maakt."),
    "legal_aid": _("Een juridisch adviseur helpt u met juridische stappen, zoals aangifte of een contactverbod."),
    "aftercare": _("Een hulpverlener helpt u en uw naasten met de gevolgen, zoals spanning, angst of slecht slapen."),
    "home_scan": _("Bij een woningscan bekijkt een expert uw woning en adviseert over sloten, licht en camera's."),
    "victim_support": _("Slachtofferhulp Nederland geeft gratis praktische, juridische en emotionele steun."),
}
