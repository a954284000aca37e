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

from django.utils import translation

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


ART_64 = sr("64")  # a klacht is made by the one against whom the offence was committed (lid 1)
ART_65 = sr("65")  # a victim under 16: the legal representative in civil matters makes the klacht (lid 1)
ART_66 = sr("66")  # complaint period: 3 months after the day the one entitled learned of the offence (lid 1)
ART_84 = sr("84")  # members of representative bodies (gemeenteraad, Staten, waterschap) count as officials (lid 1)
ART_269 = sr("269")  # insult and defamation (261-266) are complaint offences, except when 267 applies
ART_164_SV = sv("164")  # a klacht: oral or written, in person or by someone with a special written mandate (lid 1)
ART_165_SV = sv("165")  # who receives a klacht and how it is recorded
ART_12_SV = sv("12")  # beklag against a decision not to prosecute (the "artikel 12-procedure")
ART_51A_SV = sv("51a")  # victims' rights (Titel IIIA Sv)


def ruling(ecli: str) -> str:
    """The URL of a published ruling on rechtspraak.nl."""
    return f"https://uitspraken.rechtspraak.nl/details?id={ecli}"


# Case law the rules rest on (each checked against a stored copy of the ruling or its summary).
# Art. 267 needs a link with the exercise of the office, not the title of the office holder.
HR_267_EXERCISE = ruling("ECLI:NL:HR:2017:2394")  # HR 19 September 2017
# Belaging is a continuing offence: the term of art. 66 runs from the end of the period (the last act).
HR_285B_CONTINUING = ruling("ECLI:NL:HR:2018:667")  # HR 24 April 2018
# Belaging of several people: each makes their own klacht; one valid klacht does not cover the others.
HR_285B_EACH_VICTIM = ruling("ECLI:NL:HR:2004:AQ4289")  # HR 2 November 2004
# Art. 179 also covers coercion by threatening "enige andere feitelijkheid" (there: threatening a complaint).
HR_179_OTHER_ACT = ruling("ECLI:NL:HR:2023:854")  # HR 13 June 2023
# Art. 139h covers deepfakes that pass for real.
RB_139H_DEEPFAKE = ruling("ECLI:NL:RBAMS:2023:6923")  # Rechtbank Amsterdam 2 November 2023
# Art. 318 lid 3: afdreiging is prosecuted only on a klacht; a late klacht ends the prosecution.
HOF_318_COMPLAINT = ruling("ECLI:NL:GHAMS:2018:4620")  # Gerechtshof Amsterdam 14 December 2018
# A klacht can be made by someone else only with a special written mandate (art. 164 lid 1 Sv).
HR_164_MANDATE = ruling("ECLI:NL:HR:2019:564")  # HR 9 April 2019

# Phone numbers and organisations (DOMAIN.md "The support team and its network", "Complaint or registration").
PHONE_EMERGENCY = "112"
PHONE_POLICE = "0900-8844"
PHONE_ADVISOR = "070-3738314"
PHONE_VICTIM_SUPPORT = "0900-0101"
REPORT_WITHIN_WORKING_DAYS = 2
COMPLAINT_PERIOD_MONTHS = 3  # art. 66 lid 1 Sr
# Beklag (art. 12 Sv): within 3 months after learning of a notice of non-prosecution or a strafbeschikking; without
# such a notice there is no term (the stored commentaries cite art. 12l lid 2 Sv for the term).
BEKLAG_PERIOD_MONTHS = 3
COMPLAINT_BY_REPRESENTATIVE_BELOW_AGE = 16  # art. 65 lid 1 Sr
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
    # Art. 285b lid 2 and art. 318 lid 3 Sr: "niet vervolgd dan op klacht", whatever the facts.
    ALWAYS = "always"
    # Art. 269 Sr: insult and defamation (261-266) need a klacht, except when art. 267 applies (an official insulted
    # during or because of the lawful exercise of the office, art. 267 sub 2; members of representative bodies count
    # as officials, art. 84 lid 1). Art. 267 protects only the office holder, and needs a link with the exercise of
    # the office, not the title (HR 19 September 2017, ECLI:NL:HR:2017:2394).
    UNLESS_RELATED_TO_OFFICE = "unless_related_to_office"
    # Art. 284 lid 2 Sr: coercion needs a klacht only in the case of lid 1 sub 2, coercion by a threat of smaad or
    # smaadschrift (defamation). Coercion by violence or "enige andere feitelijkheid" (lid 1 sub 1) needs none.
    WHEN_THREAT_OF_EXPOSURE = "when_threat_of_exposure"


