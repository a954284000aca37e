"""The case state machine as data (``core.workflow``): every allowed transition and what it requires.

new -> in_progress (claimed) -> closed, or in_progress -> aftercare -> closed: aftercare is a choice, not a
step every case must take (a case closed after one piece of advice needs no plan of check-ins)
closing a case that was worked (from in_progress or aftercare) needs its outcome (``Outcome``)
new -> closed needs a reason: duplicate, not in scope or withdrawn
aftercare or closed -> in_progress (reopen) needs a reason
Anything else is refused (409). Every step appends a ``StatusChange`` row: from, to, who, when and why.
"""

from __future__ import annotations

from enum import Enum

from django.utils.translation import gettext as _

from weerbaar.cases.choices import CloseReason, Status
from weerbaar.core.workflow import History, Refusal, Transition, Workflow


class Needs(Enum):
    CLOSE_REASON = "close_reason"  # one of CloseReason
    REASON = "reason"  # an explanation in words
    NOTE = "note"  # an explanation may be given
    OUTCOME = "outcome"  # one of Outcome: what the work came to


def _refuse(refusal: Refusal) -> tuple[str, str]:
    return (
        _("Van '%(source)s' naar '%(target)s' is geen toegestane statuswijziging (toegestaan: %(allowed)s).")
        % {"source": refusal.source, "target": refusal.target, "allowed": ", ".join(refusal.allowed) or "geen"},
        "illegal_transition",
    )


WORKFLOW = Workflow(
    states=Status.values,
    initial=Status.NEW,
    transitions=(
        Transition(Status.NEW, Status.IN_PROGRESS, "claim"),
        Transition(Status.NEW, Status.CLOSED, "close_without_work", {Needs.CLOSE_REASON}),
        Transition(Status.IN_PROGRESS, Status.CLOSED, "close", {Needs.OUTCOME, Needs.NOTE}),
        Transition(Status.IN_PROGRESS, Status.AFTERCARE, "start_aftercare", {Needs.NOTE}),
        Transition(Status.AFTERCARE, Status.CLOSED, "close", {Needs.OUTCOME, Needs.NOTE}),
        Transition(Status.AFTERCARE, Status.IN_PROGRESS, "reopen", {Needs.REASON}),
        Transition(Status.CLOSED, Status.IN_PROGRESS, "reopen", {Needs.REASON}),
    ),
    history=History(
        model="cases.StatusChange",
        record="case",
        source="from_status",
        target="to_status",
        actor="changed_by",
        at="changed_at",
    ),
    refuse=_refuse,
)

CLOSE_REASONS = frozenset(c.value for c in CloseReason)
