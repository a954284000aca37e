"""Demo council conversations for development (registered in ``core.demo``, after the demo staff).

Every request goes through the real services (sealed, audited, with the owner's tasks), each step at a
moment in the past (the services' ``now``), so the workspace list, the history on the detail pages and the
coverage chart look lived-in without rewriting anything afterwards. Contact details are fictional
(``example.org``); a few sessions were held this year and last year, one request is in every open step.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from weerbaar.accounts.models import User
from weerbaar.core.clock import AMSTERDAM
from weerbaar.core.demo import DemoBuilder, DemoRun
from weerbaar.council import services
from weerbaar.council.choices import Status
from weerbaar.council.validation import validate_council_request

HAPPY_PATH: list[str] = [
    Status.INTAKE_CALL,
    Status.EXPLORATORY_TALK,
    Status.SESSION_PLANNED,
    Status.SESSION_HELD,
    Status.FOLLOW_UP_OFFERED,
    Status.CLOSED,
]
# (body, place code or water board, requester role, how far, session this year (0) or last year (-1))
DEMO_REQUESTS: tuple[tuple[str, str, str, str, int], ...] = (
    ("gemeenteraad", "GM0344", "griffier", Status.CLOSED, -1),
    ("college", "GM0363", "burgemeester", Status.CLOSED, -1),
    ("gemeenteraad", "GM0014", "griffier", Status.CLOSED, 0),
    ("gemeenteraad", "GM0599", "griffier", Status.FOLLOW_UP_OFFERED, 0),
    ("college", "GM0855", "burgemeester", Status.SESSION_HELD, 0),
    ("gemeenteraad", "GM0080", "griffier", Status.CLOSED, 0),
    ("provinciale_staten", "PV27", "statengriffier", Status.CLOSED, 0),
    ("waterschap", "Waterschap Rivierenland (demo)", "secretaris_waterschap", Status.SESSION_HELD, 0),
    ("gemeenteraad", "GM0772", "griffier", Status.SESSION_PLANNED, 0),
    ("gemeenteraad", "GM0935", "griffier", Status.EXPLORATORY_TALK, 0),
    ("college", "GM0153", "burgemeester", Status.INTAKE_CALL, 0),
    ("gemeenteraad", "GM0202", "anders", Status.REQUESTED, 0),
    ("gedeputeerde_staten", "PV24", "statengriffier", Status.CANCELLED, 0),
)
DEMO_TARGET = 24


def _payload(index: int, body: str, place: str, role: str) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "requesterRole": role,
        "body": body,
        "contactName": f"Contactpersoon {index + 1} (demo)",
        "contactFunction": {"griffier": "Griffier", "burgemeester": "Burgemeester"}.get(role, "Secretaris"),
        "contactEmail": f"raadsgesprek{index + 1}@example.org",
        "contactPhone": f"0201 00{index:02d} 11",
        "preferredPeriod": "(Fictief) na het zomerreces",
        "situation": "(Fictief) Raadsleden krijgen na een debat over windmolens dreigende berichten.",
        "aggressionProtocol": ["yes", "no", "unknown"][index % 3],
        "codeOfConduct": ["no", "yes", "unknown"][index % 3],
    }
    if body in ("gemeenteraad", "college"):
        payload["municipalityCode"] = place
    elif body in ("provinciale_staten", "gedeputeerde_staten"):
        payload["provinceCode"] = place
    else:
        payload["waterBoard"] = place
    return payload


def _session_day(rng: random.Random, today: date, year_offset: int, until: str) -> date:
    if until == Status.SESSION_PLANNED:
        return today + timedelta(days=rng.randint(10, 40))
    if year_offset < 0:
        return date(today.year - 1, rng.randint(2, 11), rng.randint(1, 28))
    start = date(today.year, 1, 2)
    return start + timedelta(days=rng.randint(0, max((today - start).days - 1, 0)))


def _later(rng: random.Random, moment: datetime, end: datetime) -> datetime:
    """A moment between ``moment`` and ``end``: the next step, a while after the previous one."""
    return moment + (end - moment) * rng.uniform(0.1, 0.4) if end > moment else moment


def council_demo_load(*, users: dict[str, User], now: datetime, rng: random.Random) -> int:
    """Add the demo requests (once: the caller checks that demo data is absent); returns how many."""
    team = [u for u in users.values() if u.role in ("advisor", "coordinator")]
    coordinator = next(u for u in team if u.role == "coordinator")
    today = now.date()
    for index, (body, place, role, until, year_offset) in enumerate(DEMO_REQUESTS):
        path = HAPPY_PATH[: HAPPY_PATH.index(until) + 1] if until in HAPPY_PATH else [Status.INTAKE_CALL, until]
        if until == Status.REQUESTED:
            path = []
        created = now - timedelta(days=30 + index * 9 + (365 if year_offset < 0 else 0))
        session_day = _session_day(rng, today, year_offset, until) if Status.SESSION_PLANNED in path else None
        held_at = None
        if session_day is not None and Status.SESSION_HELD in path:
            # The request came in well before its session; the session is recorded the day after.
            created = min(created, datetime.combine(session_day, time(10), AMSTERDAM) - timedelta(days=45))
            held_at = min(datetime.combine(session_day + timedelta(days=1), time(16), AMSTERDAM), now)
        request = services.council_request_submit(
            data=validate_council_request(_payload(index, body, place, role)), now=created
        ).request
        owner = rng.choice(team)
        moment = created
        for target in path:
            raw: dict[str, Any] = {"status": target}
            if target == Status.SESSION_PLANNED:
                assert session_day is not None
                raw.update(
                    localSituation="(Fictief) Spanningen na het windmolendebat.",
                    protocol="(Fictief) Protocol uit 2019, onbekend bij nieuwe raadsleden.",
                    codeOfConduct="(Fictief) Gedragscode wordt herzien.",
                    sessionDate=session_day.isoformat(),
                    place="(Fictief) Raadzaal",
                    facilitators=[owner.username, coordinator.username],
                    experts=["Ervaringsdeskundige (demo)"],
                )
            if target == Status.FOLLOW_UP_OFFERED:
                raw.update(followUpOffered=True, followUpAccepted=index % 2 == 0)
            if target == Status.CANCELLED:
                raw.update(reason="(Fictief) De raad kiest dit jaar voor een eigen training.")
            if target == Status.SESSION_HELD and held_at is not None:
                moment = max(moment, held_at)
            else:
                # Steps before the session fit before it; the rest between the last step and now.
                until_moment = held_at - timedelta(days=2) if held_at is not None and moment < held_at else now
                moment = _later(rng, moment, until_moment)
            services.council_transition(actor=owner, reference=request.reference, raw=raw, now=moment)
    services.coverage_target_set(actor=coordinator, year=today.year, sessions=DEMO_TARGET)
    return len(DEMO_REQUESTS)


def _load(run: DemoRun) -> None:
    from weerbaar.accounts.demo import demo_staff

    council_demo_load(users=demo_staff(), now=run.now, rng=random.Random(run.seed + 1))  # noqa: S311 - fictional


DEMO = DemoBuilder("council requests", 50, load=_load)
