"""Use cases of retention: change the policy, place and lift legal holds, propose, approve and apply lists.

Destruction itself is ``weerbaar.destruction.services.case_destroy`` (crypto-shredding); this app decides
*which* cases go and *who* agreed. Every change is audited; no audit entry holds case content.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.accounts import policy
from weerbaar.accounts.models import Role, User
from weerbaar.cases.choices import CloseReason, Status
from weerbaar.cases.models import Case
from weerbaar.core import clock
from weerbaar.core.audit import audit_record
from weerbaar.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from weerbaar.destruction.services import case_contact_erase, case_destroy, tombstone_erase_metadata
from weerbaar.directory.models import Association
from weerbaar.retention import selectors
from weerbaar.retention.guards import CaseUnderLegalHold
from weerbaar.retention.models import (
    DestructionList,
    DestructionListItem,
    ItemState,
    LegalHold,
    ListStatus,
    RetentionRule,
)
from weerbaar.retention.periods import RESULTS, UNKNOWN_RESULT, Periods, case_dates, case_result

MAX_HOLD_REASON = 200


# --- the policy ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleChange:
    """What saving a rule would do, shown before it is saved."""

    association: Association | None
    result: str
    before: Periods
    after: Periods
    cases: int  # closed cases this rule governs
    moved: int  # of which the destruction or metadata date changes
    due_before: int  # due for destruction today under the current policy
    due_after: int  # due for destruction today under the new one
    contact_due_before: int  # due today for the erasure of the contact details alone, under the current policy
    contact_due_after: int  # the same under the new one (cases whose contact details are gone not counted)


def _check_target(association_code: str, result: str) -> Association | None:
    if result not in RESULTS:
        raise InvalidInput(
            _("Kies een uitkomst."), invalid_params=[{"name": "result", "reason": _("Kies een uitkomst.")}]
        )
    if not association_code:
        return None
    association = Association.objects.filter(code=association_code).first()
    if association is None:
        raise InvalidInput(
            _("Kies een vereniging."), invalid_params=[{"name": "association", "reason": _("Kies een vereniging.")}]
        )
    return association


def rule_change_preview(
    *, association_code: str, result: str, periods: Periods, today: date | None = None
) -> RuleChange:
    """Count the closed cases whose dates move if the rule for (association or every association, result) is
    set to ``periods``; nothing is saved."""
    today = today or timezone.localdate()
    association = _check_target(association_code, result)
    rules = selectors.load_rules()
    association_id = association.pk if association else None
    before = selectors.effective_periods(rules, association_id, result)
    new_rules = dict(rules)
    new_rules[(association_id, result)] = periods
    filters: dict[str, Any] = {"association_id": association_id} if association else {}
    # Narrow in SQL to the cases that can have this result (a superset; ``case.result`` below decides).
    if result in CloseReason.values:
        filters["close_reason"] = result
    elif result != UNKNOWN_RESULT:
        filters["outcome"] = result
    erased = selectors.contact_erased_case_ids()
    cases = moved = due_before = due_after = contact_due_before = contact_due_after = 0
    for case in selectors.closed_cases(today, rules=rules, **filters):
        if case.result != result:
            continue
        new_periods = selectors.effective_periods(new_rules, case.association_id, result)
        if new_periods == case.periods and association is None and (case.association_id, result) in rules:
            continue  # an association with its own rule is not governed by the default
        cases += 1
        new_dates = case_dates(case.closed_on, new_periods)
        moved += new_dates != case.dates
        due_before += case.dates.destroy_on <= today
        due_after += new_dates.destroy_on <= today
        if case.case_id not in erased:
            contact_due_before += case.dates.contact_erase_due(today)
            contact_due_after += new_dates.contact_erase_due(today)
    return RuleChange(
        association,
        result,
        before,
        periods,
        cases,
        moved,
        due_before,
        due_after,
        contact_due_before,
        contact_due_after,
    )


def rule_save(
    *, actor: User, association_code: str, result: str, periods: Periods, today: date | None = None
) -> RuleChange:
    """Save the rule (the privacy officer only) and audit how many cases' dates moved with it.

    The dates of existing cases are computed from the rules whenever they are read, so saving recomputes them
    all; cases on a list that are no longer due are skipped when the list is applied.
    """
    if not policy.can_manage_retention_policy(actor):
        raise Forbidden(_("Alleen de functionaris gegevensbescherming wijzigt het bewaarbeleid."))
    with transaction.atomic():
        change = rule_change_preview(association_code=association_code, result=result, periods=periods, today=today)
        association = change.association
        RetentionRule.objects.update_or_create(
            association=association,
            result=result,
            defaults={**periods.as_dict(), "updated_at": clock.now(), "updated_by": actor},
        )
        audit_record(
            actor=actor,
            action="retention.rule_changed",
            object_type="retention_rule",
            object_id=f"{association.code if association else '*'}:{result}",
            details={"before": change.before.as_dict(), "after": periods.as_dict(), "moved": change.moved},
        )
    return change


# --- legal holds -------------------------------------------------------------------------------------------


def _validate_hold(raw: dict[str, Any], today: date) -> tuple[str, str, date | None]:
    problems = []
    reference = str(raw.get("reference") or "").strip().upper()
    if not reference or len(reference) > 16:
        problems.append({"name": "reference", "reason": _("Vul het zaaknummer in, bijvoorbeeld WB-2026-AB12CD.")})
    reason = " ".join(str(raw.get("reason") or "").split())
    if not reason:
        problems.append({"name": "reason", "reason": _("Vul de reden in (zonder inhoud van de zaak).")})
    elif len(reason) > MAX_HOLD_REASON:
        problems.append({"name": "reason", "reason": _("Ten hoogste %(max)s tekens.") % {"max": MAX_HOLD_REASON}})
    until_raw = str(raw.get("until") or "").strip()
    until = None
    if until_raw:
        try:
            until = date.fromisoformat(until_raw)
        except ValueError:
            problems.append({"name": "until", "reason": _("Vul een datum in als JJJJ-MM-DD, of laat het leeg.")})
        else:
            if until < today:
                problems.append({"name": "until", "reason": _("Deze datum ligt in het verleden.")})
    if problems:
        raise InvalidInput(_("Controleer de gemarkeerde velden."), invalid_params=problems)
    return reference, reason, until


def legal_hold_place(*, actor: User, raw: dict[str, Any], today: date | None = None) -> LegalHold:
    """Put a case under legal hold: no list proposes it and no destruction takes it while the hold is in force."""
    if not policy.can_manage_legal_holds(actor):
        raise Forbidden(_("U mag geen bewaarplicht vastleggen."))
    today = today or timezone.localdate()
    reference, reason, until = _validate_hold(raw, today)
    case = Case.objects.filter(reference=reference).first()
    if case is None:
        raise InvalidInput(
            _("Controleer de gemarkeerde velden."),
            invalid_params=[{"name": "reference", "reason": _("Er is geen zaak met dit zaaknummer.")}],
        )
    with transaction.atomic():
        hold = LegalHold.objects.create(case=case, reason=reason, until=until, placed_by=actor, placed_at=clock.now())
        audit_record(
            actor=actor,
            action="retention.hold_placed",
            object_type="case",
            object_id=case.reference,
            details={"hold": hold.pk, "until": until.isoformat() if until else None},
        )
    return hold


def legal_hold_lift(*, actor: User, hold_id: int) -> LegalHold:
    if not policy.can_manage_legal_holds(actor):
        raise Forbidden(_("U mag geen bewaarplicht opheffen."))
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().select_related("case").filter(pk=hold_id).first()
        if hold is None:
            raise NotFound(_("Deze bewaarplicht bestaat niet."))
        if hold.lifted_at is not None:
            raise Conflict(_("Deze bewaarplicht is al opgeheven."))
        hold.lifted_at, hold.lifted_by = clock.now(), actor
        hold.save(update_fields=["lifted_at", "lifted_by"])
        audit_record(
            actor=actor,
            action="retention.hold_lifted",
            object_type="case",
            object_id=hold.case.reference,
            details={"hold": hold.pk},
        )
    return hold


# --- the advisor's notice and the daily proposal -----------------------------------------------------------


def advisors_warn(today: date | None = None, *, now: datetime | None = None) -> int:
    """Tell the advisor of each closed case that becomes due for destruction within the next 30 days, and of each
    whose contact details are to be erased on their own within the next 30 days (each once per case and date;
    held cases are not due, nor are contact details erased already). A case already due is not announced: the
    day the policy first applies, or is shortened, would otherwise bring every advisor a notification per old
    case; the two approvers see those on the list, the rule's confirmation page counted the contact erasures."""
    from weerbaar.notifications.services import notify

    today = today or timezone.localdate()
    horizon = today + timedelta(days=selectors.WARN_DAYS)
    erased = selectors.contact_erased_case_ids()
    told = 0
    advisors: dict[int, User | None] = {}
    for case in selectors.closed_cases(today):
        if case.held or case.assigned_to_id is None:
            continue
        notices = []
        if today < case.dates.destroy_on <= horizon:
            notices.append(("retention_destruction_near", f"retention-near:{case.case_id}:{case.dates.destroy_on}"))
        contact_on = case.dates.contact_erase_on
        if contact_on is not None and today < contact_on <= horizon and case.case_id not in erased:
            notices.append(("retention_contact_erasure_near", f"retention-contact-near:{case.case_id}:{contact_on}"))
        if not notices:
            continue
        if case.assigned_to_id not in advisors:
            advisors[case.assigned_to_id] = User.objects.filter(pk=case.assigned_to_id).first()
        advisor = advisors[case.assigned_to_id]
        if advisor is None:
            continue
        for kind, key in notices:
            told += notify(
                recipients=[advisor], kind=kind, key=key, link=f"/werkruimte/zaken/{case.reference}", now=now
            )
    return told


