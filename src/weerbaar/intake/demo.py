"""Demo cases for development: about 200 fictional help requests through the real intake, worked by the demo
staff (registered in ``core.demo``; the staff come from ``accounts.demo``). They live in intake because every
demo case comes in through its front door, like a real one (cases imports no intake).

Only for a developer's machine (``weerbaar seed --demo``, refused unless
``WEERBAAR_DEBUG=1``). Every case goes through the real intake and case-work
services, so it is routed, encrypted under its own key and audited exactly like
a real one. Each step runs with the services' clock fixed at a moment in the past
(``core.clock.fixed_at``), so the case, its history, notes, calls and messages are
written at those moments by the services themselves and queues, deadlines and
escalations look lived-in; nothing is rewritten afterwards (history rows cannot be).
The audit log keeps the real time of loading. Names use the reserved ``example.org``
domain. Apps around the case add their own work to a demo case (incidents:
incidents with evidence) through ``register_case_work``, so cases imports none of them.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from weerbaar.accounts.models import Role, User
from weerbaar.accounts.policy import OfficeHolder
from weerbaar.cases import services as case_services
from weerbaar.cases.choices import MUNICIPAL_ROLES, PROVINCIAL_ROLES, Channel, CloseReason, Outcome, Status
from weerbaar.cases.models import Case
from weerbaar.core import clock
from weerbaar.core.demo import DemoBuilder, DemoRun
from weerbaar.core.registry import Registry
from weerbaar.directory.models import Municipality, Province
from weerbaar.intake.routing import association_code_for
from weerbaar.intake.services import help_request_submit

DEMO_CASES = 200
SAMPLE_INDEXES = (0, 60, 110)  # a new, an in-progress and an aftercare case whose follow-up codes are printed


@dataclass(frozen=True)
class CaseWork:
    """Work another app adds to a demo case while an advisor works it (after the notes, before the messages)."""

    name: str
    position: int
    chance: float  # how often a worked case gets it (one draw of the demo's random generator per case)
    add: Callable[[random.Random, Case, User], None]  # (rng, case, advisor)


_case_work: Registry[CaseWork] = Registry("demo case work")


def register_case_work(*work: CaseWork) -> None:
    _case_work.register(*work)


ROLE_WEIGHTS = {
    "raadslid": 34,
    "wethouder": 20,
    "burgemeester": 18,
    "statenlid": 10,
    "gedeputeerde": 6,
    "other": 12,
}
# fmt: off
FIRST_NAMES = (
    "Anna", "Bram", "Chantal", "Daan", "Esra", "Femke", "Gerrit", "Hanneke", "Ilse", "Jasper", "Karim", "Lotte",
    "Mees", "Nadia", "Olaf", "Priya", "Quinten", "Ruben", "Saskia", "Thijs", "Umut", "Vera", "Wouter", "Yara",
    "Zeynep", "Joris", "Marloes", "Kees", "Fatima", "Luuk",
)
LAST_NAMES = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit",
    "Dijkstra", "Smits", "de Graaf", "van der Meer", "Yilmaz", "Bouali",
)
# fmt: on
STORIES: dict[str, tuple[str, ...]] = {
    "threat": (
        "(Fictief voorbeeld) Na de raadsvergadering kreeg ik een anonieme brief thuis waarin staat dat ze weten "
        "waar mijn kinderen naar school gaan.",
        "(Fictief voorbeeld) Iemand belde drie keer naar mijn privénummer en dreigde mijn auto in brand te steken "
        "als het besluit over de windmolens doorgaat.",
    ),
    "intimidation": (
        "(Fictief voorbeeld) Een groep mensen stond gisteravond een uur lang voor mijn huis te filmen en te roepen.",
        "(Fictief voorbeeld) Een inwoner volgt mij al weken na afloop van de spreekuren en wacht mij op bij de auto.",
    ),
    "aggression": (
        "(Fictief voorbeeld) Tijdens het inloopspreekuur werd ik uitgescholden en werd er met een stoel gegooid.",
    ),
    "violence": (
        "(Fictief voorbeeld) Ik ben op de markt geduwd en geslagen door iemand die boos is over "
        "de parkeervergunningen.",
    ),
    "online_harassment": (
        "(Fictief voorbeeld) Sinds het debat over de opvanglocatie word ik op sociale media overspoeld met "
        "haatberichten; er circuleert een bewerkte foto van mij.",
        "(Fictief voorbeeld) Er is een nepaccount op mijn naam aangemaakt dat berichten verstuurt aan collega's.",
    ),
    "security_advice": (
        "(Fictief voorbeeld) Mijn adres staat online gedeeld. Ik wil graag advies over beveiliging van mijn woning.",
    ),
    "aftercare": (
        "(Fictief voorbeeld) Het incident van vorige maand is afgehandeld, maar ik slaap slecht "
        "en wil met iemand praten.",
    ),
    "council_conversation": (
        "(Fictief voorbeeld) De griffier en ik willen in de raad een gesprek organiseren over de omgangsvormen.",
    ),
    "other": ("(Fictief voorbeeld) Ik weet niet goed waar ik terecht kan en wil graag even overleggen.",),
}
NOTES = (
    "Eerste contact gehad; aanvrager is geschrokken maar veilig. Afspraak gemaakt voor een terugbelgesprek.",
    "Advies gegeven over het vastleggen van berichten (schermafdrukken met datum en tijd).",
    "Contact gelegd met de politie-eenheid over een melding; aanvrager overweegt aangifte.",
    "Burgemeester geïnformeerd met toestemming van de aanvrager.",
)
ADVISOR_MESSAGES = (
    "Dank voor uw bericht. Ik bel u morgen om 10 uur, past dat?",
    "Hierbij nog de tips over het vastleggen van berichten die we bespraken.",
)
HOLDER_MESSAGES = (
    "Dank u wel, morgen om 10 uur is goed.",
    "Er is vannacht opnieuw een bericht binnengekomen. Wat moet ik daarmee?",
)
CALL_SUMMARIES = (
    "Intakegesprek gevoerd; situatie en wensen doorgenomen.",
    "Terugbelgesprek: aanvrager voelt zich gesteund, volgt advies op.",
)


def _payload(rng: random.Random, municipalities: list[Municipality], provinces: list[Province]) -> dict[str, Any]:
    role = rng.choices(list(ROLE_WEIGHTS), weights=list(ROLE_WEIGHTS.values()))[0]
    concerns = rng.sample(list(STORIES), k=rng.choices([1, 2, 3], weights=[5, 4, 1])[0])
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    contact = rng.choices(["phone", "email", "portal"], weights=[5, 3, 2])[0]
    payload: dict[str, Any] = {
        "role": role,
        "name": f"{first} {last}",
        "email": f"{first.lower()}.{last.lower().replace(' ', '')}@example.org",
        "phone": f"06 {rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
        "preferredContact": contact,
        "concerns": concerns,
        "affected": rng.choice([["self"], ["self"], ["self", "family"], ["family"], ["self", "staff"]]),
        "description": " ".join(rng.choice(STORIES[c]) for c in concerns),
        "acuteDanger": rng.random() < 0.08,
        "consentToShare": rng.random() < 0.7,
    }
    if contact == "email" or rng.random() < 0.3:
        payload["phone"] = "" if contact == "email" else payload["phone"]
    if role in MUNICIPAL_ROLES or (role == "other" and rng.random() < 0.5):
        payload["municipalityCode"] = rng.choice(municipalities).code
    if role in PROVINCIAL_ROLES:
        payload["provinceCode"] = rng.choice(provinces).code
    return payload


def _plan(rng: random.Random, index: int) -> tuple[str, float]:
    """The target state of case ``index`` and how many days ago it came in."""
    if index < 30:
        return "new", rng.uniform(0, 0.9)  # recent, within the deadline
    if index < 42:
        return "escalated", rng.uniform(2, 6)  # unclaimed past the deadline
    if index < 105:
        return "in_progress", rng.uniform(1, 40)
    if index < 140:
        return "aftercare", rng.uniform(14, 90)
    if index < 185:
        return "closed", rng.uniform(20, 180)
    if index < 195:
        return "closed_without_work", rng.uniform(3, 120)
    return "reopened", rng.uniform(30, 120)


@dataclass
class Moments:
    """The moments a demo case's steps happen at: each a little later than the one before, never past ``end``.

    ``step()`` fixes the services' clock at the next moment for the block, so the services write that step (its
    history row, note, message ...) as having happened then."""

    rng: random.Random
    current: datetime
    end: datetime

    @contextmanager
    def step(self, share: tuple[float, float] = (0.05, 0.35)) -> Iterator[datetime]:
        self.current += (self.end - self.current) * self.rng.uniform(*share)
        with clock.fixed_at(self.current):
            yield self.current


def _holder_writes(rng: random.Random, case: Case, moments: Moments) -> None:
    principal = OfficeHolder(case_id=case.pk, reference=case.reference)
    text = rng.choice(HOLDER_MESSAGES)
    with moments.step():
        case_services.case_message_send_by_office_holder(principal=principal, reference=case.reference, text=text)


def _work(rng: random.Random, case: Case, state: str, advisors: dict[str, list[User]], moments: Moments) -> None:
    """Move a submitted case to ``state`` through the real services, with notes, calls and messages."""
    reference = case.reference
    pool = advisors[case.association.code]
    advisor = rng.choice(pool)
    if state in ("new", "escalated"):
        if rng.random() < 0.3:
            _holder_writes(rng, case, moments)
        return
    if state == "closed_without_work":
        reason = rng.choice(list(CloseReason.values))
        with moments.step():
            case_services.case_transition(actor=advisor, reference=reference, target=Status.CLOSED, reason=reason)
        return
    with moments.step(share=(0.01, 0.1)):  # claimed soon after it came in
        case_services.case_assign(actor=advisor, reference=reference, assignee_username="me")
    if rng.random() < 0.8:
        with moments.step() as moment:
            case_services.case_call_log(
                actor=advisor,
                reference=reference,
                occurred_at=moment,
                direction=rng.choice(["incoming", "outgoing"]),
                summary=rng.choice(CALL_SUMMARIES),
                duration_minutes=rng.choice([10, 15, 25, 40]),
            )
    for _ in range(rng.choice([0, 1, 1, 2])):
        with moments.step():
            case_services.case_note_add(actor=advisor, reference=reference, text=rng.choice(NOTES))
    for work in _case_work:
        if rng.random() < work.chance:
            with moments.step():
                work.add(rng, case, advisor)
    if rng.random() < 0.6:
        with moments.step():
            case_services.case_message_send(actor=advisor, reference=reference, text=rng.choice(ADVISOR_MESSAGES))
        if rng.random() < 0.7:
            _holder_writes(rng, case, moments)
    if state == "in_progress":
        return
    # Aftercare is a choice (issue 11, point 6): about half of the cases closed after work never had it.
    if state == "aftercare" or rng.random() < 0.5:
        with moments.step():
            case_services.case_transition(actor=advisor, reference=reference, target=Status.AFTERCARE)
    if state == "aftercare":
        return
    outcome = rng.choice(list(Outcome.values))
    with moments.step():
        case_services.case_transition(actor=advisor, reference=reference, target=Status.CLOSED, outcome=outcome)
    if state == "reopened":
        reason = "(Fictief) De aanvrager meldt een nieuw incident van dezelfde persoon."
        with moments.step():
            case_services.case_transition(actor=advisor, reference=reference, target=Status.IN_PROGRESS, reason=reason)


def _counts(run: DemoRun) -> list[str]:
    counts = Counter(Case.objects.values_list("status", flat=True))
    escalated = Case.objects.filter(escalated_at__isnull=False).count()
    return [
        "Cases by status: " + ", ".join(f"{status} {counts.get(status, 0)}" for status in Status.values)
        + f" (escalated {escalated})."
    ]  # fmt: skip


def _samples(run: DemoRun) -> list[str]:
    samples: list[tuple[str, str, str]] = run.notes.get("case samples") or []
    if not samples:
        return ["Follow-up codes were shown when the demo data was loaded; an advisor can issue a new one."]
    lines = ["Office holder sign-in at /mijn-zaak/inloggen (codes are shown only now, like real ones):"]
    lines += [f"  {reference}  code {code}  ({state})" for reference, code, state in samples]
    return lines


def _cases_load(run: DemoRun) -> None:
    """Add ``run.cases`` (default 200) fictional cases through intake, worked by the demo advisors."""
    from weerbaar.accounts.demo import demo_staff

    rng = random.Random(run.seed)  # noqa: S311 - fictional data, reproducible on purpose
    now = run.now
    cases = DEMO_CASES if run.cases is None else run.cases
    municipalities = list(Municipality.objects.order_by("code"))
    provinces = list(Province.objects.order_by("code"))
    samples: list[tuple[str, str, str]] = []
    advisors: dict[str, list[User]] = {}
    for user in demo_staff().values():
        if user.role == Role.ADVISOR and user.association:
            advisors.setdefault(user.association.code, []).append(user)
    for index in range(cases):
        state, days_ago = _plan(rng, index % DEMO_CASES)
        payload = _payload(rng, municipalities, provinces)
        code = association_code_for(payload["role"])
        channel = rng.choices([Channel.WEB, Channel.PHONE, Channel.API], weights=[6, 3, 1])[0]
        actor = rng.choice(advisors[code]) if channel == Channel.PHONE else None
        received = now - timedelta(days=days_ago, minutes=rng.randint(0, 600))
        with clock.fixed_at(received):
            submitted = help_request_submit(raw=payload, channel=channel, actor=actor)
        # The case's life fills most of the time since it came in (the last tenth stays quiet).
        moments = Moments(rng=rng, current=received, end=received + (now - received) * 0.9)
        _work(rng, submitted.case, state, advisors, moments)
        if index in SAMPLE_INDEXES:
            samples.append((submitted.case.reference, submitted.follow_up_code, state))
    case_services.cases_escalate_overdue(now=now)
    run.notes["case samples"] = samples


# The counts come first in the printed summary, before the demo staff; the cases and their sample codes after.
COUNTS = DemoBuilder("case counts", 15, summary=_counts)
CASES = DemoBuilder("cases", 40, load=_cases_load, summary=_samples)
