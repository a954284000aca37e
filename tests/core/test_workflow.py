"""The one workflow type (core/workflow.py) and the three tables built with it.

Rules: a table names only known states and each step once per source; a step is found by target or by name and
only for its parties; anything not in the table is one error, ``TransitionRefused`` (a 409 ``Conflict``) with the
app's own message and code; ``apply`` refuses a step that does not start where the record is; every app's
history model is append-only.
"""

from __future__ import annotations

from enum import Enum

import pytest

from weerbaar.cases.models import Case
from weerbaar.cases.workflow import WORKFLOW as CASES
from weerbaar.core.errors import Conflict
from weerbaar.core.history import HistoryRow
from weerbaar.core.workflow import History, Refusal, Transition, TransitionRefused, Workflow
from weerbaar.council.workflow import WORKFLOW as COUNCIL
from weerbaar.network.workflow import WORKFLOW as REFERRALS

HISTORY = History(model="cases.StatusChange", record="case", source="a", target="b", actor="c", at="d")


class Needs(Enum):
    NOTE = "note"


def _refuse(refusal: Refusal) -> tuple[str, str]:
    return f"no {refusal.target or refusal.name} from {refusal.source}; try {', '.join(refusal.allowed)}", "nope"


def door(*transitions: Transition) -> Workflow:
    return Workflow(
        states=("open", "ajar", "shut"), initial="shut", transitions=transitions, history=HISTORY, refuse=_refuse
    )


DOOR = door(
    Transition("shut", "ajar", "nudge"),
    Transition("shut", "open", "open", {Needs.NOTE}, by=("guest", "host")),
    Transition("open", "shut", "close", by=("host",)),
    Transition("open", "shut", "slam"),
    Transition("ajar", "shut", "close"),
)


def test_a_table_names_known_states_and_each_step_once_per_source():
    with pytest.raises(ValueError, match="unknown states"):
        door(Transition("shut", "gone", "vanish"))
    with pytest.raises(ValueError, match="twice"):
        door(Transition("shut", "open", "open"), Transition("shut", "ajar", "open"))
    with pytest.raises(ValueError, match="initial"):
        Workflow(states=("a",), initial="b", transitions=(), history=HISTORY, refuse=_refuse)


def test_a_step_is_found_by_target_or_by_name_and_only_for_its_parties():
    assert DOOR.get("shut", target="ajar").name == "nudge"
    assert DOOR.get("shut", name="open", party="guest").needs == {Needs.NOTE}
    assert DOOR.get("shut", name="open") is None  # parties named: someone must be one of them
    assert DOOR.get("shut", name="open", party="burglar") is None
    assert DOOR.get("open", name="slam", party="anyone").target == "shut"  # no parties named: the policy decides
    with pytest.raises(ValueError, match="ask by name"):
        DOOR.get("open", target="shut")  # close and slam both go there
    with pytest.raises(TypeError):
        DOOR.get("open")


def test_targets_and_names_follow_the_table_order():
    assert DOOR.targets("shut", party="host") == ["ajar", "open"]
    assert DOOR.targets("shut") == ["ajar"]
    assert DOOR.names("open", party="host") == ["close", "slam"]
    assert DOOR.names("open", party="guest") == ["slam"]


def test_anything_not_in_the_table_is_one_409_error_with_the_apps_message():
    with pytest.raises(TransitionRefused) as refused:
        DOOR.check("ajar", target="open")
    assert isinstance(refused.value, Conflict)
    assert refused.value.status == 409
    assert (refused.value.message, refused.value.code) == ("no open from ajar; try shut", "nope")
    assert refused.value.refusal == Refusal("ajar", "open", None, None, ("shut",))
    with pytest.raises(TransitionRefused) as by_name:
        DOOR.check("open", name="close", party="guest")
    assert by_name.value.refusal.allowed == ("slam",)


def test_apply_refuses_a_step_that_does_not_start_where_the_record_is():
    case = Case(status="closed")
    with pytest.raises(ValueError, match="starts at new"):
        CASES.apply(case, CASES.check("new", name="claim"), actor=None, at=None)
    assert case.status == "closed"


@pytest.mark.parametrize("workflow", [CASES, COUNCIL, REFERRALS], ids=["cases", "council", "referrals"])
def test_every_app_table_writes_an_append_only_history(workflow):
    model = workflow.history.model_class()
    assert issubclass(model, HistoryRow)
    columns = {f.name for f in model._meta.get_fields()}
    h = workflow.history
    assert {h.record, h.source, h.target, h.actor, h.at} | ({h.name} if h.name else set()) <= columns
    assert workflow.initial in workflow.states
    for transition in workflow.transitions:
        assert workflow.check(transition.source, name=transition.name, party=next(iter(transition.by), None))


@pytest.mark.parametrize(
    ("workflow", "source", "target", "code"),
    [
        (CASES, "closed", "aftercare", "illegal_transition"),
        (COUNCIL, "requested", "closed", "council_transition_not_allowed"),
    ],
)
def test_refusals_keep_each_apps_code(workflow, source, target, code):
    with pytest.raises(TransitionRefused) as refused:
        workflow.check(source, target=target)
    assert refused.value.code == code


def test_a_referral_step_asked_by_the_wrong_party_keeps_its_message():
    with pytest.raises(TransitionRefused) as refused:
        REFERRALS.check("sent", name="accept", party="advisor")
    assert refused.value.code == "status"
    assert refused.value.message == "Deze stap is bij de huidige status van de doorverwijzing niet mogelijk."
