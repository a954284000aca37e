"""Which routes to compensation apply to a case, each with its conditions and source (decision support).

Checked in December 2026 against the current texts:

* Injured party (benadeelde partij, art. 51f Sv). Only when the court awards the claim AND imposes a
  schadevergoedingsmaatregel (art. 36f Sr) does the CJIB collect it; if the convicted offender has not paid in full
  8 months after the judgment became final, the State pays the rest as an advance (art. 36f lid 7 Sr with the
  Besluit tenuitvoerlegging strafrechtelijke beslissingen; cjib.nl "Voorschotregeling"): without limit for violent
  and sexual offences, up to EUR 5,000 for other offences (since 1 January 2016). No measure, no advance.
* Schadefonds Geweldsmisdrijven: a one-off payment (EUR 1,000 to 35,000 by its injury list) for serious physical or
  psychological injury from an intentional violent crime, threats with violence included; no conviction or known
  offender needed; apply within 10 years of the violent crime (schadefonds.nl). Never for insult alone: the date
  runs from the violent incident, not from the first incident of the case.
* The civil route: tort (onrechtmatige daad, art. 6:162 BW) through a lawyer, also without a criminal case.
* The employer: the Regeling beveiligingsmaatregelen decentrale bestuurders (Stcrt. 2023, 28233; since 1 January
  2024) covers the decentral executives: burgemeesters, wethouders, gedeputeerden, the King's Commissioners and
  the chairs and members of a water board's executive (dijkgraaf, heemraden); not raadsleden or statenleden. A
  CCV security adviser maps the risks in and around the home, the BZK security authority sets the advice, the
  municipality, province or water board provides the measures (and pays them).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.utils import translation
from django.utils.translation import gettext as _

from weerbaar.guidance import rules

STATE_ADVANCE_AFTER_MONTHS = 8
STATE_ADVANCE_LIMIT_EUROS = 5_000
DAMAGE_FUND_MIN_EUROS = 1_000
DAMAGE_FUND_MAX_EUROS = 35_000
DAMAGE_FUND_YEARS = 10
#: Acts that are intentional violent crimes for the Schadefonds (threats with violence included). Not insult,
#: defamation, doxing or hate speech alone.
VIOLENT_ACTS = frozenset({"threat_of_violence", "assault", "arson"})
URL_STATE_ADVANCE = "https://www.cjib.nl/"  # voorschotregeling, executed by the CJIB
URL_SECURITY_REGULATION = "https://zoek.officielebekendmakingen.nl/stcrt-2023-28233.html"
ART_36F = rules.sr("36f")
ART_6_162_BW = "https://wetten.overheid.nl/jci1.3:c:BWBR0005289&boek=6&titeldeel=3&artikel=162"
#: Roles the Regeling may cover: in role "other" only the King's Commissioner and water board executives.
MAYBE_COVERED_ROLES = frozenset({"other"})


@dataclass(frozen=True)
class DamageRoute:
    code: str
    title: str
    text: str
    source: str
    deadline: date | None = None


def euros(amount: int) -> str:
    """``€ 5.000`` in Dutch, ``EUR 5,000`` in English (the active language)."""
    if (translation.get_language() or "nl").startswith("en"):
        return f"EUR {amount:,}"
    return "€ " + f"{amount:,}".replace(",", ".")


def injured_party_text() -> str:
    return _(
        "Zeg bij de aangifte dat u zich als benadeelde partij in de strafzaak wilt voegen en vraag vergoeding van uw "
        "schade (art. 51f Sv). Wijst de rechter uw vordering toe, dan kan hij een schadevergoedingsmaatregel "
        "opleggen (art. 36f Sr); het CJIB int het bedrag dan voor u. Heeft de veroordeelde %(months)s maanden nadat "
        "de uitspraak onherroepelijk is niet alles betaald, dan betaalt de Staat het restant als voorschot: volledig "
        "bij geweld- en zedenmisdrijven, tot %(limit)s bij andere misdrijven. Zonder schadevergoedingsmaatregel is "
        "er geen voorschot. Bewaar bonnen en facturen."
    ) % {"months": STATE_ADVANCE_AFTER_MONTHS, "limit": euros(STATE_ADVANCE_LIMIT_EUROS)}


def damage_fund_text() -> str:
    return _(
        "Ernstig lichamelijk of psychisch letsel door een opzettelijk geweldsmisdrijf, bedreiging met geweld "
        "inbegrepen, kan recht geven op een eenmalige tegemoetkoming van %(min)s tot %(max)s van het Schadefonds "
        "Geweldsmisdrijven. Een veroordeling of een bekende dader is niet nodig. Vraag het aan binnen %(years)s jaar "
        "na het geweldsmisdrijf."
    ) % {"min": euros(DAMAGE_FUND_MIN_EUROS), "max": euros(DAMAGE_FUND_MAX_EUROS), "years": DAMAGE_FUND_YEARS}


def civil_claim_text() -> str:
    return _(
        "Komt er geen strafzaak, of wijst de strafrechter uw vordering niet of maar deels toe, dan kunt u de dader "
        "via een advocaat bij de burgerlijke rechter aanspreken op onrechtmatige daad (art. 6:162 BW). Een "
        "veroordeling is daarvoor niet nodig, wel bewijs en een bekende dader."
    )


def security_text(role: str) -> str:
    """The Regeling beveiligingsmaatregelen for the roles it covers; conditional for role "other"."""
    if role in rules.SECURITY_REGULATION_ROLES:
        organisation = _("uw provincie") if role == "gedeputeerde" else _("uw gemeente")
        return _(
            "Op grond van de Regeling beveiligingsmaatregelen decentrale bestuurders (sinds 1 januari 2024) kunt u "
            "aanspraak maken op een beveiligingsadvies: een veiligheidsadviseur van het CCV brengt de risico's in en "
            "om uw woning in kaart, de beveiligingsautoriteit van BZK stelt het advies vast, en %(organisation)s "
            "verstrekt en betaalt de geadviseerde maatregelen (bijvoorbeeld camera's, raamfolie, een alarm)."
        ) % {"organisation": organisation}
    if role in MAYBE_COVERED_ROLES:
        return _(
            "Bent u commissaris van de Koning of lid van het dagelijks bestuur van een waterschap (zoals de "
            "dijkgraaf), dan geldt voor u de Regeling beveiligingsmaatregelen decentrale bestuurders (sinds 1 januari "
            "2024): een veiligheidsadviseur van het CCV brengt de risico's in en om uw woning in kaart, de "
            "beveiligingsautoriteit van BZK stelt het advies vast, en uw provincie of waterschap verstrekt en betaalt "
            "de geadviseerde maatregelen. Geldt de regeling niet voor u, vraag dan uw organisatie of zij extra "
            "maatregelen kan betalen."
        )
    return _(
        "Raadsleden en statenleden vallen niet onder de regeling voor beveiliging van bestuurders, maar uw gemeente "
        "of provincie kan wel extra maatregelen voor een veilige woning en werkplek betalen, zoals camera's of een "
        "alarm. Vraag het de burgemeester, de commissaris van de Koning of de griffier; uw adviseur helpt daarbij. "
        "Het CCV kan adviseren over beveiliging van uw woning."
    )


def security_source(role: str) -> str:
    if role in rules.SECURITY_REGULATION_ROLES or role in MAYBE_COVERED_ROLES:
        return URL_SECURITY_REGULATION
    return rules.URL_CCV


def damage_routes(
    *, role: str, incidents: Iterable[tuple[date | None, Collection[str]]], language: str = "nl"
) -> list[DamageRoute]:
    """The routes for a case whose incidents are ``(occurred_on, acts)`` pairs. The Schadefonds date runs from the
    earliest violent incident (10 years), never from an incident without violence."""
    incidents = list(incidents)
    acts = {act for _on, incident_acts in incidents for act in incident_acts}
    violent_on = [on for on, incident_acts in incidents if on and VIOLENT_ACTS & set(incident_acts)]
    offences = {a for act in acts for a in rules.ACTS.get(act, ())}
    routes: list[DamageRoute] = []
    with translation.override("en" if language == "en" else "nl"):
        if offences:
            routes.append(
                DamageRoute(
                    "injured_party", _("Schade verhalen in de strafzaak"), injured_party_text(), URL_STATE_ADVANCE
                )
            )
        if acts & VIOLENT_ACTS:
            deadline = min(violent_on) + relativedelta(years=DAMAGE_FUND_YEARS) if violent_on else None
            routes.append(
                DamageRoute(
                    "damage_fund",
                    _("Schadefonds Geweldsmisdrijven"),
                    damage_fund_text(),
                    rules.URL_DAMAGE_FUND,
                    deadline,
                )
            )
        if offences:
            routes.append(
                DamageRoute(
                    "civil_claim", _("De dader aanspreken bij de burgerlijke rechter"), civil_claim_text(), ART_6_162_BW
                )
            )
        routes.append(
            DamageRoute(
                "employer_security",
                _("Beveiligingsmaatregelen via uw werkgever"),
                security_text(role),
                security_source(role),
            )
        )
    return routes
