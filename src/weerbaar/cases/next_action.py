"""A case's next action: what the advisor must do next on a case they already claimed, and when.

The queue puts claimed cases in the order of their next action, not of the respond-by they already met
(issue 11). The next action of a case is the earliest moment among everything that waits on it:

- an unread message from the office holder (cases itself: the moment it came in, so it is always "now");
- an open to-do on the case (todos: its due date; this includes the klacht-deadline to-dos that incidents
  makes for every incident whose complaint deadline comes near);
- a planned aftercare check-in (aftercare: the moment it is due).

A case with none of these has no next action and comes after those that have one. ``cases`` imports none of the
apps around it (docs/decisions/0006): each app registers a ``NextActionSource`` in its ``AppConfig.ready()`` that
gives a correlated subquery on ``OuterRef("pk")`` (a case) for its earliest moment, or NULL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.functional import Promise

from weerbaar.core.registry import Registry


@dataclass(frozen=True)
class NextActionSource:
    name: str  # annotation ``next_<name>_at`` on each case
    position: int  # order among equal moments (lower first)
    label: str | Promise  # what the queue shows: "Taak", "Check-in", ...
    moment: Callable[[], Subquery]  # the earliest moment for OuterRef("pk"), or NULL

    @property
    def field(self) -> str:
        return f"next_{self.name}_at"


_registry: Registry[NextActionSource] = Registry("next action source")


def register(*sources: NextActionSource) -> None:
    _registry.register(*sources)


def sources() -> list[NextActionSource]:
    return list(_registry)


def earliest(queryset: QuerySet[Any], *, field: str) -> Subquery:
    """The first value of ``field`` of ``queryset`` (already filtered on ``OuterRef("pk")``), as a subquery."""
    return Subquery(queryset.order_by(field).values(field)[:1])


@dataclass(frozen=True)
class NextAction:
    label: str
    at: datetime
    overdue: bool


def next_action_of(case: Any, *, now: datetime) -> NextAction | None:
    """The case's next action from the annotations the queue added (no query)."""
    found: NextAction | None = None
    for source in _registry:
        at = getattr(case, source.field, None)
        if at is not None and (found is None or at < found.at):
            found = NextAction(str(source.label), at, at <= now)
    return found


def unread_message_moment() -> Subquery:
    from weerbaar.cases.choices import MessageSender
    from weerbaar.cases.models import CaseMessage

    return earliest(
        CaseMessage.objects.filter(case=OuterRef("pk"), sender=MessageSender.OFFICE_HOLDER, read_at__isnull=True),
        field="created_at",
    )
