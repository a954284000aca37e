"""Consent is enforced by the policy: a partner reads exactly what was consented to, nothing else."""

from __future__ import annotations

import pytest

from tests.network.factories import consent_data, propose, referral_in
from tests.staff_web.conftest import verified_client
from weerbaar.accounts import policy
from weerbaar.core.audit import AuditEntry
from weerbaar.core.errors import Conflict, NotFound
from weerbaar.network import items, selectors, services
from weerbaar.network.models import Referral

pytestmark = pytest.mark.django_db


def _ids(setup):
    return {
        "first": items.incident_item(setup["first"].pk),
        "second": items.incident_item(setup["second"].pk),
        "shared": items.evidence_item(setup["shared"].pk),
        "secret": items.evidence_item(setup["secret"].pk),
    }


def _sent(setup, *, chosen=("first", "shared"), proposed=("first", "second", "shared", "secret")):
    k = _ids(setup)
    return referral_in(
        "sent",
        setup["advisor"],
        setup["case"],
        setup["partner"],
        proposed=[k[n] for n in proposed] + [items.REQUEST_TEXT],
        chosen=[k[n] for n in chosen],
        partner_user=setup["partner_user"],
    )


def test_partner_reads_exactly_the_consented_items(setup):
    referral = _sent(setup)
    view = selectors.referral_for_partner(access=policy.access_referral_as_partner(setup["partner_user"], referral.pk))
    assert view.minimum.first_name == "Sam"
    assert view.minimum.question.startswith("Kunt u")
    assert view.minimum.contact == "06 12345678"
    assert [i.number for i in view.incidents] == [setup["first"].number]
    assert [e.number for e in view.evidence] == [setup["shared"].number]
    assert view.request_text is None  # proposed, not consented
    k = _ids(setup)
    user = setup["partner_user"]
    fresh = policy.access_referral_as_partner(user, referral.pk).referral
    assert policy.partner_may_read(user, fresh, k["first"])
    assert not policy.partner_may_read(user, fresh, k["second"])
    assert not policy.partner_may_read(user, fresh, k["secret"])
    assert not policy.partner_may_read(user, fresh, items.REQUEST_TEXT)
    assert AuditEntry.objects.filter(action="referral.partner_read", object_id=str(referral.pk)).exists()


def test_unconsented_evidence_is_not_found_and_consented_evidence_downloads(setup):
    referral = _sent(setup)
    user = setup["partner_user"]
    data = selectors.partner_evidence_read(
        access=policy.access_referral_as_partner(user, referral.pk), evidence_id=setup["shared"].pk
    )
    assert data.content
    with pytest.raises(NotFound):
        selectors.partner_evidence_read(
            access=policy.access_referral_as_partner(user, referral.pk), evidence_id=setup["secret"].pk
        )
    assert AuditEntry.objects.filter(action="referral.evidence_downloaded").count() == 1


def test_other_partner_gets_not_found(setup):
    referral = _sent(setup)
    with pytest.raises(NotFound):
        policy.access_referral_as_partner(setup["other_user"], referral.pk)
    assert not policy.referrals_visible_to(setup["other_user"]).exists()


@pytest.mark.parametrize("state", ["proposed", "consented"])
def test_partner_sees_nothing_before_it_is_sent(setup, state):
    referral = referral_in(state, setup["advisor"], setup["case"], setup["partner"], partner_user=setup["partner_user"])
    with pytest.raises(NotFound):
        policy.access_referral_as_partner(setup["partner_user"], referral.pk)


@pytest.mark.parametrize("state", ["sent", "accepted", "completed", "declined"])
def test_withdrawal_removes_access_at_once(setup, state):
    referral = referral_in(state, setup["advisor"], setup["case"], setup["partner"], partner_user=setup["partner_user"])
    assert policy.access_referral_as_partner(setup["partner_user"], referral.pk)
    holder = policy.OfficeHolder(setup["case"].pk, setup["case"].reference)
    services.referral_consent_withdraw(actor=holder, referral_id=referral.pk)
    with pytest.raises(NotFound):
        policy.access_referral_as_partner(setup["partner_user"], referral.pk)
    assert not policy.referrals_visible_to(setup["partner_user"]).exists()
    referral.refresh_from_db()
    assert referral.status == ("cancelled" if state in ("sent", "accepted") else state)


