"""Hypothesis: no combination of facts crashes, yields an empty plan or misplaces 112."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from weerbaar.guidance import rules
from weerbaar.guidance.assessment import Facts, assess, complaint_deadline

facts_strategy = st.builds(
    Facts,
    role=st.sampled_from(rules.ROLES),
    related_to_office=st.booleans(),
    acute_danger=st.booleans(),
    online=st.booleans(),
    learned_on=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    acts=st.lists(st.sampled_from(list(rules.ACTS)), min_size=1, unique=True).map(tuple),
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
    for offence in result.offences:
        assert offence.article in rules.OFFENCES
        if offence.complaint_required:
            assert offence.complaint_deadline == complaint_deadline(facts.learned_on)
            assert "complaint_deadline" in codes
        else:
            assert offence.complaint_deadline is None
    assert result.ask_for_vpt_code is facts.related_to_office
    assert all(url.startswith("https://") for url in result.sources)
    for offence in result.offences:
        assert rules.OFFENCES[offence.article].source in result.sources
    if any(o.complaint_required for o in result.offences):
        assert rules.ART_66 in result.sources
