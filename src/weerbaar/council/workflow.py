"""The council conversation workflow as data: every allowed step and what it needs.

requested -> intake_call -> exploratory_talk -> session_planned -> session_held
-> follow_up_offered -> closed; before the session is held a request can be cancelled.
Leaving the exploratory talk needs its notes; planning needs a date, place and facilitators;
recording the follow-up needs whether training was offered and accepted; cancelling needs a reason.
Each step gives the owner a task with a due date (``TASK_DUE_DAYS``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from django.utils.translation import gettext_noop

from weerbaar.council.choices import Status


class Needs(Enum):
    NOTHING = "nothing"
    NOTES = "notes"  # the exploratory talk's notes must be recorded (before or with the step)
    SESSION = "session"  # date, place, facilitators (and experts)
    FOLLOW_UP = "follow_up"  # offered yes/no, accepted yes/no
    REASON = "reason"  # why the team cancels (sealed, shown in the history)


@dataclass(frozen=True)
class Transition:
    source: Status
    target: Status
    needs: tuple[Needs, ...]
    name: str


TRANSITIONS: dict[tuple[str, str], Transition] = {
    (t.source.value, t.target.value): t
    for t in (
        Transition(Status.REQUESTED, Status.INTAKE_CALL, (Needs.NOTHING,), "start_intake"),
        Transition(Status.INTAKE_CALL, Status.EXPLORATORY_TALK, (Needs.NOTHING,), "start_exploration"),
        Transition(Status.EXPLORATORY_TALK, Status.SESSION_PLANNED, (Needs.NOTES, Needs.SESSION), "plan_session"),
        Transition(Status.SESSION_PLANNED, Status.SESSION_HELD, (Needs.NOTHING,), "hold_session"),
        Transition(Status.SESSION_HELD, Status.FOLLOW_UP_OFFERED, (Needs.FOLLOW_UP,), "offer_follow_up"),
        Transition(Status.FOLLOW_UP_OFFERED, Status.CLOSED, (Needs.NOTHING,), "close"),
        *(
            Transition(source, Status.CANCELLED, (Needs.REASON,), "cancel")
            for source in (Status.REQUESTED, Status.INTAKE_CALL, Status.EXPLORATORY_TALK, Status.SESSION_PLANNED)
        ),
    )
}

TERMINAL = frozenset({Status.CLOSED, Status.CANCELLED})

# The owner's task while a request is in a step: its title (a msgid, translated at display time with the
# place name only) and how many days it has. ``session_planned`` is due the day after the session.
TASK_TITLES: dict[str, str] = {
    Status.REQUESTED: gettext_noop("Raadsgesprek %(place)s: aanvraag oppakken en intakegesprek plannen"),
    Status.INTAKE_CALL: gettext_noop("Raadsgesprek %(place)s: intakegesprek voeren"),
    Status.EXPLORATORY_TALK: gettext_noop(
        "Raadsgesprek %(place)s: verkennend gesprek met burgemeester en griffier, bijeenkomst plannen"
    ),
    Status.SESSION_PLANNED: gettext_noop("Raadsgesprek %(place)s: bijeenkomst houden en vastleggen"),
    Status.SESSION_HELD: gettext_noop("Raadsgesprek %(place)s: vervolg (training) aanbieden"),
    Status.FOLLOW_UP_OFFERED: gettext_noop("Raadsgesprek %(place)s: afronden"),
}
TASK_DUE_DAYS: dict[str, int] = {
    Status.REQUESTED: 2,
    Status.INTAKE_CALL: 7,
    Status.EXPLORATORY_TALK: 21,
    Status.SESSION_PLANNED: 1,  # after the session date
    Status.SESSION_HELD: 7,
    Status.FOLLOW_UP_OFFERED: 14,
}


def transition_for(source: str, target: str) -> Transition | None:
    return TRANSITIONS.get((source, target))


def allowed_targets(source: str) -> list[str]:
    return [target for (src, target) in TRANSITIONS if src == source]


def task_key(request_id: int, status: str) -> str:
    return f"council:{request_id}:{status}"
