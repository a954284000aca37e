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

RULES_VERSION = "2026.2"
RULES_DATE = date(2026, 12, 7)

# Current texts, never a pinned version: a JCI reference without a date resolves to the text in force on the day
# it is opened (wetten.overheid.nl, Juriconnect identifiers). Wetboek van Strafrecht (Sr), Wetboek van
# Strafvordering (Sv), Wet openbare manifestaties (Wom), Gemeentewet.
BWB_SR = "BWBR0001854"
BWB_SV = "BWBR0001903"
BWB_WOM = "BWBR0004318"
BWB_GEMEENTEWET = "BWBR0005416"


def law(bwb: str, article: str) -> str:
    """The URL of the current text of one article of a law on wetten.overheid.nl."""
    return f"https://wetten.overheid.nl/jci1.3:c:{bwb}&artikel={article}"


def sr(article: str) -> str:
    """The URL of the current text of one article of the Wetboek van Strafrecht."""
    return law(BWB_SR, article)


def sv(article: str) -> str:
    """The URL of the current text of one article of the Wetboek van Strafvordering."""
    return law(BWB_SV, article)


ART_64 = sr("64")  # a klacht is made by the victim (art. 164-165 Sv: in person or by a special written mandate)
ART_65 = sr("65")  # a victim under 16: the legal representative makes the klacht
ART_66 = sr("66")  # complaint period: 3 months after learning of the offence
ART_269 = sr("269")  # insult/defamation are complaint offences, except when 267 applies
ART_164_SV = sv("164")  # how a klacht is made
ART_12_SV = sv("12")  # beklag against a decision not to prosecute

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
    """Whether prosecution needs a klacht by the victim (klachtdelict); decided per offence and incident."""

    NEVER = "never"
    ALWAYS = "always"
    # Art. 269 Sr: a complaint is needed, except when art. 267 applies (insult of an official during or because of
    # the exercise of the office; members of representative bodies count as officials, art. 84). Art. 267 protects
    # only the office holder, and needs a link with the exercise of the office, not the title
    # (HR 19 September 2017, ECLI:NL:HR:2017:2394).
    UNLESS_RELATED_TO_OFFICE = "unless_related_to_office"
    # Art. 284 lid 2 and art. 318 lid 2 Sr: only when the threat is one of defamation (smaad, smaadschrift) or of
    # revealing a secret.
    WHEN_THREAT_OF_EXPOSURE = "when_threat_of_exposure"


class Need(StrEnum):
    """What one offence of one incident asks of the victim as to a klacht."""

    NONE = "none"  # no klacht needed: an aangifte by anyone starts the prosecution
    REQUIRED = "required"  # the law requires the victim's klacht within the term (complaintRequired)
    PRECAUTIONARY = "precautionary"  # not required on the facts given, but a court may judge otherwise


@dataclass(frozen=True)
class Offence:
    """One offence the police and the advisor can consider, with its source (the current text of the article)."""

    article: str
    title_nl: str
    title_en: str
    complaint: Complaint
    source: str
    note: str = ""
    # Only the office holder is protected (267, 304, 179): a partner, child or staff member is not.
    office_holder_only: bool = False

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
            sr("285"),
            "Threat of a crime listed in the article (killing, serious assault, rape, arson, hostage-taking, open "
            "violence in company, a terrorist offence); it must be able to cause reasonable fear.",
        ),
        Offence(
            "285b",
            "Belaging (stalking)",
            "Stalking",
            Complaint.ALWAYS,
            sr("285b"),
            "Always a klachtdelict (lid 2); a continuing offence: the term runs from knowledge of the last act.",
        ),
        Offence(
            "285d",
            "Doxing",
            "Doxing",
            Complaint.NEVER,
            sr("285d"),
            "Since 1 January 2024; also the data of a third party (a partner, a child); +1/3 against office holders.",
        ),
        Offence("266", "Belediging", "Insult", Complaint.UNLESS_RELATED_TO_OFFICE, sr("266")),
        Offence("261", "Smaad", "Defamation", Complaint.UNLESS_RELATED_TO_OFFICE, sr("261")),
        Offence(
            "262",
            "Laster",
            "Slander (knowingly false allegations)",
            Complaint.UNLESS_RELATED_TO_OFFICE,
            sr("262"),
        ),
        Offence(
            "267",
            "Belediging van een ambtsdrager tijdens of vanwege de uitoefening van het ambt (strafverzwaring)",
            "Insult of an office holder during or because of the exercise of the office (aggravated)",
            Complaint.NEVER,
            sr("267"),
            "Makes the klacht unnecessary (art. 269); needs a link with the exercise of the office; protects only "
            "the office holder.",
            office_holder_only=True,
        ),
        Offence("300", "Mishandeling", "Assault", Complaint.NEVER, sr("300")),
        Offence("302", "Zware mishandeling", "Serious assault (serious bodily injury)", Complaint.NEVER, sr("302")),
        Offence(
            "304",
            "Mishandeling van een ambtsdrager tijdens of vanwege de uitoefening van het ambt (strafverzwaring)",
            "Assault of an office holder during or because of the exercise of the office (aggravated)",
            Complaint.NEVER,
            sr("304"),
            "+1/3 for assault (300-303) of an official in or because of the lawful exercise of the office.",
            office_holder_only=True,
        ),
        Offence(
            "350",
            "Vernieling",
            "Criminal damage",
            Complaint.NEVER,
            sr("350"),
            "Within a family a klacht can be needed (art. 353 and 316).",
        ),
        Offence("157", "Brandstichting", "Arson", Complaint.NEVER, sr("157")),
        Offence(
            "137c",
            "Groepsbelediging",
            "Insulting a group",
            Complaint.NEVER,
            sr("137c"),
            "Grounds: race, religion or belief, sexual orientation, disability; not sex (geslacht), not political "
            "opinion.",
        ),
        Offence(
            "137d",
            "Aanzetten tot haat, discriminatie of geweld",
            "Incitement to hatred, discrimination or violence",
            Complaint.NEVER,
            sr("137d"),
            "Grounds: race, religion or belief, sex, sexual orientation, disability; not political opinion.",
        ),
        Offence("131", "Opruiing", "Sedition (public incitement)", Complaint.NEVER, sr("131")),
        Offence(
            "284",
            "Dwang",
            "Coercion",
            Complaint.WHEN_THREAT_OF_EXPOSURE,
            sr("284"),
            "A klachtdelict when the coercion is by a threat of defamation (lid 1 sub 2 and lid 2).",
        ),
        Offence(
            "179",
            "Ambtsdwang",
            "Coercion of an official",
            Complaint.NEVER,
            sr("179"),
            "Compelling an official by violence or threat to act or not to act in the office.",
            office_holder_only=True,
        ),
        Offence("317", "Afpersing", "Extortion", Complaint.NEVER, sr("317")),
        Offence(
            "318",
            "Afdreiging",
            "Blackmail (threat of defamation or of revealing a secret)",
            Complaint.ALWAYS,
            sr("318"),
            "Always a klachtdelict (lid 2).",
        ),
        Offence(
            "141",
            "Openlijke geweldpleging",
            "Open violence in company",
            Complaint.NEVER,
            sr("141"),
            "Needs violence in public by a group (in company).",
        ),
        Offence(
            "139h",
            "Seksuele beelden zonder toestemming (ook deepfakes)",
            "Sexual images without consent (deepfakes included)",
            Complaint.NEVER,
            sr("139h"),
        ),
        Offence("231b", "Identiteitsfraude", "Identity misuse", Complaint.NEVER, sr("231b")),
        Offence("138ab", "Computervredebreuk (hacken)", "Hacking", Complaint.NEVER, sr("138ab")),
        Offence("138", "Huisvredebreuk", "Trespass in a home", Complaint.NEVER, sr("138")),
        Offence(
            "139",
            "Lokaalvredebreuk (gebouw voor de openbare dienst)",
            "Trespass in premises in public service",
            Complaint.NEVER,
            sr("139"),
        ),
    )
}

