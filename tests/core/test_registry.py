"""The one shape of a registry (core.registry): order by position, one entry per name and per position."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from weerbaar.core import demo, jobs, seed
from weerbaar.core.registry import Registry


@dataclass(frozen=True)
class Item:
    name: str
    position: int


def test_entries_are_walked_in_order_of_position_whatever_the_order_of_registering():
    registry: Registry[Item] = Registry("item")
    registry.register(Item("c", 30), Item("a", 10))
    registry.register(Item("b", 20))
    assert [item.name for item in registry] == ["a", "b", "c"]
    assert list(registry.entries) == ["a", "b", "c"]
    assert len(registry) == 3
    assert "b" in registry
    assert registry.get("b") == Item("b", 20)


def test_registering_the_same_entry_again_changes_nothing():
    registry: Registry[Item] = Registry("item")
    registry.register(Item("a", 10))
    registry.register(Item("a", 10))  # a second AppConfig.ready()
    assert registry.names() == ["a"]


def test_a_taken_name_or_position_fails_loudly():
    registry: Registry[Item] = Registry("item")
    registry.register(Item("a", 10))
    with pytest.raises(ValueError, match="two different items"):
        registry.register(Item("a", 11))
    with pytest.raises(ValueError, match="share position 10"):
        registry.register(Item("b", 10))
    assert registry.names() == ["a"]


def test_the_apps_fill_the_kernels_registries():
    # The coordinators' page keeps the order it had when the kernel listed the jobs itself.
    assert list(jobs.JOBS) == [
        "referral_responses_overdue",
        "escalate_overdue",
        "flag_red",
        "record_lent_cases",
        "send_mail",
        "match_perpetrators",
        "complaint_deadlines",
        "task_reminders",
        "prune_notifications",
        "audit_checkpoint",
        "clear_sessions",
        "prune_task_results",
        "aftercare_checkins",
        "verify_evidence",
        "backup",
        "retention_lists",
        "stats_refresh",
    ]
    assert [step.name for step in seed.seed_steps()] == ["reference data", "advice texts"]
    assert [builder.name for builder in demo.demo_builders()] == [
        "reference data",
        "case counts",
        "staff",
        "partners",
        "cases",
        "council requests",
    ]
