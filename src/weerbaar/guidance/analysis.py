"""The one computation of offences and klacht deadlines, per offence and per incident.

Everything that shows a deadline (the public step plan, the incident pages, the portal, the dossier's summary
and step plan, the deadline to-dos) calls ``analyse`` and nothing else, so they can never disagree.

* Offences come from the acts (``rules.ACTS``) filtered by the facts: who was hit (267, 304 and 179 protect only
  the office holder), the link with the exercise of the office, what was threatened, a group in public (141),
  serious injury (302).
* A klacht is required (``Need.REQUIRED``), not required (``Need.NONE``), or not required on the facts given but
  wise to make anyway (``Need.PRECAUTIONARY``): for 261, 262 and 266 related to the office (a court may find no
  link, and without a timely klacht the prosecution then fails) and for 284 when what was threatened is unknown.
* The term is three months from knowledge (art. 66 Sr), per incident. Belaging (285b) is a continuing offence: the
  incidents of one case with stalking form one series (unless the advisor split one off) and the term runs from
  knowledge of the last act of the series.
* The status compares the date with today (Europe/Amsterdam): ``open``, ``today`` (the last day), ``expired``;
  ``none`` when there is no date.

Pure: the same incidents and the same ``today`` always give the same analysis.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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
    series_known_until: date | None  # knowledge of the last act of the stalking series, if there is one

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
    """Art. 66 Sr: a klacht within 3 months of the day the victim learned of the offence (the last day)."""
    return learned_on + relativedelta(months=rules.COMPLAINT_PERIOD_MONTHS)


def deadline_status(deadline: date | None, today: date) -> str:
    if deadline is None:
        return "none"
    if deadline > today:
        return "open"
    if deadline == today:
        return "today"
    return "expired"


def _candidates(facts: IncidentFacts) -> list[str]:
    """The articles the acts of one incident point to, after the conditions on the facts."""
    office_holder = facts.victim == "office_holder"
    office = facts.related_to_office and office_holder
    found: list[str] = []

    def add(article: str) -> None:
        if article not in found:
            found.append(article)

    for act in facts.acts:
        for article in rules.ACTS[act]:
            offence = rules.OFFENCES[article]
            if offence.office_holder_only and not office:
                continue
            if article == "141" and (facts.perpetrators != "group" or facts.online):
                continue  # open violence needs a group, in public
            if article == "302" and not facts.serious_injury:
                continue
            if act == "threat_other":
                if article == "285" and facts.threatened not in (None, "listed_crime"):
                    continue  # 285 covers only the crimes it lists
                if article in ("284", "179") and not facts.demand and facts.threatened is not None:
                    continue  # coercion needs something demanded
            if act == "extortion":
                if article == "317" and facts.threatened == "exposure":
                    continue  # by a threat of defamation or of revealing a secret: 318
                if article == "318" and facts.threatened not in (None, "exposure"):
                    continue
            add(article)
    if office and any(a in rules.AGGRAVATED_WHEN_RELATED_TO_OFFICE for a in found):
        add(rules.AGGRAVATION_ARTICLE)
    if office and any(a in rules.ASSAULT_ARTICLES for a in found):
        add(rules.ASSAULT_AGGRAVATION_ARTICLE)
    return found


def _need(offence: rules.Offence, facts: IncidentFacts) -> Need:
    if offence.complaint is Complaint.ALWAYS:
        return Need.REQUIRED
    if offence.complaint is Complaint.UNLESS_RELATED_TO_OFFICE:
        if facts.related_to_office and facts.victim == "office_holder":
            return Need.PRECAUTIONARY  # 267 applies if a court finds the link; a klacht keeps the case safe
        return Need.REQUIRED
    if offence.complaint is Complaint.WHEN_THREAT_OF_EXPOSURE:
        if facts.threatened == "exposure":
            return Need.REQUIRED
        if facts.threatened is None:
            return Need.PRECAUTIONARY
    return Need.NONE


def analyse(role: str, incidents: Sequence[IncidentFacts], *, today: date) -> Analysis:
    """The offences and klacht dates of ``incidents`` (one case, or the one situation of the public plan)."""
    series = [i for i in incidents if i.in_series and "stalking" in i.acts]
    series_until = max((i.known_until for i in series), default=None)
    findings: list[Finding] = []
    for facts in incidents:
        for article in _candidates(facts):
            offence = rules.OFFENCES[article]
            need = _need(offence, facts)
            in_series = article == rules.SERIES_ARTICLE
            if need is Need.NONE:
                deadline = None
            elif in_series:
                known = series_until if facts.in_series and series_until else facts.known_until
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
                    series=in_series and facts.in_series and len(series) > 1,
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
