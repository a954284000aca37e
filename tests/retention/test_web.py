"""The retention pages: the confirmation before a policy change, errors on the forms, the dry run and approving."""

from __future__ import annotations

import pytest

from tests.staff_web.conftest import verified_client
from weerbaar.retention import services
from weerbaar.retention.models import DestructionList, LegalHold, ListStatus, RetentionRule

pytestmark = pytest.mark.django_db

RULE = {
    "association": "nvvr",
    "result": "advised",
    "contact_months": "1",
    "content_months": "1",
    "metadata_months": "12",
}


def test_a_policy_change_is_confirmed_with_the_count_before_it_is_saved(old_and_recent, deciders):
    client = verified_client(deciders["privacy"])
    page = client.get("/werkruimte/bewaarbeleid").content.decode()
    assert "Geen contact gekregen (niet bereikbaar)" in page
    assert "ingebouwd" in page

    response = client.post("/werkruimte/bewaarbeleid/regel", RULE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 gesloten zaken krijgen een andere datum." in html
    assert "Vandaag aan de beurt voor vernietiging: nu 1, daarna 2." in html
    assert "Vandaag aan de beurt voor het wissen van alleen de contactgegevens: nu 0, daarna 0." in html
    assert not RetentionRule.objects.exists()

    response = client.post("/werkruimte/bewaarbeleid/regel", {**RULE, "confirm": "1"})
    assert response.status_code == 302
    rule = RetentionRule.objects.get()
    assert (rule.association.code, rule.result, rule.contact_months, rule.updated_by) == (
        "nvvr",
        "advised",
        1,
        deciders["privacy"],
    )
    assert "de datums van 2 gesloten zaken zijn herberekend" in client.get("/werkruimte/bewaarbeleid").content.decode()


def test_the_confirmation_counts_the_contact_details_a_shorter_contact_period_erases(old_and_recent, deciders):
    client = verified_client(deciders["privacy"])
    rule = {**RULE, "contact_months": "1", "content_months": "24", "metadata_months": "84"}
    html = client.post("/werkruimte/bewaarbeleid/regel", rule).content.decode()
    assert "Vandaag aan de beurt voor vernietiging: nu 1, daarna 1." in html
    assert "Vandaag aan de beurt voor het wissen van alleen de contactgegevens: nu 0, daarna 2." in html


def test_bad_periods_come_back_on_the_form_with_400_and_nothing_saved(deciders):
    client = verified_client(deciders["privacy"])
    response = client.post(
        "/werkruimte/bewaarbeleid/regel", {**RULE, "contact_months": "veel", "metadata_months": "0", "confirm": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vul een heel aantal maanden in (0 of meer)." in html
    assert 'id="id_contact_months_error"' in html
    assert not RetentionRule.objects.exists()


def test_a_hold_is_placed_and_lifted_on_the_page(old_and_recent, deciders):
    old, _ = old_and_recent
    client = verified_client(deciders["coordinator"])
    response = client.post("/werkruimte/bewaarplichten", {"reference": "", "reason": "", "until": "gisteren"})
    assert response.status_code == 400
    assert "Vul het zaaknummer in" in response.content.decode()
    response = client.post("/werkruimte/bewaarplichten", {"reference": old.reference, "reason": "Lopende strafzaak"})
    assert response.status_code == 302
    hold = LegalHold.objects.get()
    html = client.get("/werkruimte/bewaarplichten").content.decode()
    assert old.reference in html
    assert "Lopende strafzaak" in html
    assert "loopt" in html
    assert client.post(f"/werkruimte/bewaarplichten/{hold.pk}/opheffen").status_code == 302
    hold.refresh_from_db()
    assert hold.lifted_by == deciders["coordinator"]
    again = client.post(f"/werkruimte/bewaarplichten/{hold.pk}/opheffen", follow=True)
    assert again.redirect_chain == [("/werkruimte/bewaarplichten", 302)]
    assert "al opgeheven" in again.content.decode()
    assert client.post("/werkruimte/bewaarplichten/999999/opheffen").status_code == 404


def test_the_list_page_is_the_dry_run_and_takes_both_approvals(old_and_recent, deciders):
    old, recent = old_and_recent
    (proposed,) = services.destruction_lists_propose()
    coordinator = verified_client(deciders["coordinator"])
    html = coordinator.get(f"/werkruimte/vernietigingslijsten/{proposed.pk}").content.decode()
    assert "1 zaak zou worden vernietigd." in html
    assert old.reference in html
    assert recent.reference not in html
    assert "Goedkeuren als coördinator" in html
    assert coordinator.post(f"/werkruimte/vernietigingslijsten/{proposed.pk}/goedkeuren").status_code == 302
    privacy = verified_client(deciders["privacy"])
    assert (
        "Goedkeuren als functionaris gegevensbescherming"
        in privacy.get(f"/werkruimte/vernietigingslijsten/{proposed.pk}").content.decode()
    )
    assert privacy.post(f"/werkruimte/vernietigingslijsten/{proposed.pk}/goedkeuren").status_code == 302
    assert DestructionList.objects.get().status == ListStatus.APPROVED
    assert "Goedgekeurd" in coordinator.get("/werkruimte/vernietigingslijsten").content.decode()


def test_a_coordinator_of_another_association_may_not_approve(old_and_recent, deciders):
    (proposed,) = services.destruction_lists_propose()
    client = verified_client(deciders["other_coordinator"])
    assert "Goedkeuren als" not in client.get(f"/werkruimte/vernietigingslijsten/{proposed.pk}").content.decode()
    assert client.post(f"/werkruimte/vernietigingslijsten/{proposed.pk}/goedkeuren").status_code == 403
    assert client.get("/werkruimte/vernietigingslijsten/999999").status_code == 404
