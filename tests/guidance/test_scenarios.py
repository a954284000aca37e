"""The scenario table: realistic situations, what the law makes of them, and the source it rests on.

Each row is one situation an office holder or an advisor brings: the role, the incident(s) as facts, the day it is
judged (``today``), and exactly the offences expected, each with what it asks as to a klacht (required,
precautionary or none), the date and the status of that date. ``source`` cites the article(s) and ruling(s) the
expectation rests on (Wetboek van Strafrecht unless said otherwise). The dates are written out by hand: the table
is an oracle independent of the date arithmetic it checks.

Every row runs through ``analyse()`` directly; the single-incident rows also through ``POST /api/v1/assessments``
on the same fixed day (``core.clock``), so the public contract says the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from rest_framework.test import APIClient

from weerbaar.core import clock
from weerbaar.guidance import rules
from weerbaar.guidance.analysis import IncidentFacts, analyse
from weerbaar.guidance.rules import Need

TODAY = date(2026, 12, 7)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


def inc(learned: date, *acts: str, office: bool = True, online: bool = False, victim: str = "office_holder",
        last: date | None = None, threatened: str | None = None, demand: bool = False,
        perpetrators: str | None = None, injury: bool = False, in_series: bool = True,
        number: int | None = None) -> IncidentFacts:  # fmt: skip
    return IncidentFacts(
        learned_on=learned,
        acts=acts,
        related_to_office=office,
        online=online,
        victim=victim,
        last_learned_on=last,
        threatened=threatened,
        demand=demand,
        perpetrators=perpetrators,
        serious_injury=injury,
        in_series=in_series,
        number=number,
    )


@dataclass(frozen=True)
class Expect:
    article: str
    need: Need
    deadline: date | None = None
    status: str = "none"
    incident: int | None = None

    def key(self) -> tuple[Any, ...]:
        return (self.incident, self.article, self.need, self.deadline, self.status)


def req(article: str, deadline: date, status: str = "open", incident: int | None = None) -> Expect:
    return Expect(article, Need.REQUIRED, deadline, status, incident)


def prec(article: str, deadline: date, status: str = "open", incident: int | None = None) -> Expect:
    return Expect(article, Need.PRECAUTIONARY, deadline, status, incident)


def no(article: str, incident: int | None = None) -> Expect:
    return Expect(article, Need.NONE, None, "none", incident)


@dataclass(frozen=True)
class Scenario:
    name: str
    role: str
    incidents: tuple[IncidentFacts, ...]
    expected: tuple[Expect, ...]
    source: str
    today: date = TODAY
    series: frozenset[int] = field(default_factory=frozenset)  # incidents whose 285b date runs from the series


def one(name: str, role: str, facts: IncidentFacts, *expected: Expect, source: str, today: date = TODAY) -> Scenario:
    return Scenario(name, role, (facts,), tuple(expected), source, today)


def case(name: str, role: str, incidents: list[IncidentFacts], *expected: Expect, source: str,
         series: tuple[int, ...] = (), today: date = TODAY) -> Scenario:  # fmt: skip
    return Scenario(name, role, tuple(incidents), tuple(expected), source, today, frozenset(series))


SCENARIOS: list[Scenario] = [
    # --- threats -----------------------------------------------------------------------------------------------
    one(
        "raadslid threatened with death under a post about her vote",
        "raadslid",
        inc(d(11, 2), "threat_of_violence", online=True),
        no("285"),
        source="art. 285 lid 1 Sr (a crime against life is listed; no klacht)",
    ),
    one(
        "letter at home threatening to 'get' the wethouder's partner",
        "wethouder",
        inc(d(11, 10), "threat_of_violence", victim="partner"),
        no("285"),
        source="art. 285 lid 1 Sr; HR 25 January 2011, ECLI:NL:HR:2011:BO3400 (the threatened crime may be aimed "
        "at someone else than the one threatened)",
    ),
    one(
        "statenlid told his house will be set on fire",
        "statenlid",
        inc(d(11, 28), "threat_other", threatened="listed_crime", online=True),
        no("285"),
        source="art. 285 lid 1 Sr (brandstichting is a listed crime)",
    ),
    one(
        "raadslid: 'change your vote or I publish that you cheat'",
        "raadslid",
        inc(d(12, 1), "threat_other", threatened="exposure", demand=True, online=True),
        req("284", d(3, 1, 2027)),
        no("179"),
        source="art. 284 lid 1 sub 2 and lid 2 Sr (coercion by a threat of smaad: klacht); art. 179 Sr with "
        "HR 13 June 2023, ECLI:NL:HR:2023:854 (another act threatened); art. 66 lid 1 Sr",
    ),
    one(
        "statenlid pressed in a private dispute: 'pay back or I tell everyone'",
        "statenlid",
        inc(d(11, 20), "threat_other", threatened="exposure", demand=True, office=False),
        req("284", d(2, 20, 2027)),
        source="art. 284 lid 1 sub 2, lid 2 Sr; no art. 179 outside the office (art. 179 Sr)",
    ),
    one(
        "threat to 'expose' the wethouder, no demand",
        "wethouder",
        inc(d(11, 20), "threat_other", threatened="exposure", online=True),
        source="art. 284 lid 1 Sr (dwingen needs a demand); art. 285 lid 1 Sr (exposure is not a listed crime): "
        "no offence named, a registration (melding)",
    ),
    one(
        "vague threat, not said of what",
        "gedeputeerde",
        inc(d(10, 15), "threat_other"),
        no("285"),
        prec("284", d(1, 15, 2027)),
        no("179"),
        source="art. 285 lid 1 Sr; art. 284 lid 2 Sr (a klacht if it was a threat of smaad: to be safe); art. 179 Sr",
    ),
    one(
        "burgemeester: 'grant the permit or we organise a boycott of your shop'",
        "burgemeester",
        inc(d(11, 16), "threat_other", threatened="other", demand=True),
        no("284"),
        no("179"),
        source="art. 284 lid 1 sub 1 Sr (enige andere feitelijkheid: no klacht); art. 179 Sr; "
        "HR 13 June 2023, ECLI:NL:HR:2023:854",
    ),
    one(
        "raadslid told 'you will regret this', nothing demanded",
        "raadslid",
        inc(d(11, 30), "threat_other", threatened="other", online=True),
        source="art. 285 lid 1 Sr (not a listed crime), art. 284 lid 1 Sr (no demand): a registration",
    ),
    one(
        "threat of violence and an insult in one message",
        "wethouder",
        inc(d(11, 20), "threat_of_violence", "insult", online=True),
        no("285"),
        prec("266", d(2, 20, 2027)),
        no("267"),
        source="art. 285 lid 1; art. 266, 267 sub 2, 269 Sr; HR 19 September 2017, ECLI:NL:HR:2017:2394",
    ),
    # --- insult and defamation ---------------------------------------------------------------------------------
    one(
        "raadslid called a traitor over his vote",
        "raadslid",
        inc(d(11, 20), "insult", online=True),
        prec("266", d(2, 20, 2027)),
        no("267"),
        source="art. 266, 267 sub 2, 269 Sr; art. 84 lid 1 Sr (a raadslid is an official); "
        "HR 19 September 2017, ECLI:NL:HR:2017:2394 (a court may find no link: a klacht to be safe)",
    ),
    one(
        "wethouder insulted at the supermarket about his garden",
        "wethouder",
        inc(d(11, 25), "insult", office=False),
        req("266", d(2, 25, 2027)),
        source="art. 266, 269 Sr (no link with the exercise of the office: klacht); art. 66 lid 1 Sr",
    ),
    one(
        "the wethouder's partner insulted over the wethouder's decision",
        "wethouder",
        inc(d(11, 20), "insult", victim="partner", online=True),
        req("266", d(2, 20, 2027)),
        source="art. 266, 269 Sr; art. 267 sub 2 protects only the official; art. 64 lid 1 Sr (the partner files "
        "personally)",
    ),
    one(
        "the burgemeester's child insulted at school over a closure order",
        "burgemeester",
        inc(d(11, 12), "insult", victim="child"),
        req("266", d(2, 12, 2027)),
        source="art. 266, 269 Sr; art. 65 lid 1 Sr (under 16: the legal representative files)",
    ),
    one(
        "the raadslid's secretary insulted at the counter",
        "raadslid",
        inc(d(11, 18), "insult", victim="staff"),
        req("266", d(2, 18, 2027)),
        source="art. 266, 269 Sr; art. 267 sub 2 Sr protects the office holder only in this table",
    ),
    one(
        "the gedeputeerde's mother insulted on Facebook over a provincial plan",
        "gedeputeerde",
        inc(d(11, 27), "insult", victim="other_family", online=True),
        req("266", d(2, 27, 2027)),
        source="art. 266, 269 Sr; art. 64 lid 1 Sr",
    ),
    one(
        "private insult learned of on 1 August: the term has passed",
        "raadslid",
        inc(d(8, 1), "insult", office=False),
        req("266", d(11, 1), "expired"),
        source="art. 66 lid 1 Sr (3 months: last day 1 November 2026)",
    ),
    one(
        "private insult learned of on 7 September: today is the last day",
        "statenlid",
        inc(d(9, 7), "insult", office=False),
        req("266", d(12, 7), "today"),
        source="art. 66 lid 1 Sr (3 months after 7 September: 7 December 2026)",
    ),
    one(
        "office insult learned of on 7 September: the precautionary date is today",
        "wethouder",
        inc(d(9, 7), "insult", online=True),
        prec("266", d(12, 7), "today"),
        no("267"),
        source="art. 66 lid 1, 267 sub 2, 269 Sr; ECLI:NL:HR:2017:2394",
    ),
    one(
        "office insult from June: the precautionary date has passed",
        "burgemeester",
        inc(d(6, 30), "insult"),
        prec("266", d(9, 30), "expired"),
        no("267"),
        source="art. 66 lid 1, 267 sub 2, 269 Sr (267 still applies without a klacht)",
    ),
    one(
        "gedeputeerde accused of taking bribes for a subsidy",
        "gedeputeerde",
        inc(d(11, 20), "defamation", online=True),
        prec("261", d(2, 20, 2027)),
        prec("262", d(2, 20, 2027)),
        no("267"),
        source="art. 261, 262, 267 sub 2, 269 Sr; ECLI:NL:HR:2017:2394",
    ),
    one(
        "rumour of an affair spread about the raadslid",
        "raadslid",
        inc(d(11, 23), "defamation", office=False, online=True),
        req("261", d(2, 23, 2027)),
        req("262", d(2, 23, 2027)),
        source="art. 261, 262, 269 Sr; art. 66 lid 1 Sr",
    ),
    one(
        "the burgemeester's partner accused of fraud to hit the burgemeester",
        "burgemeester",
        inc(d(11, 20), "defamation", victim="partner", online=True),
        req("261", d(2, 20, 2027)),
        req("262", d(2, 20, 2027)),
        source="art. 261, 262, 269 Sr; art. 267 sub 2 Sr protects only the official",
    ),
    one(
        "dijkgraaf insulted during a board meeting",
        "other",
        inc(d(11, 20), "insult"),
        prec("266", d(2, 20, 2027)),
        no("267"),
        source="art. 266, 267 sub 2, 269 Sr; art. 84 lid 1 Sr (a member of the water board's representative "
        "body is an official)",
    ),
    one(
        "insults over weeks described at once: each insult keeps its own term (from the first)",
        "raadslid",
        inc(d(9, 10), "insult", office=False, last=d(11, 30), online=True),
        req("266", d(12, 10)),
        source="art. 66 lid 1 Sr: a term per insult; only belaging runs from the last act (ECLI:NL:HR:2018:667)",
    ),
    one(
        "private insult learned of on 30 November: the month has no 30th",
        "statenlid",
        inc(d(11, 30), "insult", office=False),
        req("266", d(2, 28, 2027)),
        source="art. 66 lid 1 Sr (three months after 30 November 2026 ends on 28 February 2027)",
    ),
    # --- stalking ----------------------------------------------------------------------------------------------
    one(
        "wethouder followed home after council meetings, learned of on 20 November",
        "wethouder",
        inc(d(11, 20), "stalking"),
        req("285b", d(2, 20, 2027)),
        source="art. 285b lid 1 and 2 Sr (always a klacht, also in office); art. 66 lid 1 Sr",
    ),
    one(
        "stalking described at once: first act 1 June, last act 25 November",
        "raadslid",
        inc(d(6, 1), "stalking", last=d(11, 25), online=True),
        req("285b", d(2, 25, 2027)),
        source="art. 285b lid 2, 66 lid 1 Sr; HR 24 April 2018, ECLI:NL:HR:2018:667 (term from the last act)",
    ),
    case(
        "three stalking incidents learned 1 June, 15 September, 25 November",
        "burgemeester",
        [inc(d(6, 1), "stalking", number=1), inc(d(9, 15), "stalking", number=2), inc(d(11, 25), "stalking", number=3)],
        req("285b", d(2, 25, 2027), incident=1),
        req("285b", d(2, 25, 2027), incident=2),
        req("285b", d(2, 25, 2027), incident=3),
        source="art. 285b lid 2, 66 lid 1 Sr; ECLI:NL:HR:2018:667 (a continuing offence: one term, from the last "
        "act, for the whole series)",
        series=(1, 2, 3),
    ),
    case(
        "stalking series with the first incident split off by the advisor",
        "wethouder",
        [
            inc(d(6, 1), "stalking", in_series=False, number=1),
            inc(d(9, 15), "stalking", number=2),
            inc(d(11, 25), "stalking", number=3),
        ],
        req("285b", d(9, 1), "expired", incident=1),
        req("285b", d(2, 25, 2027), incident=2),
        req("285b", d(2, 25, 2027), incident=3),
        source="art. 285b lid 2, 66 lid 1 Sr: a separate episode keeps its own term",
        series=(2, 3),
    ),
    case(
        "stalking series whose last act was learned of on 7 September",
        "statenlid",
        [inc(d(7, 2), "stalking", number=1), inc(d(9, 7), "stalking", number=2)],
        req("285b", d(12, 7), "today", incident=1),
        req("285b", d(12, 7), "today", incident=2),
        source="art. 285b lid 2, 66 lid 1 Sr; ECLI:NL:HR:2018:667",
        series=(1, 2),
    ),
    case(
        "stalking series that ended in August: the term has passed",
        "gedeputeerde",
        [inc(d(5, 1), "stalking", number=1), inc(d(8, 15), "stalking", number=2)],
        req("285b", d(11, 15), "expired", incident=1),
        req("285b", d(11, 15), "expired", incident=2),
        source="art. 285b lid 2, 66 lid 1 Sr",
        series=(1, 2),
    ),
    case(
        "the household stalked: the office holder and the partner",
        "burgemeester",
        [inc(d(10, 3), "stalking", number=1), inc(d(11, 14), "stalking", victim="partner", number=2)],
        # One series per person stalked: the act against the partner does not move the office holder's term.
        req("285b", d(1, 3, 2027), incident=1),
        req("285b", d(2, 14, 2027), incident=2),
        source="art. 285b lid 2 Sr; HR 2 November 2004, ECLI:NL:HR:2004:AQ4289 (each stalked person files "
        "their own klacht); ECLI:NL:HR:2018:667",
    ),
    one(
        "stalking with an insult in the same message, about his council work",
        "raadslid",
        inc(d(11, 20), "stalking", "insult", online=True),
        req("285b", d(2, 20, 2027)),
        prec("266", d(2, 20, 2027)),
        no("267"),
        source="art. 285b lid 2, 266, 267 sub 2, 269 Sr",
    ),
    # --- doxing ------------------------------------------------------------------------------------------------
    one(
        "the burgemeester's home address posted with 'pay him a visit'",
        "burgemeester",
        inc(d(11, 29), "doxing", online=True),
        no("285d"),
        source="art. 285d lid 1 and 2 Sr (no klacht; +1/3 against a burgemeester)",
    ),
    one(
        "the wethouder's child's school posted to frighten the wethouder",
        "wethouder",
        inc(d(11, 29), "doxing", victim="child", online=True),
        no("285d"),
        source="art. 285d lid 1 Sr ('van een ander of een derde': a third party's data too)",
    ),
    # --- violence and damage -----------------------------------------------------------------------------------
    one(
        "burgemeester pushed over by one man at the market",
        "burgemeester",
        inc(d(12, 5), "assault", perpetrators="one"),
        no("300"),
        no("304"),
        source="art. 300, 304 sub 2 Sr (official during the exercise of the office)",
    ),
    one(
        "wethouder beaten by a group after a meeting, broken jaw",
        "wethouder",
        inc(d(12, 5), "assault", perpetrators="group", injury=True),
        no("300"),
        no("302"),
        no("141"),
        no("304"),
        source="art. 300, 302 lid 1 (serious injury), 141 lid 1 (openly in company), 304 sub 2 Sr",
    ),
    one(
        "the town hall's caretaker beaten by a group of protesters",
        "burgemeester",
        inc(d(12, 2), "assault", victim="staff", perpetrators="group"),
        no("300"),
        no("141"),
        source="art. 300, 141 lid 1 Sr; art. 304 sub 2 only for the office holder in this table",
    ),
    one(
        "the raadslid's partner hit at the front door",
        "raadslid",
        inc(d(11, 26), "assault", victim="partner", perpetrators="one"),
        no("300"),
        source="art. 300 Sr; art. 304 sub 2 Sr not for the partner",
    ),
    one(
        "statenlid in a fight with a neighbour (private)",
        "statenlid",
        inc(d(11, 26), "assault", office=False, perpetrators="one"),
        no("300"),
        source="art. 300 Sr; art. 304 sub 2 Sr needs the exercise of the office",
    ),
    one(
        "gedeputeerde stabbed by one person at a site visit",
        "gedeputeerde",
        inc(d(12, 1), "assault", perpetrators="one", injury=True),
        no("300"),
        no("302"),
        no("304"),
        source="art. 300, 302 lid 1, 304 sub 2 Sr",
    ),
    one(
        "assault said without who or how many",
        "raadslid",
        inc(d(12, 1), "assault"),
        no("300"),
        no("304"),
        source="art. 300, 304 sub 2 Sr; art. 141 lid 1 needs a group",
    ),
    one(
        "the burgemeester's teenage son beaten by a group",
        "burgemeester",
        inc(d(11, 22), "assault", victim="child", perpetrators="group"),
        no("300"),
        no("141"),
        source="art. 300, 141 lid 1 Sr",
    ),
    one(
        "windows of the wethouder's home smashed by one person",
        "wethouder",
        inc(d(11, 21), "property_damage", perpetrators="one"),
        no("350"),
        source="art. 350 Sr",
    ),
    one(
        "a group smashes the town hall's windows during a protest",
        "burgemeester",
        inc(d(11, 21), "property_damage", perpetrators="group"),
        no("350"),
        no("141"),
        source="art. 350, 141 lid 1 Sr",
    ),
    one(
        "the raadslid's car set on fire in front of the house",
        "raadslid",
        inc(d(11, 21), "arson"),
        no("157"),
        no("350"),
        source="art. 157 sub 1 Sr (common danger to goods is to be feared next to a home); art. 350 Sr",
    ),
    # --- the other new acts ------------------------------------------------------------------------------------
    one(
        "deepfake nude of the statenlid shared in a Telegram group",
        "statenlid",
        inc(d(11, 19), "intimate_images", online=True),
        no("139h"),
        source="art. 139h Sr; Rechtbank Amsterdam 2 November 2023, ECLI:NL:RBAMS:2023:6923",
    ),
    one(
        "intimate images of the wethouder's partner published",
        "wethouder",
        inc(d(11, 19), "intimate_images", victim="partner", online=True),
        no("139h"),
        source="art. 139h Sr",
    ),
    one(
        "sextortion: money or the video goes public",
        "raadslid",
        inc(d(11, 24), "extortion", threatened="exposure", demand=True, online=True),
        req("318", d(2, 24, 2027)),
        source="art. 318 lid 1 and 3 Sr; Gerechtshof Amsterdam 14 December 2018, ECLI:NL:GHAMS:2018:4620",
    ),
    one(
        "money demanded with a threat of violence",
        "wethouder",
        inc(d(11, 24), "extortion", threatened="listed_crime", demand=True),
        no("317"),
        source="art. 317 lid 1 Sr (violence or the threat of it; no klacht)",
    ),
    one(
        "extortion, not said by what threat",
        "gedeputeerde",
        inc(d(11, 24), "extortion", demand=True),
        no("317"),
        req("318", d(2, 24, 2027)),
        source="art. 317 lid 1 Sr; art. 318 lid 3 Sr (if it was by exposure, a klacht is needed)",
    ),
    one(
        "ransom demanded or the council's files are wiped",
        "burgemeester",
        inc(d(11, 24), "extortion", threatened="other", demand=True, online=True),
        no("317"),
        source="art. 317 Sr; art. 318 lid 1 Sr needs a threat of smaad or revealing a secret",
    ),
    one(
        "fake account in the raadslid's name posting hate",
        "raadslid",
        inc(d(11, 24), "identity_misuse", online=True),
        no("231b"),
        source="art. 231b Sr",
    ),
    one(
        "the wethouder's e-mail account broken into",
        "wethouder",
        inc(d(11, 24), "hacking", online=True),
        no("138ab"),
        source="art. 138ab lid 1 Sr",
    ),
    one(
        "group insulted for their religion in a flyer against the raadslid",
        "raadslid",
        inc(d(11, 24), "group_insult_or_hate", online=True),
        no("137c"),
        no("137d"),
        source="art. 137c lid 1 Sr (race, religion or belief, orientation, disability), 137d lid 1 Sr",
    ),
    one(
        "call to 'visit' the statenlid's home and teach him a lesson",
        "statenlid",
        inc(d(11, 24), "incitement", online=True),
        no("131"),
        no("137d"),
        source="art. 131, 137d Sr",
    ),
    one(
        "burgemeester forced to withdraw an order by a threat to defame",
        "burgemeester",
        inc(d(11, 24), "coercion", threatened="exposure", demand=True),
        req("284", d(2, 24, 2027)),
        no("179"),
        source="art. 284 lid 1 sub 2 and lid 2, 179 Sr; ECLI:NL:HR:2023:854",
    ),
    one(
        "wethouder pressed to sign a permit, not said by what threat",
        "wethouder",
        inc(d(11, 24), "coercion", demand=True),
        prec("284", d(2, 24, 2027)),
        no("179"),
        source="art. 284 lid 2 Sr (a klacht to be safe when it may have been a threat of smaad); art. 179 Sr",
    ),
    one(
        "the raadslid's partner forced to hand over a phone",
        "raadslid",
        inc(d(11, 24), "coercion", victim="partner", demand=True),
        prec("284", d(2, 24, 2027)),
        source="art. 284 lid 1, 2 Sr; art. 179 Sr protects only the official",
    ),
    one(
        "statenlid coerced in a private quarrel with a threat of violence",
        "statenlid",
        inc(d(11, 24), "coercion", office=False, threatened="listed_crime", demand=True),
        no("284"),
        source="art. 284 lid 1 sub 1 Sr (no klacht); art. 179 Sr needs an act of the office",
    ),
    one(
        "the raadslid's assistant threatened with exposure to leak committee papers",
        "raadslid",
        inc(d(11, 24), "threat_other", victim="staff", threatened="exposure", demand=True),
        req("284", d(2, 24, 2027)),
        source="art. 284 lid 1 sub 2, lid 2 Sr; art. 179 Sr only for the office holder in this table",
    ),
    one(
        "protesters enter the wethouder's garden and home",
        "wethouder",
        inc(d(11, 24), "trespass"),
        no("138"),
        no("139"),
        source="art. 138, 139 Sr",
    ),
    one(
        "demonstration in front of the burgemeester's home",
        "burgemeester",
        inc(d(11, 24), "demonstration_at_home"),
        source="Wet openbare manifestaties art. 5-7: not in itself an offence; a registration",
    ),
    one(
        "a hostile but not threatening e-mail",
        "gedeputeerde",
        inc(d(11, 24), "hostile_message", online=True),
        source="no offence named: a registration (the police judge)",
    ),
    one(
        "something else happened",
        "other",
        inc(d(11, 24), "other"),
        source="no offence named: a registration (the police judge)",
    ),
    # --- cases of several incidents ----------------------------------------------------------------------------
    case(
        "one office-related and one private insult",
        "wethouder",
        [inc(d(11, 20), "insult", online=True, number=1), inc(d(11, 25), "insult", office=False, number=2)],
        prec("266", d(2, 20, 2027), incident=1),
        no("267", incident=1),
        req("266", d(2, 25, 2027), incident=2),
        source="art. 266, 267 sub 2, 269 Sr apply per offence and incident; art. 66 lid 1 Sr",
    ),
    case(
        "stalking series, an office insult and an assault in one case",
        "raadslid",
        [
            inc(d(8, 20), "stalking", number=1),
            inc(d(10, 2), "insult", online=True, number=2),
            inc(d(11, 5), "stalking", "assault", perpetrators="one", number=3),
        ],
        req("285b", d(2, 5, 2027), incident=1),
        prec("266", d(1, 2, 2027), incident=2),
        no("267", incident=2),
        req("285b", d(2, 5, 2027), incident=3),
        no("300", incident=3),
        no("304", incident=3),
        source="art. 285b lid 2 Sr with ECLI:NL:HR:2018:667 (series); art. 266, 267, 269, 300, 304 Sr; art. 66",
        series=(1, 3),
    ),
    case(
        "insult of the partner and of the office holder over the same decision",
        "burgemeester",
        [inc(d(11, 20), "insult", number=1), inc(d(11, 20), "insult", victim="partner", number=2)],
        prec("266", d(2, 20, 2027), incident=1),
        no("267", incident=1),
        req("266", d(2, 20, 2027), incident=2),
        source="art. 266, 267 sub 2, 269 Sr; art. 64 lid 1 Sr (the partner files personally)",
    ),
    case(
        "a stalking incident judged on the day after its term ended",
        "wethouder",
        [inc(d(9, 6), "stalking", number=1)],
        req("285b", d(12, 6), "expired", incident=1),
        source="art. 285b lid 2, 66 lid 1 Sr (the last day was 6 December 2026)",
    ),
]


def _ids(scenario: Scenario) -> str:
    return scenario.name


def _analysed(scenario: Scenario):
    return analyse(scenario.role, scenario.incidents, today=scenario.today)


def test_the_table_is_large_and_covers_every_act_role_victim_and_date_kind():
    assert len(SCENARIOS) >= 60
    assert len({s.name for s in SCENARIOS}) == len(SCENARIOS)
    assert all(s.source.strip() for s in SCENARIOS)
    incidents = [i for s in SCENARIOS for i in s.incidents]
    assert {a for i in incidents for a in i.acts} == set(rules.ACTS)
    assert {s.role for s in SCENARIOS} == set(rules.ROLES)
    assert {i.victim for i in incidents} == set(rules.VICTIMS)
    expected = [e for s in SCENARIOS for e in s.expected]
    assert {e.status for e in expected} == set(rules.DEADLINE_STATUSES)
    assert {e.need for e in expected} == set(Need)
    assert any(s.series for s in SCENARIOS)
    assert any(i.last_learned_on for i in incidents)
    assert {t for i in incidents for t in (i.threatened,)} >= set(rules.THREATENED)
    assert {i.perpetrators for i in incidents} >= set(rules.PERPETRATORS)
    assert {e.article for e in expected} == set(rules.OFFENCES)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=_ids)
def test_analyse_gives_exactly_the_expected_offences_and_dates(scenario):
    analysis = _analysed(scenario)
    found = {(f.incident, f.article, f.need, f.deadline, f.status) for f in analysis.findings}
    assert found == {e.key() for e in scenario.expected}, scenario.source
    assert len(analysis.findings) == len(scenario.expected)  # no offence twice for one incident
    for finding in analysis.findings:
        assert finding.sources, finding
        assert finding.sources[0] == rules.OFFENCES[finding.article].source
        if finding.deadline:
            assert rules.ART_66 in finding.sources
    series = {f.incident for f in analysis.findings if f.series}
    assert series == set(scenario.series)


SINGLE = [s for s in SCENARIOS if len(s.incidents) == 1 and s.incidents[0].number is None]


def _body(scenario: Scenario) -> dict[str, Any]:
    facts = scenario.incidents[0]
    data: dict[str, Any] = {
        "role": scenario.role,
        "relatedToOffice": facts.related_to_office,
        "acuteDanger": False,
        "online": facts.online,
        "learnedOn": facts.learned_on.isoformat(),
        "acts": list(facts.acts),
        "victim": facts.victim,
        "demand": facts.demand,
        "seriousInjury": facts.serious_injury,
    }
    if facts.last_learned_on:
        data["lastLearnedOn"] = facts.last_learned_on.isoformat()
    if facts.threatened:
        data["threatened"] = facts.threatened
    if facts.perpetrators:
        data["perpetrators"] = facts.perpetrators
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("scenario", SINGLE, ids=_ids)
def test_the_api_says_the_same(scenario, settings):
    settings.DEBUG = True  # the services' clock can be fixed in development only
    day = scenario.today
    with clock.fixed_at(datetime(day.year, day.month, day.day, 9, 0, tzinfo=AMSTERDAM)):
        response = APIClient().post("/api/v1/assessments", _body(scenario), format="json")
    assert response.status_code == 200, response.content
    data = response.json()
    found = {
        (o["article"], o["complaintRequired"], o["complaintDeadline"], o["precautionaryComplaintDeadline"],
         o["deadlineStatus"])
        for o in data["offences"]
    }  # fmt: skip
    expected = {
        (e.article, e.need is Need.REQUIRED,
         e.deadline.isoformat() if e.need is Need.REQUIRED and e.deadline else None,
         e.deadline.isoformat() if e.need is Need.PRECAUTIONARY and e.deadline else None,
         e.status)
        for e in scenario.expected
    }  # fmt: skip
    assert found == expected, scenario.source
    assert data["route"] == ("complaint" if scenario.expected else "registration")
