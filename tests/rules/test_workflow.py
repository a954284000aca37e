"""The case state machine (cases/workflow.py) as enforced by services.case_transition and case_assign."""

from __future__ import annotations

import contextlib
import itertools

import pytest

from tests.factories import make_case
from weerbaar.accounts import policy
from weerbaar.cases import selectors, services
from weerbaar.cases.choices import CloseReason, Status
from weerbaar.cases.models import Case, StatusChange
from weerbaar.cases.workflow import WORKFLOW, Needs
from weerbaar.core.audit import audit_verify
from weerbaar.core.errors import Conflict, InvalidInput, NotFound
from weerbaar.core.models import AuditEntry

STATUSES = [s.value for s in Status]
ALLOWED = {
    ("new", "in_progress"),
    ("new", "closed"),
    ("in_progress", "closed"),
    ("in_progress", "aftercare"),
    ("aftercare", "closed"),
    ("aftercare", "in_progress"),
    ("closed", "in_progress"),
}


def good_reason(source: str, target: str) -> str:
    """A reason that satisfies what the transition needs."""
    needs = WORKFLOW.get(source, target=target).needs
    if Needs.CLOSE_REASON in needs:
        return CloseReason.DUPLICATE.value
    if Needs.REASON in needs:
        return "Nieuwe bedreiging ontvangen"
    return ""


def good_outcome(source: str, target: str) -> str:
    """An outcome when the transition needs one (closing a worked case)."""
    return "advised" if Needs.OUTCOME in WORKFLOW.get(source, target=target).needs else ""


STATE_FOR = {"new": "new", "in_progress": "claimed", "aftercare": "aftercare", "closed": "closed"}


def test_transition_table_is_exactly_the_documented_one():
    assert {(t.source, t.target) for t in WORKFLOW.transitions} == ALLOWED
    assert len(WORKFLOW.transitions) == len(ALLOWED)
    assert WORKFLOW.get("new", target="closed").needs == {Needs.CLOSE_REASON}
    assert WORKFLOW.get("aftercare", target="in_progress").needs == {Needs.REASON}
    assert WORKFLOW.get("closed", target="in_progress").needs == {Needs.REASON}
    assert WORKFLOW.get("new", target="in_progress").name == "claim"
    assert WORKFLOW.targets("closed") == ["in_progress"]
    # Closing a worked case asks its outcome, from in_progress as from aftercare; aftercare is a choice.
    assert WORKFLOW.get("in_progress", target="closed").needs == {Needs.OUTCOME, Needs.NOTE}
    assert WORKFLOW.get("aftercare", target="closed").needs == {Needs.OUTCOME, Needs.NOTE}
    assert WORKFLOW.targets("in_progress") == ["closed", "aftercare"]


