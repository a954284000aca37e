"""The concern note's rules (``concerns.validation``): every item answered once with one of four answers, incidents
only of this case and only behind a "ja" or "mogelijk", a review date from today on; and the only two prompts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.concerns.factories import ITEM_CODES, note_payload
from weerbaar.concerns.choices import POLICE_PROMPT_ITEMS, Answer, Prompt
from weerbaar.concerns.validation import prompts, validate_note
from weerbaar.core.errors import InvalidInput

TODAY = date(2026, 12, 7)
KNOWN = frozenset({1, 2, 3, 5})
ANSWERS = [a.value for a in Answer]
SUPPORTED = ("yes", "possibly")

answers_st = st.fixed_dictionaries({code: st.sampled_from(ANSWERS) for code in ITEM_CODES})


def _payload(answers, incidents=None, **overrides):
    return note_payload(answers=answers, incidents=incidents, **{"reviewOn": TODAY.isoformat(), **overrides})


def _names(exc: InvalidInput) -> set[str]:
    return {p["name"] for p in exc.invalid_params}


@given(answers=answers_st, data=st.data())
def test_every_item_answered_with_known_incidents_behind_yes_or_possibly_is_accepted_as_given(answers, data):
    incidents = {
        code: data.draw(st.lists(st.sampled_from(sorted(KNOWN)), max_size=3))
        for code, answer in answers.items()
        if answer in SUPPORTED
    }
    note = validate_note(_payload(answers, incidents), incident_numbers=KNOWN, today=TODAY)
    assert [i.code for i in note.items] == ITEM_CODES
    assert {i.code: i.answer for i in note.items} == answers
    assert {i.code: set(i.incidents) for i in note.items if i.incidents} == {
        code: set(numbers) for code, numbers in incidents.items() if numbers
    }


@given(code=st.text(max_size=30).filter(lambda c: c not in ITEM_CODES), position=st.integers(0, 11))
def test_an_unknown_item_code_is_refused_at_that_item(code, position):
    payload = _payload({})
    payload["items"][position]["code"] = code
    with pytest.raises(InvalidInput) as caught:
        validate_note(payload, incident_numbers=KNOWN, today=TODAY)
    assert f"items[{position}].code" in _names(caught.value)


@given(answer=st.one_of(st.text(max_size=20), st.integers(), st.none()).filter(lambda a: a not in ANSWERS))
def test_an_answer_other_than_the_four_is_refused(answer):
    payload = _payload({})
    payload["items"][0]["answer"] = answer
    with pytest.raises(InvalidInput) as caught:
        validate_note(payload, incident_numbers=KNOWN, today=TODAY)
    assert "items[0].answer" in _names(caught.value)


@given(number=st.integers(-5, 1000).filter(lambda n: n not in KNOWN))
def test_an_incident_of_another_case_is_refused_with_its_number(number):
    payload = _payload({"leakage": "yes"}, {"leakage": [1, number]})
    index = ITEM_CODES.index("leakage")
    with pytest.raises(InvalidInput) as caught:
        validate_note(payload, incident_numbers=KNOWN, today=TODAY)
    reasons = {p["name"]: p["reason"] for p in caught.value.invalid_params}
    assert str(number) in reasons[f"items[{index}].incidentIds"]
    assert "hoort niet bij deze zaak" in reasons[f"items[{index}].incidentIds"]


@pytest.mark.parametrize("answer", ["no", "unknown"])
def test_an_incident_cannot_support_no_or_unknown(answer):
    with pytest.raises(InvalidInput) as caught:
        validate_note(_payload({"fixation": answer}, {"fixation": [1]}), incident_numbers=KNOWN, today=TODAY)
    assert f"items[{ITEM_CODES.index('fixation')}].incidentIds" in _names(caught.value)


@given(left_out=st.sets(st.sampled_from(ITEM_CODES), min_size=1))
def test_every_item_must_be_answered(left_out):
    payload = _payload({})
    payload["items"] = [i for i in payload["items"] if i["code"] not in left_out]
    with pytest.raises(InvalidInput) as caught:
        validate_note(payload, incident_numbers=KNOWN, today=TODAY)
    reason = {p["name"]: p["reason"] for p in caught.value.invalid_params}["items"]
    assert all(code in reason for code in left_out)


def test_an_item_given_twice_is_refused():
    payload = _payload({})
    payload["items"].append({"code": "pathway", "answer": "no"})
    with pytest.raises(InvalidInput) as caught:
        validate_note(payload, incident_numbers=KNOWN, today=TODAY)
    assert "items[12].code" in _names(caught.value)


@given(days=st.integers(1, 5000))
def test_a_review_date_in_the_past_is_refused(days):
    payload = _payload({}, reviewOn=(TODAY - timedelta(days=days)).isoformat())
    with pytest.raises(InvalidInput) as caught:
        validate_note(payload, incident_numbers=KNOWN, today=TODAY)
    assert "reviewOn" in _names(caught.value)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("level", "critical"),
        ("level", 3),
        ("levelReasons", ""),
        ("summary", "  "),
        ("plan", None),
        ("reviewOn", "7-12"),
    ],
)
def test_level_reasons_summary_plan_and_review_date_are_needed(field, value):
    with pytest.raises(InvalidInput) as caught:
        validate_note(_payload({}, **{field: value}), incident_numbers=KNOWN, today=TODAY)
    assert _names(caught.value) == {field}


def test_every_problem_is_reported_at_once():
    payload = _payload({}, level="x", summary="", reviewOn="2000-01-01")
    payload["items"][0]["code"] = "score"
    with pytest.raises(InvalidInput) as caught:
        validate_note(payload, incident_numbers=KNOWN, today=TODAY)
    assert {"level", "summary", "reviewOn", "items[0].code"} <= _names(caught.value)


@given(answers=answers_st, acute=st.booleans())
def test_the_only_prompts_are_112_for_acute_danger_and_police_for_pathway_last_resort_or_home(answers, acute):
    found = prompts(acute_danger=acute, answers=answers)
    police = any(answers[code] in SUPPORTED for code in POLICE_PROMPT_ITEMS)
    assert found == [p for p, on in ((Prompt.CALL_112, acute), (Prompt.CONSULT_POLICE, police)) if on]
