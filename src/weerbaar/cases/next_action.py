"""A case's next action: what the advisor must do next on a case they already claimed, and when.

The queue puts claimed cases in the order of their next action, not of the respond-by they already met
(issue 11). The next action of a case is the earliest moment among everything that waits on it:

- an unread message from the office holder (cases itself: the moment it came in, so it is always "now");
- an open to-do on the case (todos: its due date; this includes the klacht-deadline to-dos that incidents
  makes for every incident whose complaint deadline comes near);
- a check-in still to go out, waiting for an answer or for the advisor's follow-up (aftercare: its due moment).

A case with none of these has no next action and comes after those that have one. ``cases`` imports none of the
apps around it (docs/decisions/0006): each app registers a ``NextActionSource`` in its ``AppConfig.ready()``
whose ``moments(cases)`` answers, in one grouped query, the earliest moment per case among ``cases`` (a queryset of
case ids). One query per source, whatever the number of cases: the queue's query count does not grow with a page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Min, QuerySet
from django.utils.functional import Promise

from weerbaar.core.registry import Registry


@dataclass(frozen=True)
class NextActionSource:
    name: str
    position: int  # order among equal moments (lower first)
    label: str | Promise  # what the queue and the case page show: "Taak", "Check-in", ...
    moments: Callable[[QuerySet[Any]], list[tuple[int, datetime]]]  # (case id, earliest moment) for those cases


_registry: Registry[NextActionSource] = Registry("next action source")


def register(*sources: NextActionSource) -> None:
    _registry.register(*sources)


def sources() -> list[NextActionSource]:
    return list(_registry)


def earliest_per_case(
    queryset: QuerySet[Any], *, case: str, moment: str, cases: QuerySet[Any]
) -> list[tuple[int, datetime]]:
    """The earliest ``moment`` per case of the rows of ``queryset`` whose ``case`` (a lookup to the case's id, such
    as ``"case"`` or ``"plan__case"``) is among ``cases`` (a queryset of case ids): one grouped query."""
    rows = queryset.filter(**{f"{case}__in": cases}).values(case).annotate(at=Min(moment)).order_by()
    return [(row[case], row["at"]) for row in rows if row["at"] is not None]


@dataclass(frozen=True)
class NextAction:
    label: str
    at: datetime
    overdue: bool


def waiting_for(cases: QuerySet[Any], *, now: datetime) -> dict[int, list[NextAction]]:
    """Everything that waits on each of ``cases`` (a queryset of case ids), earliest first: one query per source."""
    found: dict[int, list[NextAction]] = {}
    for source in _registry:
        for case_id, at in source.moments(cases):
            found.setdefault(case_id, []).append(NextAction(str(source.label), at, at <= now))
    for actions in found.values():
        actions.sort(key=lambda action: action.at)  # stable: among equal moments, the source's position decides
    return found


def unread_messages(cases: QuerySet[Any]) -> list[tuple[int, datetime]]:
    from weerbaar.cases.choices import MessageSender
    from weerbaar.cases.models import CaseMessage

    unread = CaseMessage.objects.filter(sender=MessageSender.OFFICE_HOLDER, read_at__isnull=True)
    return earliest_per_case(unread, case="case", moment="created_at", cases=cases)
