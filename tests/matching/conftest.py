"""Worlds for matching: cases of different office holders with incidents, matching switched on."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory, incident_payload, make_case


def record_incident(advisor, case):
    from weerbaar.incidents.services import incident_record
    from weerbaar.incidents.validation import validate_incident

    return incident_record(actor=advisor, reference=case.reference, data=validate_incident(incident_payload()))


def claimed_case_with_incident(advisor, **request):
    case, _code = make_case(state="claimed", advisor=advisor, **request)
    record_incident(advisor, case)
    return case


def switch_on():
    from weerbaar.matching.services import matching_switch

    matching_switch(actor="system:test", enabled=True)


@pytest.fixture
def advisor(reference_data):
    return UserFactory(username="advisor-nvvr", role="advisor")


@pytest.fixture
def second_advisor(reference_data):
    return UserFactory(username="advisor-nvvr-2", role="advisor")


@pytest.fixture
def coordinators(reference_data):
    return (
        UserFactory(username="coordinator-1", role="coordinator"),
        UserFactory(username="coordinator-2", role="coordinator"),
    )


@pytest.fixture
def matching_on(reference_data):
    switch_on()
