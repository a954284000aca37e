"""Vocabularies shared by intake and case work (stored values are stable English codes)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficeRole(models.TextChoices):
    BURGEMEESTER = "burgemeester", _("Burgemeester")
    WETHOUDER = "wethouder", _("Wethouder")
    RAADSLID = "raadslid", _("Raadslid")
    STATENLID = "statenlid", _("Statenlid")
    GEDEPUTEERDE = "gedeputeerde", _("Gedeputeerde")
    OTHER = "other", _("Andere functie")


MUNICIPAL_ROLES = frozenset({OfficeRole.BURGEMEESTER, OfficeRole.WETHOUDER, OfficeRole.RAADSLID})
PROVINCIAL_ROLES = frozenset({OfficeRole.STATENLID, OfficeRole.GEDEPUTEERDE})


class Concern(models.TextChoices):
    THREAT = "threat", _("Bedreiging")
    INTIMIDATION = "intimidation", _("Intimidatie")
    AGGRESSION = "aggression", _("Agressie")
    VIOLENCE = "violence", _("Geweld")
    ONLINE_HARASSMENT = "online_harassment", _("Online intimidatie of haat")
    SECURITY_ADVICE = "security_advice", _("Advies over beveiliging")
    AFTERCARE = "aftercare", _("Nazorg")
    COUNCIL_CONVERSATION = "council_conversation", _("Gesprek in raad of college")
    OTHER = "other", _("Iets anders")


class Affected(models.TextChoices):
    SELF = "self", _("Ikzelf")
    FAMILY = "family", _("Mijn gezin of familie")
    STAFF = "staff", _("Medewerkers")


class PreferredContact(models.TextChoices):
    PHONE = "phone", _("Telefoon")
    EMAIL = "email", _("E-mail")
    PORTAL = "portal", _("Alleen via Weerbaar")


class Channel(models.TextChoices):
    WEB = "web", _("Webformulier")
    PHONE = "phone", _("Telefoon")
    API = "api", _("API")


class Status(models.TextChoices):
    NEW = "new", _("Nieuw")
    IN_PROGRESS = "in_progress", _("In behandeling")
    AFTERCARE = "aftercare", _("Nazorg")
    CLOSED = "closed", _("Gesloten")


class CloseReason(models.TextChoices):
    DUPLICATE = "duplicate", _("Dubbele melding")
    NOT_IN_SCOPE = "not_in_scope", _("Valt buiten de taak van het team")
    WITHDRAWN = "withdrawn", _("Ingetrokken door de aanvrager")


class Outcome(models.TextChoices):
    ADVISED = "advised", _("Geadviseerd en afgerond")
    REFERRED = "referred", _("Doorverwezen naar het netwerk")
    COMPLAINT_FILED = "complaint_filed", _("Aangifte of melding gedaan")
    NO_FURTHER_HELP = "no_further_help", _("Geen verdere hulp gewenst")
    UNREACHABLE = "unreachable", _("Niet bereikbaar")
    OTHER = "other", _("Anders")


class MessageSender(models.TextChoices):
    OFFICE_HOLDER = "office_holder", _("Aanvrager")
    ADVISOR = "advisor", _("Adviseur")


class CallDirection(models.TextChoices):
    INCOMING = "incoming", _("Inkomend")
    OUTGOING = "outgoing", _("Uitgaand")
