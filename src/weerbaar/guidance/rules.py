"""The legal rules of the step plan ("Wat kan ik doen?"), as data in one place.

Decision support only: the rules name offences the police and the advisor can consider; they never
say that something is certainly not punishable. Every fact cites its source (see
/work/shared/DOMAIN.md, sections "Complaint (aangifte) or registration (melding)" and "Offences").
Change a fact here, bump ``RULES_VERSION`` and ``RULES_DATE``, and the tests in tests/guidance.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

RULES_VERSION = "2026.1"
RULES_DATE = date(2026, 11, 28)

# Wetboek van Strafrecht (Sr) on wetten.overheid.nl, version in force on 1 January 2024 (art. 285d included).
WVSR = "https://wetten.overheid.nl/BWBR0001854/2024-01-01"


def sr(anchor: str) -> str:
    """The URL of one article of the Wetboek van Strafrecht."""
    return f"{WVSR}#{anchor}"


ART_66 = sr("BoekEerste_TitelVII_Artikel66")  # complaint period: 3 months after learning of the offence
ART_269 = sr("BoekTweede_TitelXVI_Artikel269")  # insult/defamation are complaint offences, except when 267 applies

# Phone numbers and organisations (DOMAIN.md "The support team and its network", "Complaint or registration").
PHONE_EMERGENCY = "112"
PHONE_POLICE = "0900-8844"
PHONE_ADVISOR = "070-3738314"
PHONE_VICTIM_SUPPORT = "0900-0101"
REPORT_WITHIN_WORKING_DAYS = 2
COMPLAINT_PERIOD_MONTHS = 3  # art. 66 Sr
ADDRESS_PROTECTION_SINCE = date(2025, 7, 1)  # Stb. 2025, 29

URL_POLICE_VPT = "https://www.politie.nl/"  # aangifte, 0900-8844, VPT code
URL_OM_ELA = "https://www.om.nl/"  # Eenduidige Landelijke Afspraken (ELA), sentencing guideline +200%
URL_VPT = "https://www.veiligepubliekedienstverlening.nl/"
URL_ADDRESS_PROTECTION = "https://zoek.officielebekendmakingen.nl/stb-2025-29.html"
URL_WEERBAAR_BESTUUR = "https://www.weerbaarbestuur.nl/"
URL_VICTIM_SUPPORT = "https://www.slachtofferhulp.nl/"
URL_DAMAGE_FUND = "https://www.schadefonds.nl/"
URL_CCV = "https://hetccv.nl/"


class Complaint(StrEnum):
    """Whether prosecution needs a complaint by the victim (klachtdelict)."""

    NEVER = "never"
    ALWAYS = "always"
    # Art. 269 Sr: a complaint is needed, except when art. 267 applies (insult of an official or public authority
    # during or because of the office; since 2020 also members of representative bodies such as raadsleden and
    # statenleden). All roles served here are office holders, so "related to the office" decides.
    UNLESS_RELATED_TO_OFFICE = "unless_related_to_office"


@dataclass(frozen=True)
class Offence:
    article: str
    title_nl: str
    title_en: str
    complaint: Complaint
    source: str
    note: str = ""

    def title(self, language: str) -> str:
        return self.title_en if language == "en" else self.title_nl


OFFENCES: dict[str, Offence] = {
    o.article: o
    for o in (
        Offence(
            "285",
            "Bedreiging",
            "Threat",
            Complaint.NEVER,
            sr("BoekTweede_TitelXVIII_Artikel285"),
            "Threat of a listed serious crime (killing, serious assault, rape, arson, ...); higher maximum against "
            "burgemeesters and other bestuurders.",
        ),
        Offence(
            "285b",
            "Belaging (stalking)",
            "Stalking",
            Complaint.ALWAYS,
            sr("BoekTweede_TitelXVIII_Artikel285b"),
            "Always a complaint offence; the period runs from the last act.",
        ),
        Offence(
            "285d",
            "Doxing",
            "Doxing",
            Complaint.NEVER,
            sr("BoekTweede_TitelXVIII_Artikel285d"),
            "Since 1 January 2024; +1/3 against office holders.",
        ),
        Offence(
            "266",
            "Belediging",
            "Insult",
            Complaint.UNLESS_RELATED_TO_OFFICE,
            sr("BoekTweede_TitelXVI_Artikel266"),
        ),
        Offence(
            "261",
            "Smaad",
            "Defamation",
            Complaint.UNLESS_RELATED_TO_OFFICE,
            sr("BoekTweede_TitelXVI_Artikel261"),
        ),
        Offence(
            "262",
            "Laster",
            "Slander (knowingly false allegations)",
            Complaint.UNLESS_RELATED_TO_OFFICE,
            sr("BoekTweede_TitelXVI_Artikel262"),
        ),
        Offence(
            "267",
            "Belediging van een ambtsdrager tijdens of vanwege het ambt (strafverzwaring)",
            "Insult of an office holder during or because of the office (aggravated)",
            Complaint.NEVER,
            sr("BoekTweede_TitelXVI_Artikel267"),
            "Makes the complaint unnecessary (art. 269); a link in time or function with the office is needed.",
        ),
        Offence("300", "Mishandeling", "Assault", Complaint.NEVER, sr("BoekTweede_TitelXX_Artikel300")),
        Offence(
            "350",
            "Vernieling",
            "Criminal damage",
            Complaint.NEVER,
            sr("BoekTweede_TitelXXVII_Artikel350"),
            "Within a family a complaint can be needed (art. 353/316).",
        ),
        Offence(
            "137c",
            "Groepsbelediging",
            "Insulting a group",
            Complaint.NEVER,
            sr("BoekTweede_TitelV_Artikel137c"),
            "Grounds such as race, religion, sexual orientation, disability; political opinion is not a listed ground.",
        ),
        Offence(
            "137d",
            "Aanzetten tot haat, discriminatie of geweld",
            "Incitement to hatred, discrimination or violence",
            Complaint.NEVER,
            sr("BoekTweede_TitelV_Artikel137d"),
        ),
        Offence("131", "Opruiing", "Sedition (public incitement)", Complaint.NEVER, sr("BoekTweede_TitelV_Artikel131")),
        Offence(
            "284",
            "Dwang",
            "Coercion",
            Complaint.NEVER,
            sr("BoekTweede_TitelXVIII_Artikel284"),
            "A complaint is needed only when the threat is one of defamation.",
        ),
        Offence(
            "141",
            "Openlijke geweldpleging",
            "Open violence in company",
            Complaint.NEVER,
            sr("BoekTweede_TitelV_Artikel141"),
        ),
        Offence("138", "Huisvredebreuk", "Trespass in a home", Complaint.NEVER, sr("BoekTweede_TitelV_Artikel138")),
        Offence(
            "139",
            "Lokaalvredebreuk (gebouw voor de openbare dienst)",
            "Trespass in premises in public service",
            Complaint.NEVER,
            sr("BoekTweede_TitelV_Artikel139"),
        ),
    )
}

# The acts of the contract (issue 3) and the offences the police can consider for each. An empty tuple does
# NOT mean "not punishable": the police and the advisor judge; the route is then a registration (melding).
ACTS: dict[str, tuple[str, ...]] = {
    "threat_of_violence": ("285",),
    "threat_other": ("285", "284"),
    "insult": ("266",),
    "defamation": ("261", "262"),
    "stalking": ("285b",),
    "doxing": ("285d",),
    "assault": ("300", "141"),
    "property_damage": ("350", "141"),
    "group_insult_or_hate": ("137c", "137d"),
    "incitement": ("131", "137d"),
    "coercion": ("284",),
    "trespass": ("138", "139"),
    # Demonstrating at a home is not in itself an offence; it can be one as threat, stalking, doxing or trespass.
    "demonstration_at_home": (),
    "hostile_message": (),
    "other": (),
}

# Art. 267 Sr: added when the honour offences (261-266) are related to the office.
AGGRAVATED_WHEN_RELATED_TO_OFFICE = frozenset({"261", "262", "266"})
AGGRAVATION_ARTICLE = "267"

ROLES = ("burgemeester", "wethouder", "raadslid", "statenlid", "gedeputeerde", "other")
# Every role in the contract is an office holder: the VPT code applies when the incident relates to the office.
OFFICE_HOLDER_ROLES = frozenset(ROLES)
# Regeling beveiligingsmaatregelen decentrale bestuurders (since 1 January 2024): CCV home risk assessment.
SECURITY_REGULATION_ROLES = frozenset({"burgemeester", "wethouder", "gedeputeerde"})

ROUTES = ("emergency", "complaint", "registration")
