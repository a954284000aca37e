"""A closed NVVR case whose time has come, a second one that is not yet due, and the people who decide."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import UserFactory, make_case
from weerbaar.accounts.models import Role
from weerbaar.cases.models import Case


def close_long_ago(case: Case, *, days: int) -> Case:
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - timedelta(days=days))
    case.refresh_from_db()
    return case


@pytest.fixture
def deciders(reference_data):
    from weerbaar.directory.models import Association

    nvvr = Association.objects.get(code="nvvr")
    return {
        "advisor": UserFactory(username="anna", role=Role.ADVISOR, association=nvvr),
        "coordinator": UserFactory(username="cora", role=Role.COORDINATOR, association=nvvr),
        "privacy": UserFactory(username="fgp", role=Role.ADMIN, is_privacy_officer=True),
        "admin": UserFactory(username="bea", role=Role.ADMIN),
        "analyst": UserFactory(username="ali", role=Role.ANALYST),
        "other_coordinator": UserFactory(
            username="wim", role=Role.COORDINATOR, association=Association.objects.get(code="wethoudersvereniging")
        ),
    }


@pytest.fixture
def old_and_recent(deciders):
    """Two cases closed as "advised" (24 months): one 800 days ago (due), one 100 days ago (not due)."""
    old, _ = make_case(state="closed", advisor=deciders["advisor"])
    recent, _ = make_case(state="closed", advisor=deciders["advisor"])
    return close_long_ago(old, days=800), close_long_ago(recent, days=100)