def destruction_lists_propose(today: date | None = None) -> list[DestructionList]:
    """Put every due case that is not held and not on an open list on its association's proposed list.

    Idempotent: a second run the same day finds nothing new. Cases join an association's proposed list only
    while nobody has approved it yet; otherwise a new list is started, so an approval covers what was shown.
    """
    today = today or timezone.localdate()
    listed = selectors.case_ids_on_open_lists()
    by_association: dict[int, list[selectors.ClosedCase]] = defaultdict(list)
    for case in selectors.due_cases(today):
        if not case.held and case.case_id not in listed:
            by_association[case.association_id].append(case)
    touched = []
    with transaction.atomic():
        for association_id, cases in sorted(by_association.items()):
            target = DestructionList.objects.filter(
                association_id=association_id,
                status=ListStatus.PROPOSED,
                coordinator_approved_by__isnull=True,
                privacy_approved_by__isnull=True,
            ).first()
            if target is None:
                target = DestructionList.objects.create(association_id=association_id, proposed_at=clock.now())
            DestructionListItem.objects.bulk_create(
                DestructionListItem(
                    destruction_list=target,
                    case_id=case.case_id,
                    reference=case.reference,
                    result=case.result,
                    closed_on=case.closed_on,
                    due_on=case.dates.destroy_on,
                )
                for case in cases
            )
            audit_record(
                actor="system:retention",
                action="retention.list_proposed",
                object_type="destruction_list",
                object_id=str(target.pk),
                details={"added": len(cases)},
            )
            touched.append(target)
            _tell_approvers(target)
    return touched