def test_partner_pages_answer_404_for_everything_else(setup):
    referral = _sent(setup)
    client = verified_client(setup["partner_user"])
    assert client.get(f"/partner/verwijzingen/{referral.pk}").status_code == 200
    assert client.get(f"/partner/verwijzingen/{referral.pk}/bewijs/{setup['shared'].pk}").status_code == 200
    assert client.get(f"/partner/verwijzingen/{referral.pk}/bewijs/{setup['secret'].pk}").status_code == 404
    assert client.get(f"/partner/verwijzingen/{referral.pk + 1000}").status_code == 404
    case = setup["case"]
    for path in (f"/werkruimte/zaken/{case.reference}", f"/werkruimte/zaken/{case.reference}/incidenten"):
        assert client.get(path).status_code in (403, 404)
    other = verified_client(setup["other_user"])
    assert other.get(f"/partner/verwijzingen/{referral.pk}").status_code == 404
    page = client.get(f"/partner/verwijzingen/{referral.pk}").content.decode()
    assert "Tweede incident" not in page
    assert "bericht waarin staat" not in page  # the request text was not consented


def test_sending_needs_consent(setup):
    referral = propose(setup["advisor"], setup["case"], setup["partner"])
    with pytest.raises(Conflict):
        services.referral_send(actor=setup["advisor"], reference=setup["case"].reference, referral_id=referral.pk)


def test_consent_only_for_proposed_items(setup):
    referral = propose(setup["advisor"], setup["case"], setup["partner"])
    holder = policy.OfficeHolder(setup["case"].pk, setup["case"].reference)
    with pytest.raises(Conflict):
        services.referral_consent_give(
            actor=holder, referral_id=referral.pk, data=consent_data([_ids(setup)["secret"]], method="portal")
        )
    assert Referral.objects.get(pk=referral.pk).status == "proposed"


def test_office_holder_of_another_case_gets_not_found(setup):
    referral = propose(setup["advisor"], setup["case"], setup["partner"])
    stranger = policy.OfficeHolder(setup["case"].pk + 999, "WB-XXXX-XXXX")
    with pytest.raises(NotFound):
        policy.access_referral_as_office_holder(stranger, referral.pk)


def test_advisor_of_other_association_gets_not_found(setup):
    referral = propose(setup["advisor"], setup["case"], setup["partner"])
    with pytest.raises(NotFound):
        policy.access_referral(setup["people"]["other_advisor"], setup["case"].reference, referral.pk)
    assert not policy.referrals_visible_to(setup["people"]["other_advisor"]).exists()
    assert policy.referrals_visible_to(setup["people"]["coordinator"]).count() == 1


def test_suggestions_rank_availability_kind_region_and_load(setup):
    """Unavailable partners are no suggestions: they come after every available one, whatever their kind."""
    from tests.directory_partners.factories import PartnerFactory

    case = setup["case"]
    busy = PartnerFactory(name="Druk", kind="security", nationwide=True, capacity=1)
    PartnerFactory(name="Vrij", kind="security", provinces=[case.province.code])
    away = PartnerFactory(name="Weg", kind="security", nationwide=True, available=False)
    elsewhere = PartnerFactory(name="Elders", kind="security")
    referral_in("sent", setup["advisor"], case, busy, partner_user=None)
    ranked = [s.partner.name for s in selectors.suggest_partners(case, "security")]
    assert ranked.index("Vrij") < ranked.index("Druk") < ranked.index("Elders")
    assert ranked.index("Elders") < ranked.index("Vakgenoot Noord")  # other kinds after the kind asked for
    assert ranked[-1] == "Weg"  # unavailable: below every available partner, also of another kind
    suggestions = selectors.suggest_partners(case, "security")
    assert [s.suggested for s in suggestions] == [True] * (len(suggestions) - 1) + [False]
    assert "nu niet beschikbaar, daarom geen suggestie" in suggestions[-1].reasons
    top = suggestions[0]
    assert any("0 van 5" in reason for reason in top.reasons)
    del away, elsewhere


@pytest.mark.parametrize("step", ["withdraw", "cancel", "send", "refuse"])
def test_a_partner_never_acts_on_a_referral_by_its_case(setup, step):
    """The case worker's way in (with a reference) is closed to partner accounts, even for their own referral."""
    from weerbaar.core.errors import NotFound
    from weerbaar.network import services
    from weerbaar.network.models import Consent

    referral = referral_in(
        "sent", setup["advisor"], setup["case"], setup["partner"], partner_user=setup["partner_user"]
    )
    service = {
        "withdraw": services.referral_consent_withdraw,
        "cancel": services.referral_cancel,
        "send": services.referral_send,
        "refuse": services.referral_consent_refuse,
    }[step]
    with pytest.raises(NotFound):
        service(actor=setup["partner_user"], reference=setup["case"].reference, referral_id=referral.pk)
    referral.refresh_from_db()
    assert referral.status == "sent"
    assert Consent.objects.get(referral=referral).withdrawn_at is None


