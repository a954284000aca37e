"""POST /cases/{reference}/assignment as break-glass (issue 12, the Contract's first line): a coordinator taking a
case of another association for themselves needs a reason; each advisor of that association is told."""

from __future__ import annotations

import pytest

from tests.api.conftest import assert_problem, staff_client
from tests.factories import UserFactory, make_case
from weerbaar.cases.models import Case, CaseNote
from weerbaar.core.models import AuditEntry
from weerbaar.directory.models import Association

pytestmark = pytest.mark.django_db

REASON = "Adviseur onbereikbaar, nieuwe dreiging vanavond"


@pytest.fixture
def ngb_advisors(reference_data):
    ngb = Association.objects.get(code="ngb")
    return [UserFactory(username=f"advisor-ngb-{i}", role="advisor", association=ngb) for i in range(2)]


@pytest.fixture
def held(ngb_advisors):
    """A burgemeester's case (NGB) claimed by the first NGB advisor."""
    case, _ = make_case(state="claimed", advisor=ngb_advisors[0], role="burgemeester")
    return case


def _row(case: Case) -> tuple:
    case = Case.objects.get(pk=case.pk)
    return case.assigned_to_id, case.status, AuditEntry.objects.count(), CaseNote.objects.filter(case=case).count()


@pytest.mark.parametrize(
    "body",
    [
        {"advisor": "me"},
        {"advisor": "coordinator"},
        {"advisor": "me", "reason": None},
        {"advisor": "me", "reason": ""},
        {"advisor": "me", "reason": "kort"},
    ],
)
def test_without_a_reason_it_is_403_reason_required_and_nothing_changes(coordinator, held, body):
    client = staff_client(coordinator)
    before = _row(held)
    problem = assert_problem(client.post(f"/api/v1/cases/{held.reference}/assignment", body, format="json"), 403)
    assert problem["code"] == "reason_required"
    assert _row(held) == before
    # Still metadata only: the content stays closed.
    assert "name" not in client.get(f"/api/v1/cases/{held.reference}").json()


def test_with_a_reason_it_is_200_and_every_advisor_of_the_association_is_notified(
    coordinator, held, ngb_advisors, advisor
):
    client = staff_client(coordinator)
    response = client.post(
        f"/api/v1/cases/{held.reference}/assignment", {"advisor": "me", "reason": REASON}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["assignedTo"] == coordinator.username
    assert client.get(f"/api/v1/cases/{held.reference}").json()["name"]  # content, from now on
    for person in ngb_advisors:
        kinds = [n["kind"] for n in staff_client(person).get("/api/v1/notifications").json()["results"]]
        assert "case_taken_over" in kinds, person.username
    # Not the NVVR's advisor, and never the coordinator who took it.
    for person in (advisor, coordinator):
        kinds = [n["kind"] for n in staff_client(person).get("/api/v1/notifications").json()["results"]]
        assert "case_taken_over" not in kinds, person.username
    assert AuditEntry.objects.filter(action="case.taken_over", object_id=held.reference).count() == 1


def test_the_reason_is_read_back_only_as_a_sealed_internal_note(coordinator, held, ngb_advisors):
    staff_client(coordinator).post(
        f"/api/v1/cases/{held.reference}/assignment", {"advisor": "me", "reason": REASON}, format="json"
    )
    notes = staff_client(ngb_advisors[1]).get(f"/api/v1/cases/{held.reference}/notes").json()
    texts = [note["text"] for note in (notes["results"] if isinstance(notes, dict) else notes)]
    assert any(REASON in text for text in texts)


def test_assigning_to_an_advisor_of_another_association_is_refused(coordinator, held, advisor):
    client = staff_client(coordinator)
    before = _row(held)
    response = client.post(
        f"/api/v1/cases/{held.reference}/assignment", {"advisor": advisor.username, "reason": REASON}, format="json"
    )
    assert_problem(response, 400, invalid={"advisor"})
    assert _row(held) == before


def test_assigning_within_the_association_needs_no_reason(coordinator, held, ngb_advisors):
    response = staff_client(coordinator).post(
        f"/api/v1/cases/{held.reference}/assignment", {"advisor": ngb_advisors[1].username}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["assignedTo"] == ngb_advisors[1].username
    assert not AuditEntry.objects.filter(action="case.taken_over").exists()


def test_a_reason_of_another_type_is_400(coordinator, held):
    response = staff_client(coordinator).post(
        f"/api/v1/cases/{held.reference}/assignment", {"advisor": "me", "reason": 1234567890123}, format="json"
    )
    assert_problem(response, 400, invalid={"reason"})
