"""The case state machine as data: every allowed transition and what it requires.

new -> in_progress (claimed) -> aftercare -> closed
new -> closed needs a reason: duplicate, not in scope or withdrawn
aftercare or closed -> in_progress (reopen) needs a reason
Anything else is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from weerbaar.cases.choices import CloseReason, Status


class ReasonRule(Enum):
    NONE = "none"  # no reason asked
    CLOSE_REASON = "close_reason"  # one of CloseReason
    FREE_TEXT = "free_text"  # an explanation in words
    OPTIONAL = "optional"  # may be given


@dataclass(frozen=True)
class Transition:
    source: Status
    target: Status
    reason: ReasonRule
    name: str


TRANSITIONS: dict[tuple[str, str], Transition] = {
    (t.source.value, t.target.value): t
    for t in (
        Transition(Status.NEW, Status.IN_PROGRESS, ReasonRule.NONE, "claim"),
        Transition(Status.NEW, Status.CLOSED, ReasonRule.CLOSE_REASON, "close_without_work"),
        Transition(Status.IN_PROGRESS, Status.AFTERCARE, ReasonRule.OPTIONAL, "start_aftercare"),
        Transition(Status.AFTERCARE, Status.CLOSED, ReasonRule.OPTIONAL, "close"),
        Transition(Status.AFTERCARE, Status.IN_PROGRESS, ReasonRule.FREE_TEXT, "reopen"),
        Transition(Status.CLOSED, Status.IN_PROGRESS, ReasonRule.FREE_TEXT, "reopen"),
    )
}

CLOSE_REASONS = frozenset(c.value for c in CloseReason)


def transition_for(source: str, target: str) -> Transition | None:
    return TRANSITIONS.get((source, target))


def allowed_targets(source: str) -> list[str]:
    return [target for (src, target) in TRANSITIONS if src == source]
