"""The registry of notification kinds: for each a fixed, content-free sentence and an e-mail subject.

A kind never carries case content: the sentence says only *that* something happened, the link (a path
with a reference or a numeric id) says *where*. Other apps add their kind here with a small edit; ``notify``
refuses a kind that is not registered. Kinds come in groups; a user switches e-mail per group.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Group:
    code: str
    label: Any


@dataclass(frozen=True)
class Kind:
    code: str
    group: str
    sentence: Any  # lazily translated, content-free, shown in the app and in the e-mail
    subject: Any  # lazily translated, content-free e-mail subject (prefixed with "Weerbaar: ")


GROUPS: dict[str, Group] = {
    g.code: g
    for g in (
        Group("cases", _("Zaken")),
        Group("tasks", _("Taken en termijnen")),
        Group("referrals", _("Doorverwijzingen")),
        Group("aftercare", _("Nazorg")),
        Group("council", _("Gesprekken met raden en colleges")),
        Group("system", _("Systeem")),
    )
}

KINDS: dict[str, Kind] = {}


def register(code: str, group: str, sentence: Any, subject: Any) -> Kind:
    """Add a kind (idempotent for the same code); apps call this at import time of their module."""
    if group not in GROUPS:
        raise ValueError(f"unknown notification group {group!r}")
    kind = Kind(code, group, sentence, subject)
    KINDS[code] = kind
    return kind


def get(code: str) -> Kind:
    try:
        return KINDS[code]
    except KeyError:
        raise ValueError(f"unknown notification kind {code!r}; register it in notifications/kinds.py") from None


def kinds_in_group(group: str) -> list[Kind]:
    return [k for k in KINDS.values() if k.group == group]


register(
    "case_new",
    "cases",
    _("Er is een nieuwe hulpvraag binnengekomen voor uw vereniging."),
    _("nieuwe hulpvraag"),
)
register(
    "case_escalated",
    "cases",
    _("Een nieuwe zaak is niet op tijd opgepakt en is geëscaleerd."),
    _("zaak geëscaleerd"),
)
register(
    "case_red",
    "cases",
    _("Een nieuwe zaak is na drie keer de reactietermijn nog steeds niet opgepakt."),
    _("zaak nog steeds niet opgepakt"),
)
register(
    "case_taken_over",
    "cases",
    # Break-glass: the case page says who took which case when; the reason is an internal note of the case.
    _("Een coördinator heeft een zaak van buiten de eigen vereniging overgenomen, met een opgegeven reden."),
    _("zaak overgenomen door een coördinator"),
)
register(
    "message_received",
    "cases",
    _("Er is een nieuw bericht van de ambtsdrager in een zaak die u behandelt."),
    _("nieuw bericht"),
)
register(
    "consent_withdrawn",
    "cases",
    _("Een ambtsdrager heeft toestemming voor het delen van gegevens ingetrokken."),
    _("toestemming ingetrokken"),
)
register(
    "task_assigned",
    "tasks",
    _("Er is een taak aan u toegewezen."),
    _("nieuwe taak"),
)
register(
    "task_due",
    "tasks",
    _("Een taak van u moet binnenkort af zijn of is over tijd."),
    _("taak verloopt"),
)
register(
    "complaint_deadline_near",
    "tasks",
    _("De termijn om een klacht (art. 66 Sr) op te nemen loopt binnenkort af."),
    _("termijn loopt af"),
)
register(
    "referral_proposed",
    "referrals",
    _("Er is een doorverwijzing voorgesteld."),
    _("doorverwijzing voorgesteld"),
)
register(
    "referral_received",
    "referrals",
    _("U heeft een nieuwe doorverwijzing ontvangen."),
    _("nieuwe doorverwijzing"),
)
register(
    "referral_consent_given",
    "referrals",
    # The office holder agreed in Mijn zaak; nothing went to the partner yet: the advisor must send it.
    _("Toestemming gegeven — verstuur de doorverwijzing."),
    _("toestemming gegeven — verstuur de doorverwijzing"),
)
register(
    "referral_consent_refused",
    "referrals",
    _("De aanvrager gaf geen toestemming voor een doorverwijzing; die is geannuleerd."),
    _("geen toestemming voor doorverwijzing"),
)
register(
    "referral_answered",
    "referrals",
    _("Een netwerkpartner heeft op een doorverwijzing gereageerd."),
    _("reactie op doorverwijzing"),
)
register(
    "referral_overdue",
    "referrals",
    _("Een netwerkpartner heeft niet op tijd op een doorverwijzing gereageerd."),
    _("doorverwijzing over tijd"),
)
register(
    "referral_withdrawn",
    "referrals",
    _("Een doorverwijzing aan u is ingetrokken; u ziet er niets meer van."),
    _("doorverwijzing ingetrokken"),
)
register(
    "checkin_due",
    "aftercare",
    _("Er staat een nazorgcontact gepland."),
    _("nazorgcontact gepland"),
)
register(
    "checkin_answered",
    "aftercare",
    _("Een ambtsdrager heeft gereageerd op een nazorgvraag."),
    _("reactie op nazorgvraag"),
)
register(
    "council_request_received",
    "council",
    _("Er is een nieuwe aanvraag voor een gesprek met een raad of college."),
    _("nieuwe gespreksaanvraag"),
)
register(
    "council_step_due",
    "council",
    _("Een stap in een gesprek met een raad of college staat voor de deur."),
    _("gesprek: volgende stap"),
)
register(
    "partner_account_created",
    "system",
    _("Er is een nieuw account voor een netwerkpartner aangemaakt."),
    _("nieuw partneraccount"),
)
register(
    "mail_failed",
    "system",
    _("Een e-mail van Weerbaar kon na herhaalde pogingen niet worden verstuurd."),
    _("e-mail niet verstuurd"),
)
register(
    "case_lent_recorded",
    "cases",
    # Issue 12: a case lent to another association before the break-glass rule, now recorded as a take-over.
    _(
        "Een zaak van uw vereniging ligt zonder break-glass bij iemand van een andere vereniging (van vóór de "
        "break-glass-regel). Dat is nu als overname vastgelegd; u kunt de zaak terugnemen."
    ),
    _("zaak buiten de vereniging vastgelegd"),
)
register(
    "retention_destruction_near",
    "cases",
    # The bewaarbeleid: 30 days before a closed case is due; the case page says which case, never what it held.
    _("Een gesloten zaak van u wordt over 30 dagen vernietigd volgens het bewaarbeleid."),
    _("zaak wordt binnenkort vernietigd"),
)
register(
    "retention_contact_erasure_near",
    "cases",
    # The bewaarbeleid: 30 days before the contact details of a closed case are erased on their own (a contact
    # period shorter than the content period); the case page says which case, never what it held.
    _("Van een gesloten zaak van u worden over 30 dagen de contactgegevens gewist volgens het bewaarbeleid."),
    _("contactgegevens worden binnenkort gewist"),
)
register(
    "destruction_list_proposed",
    "system",
    # Retention: a list of cases due for destruction waits for the coordinator's and the privacy officer's approval.
    _("Er is een vernietigingslijst voorgesteld die op uw goedkeuring wacht."),
    _("vernietigingslijst wacht op goedkeuring"),
)
# Repeat-perpetrator matching (weerbaar.matching): never which case, value or identifier.
register(
    "matching_proposed",
    "cases",
    _("Er zijn mogelijke koppelingen tussen zaken om te beoordelen."),
    _("mogelijke koppelingen om te beoordelen"),
)
register(
    "concern_high_awaiting",
    "cases",
    # Only that a note waits and where: the level's reasons and the note stay on the case page.
    _("Een zorgnotitie wacht op bevestiging door een tweede adviseur of coördinator."),
    _("zorgnotitie wacht op bevestiging"),
)
register(
    "matching_bulk_entry",
    "system",
    _("Er zijn in korte tijd veel daderkenmerken ingevoerd; kijk of dat klopt."),
    _("veel daderkenmerken ingevoerd"),
)
register(
    "matching_confirmed",
    "cases",
    _("Mogelijk dezelfde persoon als in een andere zaak; de coördinator neemt contact op."),
    _("mogelijk dezelfde persoon als in een andere zaak"),
)