# The acts of the contract and the offences the police can consider for each, before the conditions of
# ``guidance.analysis`` (victim, office relation, what was threatened, a group, serious injury). An empty tuple
# does NOT mean "not punishable": the police and the advisor judge; the route is then a registration (melding).
ACTS: dict[str, tuple[str, ...]] = {
    "threat_of_violence": ("285",),
    "threat_other": ("285", "284", "179"),
    "insult": ("266",),
    "defamation": ("261", "262"),
    "stalking": ("285b",),
    "doxing": ("285d",),
    "assault": ("300", "302", "141"),
    "property_damage": ("350", "141"),
    "arson": ("157", "350"),
    "intimate_images": ("139h",),
    "extortion": ("317", "318"),
    "identity_misuse": ("231b",),
    "hacking": ("138ab",),
    "group_insult_or_hate": ("137c", "137d"),
    "incitement": ("131", "137d"),
    "coercion": ("284", "179"),
    "trespass": ("138", "139"),
    # Demonstrating at a home is not in itself an offence; it can be one as threat, stalking, doxing or trespass.
    "demonstration_at_home": (),
    "hostile_message": (),
    "other": (),
}

# Art. 267 Sr: added when the honour offences (261-266) against the office holder are related to the office.
AGGRAVATED_WHEN_RELATED_TO_OFFICE = frozenset({"261", "262", "266"})
AGGRAVATION_ARTICLE = "267"
# Art. 304 Sr: added to assault (300-302) of the office holder in or because of the exercise of the office.
ASSAULT_ARTICLES = frozenset({"300", "302"})
ASSAULT_AGGRAVATION_ARTICLE = "304"
# Art. 285b Sr: incidents with stalking in one case form one series unless the advisor splits one off.
SERIES_ARTICLE = "285b"

ROLES = ("burgemeester", "wethouder", "raadslid", "statenlid", "gedeputeerde", "other")
# Every role in the contract is an office holder: the VPT code applies when the incident relates to the office.
OFFICE_HOLDER_ROLES = frozenset(ROLES)
# Regeling beveiligingsmaatregelen decentrale bestuurders (since 1 January 2024): CCV home risk assessment for
# burgemeesters, wethouders, gedeputeerden and (in role "other") King's Commissioners and water board executives.
SECURITY_REGULATION_ROLES = frozenset({"burgemeester", "wethouder", "gedeputeerde"})

# Who was hit. 267, 304 and 179 protect only the office holder; every other victim makes a klacht personally.
VICTIMS = ("office_holder", "partner", "child", "other_family", "staff")
# What a threat ("threat_other") was of: a crime listed in art. 285, exposure or defamation, something else.
THREATENED = ("listed_crime", "exposure", "other")
PERPETRATORS = ("one", "group")
DEADLINE_STATUSES = ("open", "today", "expired", "none")

ROUTES = ("emergency", "complaint", "registration")
