"""From facts to a step plan: a pure function over ``guidance.analysis`` (offences and klacht dates).

Nothing is stored and nothing is looked up: the same facts, language and day always give the same plan.
``assess`` is the public step plan of one situation; ``assess_case`` the plan of a case's incidents (dossier,
case page, portal), both from the one computation ``analysis.analyse``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from weerbaar.core import clock
from weerbaar.guidance import rules
from weerbaar.guidance.analysis import Analysis, IncidentFacts, analyse
from weerbaar.guidance.analysis import complaint_deadline as complaint_deadline

MONTHS_NL = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True)
class Facts:
    role: str
    related_to_office: bool
    acute_danger: bool
    online: bool
    learned_on: date
    acts: tuple[str, ...]
    victim: str = "office_holder"
    last_learned_on: date | None = None
    threatened: str | None = None
    demand: bool = False
    perpetrators: str | None = None
    serious_injury: bool = False

    def incident(self) -> IncidentFacts:
        return IncidentFacts(
            learned_on=self.learned_on,
            acts=self.acts,
            related_to_office=self.related_to_office,
            online=self.online,
            victim=self.victim,
            last_learned_on=self.last_learned_on,
            threatened=self.threatened,
            demand=self.demand,
            perpetrators=self.perpetrators,
            serious_injury=self.serious_injury,
        )


@dataclass(frozen=True)
class OffenceResult:
    article: str
    title: str
    complaint_required: bool
    complaint_deadline: date | None
    precautionary_complaint_deadline: date | None = None
    deadline_status: str = "none"
    incident: int | None = None


@dataclass(frozen=True)
class Step:
    code: str
    title: str
    text: str


@dataclass(frozen=True)
class Assessment:
    route: str
    offences: list[OffenceResult]
    ask_for_vpt_code: bool
    steps: list[Step]
    sources: list[str] = field(default_factory=list)
    rules_version: str = rules.RULES_VERSION


def _format_date(value: date, language: str) -> str:
    months = MONTHS_EN if language == "en" else MONTHS_NL
    return f"{value.day} {months[value.month - 1]} {value.year}"


def assess(facts: Facts, language: str = "nl", *, today: date | None = None) -> Assessment:
    """The step plan for ``facts`` in ``language`` ("nl" or "en"; anything else is Dutch) on ``today`` (default:
    today in Europe/Amsterdam as the services' clock sees it)."""
    today = today or timezone.localdate(clock.now())
    analysis = analyse(facts.role, [facts.incident()], today=today)
    return plan(analysis, facts, language)


def assess_case(
    role: str, incidents: list[IncidentFacts], language: str = "nl", *, today: date | None = None
) -> Assessment:
    """The step plan of a case's incidents: offences per incident, dates from the one computation."""
    today = today or timezone.localdate(clock.now())
    analysis = analyse(role, incidents, today=today)
    summary = Facts(
        role=role,
        # The office holder hit in the exercise of the office in at least one incident (the VPT code); whether a
        # klacht is needed is decided per offence and incident by ``analyse``, never from this summary.
        related_to_office=analysis.related_to_office,
        acute_danger=False,
        online=any(i.online for i in incidents),
        learned_on=min((i.learned_on for i in incidents), default=today),
        acts=tuple(sorted({a for i in incidents for a in i.acts})),
    )
    return plan(analysis, summary, language)


def offence_results(analysis: Analysis, language: str) -> list[OffenceResult]:
    return [
        OffenceResult(
            article=f.article,
            title=f.offence.title("en" if language == "en" else "nl"),
            complaint_required=f.complaint_required,
            complaint_deadline=f.complaint_deadline,
            precautionary_complaint_deadline=f.precautionary_deadline,
            deadline_status=f.status,
            incident=f.incident,
        )
        for f in analysis.findings
    ]


def plan(analysis: Analysis, facts: Facts, language: str) -> Assessment:
    """The steps for an analysis; ``facts`` summarises the situation (role, danger, online, acts)."""
    en = language == "en"
    likely = [rules.OFFENCES[a] for a in analysis.articles()]
    offences = offence_results(analysis, language)
    if facts.acute_danger:
        route = "emergency"
    elif offences:
        route = "complaint"
    else:
        route = "registration"
    ask_vpt = analysis.related_to_office and facts.role in rules.OFFICE_HOLDER_ROLES

    steps: list[Step] = []
    sources: list[str] = []

    def add(code: str, nl: tuple[str, str], english: tuple[str, str], *urls: str) -> None:
        title, text = english if en else nl
        steps.append(Step(code=code, title=title, text=text))
        for url in urls:
            if url not in sources:
                sources.append(url)

    if facts.acute_danger:
        add(
            "call_112",
            ("Bel 112", "Bent u of is iemand in direct gevaar? Bel eerst 112. Zorg dat u veilig bent."),
            ("Call 112", "Are you or is someone in immediate danger? Call 112 first. Get to safety."),
        )

    if offences:
        add(
            "report_to_police",
            (
                "Doe aangifte bij de politie",
                "Doe zo snel mogelijk aangifte, het liefst binnen "
                f"{rules.REPORT_WITHIN_WORKING_DAYS} werkdagen, en altijd na geweld of een dreiging daarmee. "
                f"Bel {rules.PHONE_POLICE} voor een afspraak; aangifte kan ook bij u thuis. Zegt de politie dat "
                "het niet strafbaar is, vraag dan of de hulpofficier van justitie het daarmee eens is.",
            ),
            (
                "Make a criminal complaint to the police",
                "Make a complaint as soon as possible, ideally within "
                f"{rules.REPORT_WITHIN_WORKING_DAYS} working days, and always after violence or a threat of it. "
                f"Call {rules.PHONE_POLICE} for an appointment; the complaint can also be taken at your home. If "
                "the police say it is not punishable, ask whether the assistant public prosecutor agrees.",
            ),
            rules.URL_POLICE_VPT,
        )
    else:
        add(
            "report_to_police",
            (
                "Doe een melding bij de politie",
                "Meld wat er is gebeurd bij de politie, het liefst binnen "
                f"{rules.REPORT_WITHIN_WORKING_DAYS} werkdagen (bel {rules.PHONE_POLICE}). De politie en uw "
                "adviseur kunnen beoordelen of het strafbaar is; dan kunt u alsnog aangifte doen. Ook een melding "
                "helpt: meerdere meldingen over dezelfde persoon tellen later mee.",
            ),
            (
                "Register the incident with the police",
                "Report what happened to the police, ideally within "
                f"{rules.REPORT_WITHIN_WORKING_DAYS} working days (call {rules.PHONE_POLICE}). The police and your "
                "advisor can judge whether it is punishable; you can then still make a complaint. A registration "
                "helps too: several registrations about the same person count later.",
            ),
            rules.URL_POLICE_VPT,
        )

    if ask_vpt:
        add(
            "ask_vpt_code",
            (
                "Vraag om de VPT-code",
                "Zeg dat u politiek ambtsdrager bent en vraag de politie om de code Veilige Publieke Taak (VPT). "
                "Dan gelden de afspraken tussen politie en OM: de aangifte wordt altijd opgenomen en onderzocht, "
                "de officier eist een hogere straf en uw schade wordt op de dader verhaald.",
            ),
            (
                "Ask for the VPT code",
                "Say that you are a political office holder and ask the police for the Safe Public Task (VPT) "
                "code. The agreements between police and prosecution then apply: the complaint is always taken "
                "and investigated, a higher sentence is demanded and your damage is recovered from the offender.",
            ),
            rules.URL_VPT,
            rules.URL_OM_ELA,
        )

    needing_complaint = [o for o in offences if o.complaint_required]
    if needing_complaint:
        deadline = min(o.complaint_deadline for o in needing_complaint if o.complaint_deadline is not None)
        when = _format_date(deadline, language)
        articles = ", ".join(o.article for o in needing_complaint)
        stalking = any(o.article == "285b" for o in needing_complaint)
        nl_text = (
            f"Voor art. {articles} Sr is uw klacht nodig om te kunnen vervolgen. Doe aangifte en vraag om "
            f"vervolging uiterlijk {when}: binnen 3 maanden nadat u ervan hoorde (art. 66 Sr)."
        )
        en_text = (
            f"For art. {articles} of the Criminal Code your complaint is needed for prosecution. Make the "
            f"complaint and ask for prosecution no later than {when}: within 3 months of learning of it "
            "(art. 66 Criminal Code)."
        )
        if stalking:
            nl_text += (
                " Bij belaging loopt de termijn vanaf de laatste gedraging; deze datum gaat uit van de datum die "
                "u opgaf, de beste datum die we hebben."
            )
            en_text += (
                " For stalking the period runs from the last act; this date uses the date you gave, the best "
                "date available."
            )
        add(
            "complaint_deadline",
            ("Termijn voor uw klacht", nl_text),
            ("Deadline for your complaint", en_text),
            rules.ART_66,
        )

    add(
        "keep_address_out",
        (
            "Houd uw huisadres buiten het dossier",
            "Sinds 1 juli 2025 blijven adres, telefoonnummer, e-mailadres en BSN van slachtoffers standaard "
            "buiten de stukken van politie en OM. U kunt ook het adres van het gemeentehuis of provinciehuis "
            "opgeven, aangifte doen onder een nummer, of de gemeente of provincie namens u aangifte laten doen.",
        ),
        (
            "Keep your home address out of the file",
            "Since 1 July 2025 the address, phone number, e-mail address and citizen service number of victims "
            "are left out of police and prosecution documents by default. You can also give the address of the "
            "town hall or provincial office, make the complaint under a number, or let the municipality or "
            "province make the complaint on your behalf.",
        ),
        rules.URL_ADDRESS_PROTECTION,
    )

    if facts.online:
        evidence = (
            (
                "Bewaar het bewijs",
                "Leg het zo snel mogelijk vast: pagina's veranderen en verdwijnen. Maak screenshots waarop de "
                "accountnaam, profielfoto, datum, tijd en het webadres (URL) te zien zijn. Bewaar de originele "
                "berichten; verwijder niets. Een proces-verbaal van een deurwaarder is sterker bewijs.",
            ),
            (
                "Secure the evidence",
                "Capture it as soon as possible: pages change and disappear. Take screenshots showing the account "
                "name, profile picture, date, time and web address (URL). Keep the original messages; delete "
                "nothing. A bailiff's report is stronger proof.",
            ),
        )
    else:
        evidence = (
            (
                "Bewaar het bewijs",
                "Bewaar brieven en enveloppen, e-mails met de volledige kopregels (headers), sms'jes en "
                "voicemails. Maak foto's van schade of sporen en noteer wanneer en waar het gebeurde en wie het "
                "zagen. Verwijder niets.",
            ),
            (
                "Secure the evidence",
                "Keep letters and envelopes, e-mails with their full headers, text messages and voicemails. Take "
                "photos of damage or traces and write down when and where it happened and who saw it. Delete "
                "nothing.",
            ),
        )
    add("secure_evidence", *evidence)

    add(
        "contact_advisor",
        (
            "Neem contact op met een vertrouwensadviseur",
            f"Het Ondersteuningsteam Weerbaar Bestuur is dag en nacht bereikbaar via {rules.PHONE_ADVISOR}. De "
            "adviseur denkt mee, kan beoordelen wat er speelt en brengt u in contact met experts.",
        ),
        (
            "Contact a confidential advisor",
            f"The Ondersteuningsteam Weerbaar Bestuur can be reached day and night on {rules.PHONE_ADVISOR}. The "
            "advisor thinks along with you, can judge what is going on and puts you in touch with experts.",
        ),
        rules.URL_WEERBAAR_BESTUUR,
    )
    add(
        "victim_support",
        (
            "Slachtofferhulp",
            f"Slachtofferhulp Nederland ({rules.PHONE_VICTIM_SUPPORT}) geeft gratis emotionele, praktische en "
            "juridische hulp, ook aan uw partner en kinderen.",
        ),
        (
            "Victim support",
            f"Slachtofferhulp Nederland ({rules.PHONE_VICTIM_SUPPORT}) gives free emotional, practical and legal "
            "help, also to your partner and children.",
        ),
        rules.URL_VICTIM_SUPPORT,
    )

    if facts.role in rules.SECURITY_REGULATION_ROLES:
        security = (
            (
                "Vraag een beveiligingsscan aan",
                "Op grond van de Regeling beveiligingsmaatregelen decentrale bestuurders hebt u recht op een "
                "risicoscan van uw woning door het CCV. Het advies wordt door uw gemeente of provincie overgenomen "
                "en betaald.",
            ),
            (
                "Ask for a security scan",
                "Under the Regeling beveiligingsmaatregelen decentrale bestuurders you are entitled to a home risk "
                "assessment by the CCV. Your municipality or province adopts and pays for its advice.",
            ),
        )
    else:
        security = (
            (
                "Vraag naar beveiligingsmaatregelen",
                "Vraag uw gemeente of provincie of zij maatregelen voor een veilige woning en werkplek kunnen "
                "betalen, zoals camera's of een alarm. Het CCV kan adviseren over beveiliging van uw woning.",
            ),
            (
                "Ask about security measures",
                "Ask your municipality or province whether it can pay for measures for a safe home and workplace, "
                "such as cameras or an alarm. The CCV can advise on securing your home.",
            ),
        )
    add("security_scan", *security, rules.URL_CCV)

    if offences:
        add(
            "damage",
            (
                "Schade vergoed krijgen",
                "Voeg u in het strafproces als benadeelde partij om uw schade vergoed te krijgen; betaalt de dader "
                "na 8 maanden niet, dan schiet de Staat het bedrag voor. Bij ernstig letsel door een "
                "geweldsmisdrijf, bedreiging inbegrepen, kunt u binnen 10 jaar een uitkering vragen bij het "
                "Schadefonds Geweldsmisdrijven.",
            ),
            (
                "Getting your damage paid",
                "Join the criminal case as injured party to recover your damage; if the offender has not paid "
                "after 8 months, the State advances the amount. For serious injury from a violent crime, threats "
                "included, you can apply to the Schadefonds Geweldsmisdrijven within 10 years.",
            ),
            rules.URL_DAMAGE_FUND,
        )

    for offence in likely:
        if offence.source not in sources:
            sources.append(offence.source)
    if any(o.complaint is rules.Complaint.UNLESS_RELATED_TO_OFFICE for o in likely) and rules.ART_269 not in sources:
        sources.append(rules.ART_269)

    return Assessment(route=route, offences=offences, ask_for_vpt_code=ask_vpt, steps=steps, sources=sources)
