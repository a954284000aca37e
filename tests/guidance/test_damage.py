"""Damage routes (guidance.damage), each with its conditions and source (DOMAIN.md "Damage, aftercare and
protection"; checked against art. 36f Sr, cjib.nl "Voorschotregeling", schadefonds.nl, art. 6:162 BW and the
Regeling beveiligingsmaatregelen decentrale bestuurders, Stcrt. 2023, 28233)."""

from __future__ import annotations

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from weerbaar.guidance import rules
from weerbaar.guidance.damage import VIOLENT_ACTS, damage_routes

ACTS = sorted(rules.ACTS)


def routes(role="raadslid", incidents=(), language="nl"):
    return {r.code: r for r in damage_routes(role=role, incidents=list(incidents), language=language)}


def test_injured_party_and_the_state_advance_with_its_conditions():
    # Art. 51f Sv; art. 36f Sr: only with a schadevergoedingsmaatregel imposed by the court; the advance after
    # 8 months from the final judgment, without limit for violent and sexual offences, else up to EUR 5,000.
    route = routes(incidents=[(None, {"insult"})])["injured_party"]
    assert "benadeelde partij" in route.text
    assert "schadevergoedingsmaatregel" in route.text
    assert "8 maanden nadat de uitspraak onherroepelijk is" in route.text
    assert "€ 5.000" in route.text
    assert "Zonder schadevergoedingsmaatregel is er geen voorschot" in route.text


def test_no_injured_party_or_civil_route_without_a_likely_offence():
    found = routes(incidents=[(None, {"hostile_message"})])
    assert "injured_party" not in found
    assert "civil_claim" not in found
    assert list(found) == ["employer_security"]


def test_civil_route_through_tort():
    route = routes(incidents=[(None, {"doxing"})])["civil_claim"]
    assert "art. 6:162 BW" in route.text
    assert route.source.startswith("https://wetten.overheid.nl/jci1.3:c:BWBR0005289")


@pytest.mark.parametrize("act", sorted(VIOLENT_ACTS))
def test_damage_fund_for_violent_crime_including_threats_within_10_years(act):
    # Schadefonds Geweldsmisdrijven: threats with violence included, no conviction needed, apply within 10 years.
    route = routes(role="wethouder", incidents=[(date(2026, 3, 1), {act})])["damage_fund"]
    assert route.deadline == date(2036, 3, 1)
    assert route.source == rules.URL_DAMAGE_FUND
    assert "€ 1.000" in route.text
    assert "€ 35.000" in route.text
    assert "Een veroordeling of een bekende dader is niet nodig" in route.text


def test_damage_fund_date_runs_from_the_violent_incident_not_the_first_incident():
    found = routes(incidents=[(date(2026, 1, 5), {"insult"}), (date(2026, 6, 10), {"assault"})])
    assert found["damage_fund"].deadline == date(2036, 6, 10)


@pytest.mark.parametrize("acts", [{"insult"}, {"defamation"}, {"insult", "defamation", "doxing"}])
def test_no_damage_fund_for_insult_alone(acts):
    assert "damage_fund" not in routes(incidents=[(date(2026, 1, 5), acts)])


@pytest.mark.parametrize(
    ("role", "covered"),
    [
        ("burgemeester", "yes"),
        ("wethouder", "yes"),
        ("gedeputeerde", "yes"),
        ("other", "maybe"),
        ("raadslid", "no"),
        ("statenlid", "no"),
    ],
)
def test_security_regulation_covers_the_decentral_executives_not_council_members(role, covered):
    route = routes(role=role)["employer_security"]
    assert ("aanspraak maken op een beveiligingsadvies" in route.text) is (covered == "yes")
    assert ("Bent u commissaris van de Koning of lid van het dagelijks bestuur" in route.text) is (covered == "maybe")
    assert ("vallen niet onder de regeling" in route.text) is (covered == "no")
    assert ("stcrt-2023-28233" in route.source) is (covered != "no")
    if covered == "yes":
        assert ("uw provincie verstrekt" in route.text) is (role == "gedeputeerde")


def test_english_texts():
    found = routes(incidents=[(date(2026, 1, 1), {"assault"})], language="en")
    assert found["injured_party"].title == "Claim damages in the criminal case"
    assert "EUR 5,000" in found["injured_party"].text
    assert "EUR 1,000 to EUR 35,000" in found["damage_fund"].text
    assert all(r.text.isascii() for r in found.values())


occurrences = st.lists(
    st.tuples(
        st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))),
        st.sets(st.sampled_from(ACTS)),
    ),
    max_size=6,
)


@given(occurrences, st.sampled_from(rules.ROLES), st.sampled_from(["nl", "en"]))
def test_every_combination_cites_sources_and_dates_the_fund_from_violence(incidents, role, language):
    found = damage_routes(role=role, incidents=incidents, language=language)
    assert found[-1].code == "employer_security"
    assert all(r.source.startswith("https://") and r.title and r.text for r in found)
    acts = {a for _on, incident_acts in incidents for a in incident_acts}
    fund = [r for r in found if r.code == "damage_fund"]
    assert bool(fund) is bool(acts & VIOLENT_ACTS)
    violent = [on for on, incident_acts in incidents if on and incident_acts & VIOLENT_ACTS]
    if fund:
        assert fund[0].deadline == (min(violent) + relativedelta(years=10) if violent else None)
