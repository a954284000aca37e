"""Referral fixtures: a claimed case with one incident and two exhibits, a partner and its account."""

from __future__ import annotations

import pytest

from tests.factories import make_case
from tests.incidents_web.conftest import add_image, record
from tests.network.factories import partner_with_user
from tests.staff_web.conftest import people  # noqa: F401  (fixture re-exported)


@pytest.fixture
def setup(people):  # noqa: F811
    advisor = people["advisor"]
    case, code = make_case(state="claimed", advisor=advisor)
    first = record(advisor, case)
    second = record(advisor, case, description="Tweede incident: een brief in de bus.", channel="letter", platform="")
    shared = add_image(advisor, case, incident_number=first.number, name="gedeeld.jpg")
    secret = add_image(advisor, case, incident_number=first.number, name="geheim.jpg")
    partner, partner_user = partner_with_user("pia", name="Vakgenoot Noord")
    other_partner, other_user = partner_with_user("otto", name="Andere Partner")
    return {
        "advisor": advisor,
        "people": people,
        "case": case,
        "code": code,
        "first": first,
        "second": second,
        "shared": shared,
        "secret": secret,
        "partner": partner,
        "partner_user": partner_user,
        "other_partner": other_partner,
        "other_user": other_user,
    }
