"""The steps of the step plan as small units: a code, a condition, a translatable text and its sources.

``build_steps(analysis, facts, language)`` walks ``STEPS`` in order and renders each unit whose condition holds.
Every date comes from ``guidance.analysis`` (the one computation): per offence and per incident, required or
precautionary, open, ending today, or expired. Texts are gettext messages with Dutch msgids (English in
``locale/en``), rendered inside ``translation.override(language)``.

Each text was checked against the current text of its source in December 2026 (see the comment above each unit).
Decision support only: a text says what the law and the agreements offer, never more ("in principe", "kan"), and
never that something is certainly not punishable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from weerbaar.guidance import damage, rules
from weerbaar.guidance.analysis import Analysis, Finding
from weerbaar.guidance.rules import Need

if TYPE_CHECKING:
    from weerbaar.guidance.assessment import Facts

MONTHS_NL = (
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
)
MONTHS_EN = (
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
)

# Sources beyond the articles of rules.py, each the current text (no pinned date).
BWB_AWB = "BWBR0005537"  # Algemene wet bestuursrecht
ART_161_SV = rules.sv("161")  # anyone who knows of an offence may report it
ART_165_SV = rules.sv("165")  # the klacht by a representative: the special written power of attorney
ART_149A_SV = rules.sv("149a")  # processtukken; lid 3 and 6 are the basis of the Besluit (Stb. 2025, 29)
ART_12K_SV = rules.sv("12k")  # the term of the beklag
ART_51A_SV = rules.sv("51a")  # victims' rights (art. 51a-51h Sv)
ART_51E_SV = rules.sv("51e")  # the right to speak at the hearing
ART_51F_SV = rules.sv("51f")  # joining the criminal case as injured party
ART_6_162_BW = damage.ART_6_162_BW  # tort (onrechtmatige daad)
HR_2017_2394 = rules.HR_267_EXERCISE  # HR 19 September 2017: the link is with the exercise of the office
URL_KVK_SHIELDING = "https://www.kvk.nl/over-het-handelsregister/decentrale-politieke-ambtsdragers/"

# Acts that put the home address at stake: the Besluit's exception (data a court may need) and the KVK shielding.
HOME_ACTS = frozenset({"doxing", "demonstration_at_home", "trespass", "arson", "stalking"})
# Honour offences: without the office relation the victim's klacht is needed (art. 269 Sr).
HONOUR_ARTICLES = rules.AGGRAVATED_WHEN_RELATED_TO_OFFICE


@dataclass(frozen=True)
class Step:
    code: str
    title: str
    text: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Situation:
    """What the conditions and texts read: the analysis (offences and dates) and the summary facts."""

    analysis: Analysis
    facts: Facts

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.analysis.findings

    @property
    def has_offences(self) -> bool:
        return bool(self.analysis.findings)

    def with_need(self, need: Need) -> list[Finding]:
        return sorted((f for f in self.findings if f.need is need), key=_order)

    @property
    def asking(self) -> list[Finding]:
        """Every finding with a klacht date (required or precautionary)."""
        return sorted((f for f in self.findings if f.deadline), key=_order)

    @property
    def expired(self) -> list[Finding]:
        return [f for f in self.asking if f.status == "expired"]

    @property
    def acts(self) -> frozenset[str]:
        return frozenset(self.facts.acts) | {a for i in self.analysis.incidents for a in i.acts}

    @property
    def several_incidents(self) -> bool:
        return len({i.number for i in self.analysis.incidents}) > 1

    @property
    def online(self) -> bool:
        return self.facts.online or any(i.online for i in self.analysis.incidents)

    @property
    def role(self) -> str:
        return self.analysis.role


def _order(finding: Finding) -> tuple[date, str, int]:
    return (finding.deadline or date.max, finding.article, finding.incident or 0)


@dataclass(frozen=True)
class StepUnit:
    """One step: ``when`` decides whether it is in the plan, ``title``/``text`` render it (already inside the
    language), ``sources`` name the current texts it rests on."""

    code: str
    when: Callable[[Situation], bool]
    title: Callable[[Situation], str]
    text: Callable[[Situation], str]
    sources: Callable[[Situation], Sequence[str]] = lambda s: ()

    def render(self, situation: Situation) -> Step:
        return Step(self.code, self.title(situation), self.text(situation), tuple(self.sources(situation)))


# --- formatting --------------------------------------------------------------------------------------------------


def format_date(value: date, language: str | None = None) -> str:
    """``20 februari 2027`` or ``20 February 2027`` (the active language when ``language`` is None)."""
    english = (language or translation.get_language() or "nl").startswith("en")
    months = MONTHS_EN if english else MONTHS_NL
    return f"{value.day} {months[value.month - 1]} {value.year}"


def _and(items: Iterable[str]) -> str:
    return str(get_text_list(list(items), pgettext("the last of a list: a, b en c", "en")))


def _group(findings: Iterable[Finding]) -> list[tuple[str, date | None, str, bool, list[int]]]:
    """Findings with the same article, date and status together (a stalking series is one line)."""
    groups: dict[tuple[str, date | None, str, bool], list[int]] = {}
    for f in findings:
        numbers = groups.setdefault((f.article, f.deadline, f.status, f.series), [])
        if f.incident is not None and f.incident not in numbers:
            numbers.append(f.incident)
    return [(key[0], key[1], key[2], key[3], sorted(numbers)) for key, numbers in groups.items()]


def _offence_label(situation: Situation, article: str, numbers: list[int]) -> str:
    """``Art. 266 Sr``, with the incident numbers when the plan covers several incidents (at a sentence start)."""
    if not situation.several_incidents or not numbers:
        return _("Art. %(article)s Sr") % {"article": article}
    return ngettext(
        "Art. %(article)s Sr (incident %(numbers)s)",
        "Art. %(article)s Sr (incidenten %(numbers)s)",
        len(numbers),
    ) % {"article": article, "numbers": _and(str(n) for n in numbers)}


def _dated_lines(situation: Situation, findings: Iterable[Finding], *, precautionary: bool) -> str:
    """One sentence per offence and incident: the last day, today, or expired."""
    lines = []
    for article, deadline, status, series, numbers in _group(findings):
        if deadline is None:
            continue
        values = {"offence": _offence_label(situation, article, numbers), "date": format_date(deadline)}
        if status == "today":
            line = _("%(offence)s: vandaag is de laatste dag (%(date)s)") % values
        elif status == "expired":
            line = _("%(offence)s: de termijn is verstreken (de laatste dag was %(date)s)") % values
        elif precautionary:
            # The date is the last day, as for a required klacht (the dossier says "uiterlijk" too).
            line = _("%(offence)s: laat voor de zekerheid uiterlijk %(date)s een klacht opnemen") % values
        else:
            line = _("%(offence)s: uiterlijk %(date)s") % values
        if series:
            line += _(" (de termijn loopt vanaf de laatste gedraging)")
        lines.append(line + ".")
    return " ".join(lines)


def _victim_phrase(victim: str) -> str:
    """Who was hit, other than the office holder (``rules.VICTIMS``)."""
    return {
        "partner": _("uw partner"),
        "child": _("uw kind"),
        "other_family": _("uw familielid"),
        "staff": _("uw medewerker"),
    }[victim]


def _organisation(role: str) -> str:
    if role in ("gedeputeerde", "statenlid"):
        return _("de provincie")
    if role in ("burgemeester", "wethouder", "raadslid"):
        return _("de gemeente")
    return _("uw gemeente, provincie of waterschap")


# --- the units, in the order of the plan -------------------------------------------------------------------------


def _report_text(s: Situation) -> str:
    values = {"days": rules.REPORT_WITHIN_WORKING_DAYS, "phone": rules.PHONE_POLICE}
    if s.has_offences:
        # DOMAIN.md "Complaint or registration": within 2 working days, 0900-8844, at home; ask the hulpofficier.
        return (
            _(
                "Doe zo snel mogelijk aangifte, het liefst binnen %(days)s werkdagen, en altijd na geweld of een "
                "dreiging daarmee. Bel %(phone)s voor een afspraak; aangifte kan ook bij u thuis. Zegt de politie "
                "dat het niet strafbaar is, vraag dan of de hulpofficier van justitie het daarmee eens is."
            )
            % values
        )
    return (
        _(
            "Meld wat er is gebeurd bij de politie, het liefst binnen %(days)s werkdagen (bel %(phone)s). De politie "
            "en uw adviseur kunnen beoordelen of het strafbaar is; dan kunt u alsnog aangifte doen. Ook een melding "
            "helpt: meerdere meldingen over dezelfde persoon tellen later mee."
        )
        % values
    )


def _complaint_deadline_text(s: Situation) -> str:
    # Art. 66 Sr: three months from knowledge; art. 164 Sv: the klacht is an aangifte with a request to prosecute.
    # Art. 285b Sr: a continuing offence, the term runs from knowledge of the last act (the analysis gives it).
    required = s.with_need(Need.REQUIRED)
    text = _(
        "Voor deze feiten is een klacht nodig om te kunnen vervolgen: doe aangifte en vraag daarbij uitdrukkelijk "
        "om vervolging, binnen 3 maanden nadat u ervan hoorde (art. 66 Sr). %(lines)s"
    ) % {"lines": _dated_lines(s, required, precautionary=False)}
    if any(f.article == rules.SERIES_ARTICLE for f in required):
        text += " " + _(
            "Bij belaging loopt de termijn vanaf de laatste gedraging: de datum gaat uit van de laatste gedraging "
            "die bekend is. Komt er een nieuwe gedraging bij, dan schuift de datum op."
        )
    return text


def _complaint_deadline_sources(s: Situation) -> list[str]:
    found = {f.article for f in s.with_need(Need.REQUIRED)}
    sources = [rules.ART_66, rules.ART_164_SV]
    if found & HONOUR_ARTICLES:
        sources.append(rules.ART_269)
    return sources


def _precautionary_text(s: Situation) -> str:
    found = s.with_need(Need.PRECAUTIONARY)
    articles = {f.article for f in found}
    parts = []
    if articles & HONOUR_ARTICLES:
        # Art. 267 and 269 Sr; HR 19 September 2017, ECLI:NL:HR:2017:2394: the link is with the exercise of the
        # office, not the title; without it the honour offences need a timely klacht.
        parts.append(
            _(
                "Ging het om de uitoefening van uw ambt, dan is voor belediging, smaad of laster geen klacht nodig "
                "(art. 267 en 269 Sr). Maar de rechter kan dat verband missen, en dan kan de zaak alleen verder met "
                "een tijdige klacht (Hoge Raad, ECLI:NL:HR:2017:2394)."
            )
        )
    if "284" in articles:
        # Art. 284 lid 1 sub 2 and lid 2 Sr: coercion by a threat of defamation needs a klacht.
        parts.append(
            _(
                "Was de dwang een dreiging met smaad of smaadschrift, dan is voor dwang een klacht nodig "
                "(art. 284 lid 2 Sr)."
            )
        )
    parts.append(_dated_lines(s, found, precautionary=True))
    return " ".join(parts)


def _precautionary_sources(s: Situation) -> list[str]:
    articles = {f.article for f in s.with_need(Need.PRECAUTIONARY)}
    sources = [rules.ART_66]
    if articles & HONOUR_ARTICLES:
        sources += [rules.sr("267"), rules.ART_269, HR_2017_2394]
    if "284" in articles:
        sources.append(rules.sr("284"))
    return sources


def _by_victim_text(s: Situation) -> str:
    # Art. 64 Sr: the one against whom the offence was committed is entitled to the klacht; art. 164-165 Sv: in
    # person or by someone with a special written power of attorney; art. 65 lid 1 Sr: under 16, the legal
    # representative in civil matters. An employer's aangifte alone is therefore no klacht.
    victims = sorted({f.victim for f in s.asking}, key=rules.VICTIMS.index)
    text = _(
        "Een klacht doet wie het is aangedaan, zelf of via iemand met een bijzondere schriftelijke volmacht "
        "(art. 64 Sr, art. 164 en 165 Sv); een aangifte door de gemeente of provincie is daarvoor niet genoeg."
    )
    others = [v for v in victims if v != "office_holder"]
    if others:
        text += " " + _("Is %(who)s geraakt, dan is de klacht van %(who)s zelf.") % {
            "who": _and(_victim_phrase(v) for v in others)
        }
        if any(f.victim != "office_holder" and f.article in HONOUR_ARTICLES for f in s.asking):
            text += " " + _(
                "Ook als het om uw ambt ging: de strafverzwaring van art. 267 Sr beschermt alleen de ambtsdrager "
                "zelf, dus voor een ander is bij belediging altijd een klacht nodig."
            )
    if "child" in victims:
        text += " " + _(
            "Voor een kind jonger dan 16 jaar doet de wettelijk vertegenwoordiger (meestal een ouder met gezag) de "
            "klacht (art. 65 Sr)."
        )
    return text


def _by_victim_sources(s: Situation) -> list[str]:
    sources = [rules.ART_64, rules.ART_164_SV, ART_165_SV]
    if any(f.victim == "child" for f in s.asking):
        sources.append(rules.ART_65)
    return sources


def _expired_text(s: Situation) -> str:
    # Art. 66 Sr: after the term a klacht offence cannot be prosecuted. What remains: a melding, offences that need
    # no klacht, for 285b a new act (the term runs from the last act), the civil route (art. 6:162 BW), platforms.
    # The dates themselves are in the steps complaint_deadline and precautionary_complaint.
    expired = s.expired
    parts = []
    if any(f.need is Need.REQUIRED for f in expired):
        parts.append(
            _("Is de termijn voor een klacht verstreken, dan kan voor dat feit in de regel niet meer worden vervolgd.")
        )
    if any(f.need is Need.PRECAUTIONARY and f.article in HONOUR_ARTICLES for f in expired):
        parts.append(
            _(
                "Is alleen de datum voor de zekerheid verstreken: vindt de rechter dat het om de uitoefening van uw "
                "ambt ging, dan is voor belediging, smaad of laster geen klacht nodig en kan vervolging nog wel."
            )
        )
    still = [_("een melding bij de politie doen: die telt mee als er meer gebeurt")]
    free = sorted({f.article for f in s.findings if f.need is Need.NONE})
    if free:
        still.append(
            _("aangifte doen van %(articles)s: daarvoor is geen klacht nodig")
            % {"articles": _and(_("art. %(article)s Sr") % {"article": a} for a in free)}
        )
    if any(f.article == rules.SERIES_ARTICLE for f in expired):
        still.append(
            _(
                "bij belaging: gebeurt er iets nieuws, dan begint een nieuwe termijn; leg het vast en doe binnen 3 "
                "maanden aangifte met een klacht"
            )
        )
    still.append(
        _("de dader via een advocaat bij de burgerlijke rechter aanspreken (onrechtmatige daad, art. 6:162 BW)")
    )
    if s.online:
        still.append(_("het platform vragen de berichten of beelden te verwijderen"))
    parts.append(_("Wat nog kan: %(options)s.") % {"options": "; ".join(still)})
    return " ".join(parts)


def _expired_sources(s: Situation) -> list[str]:
    sources = [rules.ART_66, ART_6_162_BW]
    if any(f.article == rules.SERIES_ARTICLE for f in s.expired):
        sources.append(rules.sr("285b"))
    return sources


def _employer_text(s: Situation) -> str:
    # Art. 161 Sv: anyone who knows of an offence may report it; for offences that need no klacht the employer's
    # aangifte starts the case. The police still want to hear the office holder (a witness statement).
    return _(
        "Voor deze feiten is geen klacht nodig: iedereen die ervan weet mag aangifte doen (art. 161 Sv). U kunt "
        "%(organisation)s daarom namens u aangifte laten doen. De politie wil u dan meestal nog wel als getuige horen."
    ) % {"organisation": _organisation(s.role)}


def _address_text(s: Situation) -> str:
    # Besluit bescherming slachtoffergegevens in processtukken (Stb. 2025, 29; in force 1 July 2025), art. 1-3:
    # address, residence, phone, e-mail, place of birth and BSN stay out of police reports and prosecution documents
    # "tenzij deze gegevens ... redelijkerwijs van belang kunnen zijn voor enige door de rechter te nemen beslissing".
    text = _(
        "Sinds 1 juli 2025 laten politie en OM uw adres, telefoonnummer, e-mailadres en BSN in principe weg uit "
        "hun stukken, tenzij de rechter ze nodig kan hebben (Stb. 2025, 29)."
    )
    if s.acts & HOME_ACTS:
        # Handelsregisterbesluit 2008 art. 51 (Stb. 2022, 475) and the KVK convenant for decentral political office
        # holders: a visiting address equal to the home address can be shielded (not for a bv or nv).
        text += " " + _(
            "Bij doxing of een incident bij uw woning kan dat zo zijn: vraag de politie hoe zij uw adres afschermt. "
            "Is uw woonadres het bezoekadres van uw onderneming (of die van uw partner), dan kunt u als decentrale "
            "politieke ambtsdrager KVK vragen het af te schermen (niet bij een bv of nv)."
        )
    text += " " + _(
        "U kunt ook domicilie kiezen (het adres van het gemeentehuis of provinciehuis) en vragen om aangifte onder "
        "een nummer."
    )
    return text


def _address_sources(s: Situation) -> list[str]:
    sources = [rules.URL_ADDRESS_PROTECTION, ART_149A_SV]
    if s.acts & HOME_ACTS:
        sources.append(URL_KVK_SHIELDING)
    return sources


def _demonstration_text(s: Situation) -> str:
    # Wom art. 2, 5: the burgemeester can set rules and limits or prohibit, only to protect health, in the interest
    # of traffic or to prevent disorder, never for the content (lid 3); art. 6 and 7: instructions during it, an
    # order to end it. Gemeentewet art. 77 lid 1: when the burgemeester is "verhinderd" a wethouder designated by
    # the college acts; Awb art. 2:4: no one with a personal interest may influence the decision.
    text = _(
        "Demonstreren bij een woning is op zich niet verboden; het kan wel bedreiging, belaging, doxing of "
        "huisvredebreuk zijn. De burgemeester kan een demonstratie voorschriften en beperkingen opleggen of haar "
        "verbieden, maar alleen om de gezondheid te beschermen, in het belang van het verkeer of om wanordelijkheden "
        "te voorkomen, nooit vanwege de inhoud (art. 2 en 5 Wom). Tijdens de demonstratie kan de burgemeester "
        "aanwijzingen geven en haar laten beëindigen (art. 6 en 7 Wom)."
    )
    if s.role == "burgemeester":
        text += " " + _(
            "Bent u zelf het doelwit, laat dan de locoburgemeester beslissen: bij verhindering neemt een door het "
            "college aangewezen wethouder het ambt waar (art. 77 Gemeentewet), en wie een persoonlijk belang heeft, "
            "hoort het besluit niet te beïnvloeden (art. 2:4 Awb)."
        )
    else:
        text += " " + _("Laat de politie of de gemeente de burgemeester inlichten.")
    return text


def _demonstration_sources(s: Situation) -> list[str]:
    sources = [rules.law(rules.BWB_WOM, a) for a in ("2", "5", "6", "7")]
    if s.role == "burgemeester":
        sources += [rules.law(rules.BWB_GEMEENTEWET, "77"), rules.law(BWB_AWB, "2:4")]
    return sources


def _group_hate_text(s: Situation) -> str:
    # Art. 137c Sr: race, religion or belief, hetero- or homosexual orientation, physical, mental or intellectual
    # disability (not sex). Art. 137d Sr: the same grounds and sex. Political opinion is a ground of neither.
    return _(
        "Groepsbelediging (art. 137c Sr) gaat over een groep mensen wegens hun ras, godsdienst of "
        "levensovertuiging, hetero- of homoseksuele gerichtheid of lichamelijke, psychische of verstandelijke "
        "handicap. Aanzetten tot haat, discriminatie of geweld (art. 137d Sr) geldt voor dezelfde gronden en ook "
        "voor geslacht. Politieke overtuiging is geen grond van deze artikelen; gaat het om u persoonlijk, dan "
        "kunnen belediging, bedreiging of opruiing wel passen."
    )


def _criticism_text(s: Situation) -> str:
    # Art. 266 lid 2 Sr: no simple insult when the utterance only gives a judgement on how public interests are
    # served and is not more insulting than that purpose requires.
    return _(
        "Een uiting die alleen een oordeel geeft over hoe u het openbaar belang behartigt, en niet grievender is dan "
        "nodig, is geen belediging (art. 266 lid 2 Sr); scheldwoorden en bedreigingen vallen daar niet onder."
    )


def _evidence_text(s: Situation) -> str:
    if s.online:
        return _(
            "Leg het snel vast: pagina's veranderen en verdwijnen. Maak screenshots met accountnaam, profielfoto, "
            "datum, tijd en webadres (URL), bewaar de originele berichten en verwijder niets. Een proces-verbaal van "
            "een deurwaarder is sterker bewijs."
        )
    return _(
        "Bewaar brieven en enveloppen, e-mails met de volledige kopregels (headers), sms'jes en voicemails. Maak "
        "foto's van schade of sporen en noteer wanneer en waar het gebeurde en wie het zagen. Verwijder niets."
    )


def _vpt_text(s: Situation) -> str:
    # Eenduidige Landelijke Afspraken politie-OM (veiligepubliekedienstverlening.nl): agreements, not law; the
    # aangifte is taken and followed up and a higher sentence demanded "in principe".
    return _(
        "Zeg dat u politiek ambtsdrager bent en vraag de politie om de code Veilige Publieke Taak (VPT). Dan gelden "
        "de afspraken tussen politie en OM: uw aangifte wordt in principe opgenomen en opgevolgd, en de officier van "
        "justitie eist in principe een hogere straf. Het zijn afspraken, geen garanties."
    )


def _rights_text(s: Situation) -> str:
    # Art. 51a ff. Sv: information about the case, access to documents, assistance, the right to speak (51e),
    # joining as injured party (51f). Art. 12 Sv: beklag at the court of appeal; art. 12k Sv: within three months.
    return _(
        "U hebt recht op informatie over uw zaak, inzage in de stukken, bijstand en spreekrecht (art. 51a en "
        "verder Sv). Vervolgt het OM niet of doet het de zaak af met een strafbeschikking, dan kunt u beklag doen "
        "bij het gerechtshof (art. 12 Sv), binnen 3 maanden nadat u van de beslissing hoorde."
    )


def _security_title(s: Situation) -> str:
    if s.role in rules.SECURITY_REGULATION_ROLES:
        return _("Vraag een beveiligingsadvies aan")
    return _("Vraag naar beveiligingsmaatregelen")


def _security_text(s: Situation) -> str:
    # The short form of damage.security_text (the damage routes give the whole procedure).
    if s.role in rules.SECURITY_REGULATION_ROLES:
        return _(
            "Op grond van de Regeling beveiligingsmaatregelen decentrale bestuurders kunt u aanspraak maken op een "
            "beveiligingsadvies voor uw woning (CCV en de beveiligingsautoriteit van BZK); %(organisation)s "
            "verstrekt en betaalt de geadviseerde maatregelen."
        ) % {"organisation": _("uw provincie") if s.role == "gedeputeerde" else _("uw gemeente")}
    if s.role in damage.MAYBE_COVERED_ROLES:
        return _(
            "Bent u commissaris van de Koning of lid van het dagelijks bestuur van een waterschap (zoals de "
            "dijkgraaf), dan kunt u op grond van de Regeling beveiligingsmaatregelen decentrale bestuurders "
            "aanspraak maken op een beveiligingsadvies voor uw woning; uw provincie of waterschap verstrekt en "
            "betaalt de geadviseerde maatregelen. Anders: vraag uw organisatie naar extra maatregelen."
        )
    return _(
        "Vraag uw gemeente of provincie of zij maatregelen voor een veilige woning en werkplek kunnen betalen, zoals "
        "camera's of een alarm. Het CCV kan adviseren over beveiliging van uw woning."
    )


def _damage_text(s: Situation) -> str:
    # The short form of the damage routes (guidance.damage): art. 51f Sv, art. 36f Sr, the CJIB advance.
    text = _(
        "Voeg u als benadeelde partij in de strafzaak (art. 51f Sv). Legt de rechter een schadevergoedingsmaatregel "
        "op (art. 36f Sr) en heeft de dader %(months)s maanden na de onherroepelijke uitspraak niet alles betaald, dan "
        "betaalt de Staat het restant als voorschot: volledig bij geweld- en zedenmisdrijven, anders tot %(limit)s."
    ) % {"months": damage.STATE_ADVANCE_AFTER_MONTHS, "limit": damage.euros(damage.STATE_ADVANCE_LIMIT_EUROS)}
    if s.acts & damage.VIOLENT_ACTS:
        text += " " + _(
            "Bij ernstig letsel door een opzettelijk geweldsmisdrijf, bedreiging met geweld inbegrepen, kunt u "
            "binnen %(years)s jaar na het geweld een tegemoetkoming vragen bij het Schadefonds Geweldsmisdrijven."
        ) % {"years": damage.DAMAGE_FUND_YEARS}
    return text


def _damage_sources(s: Situation) -> list[str]:
    sources = [damage.URL_STATE_ADVANCE, rules.sr("36f"), ART_51F_SV]
    if s.acts & damage.VIOLENT_ACTS:
        sources.append(rules.URL_DAMAGE_FUND)
    return sources


STEPS: tuple[StepUnit, ...] = (
    StepUnit(
        "call_112",
        when=lambda s: s.facts.acute_danger,
        title=lambda s: _("Bel 112"),
        text=lambda s: _("Bent u of is iemand in direct gevaar? Bel eerst 112. Zorg dat u veilig bent."),
    ),
    StepUnit(
        "report_to_police",
        when=lambda s: True,
        title=lambda s: _("Doe aangifte bij de politie") if s.has_offences else _("Doe een melding bij de politie"),
        text=_report_text,
        sources=lambda s: [rules.URL_POLICE_VPT],
    ),
    StepUnit(
        "ask_vpt_code",
        when=lambda s: s.analysis.related_to_office and s.role in rules.OFFICE_HOLDER_ROLES,
        title=lambda s: _("Vraag om de VPT-code"),
        text=_vpt_text,
        sources=lambda s: [rules.URL_VPT, rules.URL_OM_ELA],
    ),
    StepUnit(
        "complaint_deadline",
        when=lambda s: bool(s.with_need(Need.REQUIRED)),
        title=lambda s: _("Termijn voor uw klacht"),
        text=_complaint_deadline_text,
        sources=_complaint_deadline_sources,
    ),
    StepUnit(
        "precautionary_complaint",
        when=lambda s: bool(s.with_need(Need.PRECAUTIONARY)),
        title=lambda s: _("Voor de zekerheid een klacht"),
        text=_precautionary_text,
        sources=_precautionary_sources,
    ),
    StepUnit(
        "complaint_by_victim",
        when=lambda s: bool(s.asking),
        title=lambda s: _("Wie de klacht doet"),
        text=_by_victim_text,
        sources=_by_victim_sources,
    ),
    StepUnit(
        "deadline_expired",
        when=lambda s: bool(s.expired),
        title=lambda s: _("Termijn verstreken: wat nog kan"),
        text=_expired_text,
        sources=_expired_sources,
    ),
    StepUnit(
        "employer_report",
        when=lambda s: s.has_offences and not s.asking,
        title=lambda s: _("Laat de aangifte namens u doen"),
        text=_employer_text,
        sources=lambda s: [ART_161_SV],
    ),
    StepUnit(
        "keep_address_out",
        when=lambda s: True,
        title=lambda s: _("Houd uw huisadres buiten het dossier"),
        text=_address_text,
        sources=_address_sources,
    ),
    StepUnit(
        "demonstration_at_home",
        when=lambda s: "demonstration_at_home" in s.acts,
        title=lambda s: _("Demonstratie bij uw woning"),
        text=_demonstration_text,
        sources=_demonstration_sources,
    ),
    StepUnit(
        "group_hate_grounds",
        when=lambda s: bool(s.acts & {"group_insult_or_hate", "incitement"}),
        title=lambda s: _("Groepsbelediging en haatzaaien"),
        text=_group_hate_text,
        sources=lambda s: [rules.sr("137c"), rules.sr("137d")],
    ),
    StepUnit(
        "criticism_public_interest",
        when=lambda s: any(f.article == "266" for f in s.findings),
        title=lambda s: _("Kritiek of belediging?"),
        text=_criticism_text,
        sources=lambda s: [rules.sr("266")],
    ),
    StepUnit(
        "secure_evidence",
        when=lambda s: True,
        title=lambda s: _("Bewaar het bewijs"),
        text=_evidence_text,
    ),
    StepUnit(
        "contact_advisor",
        when=lambda s: True,
        title=lambda s: _("Neem contact op met een vertrouwensadviseur"),
        text=lambda s: (
            _(
                "Het Ondersteuningsteam Weerbaar Bestuur is dag en nacht bereikbaar via %(phone)s. De adviseur denkt "
                "mee, kan beoordelen wat er speelt en brengt u in contact met experts."
            )
            % {"phone": rules.PHONE_ADVISOR}
        ),
        sources=lambda s: [rules.URL_WEERBAAR_BESTUUR],
    ),
    StepUnit(
        "victim_support",
        when=lambda s: True,
        title=lambda s: _("Slachtofferhulp"),
        text=lambda s: (
            _(
                "Slachtofferhulp Nederland (%(phone)s) geeft gratis emotionele, praktische en juridische hulp, ook aan "
                "uw partner en kinderen."
            )
            % {"phone": rules.PHONE_VICTIM_SUPPORT}
        ),
        sources=lambda s: [rules.URL_VICTIM_SUPPORT],
    ),
    StepUnit(
        "victims_rights",
        when=lambda s: s.has_offences,
        title=lambda s: _("Uw rechten als slachtoffer"),
        text=_rights_text,
        sources=lambda s: [ART_51A_SV, ART_51E_SV, rules.ART_12_SV, ART_12K_SV],
    ),
    StepUnit(
        "security_scan",
        when=lambda s: True,
        title=_security_title,
        text=_security_text,
        sources=lambda s: [damage.security_source(s.role), rules.URL_CCV],
    ),
    StepUnit(
        "damage",
        when=lambda s: s.has_offences,
        title=lambda s: _("Schade vergoed krijgen"),
        text=_damage_text,
        sources=_damage_sources,
    ),
)

CODES = tuple(unit.code for unit in STEPS)


def build_steps(analysis: Analysis, facts: Facts, language: str) -> list[Step]:
    """The steps whose condition holds, rendered in ``language`` ("en" or Dutch)."""
    situation = Situation(analysis=analysis, facts=facts)
    with translation.override("en" if language == "en" else "nl"):
        return [unit.render(situation) for unit in STEPS if unit.when(situation)]