class Need(StrEnum):
    """What one offence of one incident asks of the victim as to a klacht."""

    NONE = "none"  # no klacht needed: an aangifte by anyone starts the prosecution
    REQUIRED = "required"  # the law requires the victim's klacht within the term (complaintRequired)
    PRECAUTIONARY = "precautionary"  # not required on the facts given, but a court may judge otherwise


@dataclass(frozen=True)
class Offence:
    """One offence the police and the advisor can consider, with its source (the current text of the article).

    ``title_msgid`` is the Dutch title and the gettext msgid (English in the catalogue); ``complaint_basis`` names
    the article and lid that make it a klachtdelict; ``case_law`` lists rulings the rules about it rest on.
    """

    article: str
    title_msgid: str
    complaint: Complaint
    source: str
    note: str = ""
    # Only the office holder is protected (267, 304, 179): a partner, child or staff member is not.
    office_holder_only: bool = False
    complaint_basis: str = ""
    case_law: tuple[str, ...] = ()

    def title(self, language: str) -> str:
        """The title in ``language`` ("en", else Dutch), from the translation catalogue."""
        with translation.override("en" if language == "en" else "nl"):
            return translation.gettext(self.title_msgid)

    @property
    def sources(self) -> tuple[str, ...]:
        """The current text of the article, then the rulings the rules about it rest on."""
        return (self.source, *self.case_law)


_ = translation.gettext_noop  # marks the titles for makemessages; they are translated when asked for

