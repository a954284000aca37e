"""The council workflow through its services: sealing, the state machine, tasks, audit and notifications."""

from __future__ import annotations

import pytest

from tests.council.factories import HAPPY_PATH, STEP_BODIES, council_payload, make_council_request
from tests.factories import UserFactory
from weerbaar.accounts import policy
from weerbaar.core.errors import Conflict, InvalidInput, NotFound
from weerbaar.core.models import AuditEntry
from weerbaar.council import selectors, services
from weerbaar.council.choices import Status
from weerbaar.council.models import CouncilRequest
from weerbaar.council.validation import validate_council_request
from weerbaar.council.workflow import task_key
from weerbaar.todos.models import Todo

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(reference_data):
    return UserFactory(username="cora", role="coordinator")


@pytest.fixture
def advisor(reference_data):
    return UserFactory(username="anna", role="advisor")


def test_submit_seals_contact_and_story_and_gives_coordinators_a_task(coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submitted = services.council_request_submit(data=validate_council_request(council_payload()))
    request = submitted.request
    assert request.reference.startswith("RG-")
    assert request.municipality.code == "GM0344"
    assert request.province.code == "PV26"  # the municipality's province, for coverage
    raw = bytes(request.sealed_request)
    assert b"Gerda" not in raw
    assert b"griffie@" not in raw
    assert b"windmolens" not in raw
    task = Todo.objects.get(key=task_key(request.pk, Status.REQUESTED))
    assert task.for_coordinators
    assert task.assignee is None
    assert "Gerda" not in task.title
    assert task.title_params == {"place": "Utrecht"}
    audit = AuditEntry.objects.filter(action="council.request_received").get()
    assert "Gerda" not in str(audit.details)
    from weerbaar.notifications.models import Notification

    assert Notification.objects.filter(recipient=coordinator).count() == 1


def test_read_opens_the_sealed_content_and_audits_it(coordinator):
    request = make_council_request()
    content = selectors.council_request_read(access=policy.access_council_request(coordinator, request.reference))
    assert content.request["contactName"] == "Gerda Griffier"
    assert AuditEntry.objects.filter(action="council.content_read", object_id=request.reference).exists()


def test_happy_path_moves_each_step_and_hands_over_tasks(advisor):
    request = make_council_request()
    for target in HAPPY_PATH:
        body = {"status": target, **STEP_BODIES[target]}
        if target == Status.SESSION_PLANNED:
            body["facilitators"] = ["anna"]
        previous = CouncilRequest.objects.get(pk=request.pk).status
        services.council_transition(actor=advisor, reference=request.reference, raw=body)
        assert Todo.objects.get(key=task_key(request.pk, previous)).done_at is not None
        if target != Status.CLOSED:
            task = Todo.objects.get(key=task_key(request.pk, target))
            assert task.done_at is None
            assert task.assignee == advisor
    request.refresh_from_db()
    assert request.status == Status.CLOSED
    assert request.owner == advisor
    assert request.held_on is not None
    assert request.follow_up_offered is True
    assert request.follow_up_accepted is False
    assert list(request.facilitators.values_list("username", flat=True)) == ["anna"]
    assert not Todo.objects.filter(key__startswith=f"council:{request.pk}:", done_at__isnull=True).exists()
    assert [c.target for c in request.status_changes.all()] == [Status.REQUESTED, *HAPPY_PATH]
    content = selectors.council_request_read(access=policy.access_council_request(advisor, request.reference))
    assert content.notes["protocol"].startswith("Protocol uit 2019")
    assert content.session == {"place": "Raadzaal", "experts": ["Ervaren Ed"]}
    assert b"Raadzaal" not in bytes(request.sealed_session)


def test_skipping_a_step_is_a_conflict_and_changes_nothing(advisor):
    request = make_council_request()
    with pytest.raises(Conflict):
        services.council_transition(actor=advisor, reference=request.reference, raw={"status": "session_held"})
    request.refresh_from_db()
    assert request.status == Status.REQUESTED
    assert request.owner is None


def test_planning_needs_notes_date_place_and_team_facilitators(advisor, reference_data):
    analyst = UserFactory(username="ali", role="analyst")
    request = make_council_request(actor=advisor, until=Status.EXPLORATORY_TALK)
    with pytest.raises(InvalidInput) as exc:
        services.council_transition(
            actor=advisor, reference=request.reference, raw={"status": "session_planned", "facilitators": ["ali"]}
        )
    names = {p["name"] for p in exc.value.invalid_params}
    assert {"localSituation", "sessionDate", "place"} <= names
    body = {"status": "session_planned", **STEP_BODIES[Status.SESSION_PLANNED], "facilitators": [analyst.username]}
    with pytest.raises(InvalidInput) as exc:
        services.council_transition(actor=advisor, reference=request.reference, raw=body)
    assert [p["name"] for p in exc.value.invalid_params] == ["facilitators"]
    assert CouncilRequest.objects.get(pk=request.pk).status == Status.EXPLORATORY_TALK


def test_saved_notes_make_planning_possible_without_repeating_them(advisor):
    from weerbaar.council.validation import Notes

    request = make_council_request(actor=advisor, until=Status.EXPLORATORY_TALK)
    services.council_notes_save(actor=advisor, reference=request.reference, notes=Notes("Situatie", "", ""))
    body = {"status": "session_planned", "sessionDate": "2026-04-01", "place": "Raadzaal", "facilitators": ["anna"]}
    services.council_transition(actor=advisor, reference=request.reference, raw=body)
    assert CouncilRequest.objects.get(pk=request.pk).status == Status.SESSION_PLANNED


def test_follow_up_accepted_without_offer_is_refused(advisor):
    request = make_council_request(actor=advisor, until=Status.SESSION_HELD)
    with pytest.raises(InvalidInput):
        services.council_transition(
            actor=advisor,
            reference=request.reference,
            raw={"status": "follow_up_offered", "followUpOffered": False, "followUpAccepted": True},
        )


def test_cancel_before_the_session_closes_the_open_task(advisor):
    request = make_council_request(actor=advisor, until=Status.INTAKE_CALL)
    services.council_transition(
        actor=advisor, reference=request.reference, raw={"status": "cancelled", "reason": "Raad wil het zelf doen"}
    )
    assert not Todo.objects.filter(key__startswith=f"council:{request.pk}:", done_at__isnull=True).exists()


def test_cancel_needs_a_reason_which_is_sealed(advisor):
    request = make_council_request(actor=advisor, until=Status.INTAKE_CALL)
    for raw in ({"status": "cancelled"}, {"status": "cancelled", "reason": "   "}):
        with pytest.raises(InvalidInput) as exc:
            services.council_transition(actor=advisor, reference=request.reference, raw=raw)
        assert [p["name"] for p in exc.value.invalid_params] == ["reason"]
    assert CouncilRequest.objects.get(pk=request.pk).status == Status.INTAKE_CALL
    services.council_transition(
        actor=advisor, reference=request.reference, raw={"status": "cancelled", "reason": "Raad wil het zelf doen"}
    )
    stored = CouncilRequest.objects.get(pk=request.pk)
    assert stored.status == Status.CANCELLED
    assert b"Raad wil" not in bytes(stored.sealed_cancellation)
    from weerbaar.council.selectors import council_request_read

    assert council_request_read(access=policy.access_council_request(advisor, stored.reference)).cancellation == {
        "reason": "Raad wil het zelf doen"
    }


@pytest.mark.parametrize("role", ["partner", "analyst", "admin"])
def test_roles_outside_the_team_get_not_found(role, reference_data):
    request = make_council_request()
    user = UserFactory(username=f"u-{role}", role=role)
    with pytest.raises(NotFound):
        services.council_transition(actor=user, reference=request.reference, raw={"status": "intake_call"})


def test_only_coordinators_set_the_target(coordinator, advisor):
    services.coverage_target_set(actor=coordinator, year=2026, sessions=40)
    services.coverage_target_set(actor=coordinator, year=2026, sessions=45)
    with pytest.raises(NotFound):
        services.coverage_target_set(actor=advisor, year=2026, sessions=1)
    assert selectors.council_coverage(year=2026).target == 45
