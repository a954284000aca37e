"""The metadata period: when it has passed, a destroyed case's tombstone goes and only its reference stays, which
is still never issued again (docs/decisions/0008-destruction.md, docs/retention.md)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import make_case
from weerbaar.core import references
from weerbaar.core.models import AuditEntry
from weerbaar.destruction.models import DestroyedCase, DestroyedReference
from weerbaar.destruction.services import case_destroy, reference_destroyed, tombstone_erase_metadata
from weerbaar.directory.models import Association
from weerbaar.retention import jobs, selectors, services
from weerbaar.retention.models import DestructionListItem, RetentionRule
from weerbaar.retention.periods import add_months

pytestmark = pytest.mark.django_db


def _destroy_by_list(deciders):
    (proposed,) = services.destruction_lists_propose()
    services.destruction_list_approve(actor=deciders["coordinator"], list_id=proposed.pk)
    services.destruction_list_approve(actor=deciders["privacy"], list_id=proposed.pk)
    applied, _ = services.destruction_lists_apply()
    assert applied.destroyed == 1
    return proposed


def _noon(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def test_the_daily_job_erases_the_tombstone_once_its_metadata_period_has_passed(old_and_recent, deciders):
    old, _ = old_and_recent
    _destroy_by_list(deciders)
    tombstone = DestroyedCase.objects.get(reference=old.reference)
    assert tombstone.approved_by.count() == 2
    until = add_months(tombstone.closed_on, 84)  # "advised" by default: 24/24/84 months

    assert services.tombstones_erase(until - timedelta(days=1)) == 0
    assert DestroyedCase.objects.filter(reference=old.reference).exists()
    assert not AuditEntry.objects.filter(action="case.metadata_erased").exists()

    assert jobs.retention_lists(_noon(until))["tombstones_erased"] == 1
    assert not DestroyedCase.objects.filter(reference=old.reference).exists()
    assert not DestroyedCase.approved_by.through.objects.exists()  # who approved went with it
    assert not DestructionListItem.objects.filter(reference=old.reference).exists()  # its result and dates too
    kept = DestroyedReference.objects.get()
    assert kept.reference == old.reference
    assert kept.metadata_erased_at is not None
    entry = AuditEntry.objects.get(action="case.metadata_erased")
    assert (entry.actor, entry.object_type, entry.object_id, entry.details) == (
        "system:retention",
        "case",
        old.reference,
        {},
    )

    # Idempotent: the next day finds nothing, and audits nothing.
    assert jobs.retention_lists(_noon(until + timedelta(days=1)))["tombstones_erased"] == 0
    assert DestroyedReference.objects.count() == 1
    assert AuditEntry.objects.filter(action="case.metadata_erased").count() == 1


def test_an_erased_reference_is_still_never_issued_again(old_and_recent, deciders, monkeypatch):
    old, _ = old_and_recent
    case_destroy(old, actor="system:test", reason="test")
    assert tombstone_erase_metadata(old.reference, actor="system:test")
    assert not DestroyedCase.objects.exists()
    assert reference_destroyed(old.reference)
    assert references.reference_claimed(old.reference)
    fresh = "WB-0000-0001"
    draws = iter([old.reference.replace("WB-", "").replace("-", ""), fresh.replace("WB-", "").replace("-", "")])
    monkeypatch.setattr(references, "_random_chars", lambda count: next(draws))
    assert references.new_reference() == fresh


def test_each_tombstone_keeps_its_own_period_under_the_rules_of_that_day(old_and_recent, deciders):
    old, recent = old_and_recent  # closed 800 and 100 days ago
    case_destroy(old, actor="system:test", reason="test")
    case_destroy(recent, actor="system:test", reason="test")
    today = timezone.localdate()
    assert selectors.tombstones_due(today) == []
    RetentionRule.objects.create(
        association=Association.objects.get(code="nvvr"),
        result="advised",
        contact_months=1,
        content_months=1,
        metadata_months=12,
        updated_at=timezone.now(),
    )
    (due,) = selectors.tombstones_due(today)
    assert (due.reference, due.result) == (old.reference, "advised")
    assert services.tombstones_erase(today) == 1
    assert set(DestroyedCase.objects.values_list("reference", flat=True)) == {recent.reference}
    assert set(DestroyedReference.objects.values_list("reference", flat=True)) == {old.reference}


def test_a_case_destroyed_before_it_was_closed_counts_from_the_day_of_destruction(reference_data):
    case, _ = make_case()  # new: an erasure request destroys it before anybody closed it
    case_destroy(case, actor="system:test", reason="erasure request")
    tombstone = DestroyedCase.objects.get()
    assert tombstone.closed_on is None
    destroyed_on = timezone.localdate(tombstone.destroyed_at)
    until = add_months(destroyed_on, 84)  # no outcome, no close reason: "other", 84 months
    assert services.tombstones_erase(until - timedelta(days=1)) == 0
    assert services.tombstones_erase(until) == 1
    assert DestroyedReference.objects.get().reference == case.reference


def test_erasing_without_a_tombstone_changes_nothing_and_an_actor_is_required(old_and_recent):
    old, _ = old_and_recent
    assert tombstone_erase_metadata(old.reference, actor="system:test") is False  # not destroyed
    assert not DestroyedReference.objects.exists()
    assert not AuditEntry.objects.filter(action="case.metadata_erased").exists()
    case_destroy(old, actor="system:test", reason="test")
    with pytest.raises(ValueError):
        tombstone_erase_metadata(old.reference, actor="")
    assert DestroyedCase.objects.filter(reference=old.reference).exists()


def test_plan_names_the_tombstones_whose_metadata_is_due_and_changes_nothing(old_and_recent):
    old, _ = old_and_recent
    case_destroy(old, actor="system:test", reason="test")
    out = StringIO()
    call_command("retention", "plan", "--date", "2099-01-01", stdout=out)
    output = out.getvalue()
    assert f"{old.reference}  advised" in output
    assert "-> metadata to be erased" in output
    assert "1 tombstone(s) whose metadata period has passed by 2099-01-01" in output
    assert DestroyedCase.objects.filter(reference=old.reference).exists()
    out = StringIO()
    call_command("retention", "plan", stdout=out)
    assert "0 tombstone(s)" in out.getvalue()
