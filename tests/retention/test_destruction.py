"""Retention with the real crypto-shredding (``weerbaar.destruction``): apply destroys, the hold guards it."""

from __future__ import annotations

import pytest

from weerbaar.cases.models import Case
from weerbaar.core.models import AuditEntry
from weerbaar.destruction.models import DestroyedCase
from weerbaar.destruction.services import case_destroy
from weerbaar.retention import services
from weerbaar.retention.guards import CaseUnderLegalHold
from weerbaar.retention.models import ItemState, ListStatus

pytestmark = pytest.mark.django_db


def _approve(deciders):
    (proposed,) = services.destruction_lists_propose()
    services.destruction_list_approve(actor=deciders["coordinator"], list_id=proposed.pk)
    return services.destruction_list_approve(actor=deciders["privacy"], list_id=proposed.pk)


def test_apply_crypto_shreds_the_case_and_leaves_a_tombstone_with_both_approvers(old_and_recent, deciders):
    old, recent = old_and_recent
    approved = _approve(deciders)
    applied, _ = services.destruction_lists_apply()
    assert (applied.destroyed, applied.skipped) == (1, 0)
    assert not Case.objects.filter(pk=old.pk).exists()
    assert Case.objects.filter(pk=recent.pk).exists()
    tombstone = DestroyedCase.objects.get(reference=old.reference)
    assert tombstone.destroyed_by == "system:retention"
    assert tombstone.reason == f"retention:list-{approved.pk}:advised"
    assert {u.username for u in tombstone.approved_by.all()} == {"cora", "fgp"}
    item = approved.items.get()
    assert (item.state, item.case_id) == (ItemState.DESTROYED, None)
    approved.refresh_from_db()
    assert approved.status == ListStatus.APPLIED
    entry = AuditEntry.objects.get(action="retention.list_applied")
    assert entry.details == {"destroyed": 1, "skipped": 0}


def test_the_legal_hold_refuses_case_destroy_whoever_calls_it(old_and_recent, deciders):
    old, _ = old_and_recent
    services.legal_hold_place(actor=deciders["coordinator"], raw={"reference": old.reference, "reason": "OM"})
    with pytest.raises(CaseUnderLegalHold):
        case_destroy(old, actor="system:test", reason="erasure request")
    assert Case.objects.filter(pk=old.pk).exists()
    assert not DestroyedCase.objects.exists()


def test_a_hold_placed_between_the_verdict_and_the_destruction_is_honoured(old_and_recent, deciders, monkeypatch):
    old, _ = old_and_recent
    approved = _approve(deciders)
    real = services.list_verdicts

    def verdicts_then_hold(destruction_list, today=None):
        found = real(destruction_list, today)
        services.legal_hold_place(actor=deciders["privacy"], raw={"reference": old.reference, "reason": "Rechter"})
        return found

    monkeypatch.setattr(services, "list_verdicts", verdicts_then_hold)
    applied, _ = services.destruction_lists_apply()
    assert (applied.destroyed, applied.skipped) == (0, 1)
    assert Case.objects.filter(pk=old.pk).exists()
    assert approved.items.get().skipped_because == "legal_hold"