def _tell_approvers(destruction_list: DestructionList) -> None:
    """The people who may approve a list hear of it once: the association's coordinators and the privacy officers."""
    from weerbaar.notifications.services import notify

    candidates = User.objects.filter(is_active=True).filter(
        Q(role=Role.COORDINATOR, association_id=destruction_list.association_id)
        | Q(role=Role.COORDINATOR, association__isnull=True)
        | Q(role=Role.ADMIN, is_privacy_officer=True)
    )
    notify(
        recipients=[u for u in candidates if policy.destruction_approval_role(u, destruction_list.association_id)],
        kind="destruction_list_proposed",
        key=f"destruction-list:{destruction_list.pk}",
        link=f"/werkruimte/vernietigingslijsten/{destruction_list.pk}",
    )


# --- approval ------------------------------------------------------------------------------------------


def destruction_list_approve(*, actor: User, list_id: int) -> DestructionList:
    """Give the actor's approval (coordinator or privacy officer); two different people make a list approved."""
    with transaction.atomic():
        item = DestructionList.objects.select_for_update().filter(pk=list_id).first()
        if item is None:
            raise NotFound(_("Deze vernietigingslijst bestaat niet."))
        role = policy.destruction_approval_role(actor, item.association_id)
        if role is None:
            raise Forbidden(_("U mag deze vernietigingslijst niet goedkeuren."))
        if item.status != ListStatus.PROPOSED:
            raise Conflict(_("Deze lijst is al goedgekeurd of uitgevoerd."))
        if role == "coordinator":
            if item.coordinator_approved_by_id is not None:
                raise Conflict(_("Een coördinator heeft deze lijst al goedgekeurd."))
            if item.privacy_approved_by_id == actor.pk:
                raise Conflict(_("Twee verschillende mensen keuren een vernietigingslijst goed."))
            item.coordinator_approved_by, item.coordinator_approved_at = actor, clock.now()
        else:
            if item.privacy_approved_by_id is not None:
                raise Conflict(_("De functionaris gegevensbescherming heeft deze lijst al goedgekeurd."))
            if item.coordinator_approved_by_id == actor.pk:
                raise Conflict(_("Twee verschillende mensen keuren een vernietigingslijst goed."))
            item.privacy_approved_by, item.privacy_approved_at = actor, clock.now()
        if item.coordinator_approved_by_id is not None and item.privacy_approved_by_id is not None:
            item.status = ListStatus.APPROVED
        item.save()
        audit_record(
            actor=actor,
            action="retention.list_approved",
            object_type="destruction_list",
            object_id=str(item.pk),
            details={"as": role, "complete": item.status == ListStatus.APPROVED},
        )
    return item


