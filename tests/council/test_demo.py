"""Demo data includes council conversations in every step and held sessions for the coverage chart."""

from __future__ import annotations

import pytest

from weerbaar.core import demo
from weerbaar.council.choices import Status
from weerbaar.council.models import CouncilRequest, CoverageTarget
from weerbaar.council.selectors import council_coverage

pytestmark = pytest.mark.django_db


def test_demo_has_council_requests_and_coverage(reference_data, settings):
    settings.DEBUG = True
    demo.demo_data_load(cases=2)
    statuses = set(CouncilRequest.objects.values_list("status", flat=True))
    assert statuses == {s.value for s in Status}
    coverage = council_coverage()
    assert coverage.sessions_held >= 5
    assert coverage.target == CoverageTarget.objects.get().sessions
    assert b"(demo)" not in bytes(CouncilRequest.objects.first().sealed_request)
    demo.demo_data_load(cases=2)  # a second run adds nothing
    assert CouncilRequest.objects.count() == len(statuses) + 5
