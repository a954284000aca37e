"""Reads of retention: the effective policy, the holds in force, and which closed cases are due when.

Every read here is metadata (references, dates, outcomes, associations): nothing opens a case's content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from weerbaar.cases.choices import Status
from weerbaar.cases.models import Case
from weerbaar.destruction.models import ContactErasure, DestroyedCase
from weerbaar.directory.models import Association
from weerbaar.retention.models import (
    DestructionList,
    DestructionListItem,
    ItemState,
    LegalHold,
    ListStatus,
    RetentionRule,
)
from weerbaar.retention.periods import DEFAULTS, RESULTS, CaseDates, Periods, add_months, case_dates, case_result

Rules = dict[tuple[int | None, str], Periods]

WARN_DAYS = 30  # the case's advisor hears this many days before a case is due


def load_rules() -> Rules:
    """Every rule in the database by (association id or None, result)."""
    return {
        (rule.association_id, rule.result): Periods(rule.contact_months, rule.content_months, rule.metadata_months)
        for rule in RetentionRule.objects.all()
    }


def effective_periods(rules: Rules, association_id: int | None, result: str) -> Periods:
    """The association's own rule, else the rule for every association, else the built-in default."""
    return rules.get((association_id, result)) or rules.get((None, result)) or DEFAULTS[result]


@dataclass(frozen=True)
class PolicyRow:
    result: str
    label: Any
    default: Periods
    default_is_built_in: bool
    own: list[tuple[Association, Periods]]  # associations with a rule of their own for this result


def policy_table() -> list[PolicyRow]:
    rules = load_rules()
    associations = {a.pk: a for a in Association.objects.order_by("name")}
    rows = []
    for result, label in RESULTS.items():
        own = sorted(
            (
                (associations[aid], periods)
                for (aid, res), periods in rules.items()
                if aid is not None and res == result
            ),
            key=lambda pair: pair[0].name,
        )
        rows.append(
            PolicyRow(
                result=result,
                label=label,
                default=rules.get((None, result)) or DEFAULTS[result],
                default_is_built_in=(None, result) not in rules,
                own=own,
            )
        )
    return rows


def holds_in_force(today: date | None = None) -> QuerySet[LegalHold]:
    today = today or timezone.localdate()
    return LegalHold.objects.filter(lifted_at__isnull=True).filter(Q(until__isnull=True) | Q(until__gte=today))


def held_case_ids(today: date | None = None) -> set[int]:
    return set(holds_in_force(today).values_list("case_id", flat=True))


def case_is_held(case_id: int, today: date | None = None) -> bool:
    return holds_in_force(today).filter(case_id=case_id).exists()


@dataclass(frozen=True)
class ClosedCase:
    case_id: int
    reference: str
    association_id: int
    assigned_to_id: int | None
    result: str
    closed_on: date
    periods: Periods
    dates: CaseDates
    held: bool


def closed_cases(today: date | None = None, *, rules: Rules | None = None, **filters: Any) -> list[ClosedCase]:
    """Every closed case (optionally filtered) with its dates under the current (or the given) rules."""
    today = today or timezone.localdate()
    rules = load_rules() if rules is None else rules
    held = held_case_ids(today)
    rows = (
        Case.objects.filter(status=Status.CLOSED, closed_at__isnull=False, **filters)
        .order_by("closed_at", "pk")
        .values_list("pk", "reference", "association_id", "assigned_to_id", "outcome", "close_reason", "closed_at")
    )
    found = []
    for pk, reference, association_id, assigned_to_id, outcome, close_reason, closed_at in rows.iterator(2000):
        result = case_result(outcome, close_reason)
        periods = effective_periods(rules, association_id, result)
        closed_on = timezone.localdate(closed_at)
        found.append(
            ClosedCase(
                pk,
                reference,
                association_id,
                assigned_to_id,
                result,
                closed_on,
                periods,
                case_dates(closed_on, periods),
                pk in held,
            )
        )
    return found


def due_cases(today: date | None = None, *, within_days: int = 0) -> list[ClosedCase]:
    """Closed cases due for destruction by ``today`` (+ ``within_days``), held ones included (``held`` says so)."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=within_days)
    return [case for case in closed_cases(today) if case.dates.destroy_on <= horizon]


def contact_erasures_due(today: date | None = None) -> list[ClosedCase]:
    """Closed cases whose contact date has come before their content date and whose contact details are still
    there (held ones included: ``held`` says so; the job skips them)."""
    today = today or timezone.localdate()
    erased = contact_erased_case_ids()
    return [case for case in closed_cases(today) if case.dates.contact_erase_due(today) and case.case_id not in erased]


def contact_erased_case_ids() -> set[int]:
    """The cases whose contact details were erased already (they are not due again)."""
    return set(ContactErasure.objects.values_list("case_id", flat=True))


@dataclass(frozen=True)
class Tombstone:
    """A destroyed case's tombstone and the last day its metadata may be kept."""

    reference: str
    result: str
    metadata_until: date


def tombstone_metadata_until(
    rules: Rules, *, association_id: int, outcome: str, close_reason: str, closed_on: date | None, destroyed_on: date
) -> date:
    """The metadata date of a destroyed case: its closing day (the day of destruction for a case destroyed
    before it was closed, an erasure request) plus the metadata period of its association and result."""
    periods = effective_periods(rules, association_id, case_result(outcome, close_reason))
    return add_months(closed_on or destroyed_on, periods.metadata_months)


def tombstones_due(today: date | None = None, *, rules: Rules | None = None) -> list[Tombstone]:
    """The tombstones whose metadata period has passed by ``today`` under the current (or the given) rules."""
    today = today or timezone.localdate()
    rules = load_rules() if rules is None else rules
    rows = DestroyedCase.objects.order_by("closed_on", "pk").values_list(
        "reference", "association_id", "outcome", "close_reason", "closed_on", "destroyed_at"
    )
    due = []
    for reference, association_id, outcome, close_reason, closed_on, destroyed_at in rows.iterator(2000):
        until = tombstone_metadata_until(
            rules,
            association_id=association_id,
            outcome=outcome,
            close_reason=close_reason,
            closed_on=closed_on,
            destroyed_on=timezone.localdate(destroyed_at),
        )
        if until <= today:
            due.append(Tombstone(reference, case_result(outcome, close_reason), until))
    return due


def case_ids_on_open_lists() -> set[int]:
    """Cases on a list that is not yet applied and still waiting: they are not proposed twice."""
    return set(
        DestructionListItem.objects.filter(
            state=ItemState.PENDING,
            case__isnull=False,
            destruction_list__status__in=[ListStatus.PROPOSED, ListStatus.APPROVED],
        ).values_list("case_id", flat=True)
    )


def destruction_lists() -> QuerySet[DestructionList]:
    return DestructionList.objects.select_related(
        "association", "coordinator_approved_by", "privacy_approved_by"
    ).order_by("-proposed_at", "-pk")


def destruction_list(list_id: int) -> DestructionList | None:
    return destruction_lists().filter(pk=list_id).first()


def legal_holds() -> QuerySet[LegalHold]:
    return LegalHold.objects.select_related("case", "placed_by", "lifted_by").order_by("-placed_at", "-pk")
