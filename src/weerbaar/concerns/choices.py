"""Vocabularies of the concern note (stored values are the API's stable English codes).

The items are Meloy et al.'s eight warning behaviours (2012) and four that threats to public figures add. Each
is answered, never weighed: there is no score, no ranking and no meter anywhere in this app (docs/concerns.md).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Item(models.TextChoices):
    PATHWAY = "pathway", _("Pad naar geweld (plannen, voorbereiden, uitproberen)")
    FIXATION = "fixation", _("Fixatie op de ambtsdrager of een zaak")
    IDENTIFICATION = "identification", _("Identificatie met daders of een strijder-rol")
    NOVEL_AGGRESSION = "novel_aggression", _("Nieuwe agressie (een eerste keer geweld elders)")
    ENERGY_BURST = "energy_burst", _("Uitbarsting van activiteit (meer, vaker, dichterbij)")
    LEAKAGE = "leakage", _("Lekken van plannen aan anderen")
    LAST_RESORT = "last_resort", _("Laatste redmiddel (geen uitweg meer, wanhoop)")
    DIRECT_THREAT = "direct_threat", _("Rechtstreeks uitgesproken dreiging")
    APPROACH_HOME = "approach_home", _("Benadering van de woning")
    FAMILY_TARGETED = "family_targeted", _("Gezin of naasten doelwit")
    ESCALATION_ACROSS_CHANNELS = "escalation_across_channels", _("Escalatie over kanalen (online naar offline)")
    PERSONAL_GRIEVANCE = "personal_grievance", _("Aanhoudende persoonlijke grief")


# One line per item for the form and the docs: what to look for (docs/concerns.md has the sources).
ITEM_HELP = {
    Item.PATHWAY: _(
        "Onderzoek, planning, voorbereiding of uitvoering van een aanslag: een route of adres uitzoeken, "
        "wapens zoeken, proberen binnen te komen."
    ),
    Item.FIXATION: _(
        "Een steeds sterkere bezigheid met de ambtsdrager of diens besluit: vaker, langer, "
        "persoonlijker, ten koste van het eigen leven."
    ),
    Item.IDENTIFICATION: _(
        "Zich spiegelen aan eerdere daders, aan een „strijder” of een missie; interesse in wapens of uniformen."
    ),
    Item.NOVEL_AGGRESSION: _(
        "Geweld dat nieuw is voor deze persoon, ook zonder verband met de ambtsdrager, als test of het lukt."
    ),
    Item.ENERGY_BURST: _("Plots meer activiteit rond de ambtsdrager, vaak kort voor een daad."),
    Item.LEAKAGE: _("Aan derden (online, vrienden, familie) vertellen wat hij of zij wil doen."),
    Item.LAST_RESORT: _("Geen andere uitweg meer zien; taal van „nu moet het”, wanhoop, een deadline."),
    Item.DIRECT_THREAT: _("Een dreiging die rechtstreeks aan de ambtsdrager of diens naasten is gericht."),
    Item.APPROACH_HOME: _("De dader kwam naar de woning, liet daar iets achter, of toonde het adres te kennen."),
    Item.FAMILY_TARGETED: _("Partner, kinderen of andere naasten worden genoemd, benaderd of bedreigd."),
    Item.ESCALATION_ACROSS_CHANNELS: _("Van berichten online naar telefoon, brief of persoonlijk contact."),
    Item.PERSONAL_GRIEVANCE: _("Een grief over een besluit of behandeling die blijft en persoonlijk wordt."),
}

#: The items whose "ja" or "mogelijk" brings the prompt to consult the police's threat management now.
POLICE_PROMPT_ITEMS = frozenset({Item.PATHWAY, Item.LAST_RESORT, Item.APPROACH_HOME})


class Answer(models.TextChoices):
    YES = "yes", _("Ja")
    POSSIBLY = "possibly", _("Mogelijk")
    NO = "no", _("Nee")
    UNKNOWN = "unknown", _("Onbekend")


#: Answers an incident may support (linking an incident to "nee" or "onbekend" says nothing).
SUPPORTED_ANSWERS = frozenset({Answer.YES, Answer.POSSIBLY})


class Level(models.TextChoices):
    """The advisor's level of concern (FTAC's "level of concern"), a judgement in words, not a computed value."""

    LOW = "low", _("Laag")
    MODERATE = "moderate", _("Matig")
    HIGH = "high", _("Hoog")


class Confirmation(models.TextChoices):
    NOT_NEEDED = "not_needed", _("Niet nodig")
    AWAITING = "awaiting", _("Wacht op bevestiging")
    CONFIRMED = "confirmed", _("Bevestigd")
    # A newer version came before anyone confirmed this one.
    SUPERSEDED = "superseded", _("Vervangen door een nieuwere versie")


class Prompt(models.TextChoices):
    CALL_112 = "call_112", _("Acuut gevaar: bel nu 112.")
    CONSULT_POLICE = (
        "consult_police_threat_management",
        _(
            "Overleg nu met de politie over dreigingsmanagement: pad naar geweld, laatste redmiddel of benadering van "
            "de woning is met ja of mogelijk beantwoord. Bel 0900-8844 en vraag naar de regionale eenheid; bij acuut "
            "gevaar 112."
        ),
    )
