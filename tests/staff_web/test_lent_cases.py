"""Issue 12: cases lent to another association before the break-glass rule existed.

Before the break-glass, an advisor could be handed a case of another association like any assignment; such cases
(and those whose advisor moved to another association since) are held outside their association with no
``case.taken_over`` entry saying why. The daily job ``record_lent_cases`` records each once as a take-over of
before the rule (``case.lent_recorded``) and tells the coordinators of the case's association, who can take it
back with an ordinary assignment.
"""

from __future__ import annotations

import pytest

from tests.factories import UserFactory, make_case
from weerbaar.accounts.models import Role, User
from weerbaar.cases import services
from weerbaar.cases.jobs import LENT_ACTOR, cases_record_lent
from weerbaar.cases.models import Case
from weerbaar.core import jobs
from weerbaar.core.models import AuditEntry
from weerbaar.directory.models import Association
from weerbaar.notifications.models import Notification

pytestmark = pytest.mark.django_db

REASON = "Anna is ziek en de dreiging loopt op."


@pytest.fixture
def nvvr_coordinator(people):
    return UserFactory(
        username="nina", role=Role.COORDINATOR, association=Association.objects.get(code="nvvr"), display_name="Nina"
    )


def lend(case: Case, to: User) -> None:
    """What an assignment did before the break-glass rule: hand the case to someone of another association."""
    Case.objects.filter(pk=case.pk).update(assigned_to=to)


def recorded_entries():
    return AuditEntry.objects.filter(action="case.lent_recorded")


def test_a_lent_case_is_recorded_once_and_its_associations_coordinators_are_told(people, nvvr_coordinator):
    lent, _ = make_case(state="claimed", advisor=people["advisor"])
    lend(lent, people["other_advisor"])
    own, _ = make_case(state="claimed", advisor=people["colleague"])  # held inside its association
    make_case()  # unassigned

    assert cases_record_lent() == [lent.reference]

    entry = recorded_entries().get()
    assert (entry.actor, entry.object_type, entry.object_id) == (LENT_ACTOR, "case", lent.reference)
    assert entry.details == {"assignee": "olga", "association": "nvvr", "holderAssociation": "wethoudersvereniging"}
    assert not recorded_entries().filter(object_id=own.reference).exists()
    notes = Notification.objects.filter(kind="case_lent_recorded")
    assert [(n.recipient.username, n.link) for n in notes] == [("nina", f"/werkruimte/zaken/{lent.reference}")]
    # cora coordinates another association: this is not hers to take back
    assert not Notification.objects.filter(kind="case_lent_recorded", recipient=people["coordinator"]).exists()

    before = (AuditEntry.objects.count(), Notification.objects.count())
    assert cases_record_lent() == []
    assert (AuditEntry.objects.count(), Notification.objects.count()) == before


def test_a_break_glass_take_over_is_not_recorded_again(people, nvvr_coordinator):
    case, _ = make_case(state="claimed", advisor=people["advisor"])
    services.case_assign(actor=people["coordinator"], reference=case.reference, assignee_username="me", reason=REASON)
    assert cases_record_lent() == []
    assert not recorded_entries().exists()
    assert not Notification.objects.filter(kind="case_lent_recorded").exists()


def test_an_advisor_who_moved_association_is_recorded_and_the_coordinator_takes_the_case_back(people, nvvr_coordinator):
    case, _ = make_case(state="claimed", advisor=people["advisor"])
    User.objects.filter(pk=people["advisor"].pk).update(association=Association.objects.get(code="ngb"))

    assert cases_record_lent() == [case.reference]
    assert recorded_entries().get().details["holderAssociation"] == "ngb"

    # taking it back is an ordinary assignment to someone of the case's own association
    services.case_assign(actor=nvvr_coordinator, reference=case.reference, assignee_username="bram")
    assert Case.objects.get(pk=case.pk).assigned_to == people["colleague"]
    assert cases_record_lent() == []


def test_the_same_case_lent_to_someone_else_later_is_recorded_for_that_holder(people, nvvr_coordinator):
    case, _ = make_case(state="claimed", advisor=people["advisor"])
    lend(case, people["other_advisor"])
    assert cases_record_lent() == [case.reference]
    lend(case, UserFactory(username="ole", role=Role.ADVISOR, association=Association.objects.get(code="ngb")))
    assert cases_record_lent() == [case.reference]
    assert sorted(e.details["assignee"] for e in recorded_entries()) == ["ole", "olga"]
    assert Notification.objects.filter(kind="case_lent_recorded", recipient=nvvr_coordinator).count() == 2


def test_without_a_coordinator_of_the_association_every_coordinator_hears_of_it(people):
    case, _ = make_case(state="claimed", advisor=people["advisor"])
    lend(case, people["other_advisor"])
    assert cases_record_lent() == [case.reference]
    assert [n.recipient.username for n in Notification.objects.filter(kind="case_lent_recorded")] == ["cora"]


def test_the_job_is_registered_and_the_case_history_names_the_entry(people, nvvr_coordinator, as_user):
    case, _ = make_case(state="claimed", advisor=people["advisor"])
    lend(case, people["other_advisor"])

    assert jobs.JOBS["record_lent_cases"].run(case.created_at) == {"recorded": 1}

    html = as_user(nvvr_coordinator).get(f"/werkruimte/zaken/{case.reference}/geschiedenis").content.decode()
    assert "als overname vastgelegd (van vóór de break-glass-regel)" in html
    page = as_user(nvvr_coordinator).get(f"/werkruimte/zaken/{case.reference}").content.decode()
    assert "van een andere vereniging" in page
    assert "met een opgegeven reden" not in page  # no reason was ever stated: the page does not claim one
