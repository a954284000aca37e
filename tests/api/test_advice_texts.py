"""API v1 of the standard advice texts: filters, shapes, coordinator-only writes, problem+json errors."""

from __future__ import annotations

import pytest

from tests.advice.factories import AdviceTextFactory
from tests.api.conftest import PROBLEM, staff_client
from tests.factories import UserFactory
from weerbaar.advice.models import AdviceText

pytestmark = pytest.mark.django_db

URL = "/api/v1/advice-texts"


@pytest.fixture
def coordinator_api(coordinator):
    return staff_client(coordinator)


@pytest.fixture
def advisor_api(advisor):
    return staff_client(advisor)


def body(**overrides):
    data = {
        "topic": "legal",
        "title": "Aangifte of melding",
        "language": "nl",
        "body": "Een aangifte is nodig voor vervolging.\n\nVraag om de VPT-code.",
        "position": 2,
    }
    data.update(overrides)
    return data


def test_list_filters_by_topic_and_language(advisor_api):
    AdviceTextFactory(title="A", topic="press", language="nl")
    AdviceTextFactory(title="B", topic="press", language="en")
    AdviceTextFactory(title="C", topic="legal", language="nl", active=False)
    assert [t["title"] for t in advisor_api.get(URL).json()] == ["C", "A", "B"]
    assert [t["title"] for t in advisor_api.get(URL, {"topic": "press", "language": "en"}).json()] == ["B"]
    assert [t["title"] for t in advisor_api.get(URL, {"active": "false"}).json()] == ["C"]
    item = advisor_api.get(URL, {"topic": "legal"}).json()[0]
    assert set(item) == {
        "id", "topic", "title", "language", "body", "active", "position", "version", "updatedAt", "updatedBy"
    }  # fmt: skip


def test_bad_filter_is_a_problem_naming_the_parameter(advisor_api):
    response = advisor_api.get(URL, {"topic": "weather"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith(PROBLEM)
    assert response.json()["invalidParams"][0]["name"] == "topic"
    assert "weather" not in response.content.decode()


def test_coordinator_creates_and_replaces_with_versions(coordinator_api, coordinator):
    response = coordinator_api.post(URL, body(), format="json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert response["Location"] == f"{URL}/{created['id']}"
    assert (created["version"], created["updatedBy"], created["active"]) == (1, coordinator.username, True)
    response = coordinator_api.put(f"{URL}/{created['id']}", body(body="Nieuw."), format="json")
    assert response.status_code == 200
    assert (response.json()["version"], response.json()["body"]) == (2, "Nieuw.")
    same = coordinator_api.put(f"{URL}/{created['id']}", body(body="Nieuw."), format="json").json()
    assert same["version"] == 2
    assert AdviceText.objects.get().versions.count() == 2


def test_invalid_input_lists_every_field(coordinator_api):
    response = coordinator_api.post(URL, {"topic": "x", "title": 5, "body": ""}, format="json")
    assert response.status_code == 400
    assert {p["name"] for p in response.json()["invalidParams"]} == {"topic", "title", "body"}
    assert coordinator_api.post(URL, [1, 2], format="json").status_code == 400
    assert not AdviceText.objects.exists()


def test_position_null_is_the_default_and_an_empty_string_no_number(coordinator_api):
    """Found by the fuzzer (issue 12): null was accepted where the document said integer; now documented as
    "left out or null: 0". An empty string, which no JSON client means as a number, is refused."""
    created = coordinator_api.post(URL, body(position=None), format="json")
    assert created.status_code == 201, created.content
    assert created.json()["position"] == 0
    refused = coordinator_api.post(URL, body(title="Een andere titel", position=""), format="json")
    assert refused.status_code == 400
    assert [p["name"] for p in refused.json()["invalidParams"]] == ["position"]


def test_duplicate_title_is_400_on_title(coordinator_api):
    coordinator_api.post(URL, body(), format="json")
    response = coordinator_api.post(URL, body(), format="json")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "title"


def test_advisor_reads_but_may_not_write(advisor_api):
    text = AdviceTextFactory()
    assert advisor_api.get(f"{URL}/{text.pk}").status_code == 200
    response = advisor_api.post(URL, body(), format="json")
    assert response.status_code == 403
    assert response["Content-Type"].startswith(PROBLEM)
    assert advisor_api.put(f"{URL}/{text.pk}", body(), format="json").status_code == 403
    assert AdviceText.objects.count() == 1
    assert AdviceText.objects.get().version == 1


def test_unknown_and_huge_ids_are_404(advisor_api, coordinator_api):
    assert advisor_api.get(f"{URL}/999").status_code == 404
    assert advisor_api.get(f"{URL}/99999999999999999999").status_code == 404
    assert coordinator_api.put(f"{URL}/999", body(), format="json").status_code == 404


@pytest.mark.parametrize("role", ["partner", "analyst", "admin"])
def test_other_staff_roles_get_403(reference_data, role):
    client = staff_client(UserFactory(username=f"x-{role}", role=role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, body(), format="json").status_code == 403
