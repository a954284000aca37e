"""Synthetic incidents and police reports for the synthetic cases (``weerbaar seed --synthetic N``).

Per case none to four incidents, as the services record them: the acts and channel sealed in ``sealed_facts``, a
short fictional account in ``sealed_details``, both under the case's key with the associated data naming the
incident's id (reserved before the insert, ``core.synthetic.reserve_ids``). The channel mix follows the Monitor
Integriteit en Veiligheid 2024 (59% of incidents online: social media and e-mail here); the acts follow the
channel. About 7% of the cases have a complaint (aangifte) on their first incident — all those closed with the
outcome "complaint filed" and a few others — and some a registration (melding).
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.utils import timezone

from weerbaar.cases.choices import Outcome
from weerbaar.cases.models import Case
from weerbaar.core.synthetic import SyntheticBuilder, SyntheticRun, reserve_ids
from weerbaar.incidents.choices import (
    INJURY_ACTS,
    PERPETRATOR_ACTS,
    SERIES_ACTS,
    THREAT_ACTS,
    IncidentChannel,
    Recorder,
    ReportKind,
    Victim,
)
from weerbaar.incidents.models import Incident, PoliceReport

CHANNEL_WEIGHTS = {
    IncidentChannel.ONLINE: 50,
    IncidentChannel.EMAIL: 9,  # online together: 59%
    IncidentChannel.PHONE: 8,
    IncidentChannel.LETTER: 5,
    IncidentChannel.IN_PERSON_WORK: 14,
    IncidentChannel.AT_HOME: 8,
    IncidentChannel.ELSEWHERE: 6,
}
ACTS_BY_CHANNEL: dict[str, dict[str, int]] = {
    IncidentChannel.ONLINE: {
        "insult": 30, "hostile_message": 25, "threat_of_violence": 15, "group_insult_or_hate": 8, "defamation": 8,
        "doxing": 6, "identity_misuse": 3, "threat_other": 3, "incitement": 2,
    },
    IncidentChannel.EMAIL: {
        "hostile_message": 35, "insult": 25, "threat_of_violence": 20, "threat_other": 10, "defamation": 5,
        "extortion": 2, "other": 3,
    },
    IncidentChannel.PHONE: {
        "threat_of_violence": 30, "hostile_message": 30, "insult": 25, "coercion": 5, "stalking": 10,
    },
    IncidentChannel.LETTER: {"threat_of_violence": 40, "hostile_message": 35, "insult": 15, "threat_other": 10},
    IncidentChannel.IN_PERSON_WORK: {
        "insult": 40, "threat_of_violence": 25, "hostile_message": 15, "assault": 8, "coercion": 5,
        "property_damage": 4, "other": 3,
    },
    IncidentChannel.AT_HOME: {
        "demonstration_at_home": 25, "property_damage": 20, "stalking": 20, "threat_of_violence": 15, "trespass": 10,
        "arson": 3, "insult": 7,
    },
    IncidentChannel.ELSEWHERE: {
        "insult": 40, "threat_of_violence": 25, "stalking": 15, "assault": 10, "hostile_message": 10,
    },
}  # fmt: skip
INCIDENTS_PER_CASE = {0: 5, 1: 58, 2: 24, 3: 10, 4: 3}
NO_INCIDENT_CONCERNS = frozenset({"security_advice", "council_conversation", "aftercare", "other"})
VICTIM_WEIGHTS = {
    Victim.OFFICE_HOLDER: 88, Victim.PARTNER: 5, Victim.CHILD: 3, Victim.OTHER_FAMILY: 2, Victim.STAFF: 2,
}  # fmt: skip
AFFECTED_BY_VICTIM = {
    Victim.OFFICE_HOLDER: ["self"],
    Victim.PARTNER: ["partner"],
    Victim.CHILD: ["children"],
    Victim.OTHER_FAMILY: ["household"],
    Victim.STAFF: ["staff"],
}
COMPLAINT_OTHERWISE = 0.025  # a complaint on a case without the outcome "complaint filed" (still open, or referred)
REGISTRATION = 0.06


def _pick(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _incident_count(rng: random.Random, case: Case) -> int:
    if set(case.concerns) <= NO_INCIDENT_CONCERNS:
        return rng.choice([0, 0, 1])
    return int(_pick(rng, INCIDENTS_PER_CASE))


def _incident(rng: random.Random, case: Case, number: int, pk: int) -> Incident:
    received = timezone.localdate(case.created_at)
    channel = _pick(rng, CHANNEL_WEIGHTS)
    acts = {_pick(rng, ACTS_BY_CHANNEL[channel])}
    if rng.random() < 0.3:
        acts.add(_pick(rng, ACTS_BY_CHANNEL[channel]))
    occurred = received - timedelta(days=min(int(rng.expovariate(1 / 6)), 90))
    learned = min(occurred + timedelta(days=rng.choice([0, 0, 0, 1, 2])), received)
    victim = _pick(rng, VICTIM_WEIGHTS)
    incident = Incident(
        pk=pk,
        case=case,
        number=number,
        occurred_on=occurred,
        learned_on=learned,
        related_to_office=rng.random() < 0.9,
        affected=AFFECTED_BY_VICTIM[victim],
        perpetrator_known=rng.random() < 0.35,
        victim=victim,
        threatened=rng.choice(["listed_crime", "listed_crime", "exposure", "other"]) if acts & THREAT_ACTS else None,
        demand=bool(acts & THREAT_ACTS) and rng.random() < 0.1,
        perpetrators=rng.choice(["one", "one", "group"]) if acts & PERPETRATOR_ACTS else None,
        serious_injury=bool(acts & INJURY_ACTS) and rng.random() < 0.1,
        last_learned_on=learned + timedelta(days=rng.randint(1, 20))
        if acts & SERIES_ACTS and rng.random() < 0.5
        else None,
        in_series=True,
        recorded_by=rng.choice([Recorder.ADVISOR, Recorder.ADVISOR, Recorder.OFFICE_HOLDER]),
        created_at=case.created_at,
        updated_at=case.created_at,
    )
    if incident.last_learned_on and incident.last_learned_on > received:
        incident.last_learned_on = None
    incident.seal(
        "sealed_details",
        {"platform": "", "description": "(Synthetisch) Voorval.", "perpetratorIdentifiers": [], "witnesses": ""},
        under=case,
    )
    incident.seal("sealed_facts", {"channel": str(channel), "acts": sorted(acts)}, under=case)
    return incident


def _report(rng: random.Random, case: Case, incident: Incident, kind: str, pk: int) -> PoliceReport:
    report = PoliceReport(pk=pk, incident=incident, updated_by=Recorder.ADVISOR, updated_at=case.created_at)
    report.seal(
        "sealed_details",
        {
            "kind": kind,
            "reportedOn": (incident.learned_on + timedelta(days=rng.randint(0, 5))).isoformat(),
            "vptCode": rng.choice(["yes", "yes", "no", "unknown"]),
            "addressProtection": "default",
            "prosecutionDecision": "unknown",
            "decisionOn": None,
            "article12": "none",
            "policeUnit": "",
            "policeReference": "",
            "notes": "",
        },
        under=case,
    )
    return report


def _load(run: SyntheticRun, size: int) -> None:
    rng = run.rng("incidents")
    counts = [(case, _incident_count(rng, case)) for case in run.batch]
    ids = iter(reserve_ids(Incident, sum(n for _, n in counts)))
    incidents: list[Incident] = []
    reports: list[tuple[Case, Incident, str]] = []
    for case, count in counts:
        made = [_incident(rng, case, number, next(ids)) for number in range(1, count + 1)]
        incidents += made
        if not made:
            continue
        if case.outcome == Outcome.COMPLAINT_FILED or rng.random() < COMPLAINT_OTHERWISE:
            reports.append((case, made[0], ReportKind.COMPLAINT))
        elif rng.random() < REGISTRATION:
            reports.append((case, made[0], ReportKind.REGISTRATION))
    Incident.objects.bulk_create(incidents, batch_size=500)
    report_ids = iter(reserve_ids(PoliceReport, len(reports)))
    rows = [_report(rng, case, incident, kind, next(report_ids)) for case, incident, kind in reports]
    PoliceReport.objects.bulk_create(rows, batch_size=500)
    run.add("incidents", len(incidents))
    run.add("police reports", len(rows))
    run.add("complaints", sum(1 for *_, kind in reports if kind == ReportKind.COMPLAINT))


INCIDENTS = SyntheticBuilder("incidents", 20, load=_load)
