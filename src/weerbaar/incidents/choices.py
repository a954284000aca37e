"""Vocabularies of the incident log, the evidence vault, police reports and damage (stable English codes)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class IncidentChannel(models.TextChoices):
    ONLINE = "online", _("Online (sociale media, website, app)")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Telefoon of sms")
    LETTER = "letter", _("Brief of kaart")
    IN_PERSON_WORK = "in_person_work", _("Persoonlijk, op het werk")
    AT_HOME = "at_home", _("Bij mij thuis")
    ELSEWHERE = "elsewhere", _("Ergens anders")


#: Channels that count as "online" for the step plan (the evidence to keep differs).
ONLINE_CHANNELS = frozenset({IncidentChannel.ONLINE, IncidentChannel.EMAIL})


class AffectedPerson(models.TextChoices):
    SELF = "self", _("Ikzelf")
    PARTNER = "partner", _("Partner")
    CHILDREN = "children", _("Kinderen")
    HOUSEHOLD = "household", _("Andere huisgenoten")
    STAFF = "staff", _("Medewerkers")


class Victim(models.TextChoices):
    """Who was hit, for the legal analysis: 267, 304 and 179 Sr protect only the office holder, and anyone else
    makes a klacht personally (``guidance.analysis``). The values are ``guidance.rules.VICTIMS``."""

    OFFICE_HOLDER = "office_holder", _("De ambtsdrager zelf")
    PARTNER = "partner", _("Partner")
    CHILD = "child", _("Een kind")
    OTHER_FAMILY = "other_family", _("Een ander familielid")
    STAFF = "staff", _("Een medewerker")


class Threatened(models.TextChoices):
    """What a threat was of (``guidance.rules.THREATENED``): a crime art. 285 Sr lists, exposure, something else."""

    LISTED_CRIME = "listed_crime", _("Geweld of een ander zwaar misdrijf (zoals doden, mishandelen, brand stichten)")
    EXPOSURE = "exposure", _("Iets openbaar maken, zwartmaken of een geheim onthullen")
    OTHER = "other", _("Iets anders")


class Perpetrators(models.TextChoices):
    """One perpetrator or a group, in public (``guidance.rules.PERPETRATORS``): art. 141 Sr needs a group."""

    ONE = "one", _("Eén persoon")
    GROUP = "group", _("Een groep, in het openbaar")


#: Which facts are asked for which acts (the form shows them progressively; the rule set keeps them only then).
THREAT_ACTS = frozenset({"threat_of_violence", "threat_other", "coercion", "extortion"})
PERPETRATOR_ACTS = frozenset({"assault", "property_damage", "arson"})
INJURY_ACTS = frozenset({"assault"})
SERIES_ACTS = frozenset({"stalking"})


class IdentifierKind(models.TextChoices):
    NAME = "name", _("Naam")
    HANDLE = "handle", _("Account of gebruikersnaam")
    EMAIL = "email", _("E-mailadres")
    PHONE = "phone", _("Telefoonnummer")
    LICENCE_PLATE = "licence_plate", _("Kenteken")


class Recorder(models.TextChoices):
    OFFICE_HOLDER = "office_holder", _("Ambtsdrager")
    ADVISOR = "advisor", _("Adviseur")


class ReportKind(models.TextChoices):
    NONE = "none", _("Nog niet")
    COMPLAINT = "complaint", _("Aangifte")
    REGISTRATION = "registration", _("Melding")


class TriState(models.TextChoices):
    YES = "yes", _("Ja")
    NO = "no", _("Nee")
    UNKNOWN = "unknown", _("Weet ik niet")


class AddressProtection(models.TextChoices):
    """How the home address was kept out of the police file (since 1 July 2025 the default)."""

    UNKNOWN = "unknown", _("Weet ik niet")
    DEFAULT = "default", _("Standaard: huisadres niet in het dossier")
    TOWN_HALL = "town_hall", _("Adres van het gemeentehuis of provinciehuis opgegeven")
    UNDER_NUMBER = "under_number", _("Aangifte onder nummer")
    BY_EMPLOYER = "by_employer", _("Aangifte door de gemeente of provincie")
    NONE = "none", _("Huisadres staat in het dossier")


class ProsecutionDecision(models.TextChoices):
    UNKNOWN = "unknown", _("Nog niet bekend")
    INVESTIGATING = "investigating", _("Politie onderzoekt")
    PROSECUTED = "prosecuted", _("Vervolging: zaak naar de rechter")
    PENALTY_ORDER = "penalty_order", _("Strafbeschikking door het OM")
    DISMISSED = "dismissed", _("Geseponeerd (niet vervolgd)")
    CONVICTED = "convicted", _("Veroordeeld")
    ACQUITTED = "acquitted", _("Vrijgesproken")


class Article12Status(models.TextChoices):
    """Art. 12 Sv: a complaint to the court of appeal about a decision not to prosecute."""

    NONE = "none", _("Geen")
    CONSIDERING = "considering", _("Overwogen")
    FILED = "filed", _("Ingediend")
    GRANTED = "granted", _("Toegewezen: het OM moet vervolgen")
    REJECTED = "rejected", _("Afgewezen")


class DamageKind(models.TextChoices):
    MATERIAL = "material", _("Materiële schade")
    MEDICAL = "medical", _("Medische kosten")
    SECURITY = "security", _("Beveiligingsmaatregelen")
    LOST_INCOME = "lost_income", _("Inkomensverlies")
    IMMATERIAL = "immaterial", _("Immateriële schade (leed)")
