"""The nightly job: shared tokens of different office holders become proposed matches; destroyed and withdrawn
cases leave the index at once; a confirmed match shows the advisor one sentence on the case page."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import UserFactory
from tests.matching.conftest import claimed_case_with_incident, record_incident
from weerbaar.accounts import policy
from weerbaar.core.errors import Conflict
from weerbaar.matching import services
from weerbaar.matching.models import Match, MatchingSwitch, MatchToken

pytestmark = pytest.mark.django_db


def add(advisor, case, kind, value, platform=""):
    access = policy.access_case(advisor, case.reference)
    return services.identifier_add(access=access, incident_number=1, kind=kind, value=value, platform=platform)


def test_the_switch_is_off_by_default_and_the_job_does_nothing(reference_data):
    assert not services.matching_enabled()
    assert not MatchingSwitch.objects.filter(enabled=True).exists()
    assert services.matching_run(timezone.now()) == {"enabled": False}


def test_enabling_needs_the_matching_key(reference_data, settings):
    settings.MATCHING_KEYS = {}
    with pytest.raises(Conflict):
        services.matching_switch(actor="system:test", enabled=True)
    assert not services.matching_enabled()


def test_shared_identifiers_of_different_office_holders_become_one_proposal(matching_on, advisor, second_advisor):
    a = claimed_case_with_incident(advisor, email="a@example.org")
    b = claimed_case_with_incident(second_advisor, email="b@example.org")
    add(advisor, a, "licence_plate", "12-abc-3")
    add(second_advisor, b, "licence_plate", "12 ABC 3")
    add(advisor, a, "email", "j.jansen+w@gmail.com")
    add(second_advisor, b, "email", "JJansen@Gmail.com")
    result = services.matching_run(timezone.now())
    assert result == {"enabled": True, "pairs": 2, "proposed": 2}
    kinds = {(m.kind, m.weak) for m in Match.objects.all()}
    assert kinds == {("licence_plate", False), ("email", True)}
    # Idempotent: the next night proposes nothing new.
    assert services.matching_run(timezone.now())["proposed"] == 0


def test_two_cases_of_one_office_holder_are_no_match(matching_on, advisor, second_advisor):
    a = claimed_case_with_incident(advisor, email="zelfde@example.org")
    b = claimed_case_with_incident(second_advisor, email="Zelfde@example.org")
    add(advisor, a, "phone", "0612345678")
    add(second_advisor, b, "phone", "+31612345678")
    assert services.matching_run(timezone.now())["pairs"] == 0


def test_names_with_different_birth_years_do_not_match(matching_on, advisor, second_advisor):
    a = claimed_case_with_incident(advisor, email="a@example.org")
    b = claimed_case_with_incident(second_advisor, email="b@example.org")
    add(advisor, a, "name_with_birth", "Jan de Vries, 1975")
    add(second_advisor, b, "name_with_birth", "Jan de Vries, 1976")
    assert services.matching_run(timezone.now())["pairs"] == 0


def test_a_destroyed_case_leaves_the_index_at_once(matching_on, advisor, second_advisor):
    from weerbaar.destruction.services import case_destroy

    a = claimed_case_with_incident(advisor, email="a@example.org")
    b = claimed_case_with_incident(second_advisor, email="b@example.org")
    add(advisor, a, "phone", "0612345678")
    add(second_advisor, b, "phone", "0612345678")
    services.matching_run(timezone.now())
    assert Match.objects.count() == 1
    case_destroy(a, actor="system:test", reason="Bewaartermijn verstreken")
    assert not MatchToken.objects.filter(case_id=a.pk).exists()
    assert not Match.objects.exists()
    assert MatchToken.objects.filter(case_id=b.pk).count() == 1


def test_a_withdrawn_case_leaves_the_index_and_comes_back_when_reopened(matching_on, advisor, second_advisor):
    from tests.factories import make_case
    from weerbaar.cases.services import case_transition

    a, _code = make_case(email="a@example.org")  # new, not yet claimed: withdrawal closes it from there
    record_incident(advisor, a)
    b = claimed_case_with_incident(second_advisor, email="b@example.org")
    add(advisor, a, "phone", "0612345678")
    add(second_advisor, b, "phone", "0612345678")
    services.matching_run(timezone.now())
    assert Match.objects.count() == 1
    case_transition(actor=advisor, reference=a.reference, target="closed", reason="withdrawn")
    assert not MatchToken.objects.filter(case_id=a.pk).exists()
    assert not Match.objects.exists()
    assert services.matching_run(timezone.now())["pairs"] == 0
    case_transition(actor=advisor, reference=a.reference, target="in_progress", reason="Toch weer hulp nodig")
    assert MatchToken.objects.filter(case_id=a.pk).count() == 1
    assert services.matching_run(timezone.now())["pairs"] == 1


def test_rotation_retokenises_from_the_sealed_values(matching_on, advisor, second_advisor, settings):
    a = claimed_case_with_incident(advisor, email="a@example.org")
    b = claimed_case_with_incident(second_advisor, email="b@example.org")
    add(advisor, a, "phone", "0612345678")
    add(second_advisor, b, "phone", "0612345678")
    old = set(MatchToken.objects.values_list("token", flat=True))
    settings.MATCHING_KEYS = {"new": b"n" * 32, **settings.MATCHING_KEYS}
    call_command("matching", "rotate")
    assert set(MatchToken.objects.values_list("epoch", flat=True)) == {"new"}
    assert not old & set(MatchToken.objects.values_list("token", flat=True))
    assert services.matching_run(timezone.now())["pairs"] == 1


def test_a_confirmed_match_shows_the_advisor_one_sentence(matching_on, advisor, second_advisor, client):
    from tests.staff_web.conftest import verified_client

    a = claimed_case_with_incident(advisor, email="a@example.org")
    b = claimed_case_with_incident(second_advisor, email="b@example.org")
    add(advisor, a, "phone", "0687654321")
    add(second_advisor, b, "phone", "0687654321")
    services.matching_run(timezone.now())
    match = Match.objects.get()
    page = verified_client(advisor).get(f"/werkruimte/zaken/{a.reference}")
    assert "mogelijk dezelfde persoon" not in page.content.decode().lower()
    for n in (1, 2):
        coordinator = UserFactory(username=f"coord-{n}", role="coordinator")
        services.match_review(actor=coordinator, match_id=match.pk, decision="confirm", reason="Zelfde nummer")
    page = verified_client(advisor).get(f"/werkruimte/zaken/{a.reference}")
    text = page.content.decode()
    assert "Mogelijk dezelfde persoon als in een andere zaak; de coördinator neemt contact op." in text
    panel = text[text.index("weerbaar-match-panel") :]
    panel = panel[: panel.index("</div>")]
    assert b.reference not in panel
    assert "0687654321" not in text


def test_identifiers_are_only_added_to_an_existing_incident(matching_on, advisor):
    from weerbaar.core.errors import NotFound

    a = claimed_case_with_incident(advisor)
    record_incident(advisor, a)
    access = policy.access_case(advisor, a.reference)
    with pytest.raises(NotFound):
        services.identifier_add(access=access, incident_number=9, kind="phone", value="0612345678")


def test_the_yearly_overview_counts_confirmed_links_only(matching_on, advisor, second_advisor):
    from weerbaar.releases.counts import confirmed_links

    a = claimed_case_with_incident(advisor, email="a@example.org")
    b = claimed_case_with_incident(second_advisor, email="b@example.org")
    add(advisor, a, "phone", "0687654321")
    add(second_advisor, b, "phone", "0687654321")
    now = timezone.now()
    services.matching_run(now)
    match = Match.objects.get()
    assert confirmed_links(timezone.localdate(now).year) == 0  # proposed is not a link
    for n in (1, 2):
        coordinator = UserFactory(username=f"coord-{n}", role="coordinator")
        services.match_review(actor=coordinator, match_id=match.pk, decision="confirm", reason="Zelfde nummer")
    match.refresh_from_db()
    year = timezone.localdate(match.decided_at).year
    assert confirmed_links(year) == 1
    assert confirmed_links(year - 1) == 0