OFFENCES: dict[str, Offence] = {
    o.article: o
    for o in (
        Offence(
            "285",
            _("Bedreiging"),
            Complaint.NEVER,
            sr("285"),
            "Lid 1: a threat of a listed crime only (open violence in company against persons or goods, violence "
            "against an internationally protected person, a crime causing common danger, rape, sexual assault, a "
            "crime against life, hostage-taking, serious assault, arson); lid 3: a terrorist offence. The threat "
            "must be able to cause reasonable fear; it may be aimed at someone else than the one threatened.",
        ),
        Offence(
            "285b",
            _("Belaging (stalking)"),
            Complaint.ALWAYS,
            sr("285b"),
            "Lid 2: prosecuted only on a klacht. A continuing offence: the term of art. 66 runs from the end of the "
            "series (HR 24 April 2018). Several people stalked: each makes their own klacht (HR 2 November 2004).",
            complaint_basis="art. 285b lid 2 Sr",
            case_law=(HR_285B_CONTINUING, HR_285B_EACH_VICTIM),
        ),
        Offence(
            "285d",
            _("Doxing"),
            Complaint.NEVER,
            sr("285d"),
            "Since 1 January 2024. Lid 1: personal data of the victim or of a third party (a partner, a child) to "
            "frighten, cause serious nuisance or hinder in office or work. Lid 2: +1/3 when committed against a "
            "burgemeester, wethouder, gedeputeerde, Commissaris van de Koning or member of a representative body in "
            "that capacity.",
        ),
        Offence(
            "266",
            _("Belediging"),
            Complaint.UNLESS_RELATED_TO_OFFICE,
            sr("266"),
            "Lid 2: not punishable as insult when it gives a judgement on the handling of public interests and "
            "does not aim to offend further or more gravely than that purpose brings with it.",
            complaint_basis="art. 269 Sr",
        ),
        Offence(
            "261",
            _("Smaad"),
            Complaint.UNLESS_RELATED_TO_OFFICE,
            sr("261"),
            "Lid 3: no defamation when acting in necessary defence, or in good faith that the allegation was true "
            "and the public interest required it.",
            complaint_basis="art. 269 Sr",
        ),
        Offence("262", _("Laster"), Complaint.UNLESS_RELATED_TO_OFFICE, sr("262"), complaint_basis="art. 269 Sr"),
        Offence(
            "267",
            _("Belediging van een ambtsdrager tijdens of vanwege de uitoefening van het ambt (strafverzwaring)"),
            Complaint.NEVER,
            sr("267"),
            "Sub 2: +1/3 for 261-266 against an official during or because of the lawful exercise of the office; "
            "then no klacht is needed (art. 269). Needs a link with the exercise of the office, not the title; "
            "protects only the office holder (members of representative bodies through art. 84 lid 1).",
            office_holder_only=True,
            case_law=(HR_267_EXERCISE,),
        ),
        Offence("300", _("Mishandeling"), Complaint.NEVER, sr("300")),
        Offence(
            "302",
            _("Zware mishandeling"),
            Complaint.NEVER,
            sr("302"),
            "Lid 1: intentionally inflicting serious bodily injury (zwaar lichamelijk letsel, art. 82).",
        ),
        Offence(
            "304",
            _("Mishandeling van een ambtsdrager tijdens of vanwege de uitoefening van het ambt (strafverzwaring)"),
            Complaint.NEVER,
            sr("304"),
            "Sub 2: +1/3 for assault (300-303) of an official during or because of the lawful exercise of the "
            "office; protects only the office holder.",
            office_holder_only=True,
        ),
        Offence(
            "350",
            _("Vernieling"),
            Complaint.NEVER,
            sr("350"),
            "Within a family a klacht can be needed (art. 353 with art. 316).",
        ),
        Offence(
            "157",
            _("Brandstichting"),
            Complaint.NEVER,
            sr("157"),
            "Sub 1-3: intentional arson when common danger to goods, or danger to life or of serious injury, is to "
            "be feared (a car set on fire next to a home); otherwise criminal damage (art. 350).",
        ),
        Offence(
            "137c",
            _("Groepsbelediging"),
            Complaint.NEVER,
            sr("137c"),
            "Lid 1 grounds: race, religion or belief, hetero- or homosexual orientation, physical, mental or "
            "intellectual disability; not sex (geslacht), not political opinion.",
        ),
        Offence(
            "137d",
            _("Aanzetten tot haat, discriminatie of geweld"),
            Complaint.NEVER,
            sr("137d"),
            "Lid 1 grounds: race, religion or belief, sex (geslacht), hetero- or homosexual orientation, physical, "
            "mental or intellectual disability; not political opinion.",
        ),
        Offence("131", _("Opruiing"), Complaint.NEVER, sr("131")),
        Offence(
            "284",
            _("Dwang"),
            Complaint.WHEN_THREAT_OF_EXPOSURE,
            sr("284"),
            "Lid 1 sub 1: coercion by violence or another act, or the threat of either; lid 1 sub 2: by a threat "
            "of smaad or smaadschrift, prosecuted only on a klacht (lid 2).",
            complaint_basis="art. 284 lid 2 Sr",
        ),
        Offence(
            "179",
            _("Ambtsdwang"),
            Complaint.NEVER,
            sr("179"),
            "Compelling an official by violence or another act (enige andere feitelijkheid), or the threat of "
            "either, to perform or omit an act of the office (HR 13 June 2023: threatening a complaint counts).",
            office_holder_only=True,
            case_law=(HR_179_OTHER_ACT,),
        ),
        Offence(
            "317",
            _("Afpersing"),
            Complaint.NEVER,
            sr("317"),
            "Lid 1: by violence or a threat of violence, to hand over goods or money, take on a debt or make data "
            "available; no klacht.",
        ),
        Offence(
            "318",
            _("Afdreiging"),
            Complaint.ALWAYS,
            sr("318"),
            "Lid 1: by a threat of smaad, smaadschrift or revealing a secret (sextortion included); prosecuted only "
            "on a klacht (lid 3).",
            complaint_basis="art. 318 lid 3 Sr",
            case_law=(HOF_318_COMPLAINT,),
        ),
        Offence(
            "141",
            _("Openlijke geweldpleging"),
            Complaint.NEVER,
            sr("141"),
            "Lid 1: violence against persons or goods, openly (unconcealed, where the public can come; no audience "
            "needed) and in company (two or more acting together).",
        ),
        Offence(
            "139h",
            _("Seksuele beelden zonder toestemming (ook deepfakes)"),
            Complaint.NEVER,
            sr("139h"),
            "Making, having or publishing sexual images of someone without consent; deepfakes that pass for real "
            "count (Rechtbank Amsterdam 2 November 2023).",
            case_law=(RB_139H_DEEPFAKE,),
        ),
        Offence(
            "231b",
            _("Identiteitsfraude"),
            Complaint.NEVER,
            sr("231b"),
            "Using someone's identifying personal data (not biometric: art. 231a) to hide or misuse an identity, "
            "where harm can result.",
        ),
        Offence(
            "138ab",
            _("Computervredebreuk (hacken)"),
            Complaint.NEVER,
            sr("138ab"),
            "Lid 1: intentionally and unlawfully entering a computer system (breaking security, a technical "
            "intervention, false signals or keys, a false identity); lid 2: taking data.",
        ),
        Offence("138", _("Huisvredebreuk"), Complaint.NEVER, sr("138")),
        Offence(
            "139",
            _("Lokaalvredebreuk (gebouw voor de openbare dienst)"),
            Complaint.NEVER,
            sr("139"),
        ),
    )
}
del _

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

