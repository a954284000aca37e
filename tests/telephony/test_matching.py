"""Matching a caller to a case: only to cases the advisor who has the call may work on (policy)."""

from __future__ import annotations

import pytest

from tests.factories import make_case
from tests.telephony.conftest import event_body, post_event
from weerbaar.telephony.models import Call, CasePhone
from weerbaar.telephony.numbers import normalise_phone, phone_hash

pytestmark = pytest.mark.django_db


def test_every_new_case_gets_the_keyed_hash_of_its_number(reference_data):
    case, _ = make_case(phone="06 12345678")
    assert list(CasePhone.objects.filter(case=case).values_list("phone_hash", flat=True)) == [
        phone_hash("+31612345678")
    ]


def test_a_case_without_a_phone_number_gets_no_hash(reference_data):
    case, _ = make_case(phone="", preferredContact="email")
    assert not CasePhone.objects.filter(case=case).exists()


def test_the_advisor_of_the_association_sees_the_callers_case(provider, anna):
    case, _ = make_case(phone="06-12 34 56 78")  # written differently: the same number
    post_event(provider, event_body(number="+31 6 12345678"))
    assert Call.objects.get().matched_case == case


def test_an_advisor_of_another_association_gets_no_match(provider, olga):
    make_case(phone="06 12345678")  # a raadslid's case: nvvr, not olga's ngb
    post_event(provider, event_body(advisor="olga"))
    assert Call.objects.get().matched_case is None


def test_a_coordinator_is_not_matched_to_a_case_of_another_association(provider, cora):
    make_case(phone="06 12345678")
    post_event(provider, event_body(advisor="cora"))
    assert Call.objects.get().matched_case is None


def test_the_assigned_advisor_of_another_association_is_matched(provider, cora, olga):
    from weerbaar.cases.models import Case

    # Lent before break-glass existed (no service hands a case to another association now): still matched.
    case, _ = make_case(phone="06 12345678")
    Case.objects.filter(pk=case.pk).update(assigned_to=olga)
    post_event(provider, event_body(advisor="olga"))
    assert Call.objects.get().matched_case == case


def test_another_number_is_not_matched(provider, anna):
    make_case(phone="06 12345678")
    post_event(provider, event_body(number="+31687654321"))
    assert Call.objects.get().matched_case is None


def test_an_open_case_wins_over_a_closed_one(provider, anna):
    open_case, _ = make_case(state="claimed", advisor=anna)
    make_case(state="closed", advisor=anna)
    post_event(provider, event_body())
    assert Call.objects.get().matched_case == open_case


def test_the_match_follows_the_advisor_who_answers(provider, anna, olga):
    case, _ = make_case()
    post_event(provider, event_body("new_call", advisor="olga"))
    assert Call.objects.get().matched_case is None
    post_event(provider, event_body("answered", advisor="anna"))
    call = Call.objects.get()
    assert (call.advisor, call.matched_case) == (anna, case)


def test_a_phone_intake_after_the_call_links_the_call_to_the_new_case(provider, anna):
    from tests.factories import help_request_payload
    from weerbaar.cases.choices import Channel
    from weerbaar.intake.services import help_request_submit

    post_event(provider, event_body(number="+31698765432"))
    assert Call.objects.get().matched_case is None
    submitted = help_request_submit(raw=help_request_payload(phone="06 98765432"), channel=Channel.PHONE, actor=anna)
    assert Call.objects.get().matched_case == submitted.case


def test_a_phone_intake_by_someone_else_does_not_link_my_call(provider, anna, olga):
    from tests.factories import help_request_payload
    from weerbaar.cases.choices import Channel
    from weerbaar.intake.services import help_request_submit

    post_event(provider, event_body(number="+31698765432"))
    help_request_submit(raw=help_request_payload(phone="06 98765432"), channel=Channel.PHONE, actor=olga)
    assert Call.objects.get().matched_case is None


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("06 12345678", "+31612345678"),
        ("+31 (0)6 1234 5678", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("070-3738314", "+31703738314"),
        ("+44 20 7946 0958", "+442079460958"),
        ("", None),
        ("12", None),
        ("not a number", None),
    ],
)
def test_numbers_are_normalised_to_e164_with_nl_as_default(raw, e164):
    assert normalise_phone(raw) == e164
