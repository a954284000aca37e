"""Hypothesis: no combination of facts crashes, yields an empty plan or misplaces 112; and the properties of the one
computation ``analyse()`` hold for any case: sources, statuses, the stalking series, who is protected, dates."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from weerbaar.guidance import rules
from weerbaar.guidance.analysis import IncidentFacts, analyse
from weerbaar.guidance.assessment import Facts, assess, assess_case, complaint_deadline
from weerbaar.guidance.rules import Need

facts_strategy = st.builds(
    Facts,
    role=st.sampled_from(rules.ROLES),
    related_to_office=st.booleans(),
    acute_danger=st.booleans(),
    online=st.booleans(),
    learned_on=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    acts=st.lists(st.sampled_from(list(rules.ACTS)), min_size=1, unique=True).map(tuple),
    victim=st.sampled_from(rules.VICTIMS),
    last_learned_on=st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))),
    threatened=st.one_of(st.none(), st.sampled_from(rules.THREATENED)),
    demand=st.booleans(),
    perpetrators=st.one_of(st.none(), st.sampled_from(rules.PERPETRATORS)),
    serious_injury=st.booleans(),
)


@given(facts_strategy, st.sampled_from(["nl", "en"]))
def test_every_plan_is_sound(facts, language):
    result = assess(facts, language)
    assert result.route in rules.ROUTES
    assert result.steps
    assert all(s.code and s.title and s.text for s in result.steps)
    codes = [s.code for s in result.steps]
    assert len(codes) == len(set(codes))
    if facts.acute_danger:
        assert result.route == "emergency"
        assert codes[0] == "call_112"
    else:
        assert "call_112" not in codes
        assert result.route == ("complaint" if result.offences else "registration")
    known_until = max(facts.learned_on, facts.last_learned_on or facts.learned_on)
    for offence in result.offences:
        assert offence.article in rules.OFFENCES
        if offence.complaint_required:
            # stalking runs from the last act known (art. 285b with art. 66 Sr); everything else from learnedOn
            first = known_until if offence.article == rules.SERIES_ARTICLE else facts.learned_on
            assert offence.complaint_deadline == complaint_deadline(first)
            assert "complaint_deadline" in codes
        else:
            assert offence.complaint_deadline is None
    if facts.victim == "office_holder":
        assert result.ask_for_vpt_code is facts.related_to_office
    assert all(url.startswith("https://") for url in result.sources)
    for offence in result.offences:
        assert rules.OFFENCES[offence.article].source in result.sources
    if any(o.complaint_required for o in result.offences):
        assert rules.ART_66 in result.sources


# --- analyse(): the one computation of offences and klacht dates (issue 10) ----------------------------------------

dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31))


@st.composite
def incident_facts(draw, number: int | None = None) -> IncidentFacts:
    learned = draw(dates)
    last = draw(st.one_of(st.none(), st.dates(min_value=learned, max_value=date(2027, 12, 31))))
    return IncidentFacts(
        learned_on=learned,
        acts=tuple(draw(st.lists(st.sampled_from(list(rules.ACTS)), min_size=1, max_size=4, unique=True))),
        related_to_office=draw(st.booleans()),
        online=draw(st.booleans()),
        victim=draw(st.sampled_from(rules.VICTIMS)),
        last_learned_on=last,
        threatened=draw(st.one_of(st.none(), st.sampled_from(rules.THREATENED))),
        demand=draw(st.booleans()),
        perpetrators=draw(st.one_of(st.none(), st.sampled_from(rules.PERPETRATORS))),
        serious_injury=draw(st.booleans()),
        in_series=draw(st.booleans()),
        number=number,
    )


@st.composite
def cases(draw):
    """A case: one to five incidents numbered 1..n, a role and the day it is judged."""
    count = draw(st.integers(min_value=1, max_value=5))
    incidents = [draw(incident_facts(number=n)) for n in range(1, count + 1)]
    return draw(st.sampled_from(rules.ROLES)), incidents, draw(dates)


@given(cases())
def test_no_finding_without_a_source(case):
    role, incidents, today = case
    for finding in analyse(role, incidents, today=today).findings:
        assert finding.sources
        assert finding.sources[0] == rules.OFFENCES[finding.article].source
        assert all(url.startswith("https://") for url in finding.sources)
        if finding.deadline:
            assert rules.ART_66 in finding.sources


@given(cases())
def test_status_follows_the_date_and_today(case):
    role, incidents, today = case
    for finding in analyse(role, incidents, today=today).findings:
        if finding.deadline is None:
            assert finding.status == "none"
        elif finding.deadline > today:
            assert finding.status == "open"
        elif finding.deadline == today:
            assert finding.status == "today"
        else:
            assert finding.status == "expired"


@given(cases())
def test_every_series_member_has_the_date_of_the_last_known_act(case):
    role, incidents, today = case
    members = [i for i in incidents if i.in_series and "stalking" in i.acts]
    analysis = analyse(role, incidents, today=today)
    stalking = [f for f in analysis.findings if f.article == rules.SERIES_ARTICLE]
    assert {f.incident for f in stalking} == {i.number for i in incidents if "stalking" in i.acts}
    last_known = max((max(i.learned_on, i.last_learned_on or i.learned_on) for i in members), default=None)
    assert analysis.series_known_until == last_known
    for finding in stalking:
        facts = next(i for i in incidents if i.number == finding.incident)
        assert finding.need is Need.REQUIRED  # art. 285b lid 2
        if facts in members:
            # One series per person stalked: the last act against this victim counts, not one against another.
            own = [m for m in members if m.victim == facts.victim]
            assert finding.deadline == complaint_deadline(max(m.known_until for m in own))
            assert finding.series is (len(own) > 1)
        else:  # split off: its own knowledge
            assert finding.deadline == complaint_deadline(
                max(facts.learned_on, facts.last_learned_on or facts.learned_on)
            )
            assert finding.series is False


@given(cases())
def test_267_304_179_only_for_the_office_holder_in_office(case):
    role, incidents, today = case
    by_number = {i.number: i for i in incidents}
    for finding in analyse(role, incidents, today=today).findings:
        if finding.article in ("267", "304", "179"):
            facts = by_number[finding.incident]
            assert facts.victim == "office_holder"
            assert facts.related_to_office


@given(cases())
def test_a_klacht_need_always_has_a_date_and_only_then(case):
    role, incidents, today = case
    by_number = {i.number: i for i in incidents}
    for finding in analyse(role, incidents, today=today).findings:
        assert (finding.deadline is not None) is (finding.need is not Need.NONE)
        if finding.deadline and finding.article != rules.SERIES_ARTICLE:
            assert finding.deadline == complaint_deadline(by_number[finding.incident].learned_on)  # per incident
        if finding.deadline:
            # never a shorter term than three months from first knowledge
            assert finding.deadline >= complaint_deadline(by_number[finding.incident].learned_on)


@given(cases(), st.sampled_from(["nl", "en"]))
def test_required_and_precautionary_dates_are_never_both_set(case, language):
    role, incidents, today = case
    analysis = analyse(role, incidents, today=today)
    for finding in analysis.findings:
        assert not (finding.complaint_deadline and finding.precautionary_deadline)
        assert finding.complaint_required is (finding.complaint_deadline is not None)
    for offence in assess_case(role, incidents, language, today=today).offences:
        assert not (offence.complaint_deadline and offence.precautionary_complaint_deadline)
        assert offence.deadline_status in rules.DEADLINE_STATUSES
        assert offence.title


@given(cases())
def test_honour_offences_ask_a_klacht_from_everyone_but_the_office_holder_in_office(case):
    role, incidents, today = case
    by_number = {i.number: i for i in incidents}
    for finding in analyse(role, incidents, today=today).findings:
        if finding.article in rules.AGGRAVATED_WHEN_RELATED_TO_OFFICE:
            facts = by_number[finding.incident]
            in_office = facts.victim == "office_holder" and facts.related_to_office
            assert finding.need is (Need.PRECAUTIONARY if in_office else Need.REQUIRED)


@given(cases())
def test_per_incident_findings_do_not_depend_on_the_order_of_incidents(case):
    role, incidents, today = case
    forward = analyse(role, incidents, today=today).findings
    backward = analyse(role, list(reversed(incidents)), today=today).findings
    assert set(forward) == set(backward)