# Art. 267 sub 2 Sr: added when the honour offences (261-266) against the office holder are related to the exercise
# of the office.
AGGRAVATED_WHEN_RELATED_TO_OFFICE = frozenset({"261", "262", "266"})
AGGRAVATION_ARTICLE = "267"
# Art. 304 sub 2 Sr: added to assault (300-303; here 300 and 302) of the office holder during or because of the
# lawful exercise of the office.
ASSAULT_ARTICLES = frozenset({"300", "302"})
ASSAULT_AGGRAVATION_ARTICLE = "304"
# Art. 285b Sr: incidents with stalking in one case form one series unless the advisor splits one off; the klacht
# term runs from knowledge of the last act of the series (HR 24 April 2018, ECLI:NL:HR:2018:667).
SERIES_ARTICLE = "285b"

ROLES = ("burgemeester", "wethouder", "raadslid", "statenlid", "gedeputeerde", "other")
# Every role in the contract is an office holder: the VPT code applies when the incident relates to the office. Each
# is an official ("ambtenaar") for art. 179, 267 and 304 Sr: burgemeesters, wethouders, gedeputeerden and King's
# Commissioners by their appointment, raadsleden, statenleden and members of a water board through art. 84 lid 1 Sr.
OFFICE_HOLDER_ROLES = frozenset(ROLES)
# Regeling beveiligingsmaatregelen decentrale bestuurders (since 1 January 2024): CCV home risk assessment for
# burgemeesters, wethouders, gedeputeerden and (in role "other") King's Commissioners and water board executives.
SECURITY_REGULATION_ROLES = frozenset({"burgemeester", "wethouder", "gedeputeerde"})
# Role "other" covers offices the security arrangements also reach: the rules for provinces (2.3.1), municipalities
# (3.3.1) and water boards (4.3.1 lid 2 of the Rechtspositiebesluit decentrale politieke ambtsdragers, as cited by
# Stcrt. 2020, 49908) include the Commissaris van de Koning and the water board's executive (dijkgraaf, heemraden).
# A plan for role "other" says so instead of "not covered".
SECURITY_REGULATION_OTHER_OFFICES = ("Commissaris van de Koning", "dijkgraaf", "heemraad")

# Who was hit. 267, 304 and 179 protect only the office holder; every other victim makes a klacht personally (art. 64
# lid 1 Sr) or through someone with a special written mandate (art. 164 lid 1 Sv); for a victim under 16 the legal
# representative makes it (art. 65 lid 1 Sr).
VICTIMS = ("office_holder", "partner", "child", "other_family", "staff")
# What a threat was of: a crime listed in art. 285 lid 1, exposure (smaad, smaadschrift, revealing a secret: art. 284
# lid 1 sub 2, art. 318 lid 1), or something else (art. 284 lid 1 sub 1: "enige andere feitelijkheid").
THREATENED = ("listed_crime", "exposure", "other")
PERPETRATORS = ("one", "group")
DEADLINE_STATUSES = ("open", "today", "expired", "none")

ROUTES = ("emergency", "complaint", "registration")
