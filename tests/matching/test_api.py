"""The API of matching: adding and listing a case's identifiers, the matches and their reviews (the contract of
issue 14), and what no answer ever contains: another case's identifier, or any token."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.api.conftest import assert_problem, staff_client
from tests.factories import UserFactory
from tests.matching.conftest import claimed_case_with_incident
from weerbaar.core.models import AuditEntry
from weerbaar.matching.models import Match, MatchToken

pytestmark = pytest.mark.django_db
PATH = "/api/v1/cases/{ref}/incidents/1/perpetrator-identifiers"


@pytest.fixture
def world(matching_on, advisor, second_advisor, coordinators):
    mine = claimed_case_with_incident(advisor, email="een@example.org", phone="0611111111")
    theirs = claimed_case_with_incident(second_advisor, email="twee@example.org", phone="0622222222")
    return {"mine": mine, "theirs": theirs}


def add(client, case, kind, value, **extra):
    return client.post(PATH.format(ref=case.reference), {"kind": kind, "value": value, **extra}, format="json")


def test_adding_answers_id_and_kind_only(world, advisor):
    response = add(staff_client(advisor), world["mine"], "phone", "06 12345678")
    assert response.status_code == 201, response.content
    assert set(response.json()) == {"id", "kind"}
    assert response.json()["kind"] == "phone"
    token = MatchToken.objects.get(identifier_id=response.json()["id"])
    assert token.token not in response.content.decode()


def test_listing_shows_the_own_identifiers_as_typed(world, advisor):
    client = staff_client(advisor)
    add(client, world["mine"], "handle", "@Boze_Burger", platform="x")
    listed = client.get(PATH.format(ref=world["mine"].reference))
    assert listed.status_code == 200
    [item] = listed.json()
    assert (item["kind"], item["value"], item["platform"], item["incident"]) == ("handle", "@Boze_Burger", "x", 1)


def test_every_entry_is_audited_without_the_value(world, advisor):
    add(staff_client(advisor), world["mine"], "licence_plate", "12-ABC-3")
    entry = AuditEntry.objects.filter(action="matching.identifier_added").order_by("-id").first()
    assert entry is not None
    assert entry.object_id == world["mine"].reference
    assert entry.details == {"incident": 1, "kind": "licence_plate"}


def test_a_name_alone_is_refused(world, advisor):
    response = add(staff_client(advisor), world["mine"], "name_with_birth", "Jan de Vries")
    assert_problem(response, 400, invalid={"value"})
    assert not MatchToken.objects.exists()


def test_an_invalid_value_is_never_echoed(world, advisor):
    response = add(staff_client(advisor), world["mine"], "phone", "geen-nummer-xyz")
    assert_problem(response, 400, invalid={"value"})
    assert "geen-nummer-xyz" not in response.content.decode()


def test_matching_is_off_by_default(reference_data, advisor):
    case = claimed_case_with_incident(advisor)
    response = add(staff_client(advisor), case, "phone", "0612345678")
    body = assert_problem(response, 409)
    assert body.get("code") == "matching_off"


def test_the_daily_quota_per_advisor(world, advisor, settings):
    settings.MATCHING_DAILY_QUOTA = 2
    client = staff_client(advisor)
    assert add(client, world["mine"], "phone", "0612345671").status_code == 201
    assert add(client, world["mine"], "phone", "0612345672").status_code == 201
    refused = add(client, world["mine"], "phone", "0612345673")
    assert_problem(refused, 429)
    assert "Retry-After" in refused


def test_bulk_entry_alerts_the_coordinators(world, advisor, coordinators, settings):
    from weerbaar.notifications.models import Notification

    settings.MATCHING_BULK_ALERT = 3
    client = staff_client(advisor)
    for n in range(4):
        assert add(client, world["mine"], "phone", f"061234567{n}").status_code == 201
    alerts = Notification.objects.filter(kind="matching_bulk_entry")
    assert sorted(alerts.values_list("recipient__username", flat=True)) == ["coordinator-1", "coordinator-2"]


def _shared_phone_match(world, advisor, second_advisor):
    add(staff_client(advisor), world["mine"], "phone", "06-98765432")
    add(staff_client(second_advisor), world["theirs"], "phone", "+31 6 9876 5432")
    call_command("matching", "run")
    return Match.objects.get()


def test_two_coordinators_confirm_and_the_same_one_twice_is_refused(world, advisor, second_advisor, coordinators):
    match = _shared_phone_match(world, advisor, second_advisor)
    first, second = (staff_client(c) for c in coordinators)
    url = f"/api/v1/matches/{match.pk}/reviews"
    body = {"decision": "confirm", "reason": "Zelfde nummer."}
    assert first.post(url, body, format="json").json()["status"] == "proposed"
    again = first.post(url, body, format="json")
    assert assert_problem(again, 409).get("code") == "same_reviewer"
    confirmed = second.post(url, body, format="json")
    assert confirmed.status_code == 201
    assert confirmed.json()["status"] == "confirmed"


def test_one_dismissal_dismisses(world, advisor, second_advisor, coordinators):
    match = _shared_phone_match(world, advisor, second_advisor)
    url = f"/api/v1/matches/{match.pk}/reviews"
    answer = staff_client(coordinators[0]).post(
        url, {"decision": "dismiss", "reason": "Andere persoon."}, format="json"
    )
    assert answer.json()["status"] == "dismissed"
    late = staff_client(coordinators[1]).post(url, {"decision": "confirm", "reason": "Toch?"}, format="json")
    assert assert_problem(late, 409).get("code") == "match_decided"


def test_no_answer_contains_another_cases_identifier_or_any_token(world, advisor, second_advisor, coordinators):
    """Every endpoint of matching, as every role that reaches it: neither value nor token of the other case."""
    from weerbaar.directory.models import Association

    match = _shared_phone_match(world, advisor, second_advisor)
    add(staff_client(second_advisor), world["theirs"], "email", "Geheim.Adres+x@Voorbeeld.nl")
    outsider = UserFactory(username="advisor-ngb", role="advisor", association=Association.objects.get(code="ngb"))
    secrets = ["98765432", "Geheim", "voorbeeld.nl", *MatchToken.objects.values_list("token", flat=True)]
    secrets += list(MatchToken.objects.values_list("holder", flat=True))
    answers = [
        staff_client(advisor).get(PATH.format(ref=world["mine"].reference)),
        staff_client(outsider).get(PATH.format(ref=world["theirs"].reference)),  # another association: 404
        add(staff_client(advisor), world["mine"], "email", "Ander@voorbeeld.org"),
        staff_client(coordinators[0]).get("/api/v1/matches"),
        staff_client(coordinators[0]).post(
            f"/api/v1/matches/{match.pk}/reviews", {"decision": "confirm", "reason": "Lijkt zo."}, format="json"
        ),
        staff_client(coordinators[1]).get("/api/v1/matches?status=proposed"),
        staff_client(advisor).get("/api/v1/matches"),
    ]
    own_secret = "06-98765432"  # the advisor's own entry may be listed on the own case, but not as the other's
    for response in answers:
        text = response.content.decode()
        for secret in secrets:
            assert secret not in text.replace(own_secret, ""), (response.request["PATH_INFO"], secret)


def test_matches_for_coordinators_only(world, advisor, reference_data):
    for role in ("advisor", "partner", "analyst", "admin"):
        user = UserFactory(username=f"m-{role}", role=role)
        assert_problem(staff_client(user).get("/api/v1/matches"), 403)
    assert staff_client(UserFactory(username="m-coord", role="coordinator")).get("/api/v1/matches").status_code == 200
