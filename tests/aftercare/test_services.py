"""Aftercare plans: made once when a case moves to aftercare, check-ins that become due (job, idempotent),
the office holder's answer, the advisor's follow-up, and closing a case with an open plan."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.aftercare.factories import after_all_defaults, aftercare_case, run_job
from tests.factories import UserFactory, make_case
from weerbaar.accounts import policy
from weerbaar.accounts.models import Role
from weerbaar.accounts.policy import OfficeHolder
from weerbaar.aftercare import selectors, services
from weerbaar.aftercare.choices import CheckInStatus
from weerbaar.aftercare.models import AftercarePlan, CheckIn
from weerbaar.cases.models import CaseMessage
from weerbaar.cases.services import case_transition
from weerbaar.core.errors import Conflict, InvalidInput, NotFound
from weerbaar.notifications.models import Notification, OutgoingMail
from weerbaar.todos.models import Todo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _data(reference_data):
    return None


def office_holder(case):
    return OfficeHolder(case_id=case.pk, reference=case.reference)


def test_moving_to_aftercare_makes_a_plan_with_three_check_ins_for_the_office_holder():
    case, _code, adv = aftercare_case()
    plan = AftercarePlan.objects.get(case=case)
    check_ins = list(plan.check_ins.all())
    assert [c.member for c in check_ins] == [None, None, None]
    assert {c.status for c in check_ins} == {CheckInStatus.PLANNED}
    assert plan.created_by == adv
    assert plan.closed_at is None


def test_reopening_and_coming_back_to_aftercare_does_not_duplicate_the_plan_or_its_check_ins():
    case, _code, adv = aftercare_case()
    case_transition(actor=adv, reference=case.reference, target="in_progress", reason="Nieuw incident")
    case_transition(actor=adv, reference=case.reference, target="aftercare")
    assert AftercarePlan.objects.filter(case=case).count() == 1
    assert CheckIn.objects.filter(plan__case=case).count() == 3


def test_a_plan_closed_with_the_case_resumes_with_new_defaults_when_the_case_returns_to_aftercare():
    case, _code, adv = aftercare_case()
    case_transition(
        actor=adv, reference=case.reference, target="closed", outcome="advised", confirmed={"aftercare_open"}
    )
    case_transition(actor=adv, reference=case.reference, target="in_progress", reason="Opnieuw bedreigd")
    case_transition(actor=adv, reference=case.reference, target="aftercare")
    plan = AftercarePlan.objects.get(case=case)
    assert plan.closed_at is None
    assert plan.check_ins.filter(status=CheckInStatus.LAPSED).count() == 3
    assert plan.check_ins.filter(status=CheckInStatus.PLANNED).count() == 3


def test_the_job_makes_due_check_ins_a_task_a_portal_message_and_a_notification_once():
    case, _code, adv = aftercare_case()
    first_moment = case.aftercare_plan.check_ins.order_by("due_at").first().due_at
    before = run_job(first_moment - timedelta(minutes=1))
    assert before == {"due": 0, "messages": 0, "tasks": 0, "notified": 0}

    counts = run_job(first_moment)
    assert counts == {"due": 1, "messages": 1, "tasks": 1, "notified": 1}
    check_in = case.aftercare_plan.check_ins.get(status=CheckInStatus.DUE)
    task = Todo.objects.get(key=f"checkin:{check_in.pk}")
    assert task.assignee == adv
    assert task.case == case
    assert task.title == "Nazorg: check-in ambtsdrager"
    assert task.title_params == {}
    assert task.link == f"/werkruimte/zaken/{case.reference}/nazorg"
    message = CaseMessage.objects.filter(case=case).latest("id")
    assert message.open("sealed_text").startswith("Hoe gaat het met u?")
    assert message.sender == "advisor"
    assert message.author == adv
    assert Notification.objects.filter(recipient=adv, kind="checkin_due").count() == 1

    snapshot = (
        CaseMessage.objects.count(),
        Todo.objects.count(),
        Notification.objects.count(),
        OutgoingMail.objects.count(),
    )
    assert run_job(first_moment) == {"due": 0, "messages": 0, "tasks": 0, "notified": 0}
    assert (
        CaseMessage.objects.count(),
        Todo.objects.count(),
        Notification.objects.count(),
        OutgoingMail.objects.count(),
    ) == snapshot


def test_a_household_members_check_in_names_only_the_relation_and_a_number():
    case, _code, adv = aftercare_case()
    member = services.household_member_add(
        actor=adv, reference=case.reference, name="Noor Jansen", relation="child", with_check_ins=True
    )
    assert member.number == 1
    assert b"Noor" not in bytes(member.sealed_name)
    assert CheckIn.objects.filter(member=member).count() == 3
    run_job(after_all_defaults(case))
    member_check_in = CheckIn.objects.filter(member=member).first()
    task = Todo.objects.get(key=f"checkin:{member_check_in.pk}")
    assert task.title == "Nazorg: check-in huisgenoot %(n)s"
    assert task.title_params == {"n": 1}
    texts = [m.open("sealed_text") for m in CaseMessage.objects.filter(case=case)]
    assert any(t.startswith("Hoe gaat het met uw huisgenoot (kind)?") for t in texts)
    assert not any("Noor" in t for t in texts)
    for mail in OutgoingMail.objects.all():
        assert "Noor" not in mail.body
        assert "Noor" not in mail.subject
        assert case.reference not in mail.subject


def test_the_office_holder_answers_a_due_check_in_and_the_advisor_is_notified():
    case, _code, adv = aftercare_case()
    check_in = case.aftercare_plan.check_ins.order_by("due_at").first()
    with pytest.raises(NotFound):  # not sent yet
        services.check_in_answer(
            principal=office_holder(case), reference=case.reference, check_in_id=check_in.pk, text="Goed"
        )
    run_job(check_in.due_at)
    with pytest.raises(InvalidInput) as exc:
        services.check_in_answer(
            principal=office_holder(case), reference=case.reference, check_in_id=check_in.pk, text=" ", mood="super"
        )
    assert {p["name"] for p in exc.value.invalid_params} == {"mood"}
    with pytest.raises(InvalidInput) as exc:  # neither a text nor a word
        services.check_in_answer(
            principal=office_holder(case), reference=case.reference, check_in_id=check_in.pk, text=" ", mood=""
        )
    assert [p["name"] for p in exc.value.invalid_params] == ["text"]
    services.check_in_answer(
        principal=office_holder(case),
        reference=case.reference,
        check_in_id=check_in.pk,
        text="Ik slaap slecht",
        mood="mixed",
    )
    check_in.refresh_from_db()
    assert check_in.status == CheckInStatus.ANSWERED
    assert check_in.answered_at is not None
    assert b"slaap" not in bytes(check_in.sealed_answer)
    assert Notification.objects.filter(recipient=adv, kind="checkin_answered").count() == 1
    with pytest.raises(Conflict):
        services.check_in_answer(
            principal=office_holder(case), reference=case.reference, check_in_id=check_in.pk, text="Nog eens"
        )
    view = selectors.aftercare_plan_read(access=policy.access_aftercare_case(adv, case.reference))
    answered = next(c for c in view.check_ins if c.id == check_in.pk)
    assert (answered.answer, answered.mood, answered.mood_label) == ("Ik slaap slecht", "mixed", "Wisselend")


def test_another_office_holder_cannot_answer():
    case, _code, adv = aftercare_case()
    other, _ = make_case(state="aftercare", advisor=adv)
    check_in = case.aftercare_plan.check_ins.order_by("due_at").first()
    run_job(check_in.due_at)
    with pytest.raises(NotFound):
        services.check_in_answer(
            principal=office_holder(other), reference=case.reference, check_in_id=check_in.pk, text="x"
        )
    with pytest.raises(NotFound):
        services.check_in_answer(
            principal=office_holder(other), reference=other.reference, check_in_id=check_in.pk, text="x"
        )


def test_follow_up_is_recorded_sealed_and_closes_the_task():
    case, _code, adv = aftercare_case()
    check_in = case.aftercare_plan.check_ins.order_by("due_at").first()
    with pytest.raises(Conflict):
        services.check_in_follow_up(actor=adv, reference=case.reference, check_in_id=check_in.pk, text="Gebeld")
    run_job(check_in.due_at)
    services.check_in_follow_up(actor=adv, reference=case.reference, check_in_id=check_in.pk, text="Gebeld, gaat beter")
    check_in.refresh_from_db()
    assert check_in.status == CheckInStatus.FOLLOWED_UP
    assert check_in.followed_up_by == adv
    assert Todo.objects.get(key=f"checkin:{check_in.pk}").done_at is not None
    assert (
        selectors.aftercare_plan_read(access=policy.access_aftercare_case(adv, case.reference)).check_ins[0].follow_up
        == "Gebeld, gaat beter"
    )


def test_the_advisor_adds_moves_and_skips_check_ins():
    case, _code, adv = aftercare_case()
    today = timezone.localdate()
    added = services.check_in_add(
        actor=adv, reference=case.reference, due_on=today + timedelta(days=10), question="En de kinderen?"
    )
    assert CheckIn.objects.filter(plan__case=case).count() == 4
    moved = services.check_in_move(
        actor=adv, reference=case.reference, check_in_id=added.pk, due_on=str(today + timedelta(days=20))
    )
    assert moved.due_at.date() >= today + timedelta(days=20)
    services.check_in_skip(actor=adv, reference=case.reference, check_in_id=added.pk)
    added.refresh_from_db()
    assert added.status == CheckInStatus.SKIPPED
    with pytest.raises(Conflict):
        services.check_in_move(
            actor=adv, reference=case.reference, check_in_id=added.pk, due_on=today + timedelta(days=5)
        )
    with pytest.raises(InvalidInput) as exc:
        services.check_in_add(actor=adv, reference=case.reference, due_on=today - timedelta(days=1))
    assert exc.value.invalid_params[0]["name"] == "dueOn"
    with pytest.raises(InvalidInput):
        services.check_in_add(actor=adv, reference=case.reference, due_on="morgen")
    with pytest.raises(InvalidInput):
        services.check_in_add(actor=adv, reference=case.reference, due_on=today + timedelta(days=3), member_number=9)


def test_an_advisor_of_another_association_gets_not_found():
    case, _code, _adv = aftercare_case()
    stranger = UserFactory(role=Role.ADVISOR, association=None)
    with pytest.raises(NotFound):
        services.check_in_add(actor=stranger, reference=case.reference, due_on=timezone.localdate() + timedelta(days=3))
    with pytest.raises(NotFound):
        services.aftercare_plan_close(actor=stranger, reference=case.reference)


def test_closing_asks_confirmation_while_the_plan_is_open():
    case, _code, adv = aftercare_case()
    with pytest.raises(Conflict) as exc:
        case_transition(actor=adv, reference=case.reference, target="closed", outcome="advised", confirmed=set())
    assert exc.value.code == "aftercare_open"
    case.refresh_from_db()
    assert case.status == "aftercare"


def test_a_confirmed_close_closes_the_plan_and_what_remains_lapses():
    case, _code, adv = aftercare_case()
    first = case.aftercare_plan.check_ins.order_by("due_at").first()
    run_job(first.due_at)
    case_transition(
        actor=adv, reference=case.reference, target="closed", outcome="advised", confirmed={"aftercare_open"}
    )
    plan = AftercarePlan.objects.get(case=case)
    assert plan.closed_at is not None
    assert plan.closed_by == adv
    assert set(plan.check_ins.values_list("status", flat=True)) == {CheckInStatus.LAPSED}
    assert Todo.objects.get(key=f"checkin:{first.pk}").done_at is not None
    assert run_job(after_all_defaults(case))["due"] == 0


def test_aftercare_can_keep_running_after_the_case_closes():
    case, _code, adv = aftercare_case()
    case_transition(
        actor=adv,
        reference=case.reference,
        target="closed",
        outcome="advised",
        confirmed={"aftercare_open", "aftercare_keep"},
    )
    plan = AftercarePlan.objects.get(case=case)
    assert plan.closed_at is None
    assert run_job(after_all_defaults(case))["due"] == 3
    # The plan is closed by hand later; then the case closes without asking.
    services.aftercare_plan_close(actor=adv, reference=case.reference)
    assert not services.plan_is_open(case)


def test_closing_the_plan_by_hand_then_closing_the_case_asks_nothing():
    case, _code, adv = aftercare_case()
    first = case.aftercare_plan.check_ins.order_by("due_at").first()
    services.check_in_skip(actor=adv, reference=case.reference, check_in_id=first.pk)
    services.aftercare_plan_close(actor=adv, reference=case.reference)
    statuses = list(case.aftercare_plan.check_ins.order_by("due_at").values_list("status", flat=True))
    assert statuses == [CheckInStatus.SKIPPED, CheckInStatus.LAPSED, CheckInStatus.LAPSED]  # chosen vs. lapsed
    with pytest.raises(Conflict):
        services.aftercare_plan_close(actor=adv, reference=case.reference)
    case_transition(actor=adv, reference=case.reference, target="closed", outcome="advised", confirmed=set())
    case.refresh_from_db()
    assert case.status == "closed"


def test_the_office_holder_sees_sent_check_ins_without_names_or_follow_up():
    case, _code, adv = aftercare_case()
    services.household_member_add(actor=adv, reference=case.reference, name="Noor Jansen", relation="partner")
    run_job(after_all_defaults(case))
    some = CheckIn.objects.filter(plan__case=case, member__isnull=False).first()
    services.check_in_follow_up(
        actor=adv, reference=case.reference, check_in_id=some.pk, text="Intern: partner belt zelf"
    )
    items = selectors.office_holder_check_ins(
        access=policy.access_case_as_office_holder(office_holder(case), case.reference)
    )
    assert len(items) == 6
    assert all(i.follow_up == "" and "Noor" not in i.question and "Noor" not in i.subject_label for i in items)
    assert {i.subject_label for i in items} == {"Uzelf", "Uw huisgenoot"}


def test_only_a_word_is_an_answer_and_slecht_puts_the_task_first_without_saying_why():
    case, _code, adv = aftercare_case()
    assert adv.email  # so the e-mail is queued and checked below
    check_in = case.aftercare_plan.check_ins.order_by("due_at").first()
    run_job(check_in.due_at)
    task = Todo.objects.get(key=f"checkin:{check_in.pk}")
    answered_at = check_in.due_at + timedelta(hours=13)  # 23:00
    assert task.due_at > answered_at
    services.check_in_answer(
        principal=office_holder(case),
        reference=case.reference,
        check_in_id=check_in.pk,
        text="",
        mood="bad",
        now=answered_at,
    )
    task.refresh_from_db()
    assert task.due_at == answered_at  # due now: first in Mijn taken
    assert task.title == "Nazorg: check-in ambtsdrager"
    note = Notification.objects.get(recipient=adv, kind="checkin_answered")
    mail = OutgoingMail.objects.get(recipient=adv, kind="checkin_answered")
    assert "lecht" not in mail.subject + mail.body
    assert "bad" not in mail.body
    assert "lecht" not in note.key + note.link
    assert "bad" not in note.key + note.link
    view = selectors.aftercare_plan_read(access=policy.access_aftercare_case(adv, case.reference))
    answered = next(c for c in view.check_ins if c.id == check_in.pk)
    assert (answered.answer, answered.mood_label) == ("", "Slecht")
    services.check_in_follow_up(actor=adv, reference=case.reference, check_in_id=check_in.pk, text="Gebeld")
    assert not Todo.objects.filter(case=case, kind="checkin", done_at__isnull=True).exists()


def test_a_good_or_mixed_answer_leaves_the_task_date_alone():
    case, _code, _adv = aftercare_case()
    check_in = case.aftercare_plan.check_ins.order_by("due_at").first()
    run_job(check_in.due_at)
    before = Todo.objects.get(key=f"checkin:{check_in.pk}").due_at
    services.check_in_answer(
        principal=office_holder(case), reference=case.reference, check_in_id=check_in.pk, text="", mood="mixed"
    )
    assert Todo.objects.get(key=f"checkin:{check_in.pk}").due_at == before


def test_slecht_after_the_task_was_closed_by_hand_makes_a_new_task_due_now():
    case, _code, adv = aftercare_case()
    check_in = case.aftercare_plan.check_ins.order_by("due_at").first()
    run_job(check_in.due_at)
    Todo.objects.filter(key=f"checkin:{check_in.pk}").update(done_at=timezone.now())
    now = timezone.now()
    services.check_in_answer(
        principal=office_holder(case), reference=case.reference, check_in_id=check_in.pk, text="", mood="bad", now=now
    )
    urgent = Todo.objects.get(key=f"checkin:{check_in.pk}:answer")
    assert (urgent.due_at, urgent.done_at, urgent.assignee) == (now, None, adv)
    services.check_in_follow_up(actor=adv, reference=case.reference, check_in_id=check_in.pk, text="Gebeld")
    urgent.refresh_from_db()
    assert urgent.done_at is not None