# --- the dry run and applying ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    item: DestructionListItem
    destroy: bool
    because: str  # "" when it goes; else legal_hold, reopened, not_due, gone
    due_on: date | None

    @property
    def because_label(self) -> Any:
        return SKIP_LABELS.get(self.because, "")


SKIP_LABELS = {
    "legal_hold": gettext_lazy("bewaarplicht"),
    "reopened": gettext_lazy("zaak heropend"),
    "not_due": gettext_lazy("nog niet aan de beurt (bewaarbeleid gewijzigd)"),
    "gone": gettext_lazy("zaak bestaat niet meer"),
}


def list_verdicts(destruction_list: DestructionList, today: date | None = None) -> list[Verdict]:
    """For each waiting item: would it be destroyed now, and if not, why. The dry run and ``apply`` share it."""
    today = today or timezone.localdate()
    rules = selectors.load_rules()
    held = selectors.held_case_ids(today)
    verdicts = []
    items = destruction_list.items.select_related("case").filter(state=ItemState.PENDING).order_by("due_on", "pk")
    for item in items:
        case = item.case
        if case is None:
            verdicts.append(Verdict(item, False, "gone", None))
            continue
        if case.pk in held:
            verdicts.append(Verdict(item, False, "legal_hold", None))
            continue
        if case.status != Status.CLOSED or case.closed_at is None:
            verdicts.append(Verdict(item, False, "reopened", None))
            continue
        periods = selectors.effective_periods(rules, case.association_id, case_result(case.outcome, case.close_reason))
        due_on = case_dates(timezone.localdate(case.closed_at), periods).destroy_on
        verdicts.append(Verdict(item, due_on <= today, "" if due_on <= today else "not_due", due_on))
    return verdicts


def _case_destroy() -> Callable[..., Any]:
    """The crypto-shredding service (``weerbaar.destruction``); a seam so tests can watch the calls."""
    return case_destroy


@dataclass(frozen=True)
class Applied:
    lists: int
    destroyed: int
    skipped: int


