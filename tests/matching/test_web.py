"""The workspace pages of matching name people as colleagues know them (their display name), as the rest of the
workspace does; the API keeps usernames (its documented contract)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from tests.matching.conftest import claimed_case_with_incident
from tests.staff_web.conftest import verified_client
from weerbaar.accounts import policy
from weerbaar.matching import services
from weerbaar.matching.models import Match

pytestmark = pytest.mark.django_db


def test_match_and_identifier_pages_show_display_names(matching_on):
    anna = UserFactory(username="advisor-anna", role="advisor", display_name="Anna de Adviseur")
    bram = UserFactory(username="advisor-bram", role="advisor", display_name="Bram Bakker")
    cora = UserFactory(username="coordinator-cora", role="coordinator", display_name="Cora Coördinator")
    a = claimed_case_with_incident(anna, email="a@example.org")
    b = claimed_case_with_incident(bram, email="b@example.org")
    for advisor, case in ((anna, a), (bram, b)):
        access = policy.access_case(advisor, case.reference)
        services.identifier_add(access=access, incident_number=1, kind="phone", value="06-55512345")
    services.matching_run(timezone.now())
    match = Match.objects.get()
    services.match_review(actor=cora, match_id=match.pk, decision="confirm", reason="Zelfde nummer.")

    coordinator = verified_client(cora)
    listing = coordinator.get("/werkruimte/koppelingen").content.decode()
    page = coordinator.get(f"/werkruimte/koppelingen/{match.pk}").content.decode()
    for html in (listing, page):
        assert "Anna de Adviseur" in html
        assert "Bram Bakker" in html
        assert "advisor-anna" not in html
    assert "Cora Coördinator: bevestigd" in page
    assert "coordinator-cora" not in page

    identifiers = verified_client(anna).get(f"/werkruimte/zaken/{a.reference}/incidenten/1/daderkenmerken")
    assert "Anna de Adviseur" in identifiers.content.decode()
    assert "advisor-anna" not in identifiers.content.decode()
