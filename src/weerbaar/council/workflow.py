"""The council conversation workflow as data: every allowed step and what it needs.

requested -> intake_call -> exploratory_talk -> session_planned -> session_held
-> follow_up_offered -> closed; before the session is held a request can be cancelled.
Leaving the exploratory talk needs its notes; planning needs a date, place and facilitators;
recording the follow-up needs whether training was offered and accepted; cancelling needs a reason.
Anything else is refused (409); every step appends a ``CouncilStatusChange`` row (``core.workflow``).
Each step gives the owner a task with a due date (``TASK_DUE_DAYS``).
"""

from __future__ import annotations

from enum import Enum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from weerbaar.core.workflow import History, Refusal, Transition, Workflow
from weerbaar.council.choices import Status


class Needs(Enum):
    NOTES = "notes"  # the exploratory talk's notes must be recorded (before or with the step)
    SESSION = "session"  # date, place, facilitators (and experts)
    FOLLOW_UP = "follow_up"  # offered yes/no, accepted yes/no
    REASON = "reason"  # why the team cancels (sealed, shown in the history)


def _refuse(refusal: Refusal) -> tuple[str, str]:
    return (
        _("Van '%(source)s' kan een aanvraag niet naar '%(target)s'. Mogelijk: %(allowed)s.")
        % {
            "source": Status(refusal.source).label,
            "target": Status(str(refusal.target)).label,
            "allowed": ", ".join(str(Status(t).label) for t in refusal.allowed) or "-",
        },
        "council_transition_not_allowed",
    )


WORKFLOW = Workflow(
    states=Status.values,
    initial=Status.REQUESTED,
    transitions=(
        Transition(Status.REQUESTED, Status.INTAKE_CALL, "start_intake"),
        Transition(Status.INTAKE_CALL, Status.EXPLORATORY_TALK, "start_exploration"),
        Transition(Status.EXPLORATORY_TALK, Status.SESSION_PLANNED, "plan_session", {Needs.NOTES, Needs.SESSION}),
        Transition(Status.SESSION_PLANNED, Status.SESSION_HELD, "hold_session"),
        Transition(Status.SESSION_HELD, Status.FOLLOW_UP_OFFERED, "offer_follow_up", {Needs.FOLLOW_UP}),
        Transition(Status.FOLLOW_UP_OFFERED, Status.CLOSED, "close"),
        *(
            Transition(source, Status.CANCELLED, "cancel", {Needs.REASON})
            for source in (Status.REQUESTED, Status.INTAKE_CALL, Status.EXPLORATORY_TALK, Status.SESSION_PLANNED)
        ),
    ),
    history=History(
        model="council.CouncilStatusChange", record="request", source="source", target="target", actor="actor", at="at"
    ),
    refuse=_refuse,
)

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


def task_key(request_id: int, status: str) -> str:
    return f"council:{request_id}:{status}"
