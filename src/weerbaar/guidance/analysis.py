"""The one computation of offences and klacht deadlines, per offence and per incident.

Everything that shows a deadline (the public step plan, the incident pages, the portal, the dossier's summary
and step plan, the deadline to-dos) calls ``analyse`` and nothing else, so they can never disagree.

* Offences come from the acts (``rules.ACTS``) filtered by the facts: who was hit (267, 304 and 179 protect only
  the office holder), the link with the exercise of the office, what was threatened, a group in public (141),
  serious injury (302). Each condition is one cited unit in ``CONDITIONS``, each aggravation one in
  ``AGGRAVATIONS``, and what each kind of klachtdelict asks one function in ``NEEDS``.
* A klacht is required (``Need.REQUIRED``), not required (``Need.NONE``), or not required on the facts given but
  wise to make anyway (``Need.PRECAUTIONARY``): for 261, 262 and 266 related to the office (a court may find no
  link, and without a timely klacht the prosecution then fails) and for 284 when what was threatened is unknown.
* The term is three months from knowledge (art. 66 lid 1 Sr), per incident. Belaging (285b) is a continuing
  offence: the incidents of one case with stalking of one person form one series (unless the advisor split one
  off; each person stalked has their own series and klacht) and the term
  runs from knowledge of the last act of the series (HR 24 April 2018, ECLI:NL:HR:2018:667). Every finding carries
  its ``sources``: the article's current text, the rulings it rests on, and art. 66 (and 269) when a date is asked.
* The status compares the date with today (Europe/Amsterdam): ``open``, ``today`` (the last day), ``expired``;
  ``none`` when there is no date.

Pure: the same incidents and the same ``today`` always give the same analysis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from weerbaar.guidance import rules
from weerbaar.guidance.rules import Complaint, Need


@dataclass(frozen=True)
class IncidentFacts:
    """What the rules need of one incident (or of the one situation of the public step plan)."""

    learned_on: date
    acts: tuple[str, ...]
    related_to_office: bool
    online: bool = False
    victim: str = "office_holder"
    # Knowledge of the last act of a series described in one go (public step plan); ``learned_on`` is the first.
    last_learned_on: date | None = None
    threatened: str | None = None  # None: not said
    demand: bool = False
    perpetrators: str | None = None  # None: not said
    serious_injury: bool = False
    # Belongs to the case's stalking series (the advisor can split an incident off).
    in_series: bool = True
    number: int | None = None  # the incident's number in its case; None for the public step plan

    @property
    def known_until(self) -> date:
        """Knowledge of the last act this incident describes."""
        return max(self.learned_on, self.last_learned_on or self.learned_on)


@dataclass(frozen=True)
class Finding:
    """One offence of one incident, with what it asks of the victim and by when."""

    article: str
    incident: int | None
    victim: str
    need: Need
    deadline: date | None  # the klacht date: required or precautionary; None when no klacht is asked
    status: str  # "open", "today", "expired" or "none"
    series: bool = False  # 285b: the date runs from the last act of the series
    sources: tuple[str, ...] = ()  # the article's current text, its rulings, and art. 66 (269) with a klacht date

    @property
    def offence(self) -> rules.Offence:
        return rules.OFFENCES[self.article]

    @property
    def complaint_required(self) -> bool:
        return self.need is Need.REQUIRED

    @property
    def complaint_deadline(self) -> date | None:
        return self.deadline if self.need is Need.REQUIRED else None

    @property
    def precautionary_deadline(self) -> date | None:
        return self.deadline if self.need is Need.PRECAUTIONARY else None


@dataclass(frozen=True)
class Analysis:
    role: str
    today: date
    incidents: tuple[IncidentFacts, ...]
    findings: tuple[Finding, ...]
    series_known_until: date | None  # knowledge of the last act of any stalking series (one per victim), if any

    def for_incident(self, number: int | None) -> list[Finding]:
        return [f for f in self.findings if f.incident == number]

    def articles(self) -> list[str]:
        """Every article found, in the order of first appearance."""
        seen: list[str] = []
        for finding in self.findings:
            if finding.article not in seen:
                seen.append(finding.article)
        return seen

    def asking_klacht(self) -> list[Finding]:
        """The findings with a klacht date (required or precautionary), earliest first."""
        return sorted((f for f in self.findings if f.deadline), key=lambda f: (f.deadline, f.article))

    @property
    def related_to_office(self) -> bool:
        return any(i.related_to_office and i.victim == "office_holder" for i in self.incidents)


def complaint_deadline(learned_on: date) -> date:
    """Art. 66 lid 1 Sr: a klacht within 3 months after the day the victim learned of the offence (the last day).

    Learned on 1 June: the last day is 1 September; learned on 30 November: 28 February (the month has no 30th).
    """
    return learned_on + relativedelta(months=rules.COMPLAINT_PERIOD_MONTHS)


def deadline_status(deadline: date | None, today: date) -> str:
    """``open`` before the last day, ``today`` on it, ``expired`` after it, ``none`` without a date."""
    if deadline is None:
        return "none"
    if deadline > today:
        return "open"
    if deadline == today:
        return "today"
    return "expired"


# --- The conditions: one cited unit each --------------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """A condition on the facts without which an act does not point to some offences.

    ``articles`` are the offences it limits; ``acts`` the acts it applies to (empty: every act); ``holds`` says
    whether the facts meet it; ``source`` names the article and lid (and ruling) it rests on.
    """

    name: str
    articles: frozenset[str]
    acts: frozenset[str]
    source: str
    holds: Callable[[IncidentFacts], bool]

    def excludes(self, act: str, article: str, facts: IncidentFacts) -> bool:
        return article in self.articles and (not self.acts or act in self.acts) and not self.holds(facts)


def _office_holder_in_office(facts: IncidentFacts) -> bool:
    return facts.victim == "office_holder" and facts.related_to_office


CONDITIONS: tuple[Condition, ...] = (
    # Art. 267 sub 2, 304 sub 2 and 179 protect an official ("ambtenaar", art. 84 lid 1 for members of
    # representative bodies) during or because of the exercise of the office: the office holder, not a partner, a
    # child or staff, and only with a link to the exercise of the office (HR 19 September 2017, ECLI:NL:HR:2017:2394).
    Condition(
        "office_holder_in_office",
        frozenset({"267", "304", "179"}),
        frozenset(),
        "art. 267 sub 2, 304 sub 2, 179, 84 lid 1 Sr; ECLI:NL:HR:2017:2394",
        _office_holder_in_office,
    ),
    # Art. 141 lid 1: violence "openlijk" (in a place open to the public) and "in vereniging" (two or more together).
    Condition(
        "group_in_public",
        frozenset({"141"}),
        frozenset(),
        "art. 141 lid 1 Sr",
        lambda f: f.perpetrators == "group" and not f.online,
    ),
    # Art. 302 lid 1: serious bodily injury (zwaar lichamelijk letsel, art. 82).
    Condition("serious_injury", frozenset({"302"}), frozenset(), "art. 302 lid 1 Sr", lambda f: f.serious_injury),
    # Art. 285 lid 1 lists the crimes a punishable threat is of; a threat of exposure or of "something else" is not
    # one of them. Not said (None): the police can still consider it.
    Condition(
        "threat_of_listed_crime",
        frozenset({"285"}),
        frozenset({"threat_other"}),
        "art. 285 lid 1 Sr",
        lambda f: f.threatened in (None, "listed_crime"),
    ),
    # Art. 284 lid 1 and art. 179: coercion ("dwingt") needs something demanded: to do, not to do or to tolerate.
    Condition(
        "coercion_needs_a_demand",
        frozenset({"284", "179"}),
        frozenset({"threat_other"}),
        "art. 284 lid 1, 179 Sr",
        lambda f: f.threatened is None or f.demand,
    ),
    # Art. 317 lid 1: extortion by violence or a threat of violence; by a threat of smaad, smaadschrift or revealing
    # a secret it is afdreiging (art. 318 lid 1).
    Condition(
        "extortion_by_violence",
        frozenset({"317"}),
        frozenset({"extortion"}),
        "art. 317 lid 1 Sr",
        lambda f: f.threatened != "exposure",
    ),
    Condition(
        "blackmail_by_exposure",
        frozenset({"318"}),
        frozenset({"extortion"}),
        "art. 318 lid 1 Sr",
        lambda f: f.threatened in (None, "exposure"),
    ),
)


@dataclass(frozen=True)
class Aggravation:
    """An aggravation added to the offences found (``base``) when the office holder was hit in office."""

    article: str
    base: frozenset[str]
    source: str


AGGRAVATIONS: tuple[Aggravation, ...] = (
    # Art. 267 sub 2: +1/3 for 261-266 against an official during or because of the lawful exercise of the office.
    Aggravation(rules.AGGRAVATION_ARTICLE, rules.AGGRAVATED_WHEN_RELATED_TO_OFFICE, "art. 267 sub 2 Sr"),
    # Art. 304 sub 2: +1/3 for 300-303 against an official during or because of the lawful exercise of the office.
    Aggravation(rules.ASSAULT_AGGRAVATION_ARTICLE, rules.ASSAULT_ARTICLES, "art. 304 sub 2 Sr"),
)


def _candidates(facts: IncidentFacts) -> list[str]:
    """The articles the acts of one incident point to, after the conditions on the facts."""
    found: list[str] = []
    for act in facts.acts:
        for article in rules.ACTS[act]:
            if article in found or any(c.excludes(act, article, facts) for c in CONDITIONS):
                continue
            found.append(article)
    if _office_holder_in_office(facts):
        for aggravation in AGGRAVATIONS:
            if aggravation.article not in found and aggravation.base & set(found):
                found.append(aggravation.article)
    return found


# --- The klacht: what each kind of offence asks, one cited unit each ----------------------------------------------


def _need_never(facts: IncidentFacts) -> Need:
    return Need.NONE


def _need_always(facts: IncidentFacts) -> Need:
    # Art. 285b lid 2, art. 318 lid 3: "niet vervolgd dan op klacht", whoever was hit and whatever the link.
    return Need.REQUIRED


def _need_unless_related_to_office(facts: IncidentFacts) -> Need:
    # Art. 269: no klacht when art. 267 applies, that is when the office holder was insulted during or because of
    # the exercise of the office. A court may find no such link (ECLI:NL:HR:2017:2394) and without a timely klacht
    # the prosecution then fails: a klacht "to be safe". Anyone else (a partner, a child, staff) and the office
    # holder outside the office: the klacht is required.
    if _office_holder_in_office(facts):
        return Need.PRECAUTIONARY
    return Need.REQUIRED


def _need_when_threat_of_exposure(facts: IncidentFacts) -> Need:
    # Art. 284 lid 2: a klacht only for coercion by a threat of smaad or smaadschrift (lid 1 sub 2). Not said what was
    # threatened: it may be that case, so a klacht to be safe.
    if facts.threatened == "exposure":
        return Need.REQUIRED
    if facts.threatened is None:
        return Need.PRECAUTIONARY
    return Need.NONE


NEEDS: dict[Complaint, Callable[[IncidentFacts], Need]] = {
    Complaint.NEVER: _need_never,
    Complaint.ALWAYS: _need_always,
    Complaint.UNLESS_RELATED_TO_OFFICE: _need_unless_related_to_office,
    Complaint.WHEN_THREAT_OF_EXPOSURE: _need_when_threat_of_exposure,
}


def _need(offence: rules.Offence, facts: IncidentFacts) -> Need:
    return NEEDS[offence.complaint](facts)


def _sources(offence: rules.Offence, need: Need, series: bool) -> tuple[str, ...]:
    """What a finding rests on: the article and its rulings; with a klacht date also art. 66 (and 269 for honour)."""
    found = list(offence.sources)
    if need is not Need.NONE:
        if offence.complaint is Complaint.UNLESS_RELATED_TO_OFFICE:
            found.append(rules.ART_269)
        found.append(rules.ART_66)
    if series and rules.HR_285B_CONTINUING not in found:
        found.append(rules.HR_285B_CONTINUING)
    return tuple(found)


def analyse(role: str, incidents: Sequence[IncidentFacts], *, today: date) -> Analysis:
    """The offences and klacht dates of ``incidents`` (one case, or the one situation of the public plan)."""
    # One series per person stalked: each victim's klacht is their own (HR 2 November 2004, AQ4289), and the term of
    # one person's series does not move with acts against someone else.
    series = [i for i in incidents if i.in_series and "stalking" in i.acts]
    series_of: dict[str, list[IncidentFacts]] = {}
    for member in series:
        series_of.setdefault(member.victim, []).append(member)
    until_of = {victim: max(m.known_until for m in members) for victim, members in series_of.items()}
    series_until = max(until_of.values(), default=None)
    findings: list[Finding] = []
    for facts in incidents:
        for article in _candidates(facts):
            offence = rules.OFFENCES[article]
            need = _need(offence, facts)
            in_series = article == rules.SERIES_ARTICLE
            if need is Need.NONE:
                deadline = None
            elif in_series:
                known = until_of[facts.victim] if facts.in_series and facts.victim in until_of else facts.known_until
                deadline = complaint_deadline(known)
            else:
                deadline = complaint_deadline(facts.learned_on)
            findings.append(
                Finding(
                    article=article,
                    incident=facts.number,
                    victim=facts.victim,
                    need=need,
                    deadline=deadline,
                    status=deadline_status(deadline, today),
                    series=in_series and facts.in_series and len(series_of.get(facts.victim, ())) > 1,
                    sources=_sources(offence, need, in_series),
                )
            )
    return Analysis(
        role=role,
        today=today,
        incidents=tuple(incidents),
        findings=tuple(findings),
        series_known_until=series_until,
    )


def earliest_open(findings: Iterable[Finding]) -> Finding | None:
    """The finding whose klacht date comes first among those not yet expired."""
    live = [f for f in findings if f.deadline and f.status in ("open", "today")]
    return min(live, key=lambda f: (f.deadline, f.article), default=None)
