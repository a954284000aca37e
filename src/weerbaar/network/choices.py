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
