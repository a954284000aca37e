"""The permission policy (accounts/policy/): who sees which case's metadata and content."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import make_case
from weerbaar.accounts import policy
from weerbaar.accounts.policy import OfficeHolder
from weerbaar.cases import services
from weerbaar.cases.models import Case
from weerbaar.core.errors import Forbidden, InvalidInput, NotFound
from weerbaar.core.models import AuditEntry

LEVELS = {False: policy.METADATA, True: policy.CONTENT}


@pytest.fixture
def cases(staff):
    nvvr, nvvr_code = make_case(role="raadslid")
    ngb, _ = make_case(role="burgemeester")
    bzk, _ = make_case(role="other", municipalityCode=None)
    # A case of another association lent to the nvvr advisor before break-glass existed (no service does this
    # now, but such rows may still be in a database): the assignment still opens it to that advisor.
    lent, _ = make_case(role="burgemeester")
    Case.objects.filter(pk=lent.pk).update(assigned_to=staff.advisor)
    # A case of another association that the coordinator took over with a stated reason (break-glass).
    taken, _ = make_case(role="burgemeester")
    services.case_assign(
        actor=staff.coordinator, reference=taken.reference, assignee_username="me", reason="Adviseur ziek, acuut"
    )
    assert (nvvr.association.code, ngb.association.code, bzk.association.code) == ("nvvr", "ngb", "bzk")
    return SimpleNamespace(nvvr=nvvr, ngb=ngb, bzk=bzk, lent=lent, taken=taken, nvvr_code=nvvr_code)


# user -> (metadata visible, content readable), by case name
EXPECTED = {
    "advisor": ({"nvvr", "lent"}, {"nvvr", "lent"}),
    "colleague": ({"nvvr"}, {"nvvr"}),
    "other_advisor": ({"ngb", "lent", "taken"}, {"ngb", "lent", "taken"}),
    "coordinator": ({"nvvr", "ngb", "bzk", "lent", "taken"}, {"bzk", "taken"}),
    "partner": (set(), set()),
    "inactive": (set(), set()),
}
CASE_NAMES = ["nvvr", "ngb", "bzk", "lent", "taken"]


def names(queryset, cases) -> set[str]:
    pks = set(queryset.values_list("pk", flat=True))
    return {name for name in CASE_NAMES if getattr(cases, name).pk in pks}


@pytest.mark.parametrize("who", list(EXPECTED))
def test_cases_visible_to_each_role(staff, cases, who):
    assert names(policy.cases_visible_to(getattr(staff, who)), cases) == EXPECTED[who][0]


@pytest.mark.parametrize("who", list(EXPECTED))
def test_case_content_for_each_role(staff, cases, who):
    assert names(policy.cases_with_content_for(getattr(staff, who)), cases) == EXPECTED[who][1]


@pytest.mark.parametrize("who", list(EXPECTED))
@pytest.mark.parametrize("name", CASE_NAMES)
@pytest.mark.parametrize("content", [False, True])
def test_access_case_matches_the_expected_matrix(staff, cases, who, name, content):
    user, case = getattr(staff, who), getattr(cases, name)
    expected = EXPECTED[who][1 if content else 0]
    if name in expected:
        assert policy.access_case(user, case.reference, level=LEVELS[content]).case.pk == case.pk
    else:
        with pytest.raises(NotFound) as info:
            policy.access_case(user, case.reference, level=LEVELS[content])
        # The same answer as for a case that does not exist at all.
        with pytest.raises(NotFound) as missing:
            policy.access_case(user, "WB-0000-0000", level=LEVELS[content])
        assert info.value.message == missing.value.message


@pytest.mark.parametrize("who", ["analyst", "admin"])
@pytest.mark.parametrize("content", [False, True])
def test_analyst_and_admin_are_forbidden_every_case(staff, cases, who, content):
    user = getattr(staff, who)
    assert not policy.cases_visible_to(user).exists()
    assert not policy.cases_with_content_for(user).exists()
    for name in CASE_NAMES:
        with pytest.raises(Forbidden):
            policy.access_case(user, getattr(cases, name).reference, level=LEVELS[content])
    with pytest.raises(Forbidden):
        policy.may_use_case_endpoints(user)


def test_anonymous_sees_nothing(cases):
    anonymous = AnonymousUser()
    assert not policy.cases_visible_to(anonymous).exists()
    assert not policy.cases_with_content_for(anonymous).exists()
    with pytest.raises(NotFound):
        policy.access_case(anonymous, cases.nvvr.reference, level=policy.METADATA)
    assert not policy.can_read_case_content(anonymous, cases.nvvr)


def test_deactivated_advisor_loses_access_immediately(staff, cases):
    assert policy.access_case(staff.colleague, cases.nvvr.reference)
    staff.colleague.is_active = False
    staff.colleague.save()
    with pytest.raises(NotFound):
        policy.access_case(staff.colleague, cases.nvvr.reference)


def test_list_and_detail_agree_for_every_user_and_case(staff, cases):
    users = [staff.advisor, staff.colleague, staff.other_advisor, staff.coordinator, staff.partner, staff.inactive]
    for user, case in itertools.product(users, Case.objects.all()):
        for content, queryset in ((False, policy.cases_visible_to(user)), (True, policy.cases_with_content_for(user))):
            in_list = queryset.filter(pk=case.pk).exists()
            try:
                policy.access_case(user, case.reference, level=LEVELS[content])
                opened = True
            except NotFound:
                opened = False
            assert in_list == opened, (user.username, case.reference, content)
            single = policy.can_read_case_content(user, case) if content else policy.can_see_case(user, case)
            assert single == in_list, (user.username, case.reference, content)


def test_content_implies_metadata(staff, cases):
    for user in vars(staff).values():
        content = set(policy.cases_with_content_for(user).values_list("pk", flat=True))
        visible = set(policy.cases_visible_to(user).values_list("pk", flat=True))
        assert content <= visible


def test_malformed_reference_is_not_found(staff, cases):
    for reference in ["", "WB-0000-000\x00", cases.nvvr.reference.lower(), cases.nvvr.reference + "\n", " "]:
        with pytest.raises(NotFound):
            policy.access_case(staff.advisor, reference)


# --- office holders -------------------------------------------------------------------------------


def test_office_holder_reaches_only_their_own_case(cases):
    principal = OfficeHolder(case_id=cases.nvvr.pk, reference=cases.nvvr.reference)
    assert policy.access_case_as_office_holder(principal, cases.nvvr.reference).case.pk == cases.nvvr.pk
    for other in (cases.ngb, cases.bzk, cases.lent, cases.taken):
        with pytest.raises(NotFound):
            policy.access_case_as_office_holder(principal, other.reference)


def test_office_holder_principal_cannot_be_mixed_across_cases(cases):
    # A principal whose id and reference disagree (forged or stale) opens nothing.
    mixed = OfficeHolder(case_id=cases.nvvr.pk, reference=cases.ngb.reference)
    for reference in (cases.nvvr.reference, cases.ngb.reference):
        with pytest.raises(NotFound):
            policy.access_case_as_office_holder(mixed, reference)
    with pytest.raises(NotFound):
        policy.access_case_as_office_holder(None, cases.nvvr.reference)


def test_office_holder_message_goes_only_to_their_case(cases):
    principal = OfficeHolder(case_id=cases.nvvr.pk, reference=cases.nvvr.reference)
    before = AuditEntry.objects.count()
    with pytest.raises(NotFound):
        services.case_message_send_by_office_holder(principal=principal, reference=cases.ngb.reference, text="hoi")
    assert not cases.ngb.messages.exists()
    assert AuditEntry.objects.count() == before


# --- assignment -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor", "assignee", "allowed"),
    [
        ("coordinator", "advisor", True),
        # issue 12: nobody hands a case to another association; the coordinator takes it only by break-glass
        ("coordinator", "other_advisor", False),
        ("coordinator", "coordinator", False),
        ("coordinator", "partner", False),
        ("coordinator", "analyst", False),
        ("coordinator", "inactive", False),
        ("advisor", "advisor", True),
        ("advisor", "colleague", True),
        ("advisor", "other_advisor", False),
        ("advisor", "coordinator", False),
        ("advisor", "partner", False),
        ("other_advisor", "other_advisor", False),
        ("other_advisor", "colleague", False),
        ("partner", "advisor", False),
        ("analyst", "advisor", False),
        ("admin", "advisor", False),
        ("inactive", "advisor", False),
    ],
)
def test_can_assign_an_nvvr_case(staff, cases, actor, assignee, allowed):
    assert policy.can_assign(getattr(staff, actor), cases.nvvr, getattr(staff, assignee)) is allowed


def test_advisor_cannot_hand_a_case_to_another_association(staff, cases):
    before = (AuditEntry.objects.count(), Case.objects.get(pk=cases.nvvr.pk).assigned_to_id)
    with pytest.raises(InvalidInput):
        services.case_assign(actor=staff.advisor, reference=cases.nvvr.reference, assignee_username="advisor_ngb")
    with pytest.raises(InvalidInput):
        services.case_assign(actor=staff.advisor, reference=cases.nvvr.reference, assignee_username="nobody")
    assert (AuditEntry.objects.count(), Case.objects.get(pk=cases.nvvr.pk).assigned_to_id) == before


def test_advisor_of_other_association_cannot_claim(staff, cases):
    with pytest.raises(NotFound):
        services.case_assign(actor=staff.other_advisor, reference=cases.nvvr.reference, assignee_username="me")


def test_coordinator_assigns_within_the_case_association_only(staff, cases):
    services.case_assign(actor=staff.coordinator, reference=cases.nvvr.reference, assignee_username="colleague_nvvr")
    assert Case.objects.get(pk=cases.nvvr.pk).assigned_to == staff.colleague
    before = AuditEntry.objects.count()
    with pytest.raises(InvalidInput):
        services.case_assign(actor=staff.coordinator, reference=cases.nvvr.reference, assignee_username="advisor_ngb")
    assert Case.objects.get(pk=cases.nvvr.pk).assigned_to == staff.colleague
    assert AuditEntry.objects.count() == before
    with pytest.raises(NotFound):
        policy.access_case(staff.other_advisor, cases.nvvr.reference)


def test_only_coordinators_see_escalations_and_coordinators_or_admins_manage_the_directory(staff):
    assert [u for u in vars(staff) if policy.can_view_escalations(getattr(staff, u))] == ["coordinator"]
    assert {u for u in vars(staff) if policy.can_manage_directory(getattr(staff, u))} == {"coordinator", "admin"}
