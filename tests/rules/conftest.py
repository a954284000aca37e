"""Staff for rule tests: one of each role, advisors in two associations."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.factories import UserFactory
from weerbaar.accounts.models import Role
from weerbaar.directory.models import Association


@pytest.fixture
def staff(reference_data):
    nvvr = Association.objects.get(code="nvvr")
    ngb = Association.objects.get(code="ngb")
    bzk = Association.objects.get(code="bzk")
    return SimpleNamespace(
        advisor=UserFactory(username="advisor_nvvr", role=Role.ADVISOR, association=nvvr),
        colleague=UserFactory(username="colleague_nvvr", role=Role.ADVISOR, association=nvvr),
        other_advisor=UserFactory(username="advisor_ngb", role=Role.ADVISOR, association=ngb),
        coordinator=UserFactory(username="coordinator", role=Role.COORDINATOR, association=bzk),
        partner=UserFactory(username="partner", role=Role.PARTNER, association=None),
        analyst=UserFactory(username="analyst", role=Role.ANALYST, association=None),
        admin=UserFactory(username="admin", role=Role.ADMIN, association=None),
        inactive=UserFactory(username="inactive_nvvr", role=Role.ADVISOR, association=nvvr, is_active=False),
    )
