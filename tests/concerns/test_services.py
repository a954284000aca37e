"""Saving and confirming the concern note: every save a new version with sealed content, "hoog" waiting for a
second person (never the author), the review date as a to-do, and audit entries without content."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.concerns.factories import advisor, case_with_incidents, note_payload, save_note
from tests.factories import UserFactory
from weerbaar.accounts import policy
from weerbaar.accounts.models import Role
from weerbaar.concerns import selectors, services
from weerbaar.concerns.choices import Confirmation
from weerbaar.concerns.models import ConcernNote
from weerbaar.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from weerbaar.core.models import AuditEntry
from weerbaar.directory.models import Association
from weerbaar.todos.models import Todo

pytestmark = pytest.mark.django_db

SECRET = "Hij stond gisteravond voor de deur van Kerkstraat 12."


@pytest.fixture(autouse=True)
def _data(reference_data):
    return None


def _read(actor, case, version=None):
    return selectors.concern_notes_read(access=policy.access_concern_case(actor, case.reference), version=version)


def test_every_save_is_a_new_version_and_earlier_versions_stay_readable():
    case, adv = case_with_incidents()
    save_note(adv, case, summary="Eerste indruk.")
    save_note(adv, case, summary="Tweede indruk.", answers={"leakage": "yes"}, incidents={"leakage": [2]})
    versions = _read(adv, case)
    assert [v.version for v in versions] == [2, 1]
    assert [v.summary for v in versions] == ["Tweede indruk.", "Eerste indruk."]
    assert next(i for i in versions[0].items if i.code == "leakage").incidents == [2]
    assert ConcernNote.objects.filter(case=case).count() == 2


def test_the_content_is_sealed_and_the_audit_names_no_content():
    case, adv = case_with_incidents()
    save_note(adv, case, summary=SECRET, level="high")
    row = ConcernNote.objects.get(case=case)
    assert SECRET.encode() not in bytes(row.sealed_content)
    assert b"high" not in bytes(row.sealed_content)
    entries = list(AuditEntry.objects.filter(object_id=case.reference, action__startswith="concern."))
    assert [e.action for e in entries] == ["concern.note_saved"]
    assert entries[0].details == {"version": 1, "confirmation": "awaiting", "superseded": 0}
    _read(adv, case)
    read = AuditEntry.objects.filter(object_id=case.reference, action="concern.notes_read").get()
    assert SECRET not in str(read.details)


def test_a_sealed_version_cannot_be_moved_to_another_version_number():
    case, adv = case_with_incidents()
    save_note(adv, case, summary="Een.")
    save_note(adv, case, summary="Twee.")
    one, two = ConcernNote.objects.filter(case=case).order_by("version")
    ConcernNote.objects.filter(pk=one.pk).update(sealed_content=two.sealed_content)
    with pytest.raises(Exception):  # noqa: B017 - the authenticated decryption refuses it
        _read(adv, case, version=1)


def test_high_waits_for_a_second_advisor_of_the_association_who_confirms_it():
    case, adv = case_with_incidents()
    colleague = advisor()
    note = save_note(adv, case, level="high")
    assert note.confirmation == Confirmation.AWAITING
    confirmed = services.concern_note_confirm(actor=colleague, reference=case.reference, version=1)
    assert confirmed.confirmation == Confirmation.CONFIRMED
    assert confirmed.confirmed_by == colleague
    view = _read(adv, case)[0]
    assert view.confirmed_by == colleague.label
    assert AuditEntry.objects.filter(object_id=case.reference, action="concern.note_confirmed").get().details == {
        "version": 1
    }


def test_a_coordinator_with_content_access_may_confirm():
    case, adv = case_with_incidents()
    nvvr_coordinator = UserFactory(role=Role.COORDINATOR, association=Association.objects.get(code="nvvr"))
    save_note(adv, case, level="high")
    note = services.concern_note_confirm(actor=nvvr_coordinator, reference=case.reference, version=1)
    assert note.confirmation == Confirmation.CONFIRMED


def test_the_author_cannot_confirm_their_own_high():
    case, adv = case_with_incidents()
    save_note(adv, case, level="high")
    with pytest.raises(Forbidden) as caught:
        services.concern_note_confirm(actor=adv, reference=case.reference, version=1)
    assert caught.value.code == "own_note"
    assert ConcernNote.objects.get(case=case).confirmation == Confirmation.AWAITING


@pytest.mark.parametrize("role", [Role.PARTNER, Role.ANALYST, Role.ADMIN])
def test_partners_analysts_and_administrators_cannot_confirm(role):
    case, adv = case_with_incidents()
    save_note(adv, case, level="high")
    other = UserFactory(role=role, association=None)
    with pytest.raises((NotFound, Forbidden)):
        services.concern_note_confirm(actor=other, reference=case.reference, version=1)
    assert ConcernNote.objects.get(case=case).confirmation == Confirmation.AWAITING


def test_an_advisor_of_another_association_and_a_coordinator_without_content_access_cannot_confirm():
    case, adv = case_with_incidents()
    save_note(adv, case, level="high")
    outsider = UserFactory(role=Role.ADVISOR, association=Association.objects.get(code="wethoudersvereniging"))
    bzk = UserFactory(role=Role.COORDINATOR)  # bzk: metadata of every case, content of its own only
    for person in (outsider, bzk):
        with pytest.raises(NotFound):
            services.concern_note_confirm(actor=person, reference=case.reference, version=1)


@pytest.mark.parametrize("level", ["low", "moderate"])
def test_only_high_is_confirmed(level):
    case, adv = case_with_incidents()
    save_note(adv, case, level=level)
    with pytest.raises(Conflict) as caught:
        services.concern_note_confirm(actor=advisor(), reference=case.reference, version=1)
    assert caught.value.code == "not_high"


def test_confirming_twice_is_a_conflict_and_a_waiting_version_is_superseded_by_a_newer_one():
    case, adv = case_with_incidents()
    colleague = advisor()
    save_note(adv, case, level="high")
    save_note(adv, case, level="high")
    assert dict(ConcernNote.objects.filter(case=case).values_list("version", "confirmation")) == {
        1: Confirmation.SUPERSEDED,
        2: Confirmation.AWAITING,
    }
    with pytest.raises(Conflict) as caught:
        services.concern_note_confirm(actor=colleague, reference=case.reference, version=1)
    assert caught.value.code == "superseded"
    services.concern_note_confirm(actor=colleague, reference=case.reference, version=2)
    with pytest.raises(Conflict) as caught:
        services.concern_note_confirm(actor=colleague, reference=case.reference, version=2)
    assert caught.value.code == "already_confirmed"
    with pytest.raises(NotFound):
        services.concern_note_confirm(actor=colleague, reference=case.reference, version=9)


def test_the_review_date_becomes_a_to_do_for_the_author_and_the_next_version_replaces_it():
    case, adv = case_with_incidents()
    first_day = timezone.localdate() + timedelta(days=10)
    first = save_note(adv, case, reviewOn=first_day.isoformat())
    todo = Todo.objects.get(key=services.review_task_key(first))
    assert todo.assignee == adv
    assert todo.case == case
    assert timezone.localdate(todo.due_at) == first_day
    assert todo.kind == services.REVIEW_TASK_KIND
    assert todo.link == f"/werkruimte/zaken/{case.reference}/zorgnotitie"
    assert todo.done_at is None
    second = save_note(adv, case, reviewOn=(first_day + timedelta(days=20)).isoformat())
    todo.refresh_from_db()
    assert todo.done_at is not None
    assert Todo.objects.get(key=services.review_task_key(second)).done_at is None


def test_an_incident_of_another_case_is_refused_and_nothing_is_written():
    case, adv = case_with_incidents(incidents=1)
    _other_case, _ = case_with_incidents(adv, incidents=3)
    with pytest.raises(InvalidInput):
        services.concern_note_save(
            actor=adv,
            reference=case.reference,
            raw=note_payload(answers={"pathway": "yes"}, incidents={"pathway": [3]}),
            today=timezone.localdate(),
        )
    assert not ConcernNote.objects.filter(case=case).exists()
    assert not Todo.objects.filter(case=case, kind=services.REVIEW_TASK_KIND).exists()


def test_the_hard_prompts_come_with_the_note():
    case, adv = case_with_incidents()
    save_note(adv, case, answers={"approach_home": "possibly"}, acuteDanger=True)
    save_note(adv, case, answers={"direct_threat": "yes", "fixation": "yes"})
    newest, first = _read(adv, case)
    assert [p.code for p in first.prompts] == ["call_112", "consult_police_threat_management"]
    assert newest.prompts == []


def test_a_high_level_is_announced_to_the_people_who_may_confirm_it_and_nobody_else():
    """Without a word to anyone a "hoog" would wait unseen: the association's other advisors and coordinators (and
    whoever holds the case) are told, in the app and by e-mail, with a content-free sentence and a link; the author,
    other associations' advisors, analysts and inactive people are not. "Laag" and "matig" announce nothing."""
    from weerbaar.notifications.models import Notification, OutgoingMail

    nvvr = Association.objects.get(code="nvvr")
    other = Association.objects.exclude(pk=nvvr.pk).order_by("pk").first()
    case, adv = case_with_incidents(advisor(association=nvvr, email="auteur@example.org"))
    colleague = advisor(association=nvvr, email="collega@example.org")
    coordinator = UserFactory(role=Role.COORDINATOR, association=nvvr, email="coordinator@example.org")
    advisor(association=other, email="elders@example.org")
    UserFactory(role=Role.COORDINATOR, association=other)
    UserFactory(role=Role.ANALYST)
    advisor(association=nvvr, is_active=False)

    save_note(adv, case, level="moderate")
    assert not Notification.objects.filter(kind="concern_high_awaiting").exists()

    save_note(adv, case, summary=SECRET, level="high")
    told = Notification.objects.filter(kind="concern_high_awaiting")
    assert {n.recipient_id for n in told} == {colleague.pk, coordinator.pk}
    assert {n.link for n in told} == {f"/werkruimte/zaken/{case.reference}/zorgnotitie"}
    mails = OutgoingMail.objects.filter(kind="concern_high_awaiting")
    assert {m.recipient_id for m in mails} == {colleague.pk, coordinator.pk}
    assert all(SECRET not in m.body and "Kerkstraat" not in m.subject for m in mails)
