"""The council workflow's transition table, checked against random walks (hypothesis).

Rules: only moves in the table happen; the terminal states take no further step; every step leaves
exactly one open task (the current step's), none once closed or cancelled; the history is appended
in order and matches the walk.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.council.factories import STEP_BODIES, make_council_request
from tests.factories import UserFactory
from weerbaar.core.errors import Conflict
from weerbaar.council import services
from weerbaar.council.choices import Status
from weerbaar.council.models import CouncilRequest
from weerbaar.council.workflow import TASK_TITLES, TERMINAL, WORKFLOW
from weerbaar.todos.models import Todo

pytestmark = pytest.mark.django_db

ALL = [s.value for s in Status]


def test_table_shape():
    reachable = {Status.REQUESTED.value}
    frontier = [Status.REQUESTED.value]
    while frontier:
        for target in WORKFLOW.targets(frontier.pop()):
            if target not in reachable:
                reachable.add(target)
                frontier.append(target)
    assert reachable == set(ALL)  # every state can be reached from "requested"
    for terminal in TERMINAL:
        assert WORKFLOW.targets(terminal) == []  # closed and cancelled are final
    assert set(TASK_TITLES) == set(ALL) - TERMINAL  # every open step has a task for its owner
    assert all(t.source != t.target for t in WORKFLOW.transitions)


def _body(target: str, username: str) -> dict:
    body = {"status": target, **STEP_BODIES.get(target, {})}
    if target == Status.SESSION_PLANNED:
        body["facilitators"] = [username]
    if target == Status.CANCELLED:
        body["reason"] = "De raad ziet ervan af."
    return body


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(walk=st.lists(st.sampled_from(ALL), min_size=1, max_size=9))
def test_random_walks_follow_the_table(reference_data, walk):
    actor = UserFactory(role="coordinator")
    request = make_council_request()
    expected = [Status.REQUESTED.value]
    for target in walk:
        source = expected[-1]
        if WORKFLOW.get(source, target=target) is None:
            with pytest.raises(Conflict):
                services.council_transition(actor=actor, reference=request.reference, raw=_body(target, actor.username))
        else:
            services.council_transition(actor=actor, reference=request.reference, raw=_body(target, actor.username))
            expected.append(target)
        current = CouncilRequest.objects.get(pk=request.pk)
        assert current.status == expected[-1]
        open_tasks = set(
            Todo.objects.filter(key__startswith=f"council:{request.pk}:", done_at__isnull=True).values_list(
                "key", flat=True
            )
        )
        wanted = set() if expected[-1] in TERMINAL else {f"council:{request.pk}:{expected[-1]}"}
        assert open_tasks == wanted
    assert [c.target for c in current.status_changes.all()] == expected