def destruction_lists_apply(*, today: date | None = None, dry_run: bool = False) -> tuple[Applied, list[Verdict]]:
    """Destroy the cases of every approved list (only approved ones), skipping what is held, reopened or no
    longer due; with ``dry_run`` nothing changes and the verdicts say exactly what would go."""
    today = today or timezone.localdate()
    lists = list(
        DestructionList.objects.filter(status=ListStatus.APPROVED)
        .select_related("coordinator_approved_by", "privacy_approved_by")
        .order_by("pk")
    )
    all_verdicts: list[Verdict] = []
    destroyed = skipped = 0
    for destruction_list in lists:
        verdicts = list_verdicts(destruction_list, today)
        all_verdicts.extend(verdicts)
        if dry_run:
            destroyed += sum(v.destroy for v in verdicts)
            skipped += sum(not v.destroy for v in verdicts)
            continue
        destroy = _case_destroy()
        approvers = [destruction_list.coordinator_approved_by, destruction_list.privacy_approved_by]
        for verdict in verdicts:
            item = verdict.item
            because = verdict.because
            with transaction.atomic():
                if verdict.destroy:
                    try:
                        destroy(
                            item.case,
                            actor="system:retention",
                            reason=f"retention:list-{destruction_list.pk}:{item.result}",
                            approved_by=approvers,
                        )
                    except CaseUnderLegalHold:  # a hold placed after the verdict: the guard refused
                        because = "legal_hold"
                    except NotFound:  # destroyed meanwhile (an erasure request)
                        because = "gone"
                if verdict.destroy and not because:
                    item.state, item.case = ItemState.DESTROYED, None
                    destroyed += 1
                else:
                    item.state, item.skipped_because = ItemState.SKIPPED, because
                    skipped += 1
                item.done_at = clock.now()
                item.save(update_fields=["state", "case", "skipped_because", "done_at"])
        with transaction.atomic():
            DestructionList.objects.filter(pk=destruction_list.pk).update(
                status=ListStatus.APPLIED, applied_at=clock.now()
            )
            audit_record(
                actor="system:retention",
                action="retention.list_applied",
                object_type="destruction_list",
                object_id=str(destruction_list.pk),
                details={
                    "destroyed": destruction_list.items.filter(state=ItemState.DESTROYED).count(),
                    "skipped": destruction_list.items.filter(state=ItemState.SKIPPED).count(),
                },
            )
    return Applied(len(lists), destroyed, skipped), all_verdicts


# --- the tombstones' metadata --------------------------------------------------------------------------------


def tombstones_erase(today: date | None = None) -> int:
    """Erase the metadata of every tombstone whose metadata period has passed (``destruction``'s
    ``tombstone_erase_metadata``: only the reference stays, so it is never issued again), and with it the
    destruction-list items of that reference (they repeat its result and dates). Idempotent: an erased tombstone
    is gone, so a second run finds nothing. Returns how many were erased."""
    today = today or timezone.localdate()
    erased = 0
    for tombstone in selectors.tombstones_due(today):
        with transaction.atomic():
            if tombstone_erase_metadata(tombstone.reference, actor="system:retention"):
                DestructionListItem.objects.filter(reference=tombstone.reference, case__isnull=True).delete()
                erased += 1
    return erased


# --- contact details before the content ------------------------------------------------------------------------


def contact_details_erase(today: date | None = None, *, dry_run: bool = False) -> list[selectors.ClosedCase]:
    """Erase the contact details of every closed case whose contact period has passed while its content period
    has not (``destruction``'s ``case_contact_erase``, one transaction per case). No approval list: only the
    contact details go, the case stays. Cases under a legal hold are skipped. Idempotent: a case whose contact
    details were erased is not due again. Returns the cases erased (with ``dry_run``: that would be erased)."""
    today = today or timezone.localdate()
    done = []
    for due in selectors.contact_erasures_due(today):
        if due.held:
            continue
        if dry_run:
            done.append(due)
            continue
        case = Case.objects.filter(pk=due.case_id).first()
        if case is None:
            continue
        try:
            if case_contact_erase(case, actor="system:retention") is not None:
                done.append(due)
        except (CaseUnderLegalHold, NotFound):  # held or destroyed since the list was read
            continue
    return done
