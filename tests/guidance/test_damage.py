"""Damage routes (DOMAIN.md "Damage, aftercare and protection"), each rule with its source."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from weerbaar.guidance import rules
from weerbaar.guidance.damage import damage_routes

ACTS = sorted(rules.ACTS)


def codes(**kwargs):
    return [r.code for r in damage_routes(**kwargs)]


def test_injured_party_and_state_advance_after_8_months_when_an_offence_is_likely():
    # Art. 51f Sv (benadeelde partij) and the voorschotregeling: the State pays after 8 months.
    [route] = [
        r for r in damage_routes(role="raadslid", acts={"insult"}, first_occurred_on=None) if r.code == "injured_party"
    ]
    assert "benadeelde partij" in route.text
    assert "8 maanden" in route.text
    assert "5.000" in route.text  # the limit outside violent and sexual offences


def test_no_injured_party_route_without_a_likely_offence():
    assert "injured_party" not in codes(role="raadslid", acts={"hostile_message"}, first_occurred_on=None)


@pytest.mark.parametrize("act", ["threat_of_violence", "assault"])
def test_damage_fund_for_violent_crime_including_threats_within_10_years(act):
    # Schadefonds Geweldsmisdrijven: threats with violence included, no conviction needed, apply within 10 years.
    [route] = [
        r
        for r in damage_routes(role="wethouder", acts={act}, first_occurred_on=date(2026, 3, 1))
        if r.code == "damage_fund"
    ]
    assert route.deadline == date(2036, 3, 1)
    assert route.source == rules.URL_DAMAGE_FUND
    assert "1.000" in route.text
    assert "35.000" in route.text


def test_no_damage_fund_for_insult_alone():
    assert "damage_fund" not in codes(role="raadslid", acts={"insult", "defamation"}, first_occurred_on=None)


@pytest.mark.parametrize(
    ("role", "covered"),
    [
        ("burgemeester", True),
        ("wethouder", True),
        ("gedeputeerde", True),
        ("raadslid", False),
        ("statenlid", False),
        ("other", False),
    ],
)
def test_security_regulation_covers_executives_not_council_members(role, covered):
    # Regeling beveiligingsmaatregelen decentrale bestuurders (since 1 January 2024).
    [route] = [r for r in damage_routes(role=role, acts=set(), first_occurred_on=None) if r.code == "employer_security"]
    assert ("recht op een risicoscan" in route.text) is covered
    assert ("geldt niet voor raadsleden" in route.text) is not covered


def test_english_texts():
    routes = damage_routes(role="raadslid", acts={"assault"}, first_occurred_on=date(2026, 1, 1), language="en")
    assert routes[0].title == "Claim damages in the criminal case"
    assert all(r.text.isascii() for r in routes)


@given(st.sets(st.sampled_from(ACTS)), st.sampled_from(rules.ROLES), st.sampled_from(["nl", "en"]))
def test_every_combination_gives_the_employer_route_and_cites_sources(acts, role, language):
    routes = damage_routes(role=role, acts=acts, first_occurred_on=date(2026, 1, 1), language=language)
    assert routes[-1].code == "employer_security"
    assert all(r.source.startswith("https://") and r.title and r.text for r in routes)