def snapshot(case: Case) -> tuple:
    case.refresh_from_db()
    return (
        case.status,
        case.assigned_to_id,
        case.closed_at,
        case.close_reason,
        case.outcome,
        StatusChange.objects.filter(case=case).count(),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize(("source", "target"), list(itertools.product(STATUSES, STATUSES)))
def test_every_status_pair_follows_the_table(staff, source, target):
    case, _ = make_case(state=STATE_FOR[source], advisor=staff.advisor)
    assert case.status == source
    if (source, target) in ALLOWED:
        history_before = StatusChange.objects.filter(case=case).count()
        updated = services.case_transition(
            actor=staff.advisor,
            reference=case.reference,
            target=target,
            reason=good_reason(source, target),
            outcome=good_outcome(source, target),
        )
        case.refresh_from_db()
        assert updated.status == case.status == target
        assert StatusChange.objects.filter(case=case).count() == history_before + 1
        last = StatusChange.objects.filter(case=case).latest("id")
        assert (last.from_status, last.to_status, last.changed_by) == (source, target, staff.advisor)
        # the transition's own entry (receivers such as aftercare may audit their own work after it)
        entry = AuditEntry.objects.filter(object_id=case.reference, action__startswith="case.").latest("id")
        assert entry.details["to"] == target
    else:
        before = snapshot(case)
        with pytest.raises(Conflict) as info:
            services.case_transition(actor=staff.advisor, reference=case.reference, target=target, reason="x")
        assert info.value.status == 409
        assert snapshot(case) == before  # no status change row, no audit entry, nothing else moved
    assert audit_verify().ok


@pytest.mark.parametrize("reason", [CloseReason.DUPLICATE, CloseReason.NOT_IN_SCOPE, CloseReason.WITHDRAWN])
def test_closing_a_new_case_records_its_close_reason(staff, reason):
    case, _ = make_case()
    services.case_transition(actor=staff.advisor, reference=case.reference, target="closed", reason=reason.value)
    case.refresh_from_db()
    assert case.status == "closed"
    assert case.close_reason == reason.value
    assert case.closed_at is not None
    assert StatusChange.objects.filter(case=case).latest("id").reason_code == reason.value


@pytest.mark.parametrize("reason", ["", "   ", "advised", "done", "Duplicate", "other"])
def test_closing_a_new_case_without_a_valid_reason_is_refused_and_writes_nothing(staff, reason):
    case, _ = make_case()
    before = snapshot(case)
    with pytest.raises(InvalidInput) as info:
        services.case_transition(actor=staff.advisor, reference=case.reference, target="closed", reason=reason)
    assert [p["name"] for p in info.value.invalid_params] == ["reason"]
    assert snapshot(case) == before


@pytest.mark.parametrize("source", ["aftercare", "closed"])
@pytest.mark.parametrize("reason", ["", "   \n\t "])
def test_reopen_without_a_reason_is_refused_and_writes_nothing(staff, source, reason):
    case, _ = make_case(state=source, advisor=staff.advisor)
    before = snapshot(case)
    with pytest.raises(InvalidInput):
        services.case_transition(actor=staff.advisor, reference=case.reference, target="in_progress", reason=reason)
    assert snapshot(case) == before


def test_reopen_records_who_when_and_why(staff):
    case, _ = make_case(state="closed", advisor=staff.advisor)
    services.case_transition(
        actor=staff.colleague, reference=case.reference, target="in_progress", reason="Nieuwe dreiging gemeld"
    )
    case.refresh_from_db()
    assert case.status == "in_progress"
    assert case.closed_at is None
    assert case.outcome == ""
    history = selectors.case_status_history(access=policy.access_case(staff.advisor, case.reference))
    assert [(h.extra["from"], h.extra["to"]) for h in history] == [
        ("", "new"),
        ("new", "in_progress"),
        ("in_progress", "aftercare"),
        ("aftercare", "closed"),
        ("closed", "in_progress"),
    ]
    assert history[-1].text == "Nieuwe dreiging gemeld"
    assert history[-1].author == staff.colleague.label
    changes = list(StatusChange.objects.filter(case=case).order_by("id"))
    assert all(later.changed_at >= earlier.changed_at for earlier, later in itertools.pairwise(changes))
    assert changes[-1].changed_by == staff.colleague
    # The reason is case content: stored sealed, not in plain text.
    assert b"Nieuwe dreiging" not in bytes(changes[-1].sealed_reason)


def test_closing_records_the_outcome(staff):
    case, _ = make_case(state="aftercare", advisor=staff.advisor)
    services.case_transition(actor=staff.advisor, reference=case.reference, target="closed", outcome="referred")
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("closed", "referred")


@pytest.mark.parametrize(
    "outcome", ["advised", "referred", "complaint_filed", "no_further_help", "unreachable", "other"]
)
def test_a_case_in_progress_closes_with_its_outcome_and_no_aftercare_plan(staff, outcome):
    from weerbaar.aftercare.models import AftercarePlan

    case, _ = make_case(state="claimed", advisor=staff.advisor)
    services.case_transition(
        actor=staff.advisor, reference=case.reference, target="closed", outcome=outcome, reason="Eén advies genoeg."
    )
    case.refresh_from_db()
    assert (case.status, case.outcome, case.close_reason) == ("closed", outcome, "")
    assert case.closed_at is not None
    last = StatusChange.objects.filter(case=case).latest("id")
    assert (last.from_status, last.to_status) == ("in_progress", "closed")
    assert not AftercarePlan.objects.filter(case=case).exists()  # aftercare was not chosen: no plan, no check-ins
    entry = AuditEntry.objects.filter(object_id=case.reference, action="case.close").latest("id")
    assert entry.details["outcome"] == outcome


@pytest.mark.parametrize("state", ["claimed", "aftercare"])
@pytest.mark.parametrize("outcome", ["", "   "])
def test_closing_a_worked_case_without_an_outcome_is_refused_and_writes_nothing(staff, state, outcome):
    case, _ = make_case(state=state, advisor=staff.advisor)
    before = snapshot(case)
    with pytest.raises(InvalidInput) as info:
        services.case_transition(actor=staff.advisor, reference=case.reference, target="closed", outcome=outcome)
    assert [p["name"] for p in info.value.invalid_params] == ["outcome"]
    assert snapshot(case) == before


def test_unknown_outcome_is_refused_and_writes_nothing(staff):
    case, _ = make_case(state="aftercare", advisor=staff.advisor)
    before = snapshot(case)
    with pytest.raises(InvalidInput):
        services.case_transition(actor=staff.advisor, reference=case.reference, target="closed", outcome="won")
    assert snapshot(case) == before


def test_unknown_target_status_is_invalid_input(staff):
    case, _ = make_case()
    before = snapshot(case)
    with pytest.raises(InvalidInput):
        services.case_transition(actor=staff.advisor, reference=case.reference, target="deleted")
    assert snapshot(case) == before


def test_transition_by_someone_without_access_is_not_found(staff):
    case, _ = make_case()  # nvvr
    before = snapshot(case)
    for user in (staff.other_advisor, staff.partner, staff.inactive):
        with pytest.raises(NotFound):
            services.case_transition(actor=user, reference=case.reference, target="in_progress")
    assert snapshot(case) == before


def test_claim_moves_new_case_to_in_progress(staff):
    case, _ = make_case()
    services.case_assign(actor=staff.advisor, reference=case.reference, assignee_username="me")
    case.refresh_from_db()
    assert case.status == "in_progress"
    assert case.assigned_to == staff.advisor
    assert case.claimed_at is not None
    change = StatusChange.objects.filter(case=case).latest("id")
    assert (change.from_status, change.to_status, change.changed_by) == ("new", "in_progress", staff.advisor)
    assert AuditEntry.objects.filter(object_id=case.reference, action="case.claimed").exists()


def test_assigning_an_in_progress_case_keeps_status_and_writes_no_status_change(staff):
    case, _ = make_case(state="claimed", advisor=staff.advisor)
    changes = StatusChange.objects.filter(case=case).count()
    services.case_assign(actor=staff.advisor, reference=case.reference, assignee_username=staff.colleague.username)
    case.refresh_from_db()
    assert (case.status, case.assigned_to) == ("in_progress", staff.colleague)
    assert StatusChange.objects.filter(case=case).count() == changes


def test_assigning_a_closed_case_conflicts_and_writes_nothing(staff):
    case, _ = make_case(state="closed", advisor=staff.advisor)
    before = snapshot(case)
    with pytest.raises(Conflict):
        services.case_assign(
            actor=staff.coordinator, reference=case.reference, assignee_username=staff.colleague.username
        )
    with pytest.raises(Conflict):
        services.case_assign(actor=staff.colleague, reference=case.reference, assignee_username="me")
    assert snapshot(case) == before


def test_double_claim_leaves_exactly_one_assignee_and_one_claim(staff):
    case, _ = make_case()
    # Two advisors press "claim" on the same new case; the row lock serialises them.
    for advisor in (staff.advisor, staff.colleague):
        with contextlib.suppress(Conflict):
            services.case_assign(actor=advisor, reference=case.reference, assignee_username="me")
    case.refresh_from_db()
    assert case.status == "in_progress"
    assert case.assigned_to in (staff.advisor, staff.colleague)
    claims = StatusChange.objects.filter(case=case, from_status="new", to_status="in_progress")
    assert claims.count() == 1
    assert Case.objects.filter(pk=case.pk, assigned_to__isnull=False).count() == 1


def test_transition_claim_assigns_the_actor(staff):
    case, _ = make_case()
    services.case_transition(actor=staff.advisor, reference=case.reference, target="in_progress")
    case.refresh_from_db()
    assert case.assigned_to == staff.advisor


def test_messages_cannot_be_sent_on_a_closed_case(staff):
    case, _ = make_case(state="closed", advisor=staff.advisor)
    with pytest.raises(Conflict):
        services.case_message_send(actor=staff.advisor, reference=case.reference, text="hallo")


def test_second_claim_is_refused_and_the_first_advisor_keeps_the_case(staff):
    case, _ = make_case()
    services.case_assign(actor=staff.advisor, reference=case.reference, assignee_username="me")
    with pytest.raises(Conflict):
        services.case_assign(actor=staff.colleague, reference=case.reference, assignee_username="me")
    case.refresh_from_db()
    assert case.assigned_to == staff.advisor
    # Taking over is still possible, explicitly, by name.
    services.case_assign(actor=staff.colleague, reference=case.reference, assignee_username=staff.colleague.username)
    case.refresh_from_db()
    assert case.assigned_to == staff.colleague


def test_status_history_leaves_reasons_sealed_unless_asked(staff):
    case, _ = make_case(state="closed", advisor=staff.advisor)
    services.case_transition(
        actor=staff.advisor, reference=case.reference, target="in_progress", reason="Nieuw incident"
    )
    access = policy.access_case(staff.advisor, case.reference)
    with_reasons = selectors.case_status_history(access=access)
    without = selectors.case_status_history(access=access, include_reasons=False)
    assert with_reasons[-1].text == "Nieuw incident"
    assert all(item.text == "" for item in without)


def test_claiming_asks_the_transition_table(staff, monkeypatch):
    """Claiming is the table's ``claim`` step: a table without it refuses the claim and writes nothing."""
    from weerbaar.cases import workflow
    from weerbaar.core.workflow import Workflow

    without_claim = Workflow(
        states=workflow.WORKFLOW.states,
        initial=workflow.WORKFLOW.initial,
        transitions=[t for t in workflow.WORKFLOW.transitions if t.name != "claim"],
        history=workflow.WORKFLOW.history,
        refuse=workflow.WORKFLOW.refuse,
    )
    monkeypatch.setattr(services, "WORKFLOW", without_claim)
    case, _ = make_case()
    before = snapshot(case)
    with pytest.raises(Conflict) as info:
        services.case_assign(actor=staff.advisor, reference=case.reference, assignee_username="me")
    assert info.value.code == "illegal_transition"
    assert snapshot(case) == before