def test_withdrawal_tells_the_partner_referral_withdrawn_and_the_advisor_consent_withdrawn(
    setup, django_capture_on_commit_callbacks
):
    from weerbaar.accounts.policy import OfficeHolder
    from weerbaar.notifications.models import Notification

    referral = referral_in(
        "sent", setup["advisor"], setup["case"], setup["partner"], partner_user=setup["partner_user"]
    )
    holder = OfficeHolder(setup["case"].pk, setup["case"].reference)
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_consent_withdraw(actor=holder, referral_id=referral.pk)
    partner_note = Notification.objects.get(recipient=setup["partner_user"])
    assert partner_note.kind == "referral_withdrawn"
    assert partner_note.link == "/partner/verwijzingen"
    advisor_note = Notification.objects.get(recipient=setup["advisor"], key=f"referral-withdrawn:{referral.pk}")
    assert advisor_note.kind == "consent_withdrawn"
    assert not Notification.objects.filter(recipient=setup["other_user"]).exists()


@pytest.mark.parametrize("answer", ["decline", "complete"])
def test_after_declining_or_completing_the_partner_keeps_only_dates_and_its_own_answer(setup, answer):
    referral = _sent(setup)
    user = setup["partner_user"]
    if answer == "complete":
        services.referral_answer(actor=user, referral_id=referral.pk, action="accept")
    services.referral_answer(actor=user, referral_id=referral.pk, action=answer, text="Ons antwoord.")
    view = selectors.referral_for_partner(access=policy.access_referral_as_partner(user, referral.pk))
    assert view.minimum is None
    assert (view.incidents, view.evidence, view.request_text) == ([], [], None)
    assert "Ons antwoord." in (view.decline_reason or view.report or "")
    fresh = policy.access_referral_as_partner(user, referral.pk).referral
    for item in (*items.MINIMUM, _ids(setup)["first"], _ids(setup)["shared"]):
        assert not policy.partner_may_read(user, fresh, item), item
    with pytest.raises(NotFound):
        selectors.partner_evidence_read(
            access=policy.access_referral_as_partner(user, referral.pk), evidence_id=setup["shared"].pk
        )
    client = verified_client(user)
    page = client.get(f"/partner/verwijzingen/{referral.pk}")
    assert page.status_code == 200
    body = page.content.decode()
    assert "weerbaar-ref-minimum" not in body  # no first name, office, region, question or contact block
    assert "Kunt u langskomen" not in body
    assert "06 12345678" not in body
    assert "Ons antwoord." in body
    assert client.get(f"/partner/verwijzingen/{referral.pk}/bewijs/{setup['shared'].pk}").status_code == 404


def test_a_new_partner_account_sees_only_referrals_sent_after_it_exists_and_coordinators_hear_of_it(setup):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import UserFactory
    from weerbaar.accounts.models import Role, User
    from weerbaar.accounts.services import partner_account_create
    from weerbaar.core.errors import Forbidden
    from weerbaar.notifications.models import Notification

    before = _sent(setup)  # the backlog, sent while only the existing account existed
    coordinator = UserFactory(role=Role.COORDINATOR, association=None)
    admin = UserFactory(role=Role.ADMIN, association=None)
    with pytest.raises(Forbidden):
        partner_account_create(actor=admin, partner_id=setup["partner"].pk, username="x-admin", name="X", email="")
    newcomer, _password = partner_account_create(
        actor=coordinator, partner_id=setup["partner"].pk, username="nieuwkomer", name="Nieuw", email=""
    )
    User.objects.filter(pk=newcomer.pk).update(date_joined=timezone.now() + timedelta(seconds=1))
    newcomer.refresh_from_db()
    with pytest.raises(NotFound):
        policy.access_referral_as_partner(newcomer, before.pk)
    assert policy.access_referral_as_partner(setup["partner_user"], before.pk)  # the existing account still does
    assert Notification.objects.filter(
        recipient=coordinator, kind="partner_account_created", link=f"/werkruimte/netwerkpartners/{setup['partner'].pk}"
    ).exists()
