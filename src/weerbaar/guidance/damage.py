"""Which routes to compensation apply to a case (decision support, sources cited; see DOMAIN.md).

* Injured party in the criminal case (benadeelde partij); when the convicted
  offender has not paid after 8 months the State advances the amount: without
  limit for violent and sexual offences, up to EUR 5,000 otherwise.
* Schadefonds Geweldsmisdrijven: EUR 1,000 to 35,000 for serious physical or
  psychological injury from an intentional violent crime (threats with violence
  included), no conviction needed, apply within 10 years.
* The employer (municipality, province, water board) pays security measures; the
  Regeling beveiligingsmaatregelen decentrale bestuurders (since 1 January 2024)
  covers burgemeesters, wethouders and gedeputeerden (and King's Commissioners
  and water board executives), not raadsleden or statenleden.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from weerbaar.guidance import rules

STATE_ADVANCE_AFTER_MONTHS = 8
STATE_ADVANCE_LIMIT_EUROS = 5_000
DAMAGE_FUND_MIN_EUROS = 1_000
DAMAGE_FUND_MAX_EUROS = 35_000
DAMAGE_FUND_YEARS = 10
#: Acts that are intentional violent crimes for the Schadefonds (threats with violence included).
VIOLENT_ACTS = frozenset({"threat_of_violence", "assault"})
URL_STATE_ADVANCE = "https://www.cjib.nl/"  # voorschotregeling, executed by the CJIB
URL_SECURITY_REGULATION = rules.URL_CCV  # the CCV carries out the home risk assessment of the Regeling


@dataclass(frozen=True)
class DamageRoute:
    code: str
    title: str
    text: str
    source: str
    deadline: date | None = None


def damage_routes(
    *, role: str, acts: set[str], first_occurred_on: date | None, language: str = "nl"
) -> list[DamageRoute]:
    """The routes for a case whose incidents show ``acts``; ``first_occurred_on`` dates the Schadefonds limit."""
    en = language == "en"
    routes: list[DamageRoute] = []
    offences = {a for act in acts for a in rules.ACTS.get(act, ())}
    if offences:
        routes.append(
            DamageRoute(
                "injured_party",
                "Claim damages in the criminal case" if en else "Schade verhalen in de strafzaak",
                (
                    "When you make a complaint, say that you want to join the criminal case as injured party "
                    "(benadeelde partij) and claim your damage. If the convicted offender has not paid after "
                    f"{STATE_ADVANCE_AFTER_MONTHS} months, the State advances the amount: in full for violent and "
                    f"sexual offences, up to EUR {STATE_ADVANCE_LIMIT_EUROS:,} for other offences. Keep receipts."
                )
                if en
                else (
                    "Zeg bij de aangifte dat u zich voegt als benadeelde partij in de strafzaak en uw schade "
                    "vergoed wilt krijgen. Heeft de veroordeelde dader na "
                    f"{STATE_ADVANCE_AFTER_MONTHS} maanden niet betaald, dan schiet de Staat het bedrag voor: "
                    "volledig bij geweld- en zedenmisdrijven, tot "
                    f"€ {STATE_ADVANCE_LIMIT_EUROS:,}".replace(",", ".")
                    + " bij andere misdrijven. Bewaar bonnen en facturen."
                ),
                URL_STATE_ADVANCE,
            )
        )
    if acts & VIOLENT_ACTS:
        deadline = first_occurred_on + relativedelta(years=DAMAGE_FUND_YEARS) if first_occurred_on else None
        routes.append(
            DamageRoute(
                "damage_fund",
                "Schadefonds Geweldsmisdrijven",
                (
                    "Serious physical or psychological injury from an intentional violent crime, threats with "
                    f"violence included, can give a one-off payment of EUR {DAMAGE_FUND_MIN_EUROS:,} to "
                    f"{DAMAGE_FUND_MAX_EUROS:,}. No conviction is needed. Apply within {DAMAGE_FUND_YEARS} years."
                )
                if en
                else (
                    "Ernstig lichamelijk of psychisch letsel door een opzettelijk geweldsmisdrijf, bedreiging met "
                    "geweld inbegrepen, kan een eenmalige uitkering geven van € 1.000 tot € 35.000. Een "
                    f"veroordeling is niet nodig. Vraag het aan binnen {DAMAGE_FUND_YEARS} jaar."
                ),
                rules.URL_DAMAGE_FUND,
                deadline,
            )
        )
    covered = role in rules.SECURITY_REGULATION_ROLES
    routes.append(
        DamageRoute(
            "employer_security",
            "Security measures paid by your employer" if en else "Beveiligingsmaatregelen via uw werkgever",
            (
                (
                    "Under the Regeling beveiligingsmaatregelen decentrale bestuurders (since 1 January 2024) you "
                    "are entitled to a home risk assessment by the CCV; your municipality or province adopts its "
                    "advice and pays the measures (cameras, window film, alarms, safe transport)."
                )
                if covered
                else (
                    "The Regeling beveiligingsmaatregelen decentrale bestuurders does not cover raadsleden and "
                    "statenleden, but your municipality or province can still pay extra measures for a safe home "
                    "and workplace. Ask the burgemeester or griffier; your advisor can help."
                )
            )
            if en
            else (
                (
                    "Op grond van de Regeling beveiligingsmaatregelen decentrale bestuurders (sinds 1 januari 2024) "
                    "heeft u recht op een risicoscan van uw woning door het CCV; uw gemeente of provincie neemt het "
                    "advies over en betaalt de maatregelen (camera's, raamfolie, alarm, veilig vervoer)."
                )
                if covered
                else (
                    "De Regeling beveiligingsmaatregelen decentrale bestuurders geldt niet voor raadsleden en "
                    "statenleden, maar uw gemeente of provincie kan wel extra maatregelen voor een veilige woning "
                    "en werkplek betalen. Vraag het de burgemeester of griffier; uw adviseur helpt daarbij."
                )
            ),
            URL_SECURITY_REGULATION if covered else rules.URL_CCV,
        )
    )
    return routes
