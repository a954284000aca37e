"""What the advisor is told when the office holder consents, and what coordinators see of referrals: every
referral as metadata (the overview, a case's referrals page) and each partner's open load."""

from __future__ import annotations

import pytest

from tests.directory_partners.factories import PartnerFactory
from tests.incidents_web.conftest import portal_client
from tests.network.factories import propose, referral_in
from tests.staff_web.conftest import verified_client
from weerbaar.accounts import policy
from weerbaar.core.errors import NotFound
from weerbaar.network import selectors
from weerbaar.notifications.models import Notification

QUESTION = "Kunt u langskomen voor een kop koffie?"  # the factories' question: case content


def _agree(setup, referral):
    return portal_client(setup["case"], setup["code"]).post(
        f"/mijn-zaak/doorverwijzingen/{referral.pk}",
        {"decision": "agree", "contact_method": "phone", "contact": "06 12345678"},
    )


def test_consent_in_mijn_zaak_tells_the_advisor_to_send(setup, django_capture_on_commit_callbacks):
    referral = propose(setup["advisor"], setup["case"], setup["partner"])
    with django_capture_on_commit_callbacks(execute=True):
        assert _agree(setup, referral).status_code == 302
    told = Notification.objects.filter(recipient=setup["advisor"])
    assert list(told.filter(kind__startswith="referral_").values_list("kind", flat=True)) == ["referral_consent_given"]
    advisor = verified_client(setup["advisor"])
    listing = advisor.get("/werkruimte/meldingen").content.decode()
    assert "Toestemming gegeven — verstuur de doorverwijzing." in listing
    assert "netwerkpartner heeft op een doorverwijzing gereageerd" not in listing
    detail = advisor.get(f"/werkruimte/zaken/{setup['case'].reference}/doorverwijzingen/{referral.pk}").content.decode()
    assert "Toestemming gegeven — verstuur de doorverwijzing" in detail
    assert detail.count('name="action" value="send"') == 1  # one send button, in the notice
    cases = advisor.get(f"/werkruimte/zaken/{setup['case'].reference}/doorverwijzingen").content.decode()
    assert "verstuur de doorverwijzing" in cases
    # once sent, the notice is gone
    advisor.post(f"/werkruimte/zaken/{setup['case'].reference}/doorverwijzingen/{referral.pk}/stap", {"action": "send"})
    detail = advisor.get(f"/werkruimte/zaken/{setup['case'].reference}/doorverwijzingen/{referral.pk}").content.decode()
    assert "Toestemming gegeven — verstuur de doorverwijzing" not in detail


def test_refusal_in_mijn_zaak_says_so(setup, django_capture_on_commit_callbacks):
    referral = propose(setup["advisor"], setup["case"], setup["partner"])
    with django_capture_on_commit_callbacks(execute=True):
        response = portal_client(setup["case"], setup["code"]).post(
            f"/mijn-zaak/doorverwijzingen/{referral.pk}", {"decision": "refuse"}
        )
    assert response.status_code == 302
    kinds = set(Notification.objects.filter(recipient=setup["advisor"]).values_list("kind", flat=True))
    assert "referral_consent_refused" in kinds
    assert "referral_answered" not in kinds


