"""Retention end to end below the web: the plan, holds, the daily proposal, two approvals and applying."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_case
from tests.retention.conftest import close_long_ago
from weerbaar.core.errors import Conflict, Forbidden, InvalidInput
from weerbaar.core.models import AuditEntry
from weerbaar.destruction.models import ContactErasure
from weerbaar.notifications.models import Notification
from weerbaar.retention import selectors, services
from weerbaar.retention.models import DestructionList, ItemState, ListStatus, RetentionRule
from weerbaar.retention.periods import Periods

pytestmark = pytest.mark.django_db


class FakeDestroy:
    """Stands in for ``weerbaar.destruction.services.case_destroy`` and records how it was called."""

    def __init__(self):
        self.calls = []

    def __call__(self, case, *, actor, reason, approved_by=()):
        from weerbaar.core.history import history_erasure

        self.calls.append((case.reference, actor, reason, [u.username for u in approved_by]))
        with history_erasure():
            case.delete()


@pytest.fixture
def destroy(monkeypatch):
    fake = FakeDestroy()
    monkeypatch.setattr(services, "_case_destroy", lambda: fake)
    return fake


def _approved_list(deciders):
    (proposed,) = services.destruction_lists_propose()
    services.destruction_list_approve(actor=deciders["coordinator"], list_id=proposed.pk)
    return services.destruction_list_approve(actor=deciders["privacy"], list_id=proposed.pk)


def test_only_cases_past_their_period_are_due(old_and_recent):
    old, recent = old_and_recent
    due = selectors.due_cases()
    assert [c.reference for c in due] == [old.reference]
    assert due[0].result == "advised"
    assert due[0].periods == Periods(24, 24, 84)
    soon = selectors.due_cases(within_days=2 * 365)
    assert {c.reference for c in soon} == {old.reference, recent.reference}


def test_an_open_case_is_never_due(deciders):
    _case, _ = make_case(state="claimed", advisor=deciders["advisor"])
    assert selectors.due_cases(timezone.localdate() + timedelta(days=36500)) == []


def test_an_association_rule_beats_the_default_which_beats_the_built_in(old_and_recent, deciders):
    old, recent = old_and_recent
    services.rule_save(actor=deciders["privacy"], association_code="", result="advised", periods=Periods(1, 1, 12))
    assert {c.reference for c in selectors.due_cases()} == {old.reference, recent.reference}
    services.rule_save(
        actor=deciders["privacy"], association_code="nvvr", result="advised", periods=Periods(36, 36, 84)
    )
    assert selectors.due_cases() == []


def test_the_preview_counts_the_cases_that_move_and_saves_nothing(old_and_recent, deciders):
    _old, _recent = old_and_recent
    other, _ = make_case(state="closed", advisor=deciders["advisor"])
    from weerbaar.cases.models import Case

    Case.objects.filter(pk=other.pk).update(outcome="referred")
    change = services.rule_change_preview(association_code="nvvr", result="advised", periods=Periods(1, 1, 12))
    assert (change.cases, change.moved, change.due_before, change.due_after) == (2, 2, 1, 2)
    assert change.before == Periods(24, 24, 84)
    assert not RetentionRule.objects.exists()
    same = services.rule_change_preview(association_code="nvvr", result="advised", periods=Periods(24, 24, 84))
    assert same.moved == 0


def test_the_preview_counts_the_contact_erasures_due_today_before_and_after(old_and_recent, deciders):
    def counts(periods):
        change = services.rule_change_preview(association_code="nvvr", result="advised", periods=periods)
        return change.contact_due_before, change.contact_due_after

    assert counts(Periods(12, 24, 84)) == (0, 1)  # closed 800 days ago: due; 100 days ago: not yet
    assert counts(Periods(1, 24, 84)) == (0, 2)
    assert counts(Periods(1, 1, 12)) == (0, 0)  # contact and content end together: the destruction takes both
    services.rule_save(actor=deciders["privacy"], association_code="nvvr", result="advised", periods=Periods(1, 24, 84))
    assert counts(Periods(1, 24, 84)) == (2, 2)
    assert len(services.contact_details_erase()) == 2
    assert counts(Periods(1, 24, 84)) == (0, 0)  # erased already: not due again
    assert ContactErasure.objects.filter(case__in=old_and_recent).count() == 2


def test_only_the_privacy_officer_changes_the_policy_and_it_is_audited(old_and_recent, deciders):
    for who in ("coordinator", "admin", "advisor"):
        with pytest.raises(Forbidden):
            services.rule_save(actor=deciders[who], association_code="", result="advised", periods=Periods(1, 1, 12))
    change = services.rule_save(
        actor=deciders["privacy"], association_code="", result="advised", periods=Periods(1, 1, 12)
    )
    assert change.moved == 2
    entry = AuditEntry.objects.get(action="retention.rule_changed")
    assert entry.details["after"] == {"contact_months": 1, "content_months": 1, "metadata_months": 12}
    assert entry.details["moved"] == 2


def test_unknown_result_or_association_is_refused_naming_the_field(deciders):
    with pytest.raises(InvalidInput) as caught:
        services.rule_change_preview(association_code="", result="nonsense", periods=Periods(1, 1, 1))
    assert caught.value.invalid_params[0]["name"] == "result"
    with pytest.raises(InvalidInput) as caught:
        services.rule_change_preview(association_code="nope", result="advised", periods=Periods(1, 1, 1))
    assert caught.value.invalid_params[0]["name"] == "association"


def test_a_legal_hold_keeps_a_due_case_off_the_list_until_lifted(old_and_recent, deciders):
    old, _ = old_and_recent
    hold = services.legal_hold_place(
        actor=deciders["coordinator"], raw={"reference": old.reference.lower(), "reason": "Lopende strafzaak"}
    )
    assert [c.held for c in selectors.due_cases()] == [True]
    assert services.destruction_lists_propose() == []
    services.legal_hold_lift(actor=deciders["privacy"], hold_id=hold.pk)
    with pytest.raises(Conflict):
        services.legal_hold_lift(actor=deciders["privacy"], hold_id=hold.pk)
    assert len(services.destruction_lists_propose()) == 1
    actions = list(AuditEntry.objects.filter(action__startswith="retention.hold").values_list("action", flat=True))
    assert actions == ["retention.hold_placed", "retention.hold_lifted"]


def test_a_hold_that_ran_out_no_longer_holds(old_and_recent, deciders):
    old, _ = old_and_recent
    today = timezone.localdate()
    services.legal_hold_place(
        actor=deciders["coordinator"],
        raw={"reference": old.reference, "reason": "Onderzoek", "until": today.isoformat()},
    )
    assert selectors.due_cases(today)[0].held
    assert not selectors.due_cases(today + timedelta(days=1))[0].held


def test_hold_input_is_checked_field_by_field(old_and_recent, deciders):
    with pytest.raises(InvalidInput) as caught:
        services.legal_hold_place(actor=deciders["coordinator"], raw={"reference": "", "reason": "", "until": "morgen"})
    assert {p["name"] for p in caught.value.invalid_params} == {"reference", "reason", "until"}
    with pytest.raises(InvalidInput) as caught:
        services.legal_hold_place(actor=deciders["coordinator"], raw={"reference": "WB-0000-XXXXXX", "reason": "x"})
    assert [p["name"] for p in caught.value.invalid_params] == ["reference"]
    with pytest.raises(Forbidden):
        services.legal_hold_place(actor=deciders["advisor"], raw={"reference": "x", "reason": "x"})


def test_the_daily_proposal_is_idempotent_and_per_association(old_and_recent):
    old, _ = old_and_recent
    first = services.destruction_lists_propose()
    assert len(first) == 1
    assert [i.reference for i in first[0].items.all()] == [old.reference]
    assert services.destruction_lists_propose() == []
    assert DestructionList.objects.count() == 1


def test_two_different_people_approve_each_in_their_own_role(old_and_recent, deciders):
    (proposed,) = services.destruction_lists_propose()
    for who in ("advisor", "admin", "analyst", "other_coordinator"):
        with pytest.raises(Forbidden):
            services.destruction_list_approve(actor=deciders[who], list_id=proposed.pk)
    first = services.destruction_list_approve(actor=deciders["coordinator"], list_id=proposed.pk)
    assert first.status == ListStatus.PROPOSED
    with pytest.raises(Conflict):
        services.destruction_list_approve(actor=deciders["coordinator"], list_id=proposed.pk)
    second = services.destruction_list_approve(actor=deciders["privacy"], list_id=proposed.pk)
    assert second.status == ListStatus.APPROVED
    assert (second.coordinator_approved_by, second.privacy_approved_by) == (
        deciders["coordinator"],
        deciders["privacy"],
    )


def test_apply_destroys_only_approved_lists_through_case_destroy(old_and_recent, deciders, destroy):
    old, _recent = old_and_recent
    (proposed,) = services.destruction_lists_propose()
    services.destruction_list_approve(actor=deciders["coordinator"], list_id=proposed.pk)
    applied, _ = services.destruction_lists_apply()
    assert (applied.lists, applied.destroyed, destroy.calls) == (0, 0, [])  # one approval is not enough
    services.destruction_list_approve(actor=deciders["privacy"], list_id=proposed.pk)
    applied, _ = services.destruction_lists_apply()
    assert (applied.lists, applied.destroyed, applied.skipped) == (1, 1, 0)
    assert destroy.calls == [
        (old.reference, "system:retention", f"retention:list-{proposed.pk}:advised", ["cora", "fgp"])
    ]
    item = proposed.items.get()
    assert (item.state, item.case_id, item.reference) == (ItemState.DESTROYED, None, old.reference)
    proposed.refresh_from_db()
    assert proposed.status == ListStatus.APPLIED
    assert services.destruction_lists_apply()[0].lists == 0  # applied once


def test_the_dry_run_says_exactly_what_would_go_and_changes_nothing(old_and_recent, deciders, destroy):
    old, _ = old_and_recent
    extra, _ = make_case(state="closed", advisor=deciders["advisor"])
    extra = close_long_ago(extra, days=900)
    approved = _approved_list(deciders)
    services.legal_hold_place(actor=deciders["coordinator"], raw={"reference": extra.reference, "reason": "OM"})
    applied, verdicts = services.destruction_lists_apply(dry_run=True)
    assert {(v.item.reference, v.destroy, v.because) for v in verdicts} == {
        (old.reference, True, ""),
        (extra.reference, False, "legal_hold"),
    }
    assert (applied.destroyed, applied.skipped, destroy.calls) == (1, 1, [])
    approved.refresh_from_db()
    assert approved.status == ListStatus.APPROVED
    applied, _ = services.destruction_lists_apply()
    assert [call[0] for call in destroy.calls] == [old.reference]
    assert approved.items.get(reference=extra.reference).skipped_because == "legal_hold"


def test_a_reopened_case_or_a_longer_period_after_approval_is_skipped(old_and_recent, deciders, destroy):
    _old, _ = old_and_recent
    approved = _approved_list(deciders)
    services.rule_save(actor=deciders["privacy"], association_code="", result="advised", periods=Periods(60, 60, 84))
    applied, _ = services.destruction_lists_apply()
    assert (applied.destroyed, applied.skipped, destroy.calls) == (0, 1, [])
    assert approved.items.get().skipped_because == "not_due"


def test_the_advisor_hears_30_days_ahead_once(deciders):
    case, _ = make_case(state="closed", advisor=deciders["advisor"])
    close_long_ago(case, days=2 * 365 - 25)  # due in about 25 days
    far, _ = make_case(state="closed", advisor=deciders["advisor"])
    close_long_ago(far, days=300)
    overdue, _ = make_case(state="closed", advisor=deciders["advisor"])
    close_long_ago(overdue, days=900)  # already due: on the list for the approvers, no notice per old case
    assert services.advisors_warn() == 1
    assert services.advisors_warn() == 0
    note = Notification.objects.get(recipient=deciders["advisor"])
    assert note.kind == "retention_destruction_near"
    assert note.link == f"/werkruimte/zaken/{case.reference}"


def test_the_advisor_hears_30_days_before_the_contact_details_alone_are_erased_once(deciders):
    from weerbaar.core import clock
    from weerbaar.destruction.services import case_contact_erase
    from weerbaar.retention.models import LegalHold

    services.rule_save(actor=deciders["privacy"], association_code="", result="advised", periods=Periods(1, 24, 84))
    soon, _ = make_case(state="closed", advisor=deciders["advisor"])
    close_long_ago(soon, days=5)  # contact details due in about 25 days, the content in two years
    passed, _ = make_case(state="closed", advisor=deciders["advisor"])
    close_long_ago(passed, days=40)  # already due: erased at the next run, no notice per old case
    held, _ = make_case(state="closed", advisor=deciders["advisor"])
    close_long_ago(held, days=5)
    LegalHold.objects.create(case=held, reason="Strafzaak", placed_by=deciders["coordinator"], placed_at=clock.now())
    gone, _ = make_case(state="closed", advisor=deciders["advisor"])
    close_long_ago(gone, days=5)
    case_contact_erase(gone, actor="system:retention")  # nothing left to erase
    assert services.advisors_warn() == 1
    assert services.advisors_warn() == 0
    note = Notification.objects.get(recipient=deciders["advisor"])
    assert note.kind == "retention_contact_erasure_near"
    assert note.link == f"/werkruimte/zaken/{soon.reference}"


def test_the_approvers_hear_of_a_new_list_once_and_nobody_else(old_and_recent, deciders):
    (proposed,) = services.destruction_lists_propose()
    told = set(
        Notification.objects.filter(kind="destruction_list_proposed").values_list("recipient__username", flat=True)
    )
    assert told == {"cora", "fgp"}  # not the other association's coordinator, the admin, the analyst or the advisor
    assert (
        Notification.objects.get(recipient=deciders["privacy"]).link
        == f"/werkruimte/vernietigingslijsten/{proposed.pk}"
    )
    extra, _ = make_case(state="closed", advisor=deciders["advisor"])
    close_long_ago(extra, days=900)
    assert services.destruction_lists_propose() == [proposed]  # joins the list nobody approved yet
    assert Notification.objects.filter(kind="destruction_list_proposed").count() == 2


def test_the_preview_counts_cases_closed_without_work_and_those_without_a_result(old_and_recent, deciders):
    from weerbaar.cases.models import Case

    old, recent = old_and_recent
    Case.objects.filter(pk=old.pk).update(outcome="", close_reason="duplicate")
    Case.objects.filter(pk=recent.pk).update(outcome="", close_reason="")
    duplicate = services.rule_change_preview(association_code="", result="duplicate", periods=Periods(2, 2, 12))
    other = services.rule_change_preview(association_code="", result="other", periods=Periods(1, 1, 12))
    advised = services.rule_change_preview(association_code="", result="advised", periods=Periods(1, 1, 12))
    assert (duplicate.cases, other.cases, advised.cases) == (1, 1, 0)
    assert (other.due_before, other.due_after) == (0, 1)
