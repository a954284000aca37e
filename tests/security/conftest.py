from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.factories import UserFactory
from weerbaar.accounts.models import Role
from weerbaar.directory.models import Association


@pytest.fixture
def staff(reference_data):
    nvvr = Association.objects.get(code="nvvr")
    return SimpleNamespace(
        advisor=UserFactory(username="advisor_sec", role=Role.ADVISOR, association=nvvr),
        colleague=UserFactory(username="colleague_sec", role=Role.ADVISOR, association=nvvr),
    )