def test_consent_recorded_by_the_advisor_notifies_no_one(setup, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        referral_in("consented", setup["advisor"], setup["case"], setup["partner"])
    assert not Notification.objects.filter(kind="referral_consent_given").exists()


def test_a_coordinator_without_content_sees_a_cases_referrals_as_metadata(setup):
    coordinator = setup["people"]["coordinator"]
    case = setup["case"]
    referral = referral_in("sent", setup["advisor"], case, setup["partner"], partner_user=setup["partner_user"])
    assert not policy.can_read_case_content(coordinator, case)
    access = policy.access_case_referrals(coordinator, case.reference)
    assert not access.has_content
    client = verified_client(coordinator)
    response = client.get(f"/werkruimte/zaken/{case.reference}/doorverwijzingen")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vakgenoot Noord" in page
    assert "Verstuurd" in page
    assert QUESTION not in page  # no case content
    assert "Doorverwijzing voorstellen" not in page  # nothing to propose
    assert f"/doorverwijzingen/{referral.pk}" not in page  # no link to the referral's content
    # Working on it stays with those who may read the case.
    assert client.post(f"/werkruimte/zaken/{case.reference}/doorverwijzingen", {}).status_code == 404
    assert client.get(f"/werkruimte/zaken/{case.reference}/doorverwijzingen/{referral.pk}").status_code == 404


def test_an_advisor_of_another_association_still_gets_404(setup):
    other = setup["people"]["other_advisor"]
    with pytest.raises(NotFound):
        policy.access_case_referrals(other, setup["case"].reference)
    assert (
        verified_client(other).get(f"/werkruimte/zaken/{setup['case'].reference}/doorverwijzingen").status_code == 404
    )


def test_the_overview_lists_every_referral_filtered_by_status_and_partner(setup):
    advisor, case, people = setup["advisor"], setup["case"], setup["people"]
    sent = referral_in("sent", advisor, case, setup["partner"], partner_user=setup["partner_user"])
    proposed = propose(advisor, case, setup["other_partner"])
    client = verified_client(people["coordinator"])
    page = client.get("/werkruimte/doorverwijzingen").content.decode()
    assert "2 doorverwijzingen gevonden" in page
    assert "Vakgenoot Noord" in page and "Andere Partner" in page  # noqa: PT018
    assert QUESTION not in page
    by_status = client.get("/werkruimte/doorverwijzingen", {"status": "proposed"}).content.decode()
    assert "1 doorverwijzing gevonden" in by_status
    rows = selectors.referral_overview(user=people["coordinator"], status="proposed")[0]
    assert [r.id for r in rows] == [proposed.pk]
    rows, total = selectors.referral_overview(user=people["coordinator"], partner_id=setup["partner"].pk)
    assert ([r.id for r in rows], total) == ([sent.pk], 1)
    by_partner = client.get("/werkruimte/doorverwijzingen", {"partner": str(setup["partner"].pk)})
    assert "1 doorverwijzing gevonden" in by_partner.content.decode()
    bad = client.get("/werkruimte/doorverwijzingen", {"status": "lost"})
    assert bad.status_code == 400
    assert "<title>Fout:" in bad.content.decode()
    # advisors have their cases' referrals; the overview is for coordinators
    assert verified_client(advisor).get("/werkruimte/doorverwijzingen").status_code == 403
    assert selectors.referral_overview(user=advisor) == ([], 0)


def test_each_partners_open_load_counts_what_lies_with_the_partner(setup):
    advisor, case = setup["advisor"], setup["case"]
    partner, user = setup["partner"], setup["partner_user"]
    for state in ("proposed", "consented", "sent", "accepted", "declined", "completed"):
        referral_in(state, advisor, case, partner, partner_user=user)
    idle = PartnerFactory(name="Rustige Partner", capacity=3)
    assert selectors.open_load([partner.pk, idle.pk]) == {partner.pk: 2}  # sent and accepted only
    loads = {pl.partner_id: pl for pl in selectors.partner_loads(user=setup["people"]["coordinator"])}
    assert (loads[partner.pk].open, loads[partner.pk].waiting, loads[partner.pk].overdue) == (2, 2, 0)
    assert (loads[idle.pk].open, loads[idle.pk].waiting) == (0, 0)
    assert selectors.partner_loads(user=advisor) == []

    coordinator = verified_client(setup["people"]["coordinator"])
    listing = coordinator.get("/werkruimte/netwerkpartners").content.decode()
    assert "Open / capaciteit" in listing
    assert f"2 van {partner.capacity}" in listing
    assert "0 van 3" in listing
    detail = coordinator.get(f"/werkruimte/netwerkpartners/{partner.pk}").content.decode()
    assert f"2 open doorverwijzingen (verstuurd of geaccepteerd) bij een capaciteit van {partner.capacity}." in detail
    # administrators manage partners but do not oversee referrals: no load
    admin = verified_client(setup["people"]["admin"]).get("/werkruimte/netwerkpartners").content.decode()
    assert "Open / capaciteit" not in admin
