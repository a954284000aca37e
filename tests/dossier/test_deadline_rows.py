"""The dossier's rows of klacht dates are a regrouping of ``assess_case``, never a computation of their own: every
offence of every incident is in exactly one summary row and in its incident's list, with the same need, date and
status (no database, no PDF)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from weerbaar.guidance import rules
from weerbaar.guidance.analysis import IncidentFacts
from weerbaar.guidance.assessment import assess_case
from weerbaar.guidance.dossier import _article_key, _per_incident, _summary

TODAY = date(2026, 12, 7)

incident = st.builds(
    IncidentFacts,
    learned_on=st.dates(TODAY - timedelta(days=400), TODAY),
    acts=st.lists(st.sampled_from(sorted(rules.ACTS)), min_size=1, max_size=3, unique=True).map(tuple),
    related_to_office=st.booleans(),
    online=st.booleans(),
    victim=st.sampled_from(sorted(rules.VICTIMS)),
    threatened=st.sampled_from([None, *sorted(rules.THREATENED)]),
    demand=st.booleans(),
    perpetrators=st.sampled_from([None, *sorted(rules.PERPETRATORS)]),
    serious_injury=st.booleans(),
    in_series=st.booleans(),
)


def numbered(incidents: list[IncidentFacts]) -> list[IncidentFacts]:
    return [IncidentFacts(**{**vars(i), "number": n}) for n, i in enumerate(incidents, start=1)]


@settings(max_examples=150, deadline=None)
@given(st.lists(incident, min_size=1, max_size=6).map(numbered), st.sampled_from(["nl", "en"]))
def test_rows_regroup_the_one_computation(incidents, language):
    assessment = assess_case("wethouder", incidents, language, today=TODAY)
    summary = _summary(assessment, {})
    per_incident = _per_incident(assessment, {})
    for offence in assessment.offences:
        deadline = offence.complaint_deadline or offence.precautionary_complaint_deadline
        need = "required" if offence.complaint_required else ("precautionary" if deadline else "none")
        rows = [r for r in summary if r.article == offence.article and offence.incident in r.incidents]
        assert len(rows) == 1
        assert (rows[0].need, rows[0].deadline, rows[0].status) == (need, deadline, offence.deadline_status)
        mine = [r for r in per_incident[offence.incident] if r.article == offence.article]
        assert len(mine) == 1
        assert (mine[0].need, mine[0].deadline, mine[0].status) == (need, deadline, offence.deadline_status)
    # nothing invented: every row stands for at least one offence of the assessment
    assert sum(len(r.incidents) for r in summary) == len(assessment.offences)
    assert sum(len(rows) for rows in per_incident.values()) == len(assessment.offences)
    assert [_article_key(r.article) for r in summary] == sorted(_article_key(r.article) for r in summary)


def test_articles_sort_as_in_the_code():
    assert sorted(["304", "285b", "41", "137c", "285", "138ab", "261"], key=_article_key) == [
        "41",
        "137c",
        "138ab",
        "261",
        "285",
        "285b",
        "304",
    ]
