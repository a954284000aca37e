"""The partner network pages: list with filters, add and edit with errors, (de)activate, availability,
partner accounts with a one-time password and TOTP at first sign-in, and the partner's own home page."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.directory_partners.factories import PartnerFactory
from tests.staff_web.conftest import totp_now, verified_client
from weerbaar.accounts.models import Role, User
from weerbaar.core.models import AuditEntry
from weerbaar.directory.models import Partner

pytestmark = pytest.mark.django_db

FORM = {
    "partner-name": "Advocatenkantoor De Wit",
    "partner-organisation": "De Wit Advocaten",
    "partner-kind": "legal_aid",
    "partner-provinces": ["PV26", "PV27"],
    "partner-languages": ["nl", "en"],
    "partner-other_languages": " TR",
    "partner-capacity": "4",
    "partner-available": "on",
    "partner-contact_name": "Mr. J. de Wit",
    "partner-email": "dewit@example.org",
    "partner-phone": "+31 30 123 45 67",
    "partner-notes": "Gespecialiseerd in smaad en laster.",
}


@pytest.fixture
def coordinator(people):
    return verified_client(people["coordinator"])


def test_coordinator_adds_a_partner(coordinator):
    response = coordinator.post("/werkruimte/netwerkpartners/nieuw", FORM)
    assert response.status_code == 302
    partner = Partner.objects.get(name="Advocatenkantoor De Wit")
    assert response["Location"] == f"/werkruimte/netwerkpartners/{partner.pk}"
    assert partner.kind == "legal_aid"
    assert sorted(p.code for p in partner.provinces.all()) == ["PV26", "PV27"]
    assert partner.languages == ["nl", "en", "tr"]
    assert partner.capacity == 4
    assert partner.available
    assert partner.active
    assert not partner.nationwide
    entry = AuditEntry.objects.get(action="partner.created")
    assert entry.object_id == str(partner.pk)
    assert "De Wit" not in str(entry.details)
    page = coordinator.get(response["Location"]).content.decode()
    assert "dewit@example.org" in page
    assert "Gespecialiseerd in smaad" in page
    assert "Nederlands, Engels, Turks" in page  # names, not codes


def _checked(html: str, value: str) -> bool:
    return any("checked" in tag for tag in re.findall(rf'<input[^>]*value="{value}"[^>]*>', html))


def test_languages_are_checkboxes_by_name_with_other_codes_apart(coordinator, reference_data):
    partner = PartnerFactory(name="Talig", provinces=["PV26"], languages=["nl", "so", "ar"])
    form = coordinator.get(f"/werkruimte/netwerkpartners/{partner.pk}/bewerken").content.decode()
    assert _checked(form, "nl")
    assert _checked(form, "ar")
    assert not _checked(form, "en")
    assert ">Oekraïens</label>" in form
    assert 'value="so"' in form  # the code outside the short list, in "Andere taal (code)"
    listing = coordinator.get("/werkruimte/netwerkpartners").content.decode()
    assert "Nederlands, Somalisch, Arabisch" in listing


def test_errors_answer_400_per_field_and_keep_what_was_typed(coordinator):
    data = {
        **FORM,
        "partner-other_languages": "so, nederlands",
        "partner-capacity": "101",
        "partner-email": "geen-adres",
        "partner-provinces": [],
    }
    response = coordinator.post("/werkruimte/netwerkpartners/nieuw", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Gebruik taalcodes van twee letters" in html
    assert "Vul een heel getal in van 1 tot en met 100." in html
    assert "Vul een geldig e-mailadres in" in html
    assert "Kies minstens één provincie, of kies landelijk." in html
    assert 'value="Advocatenkantoor De Wit"' in html
    assert 'value="so, nederlands"' in html
    assert _checked(html, "nl")  # the ticked languages stay ticked
    assert 'aria-invalid="true"' in html
    assert not Partner.objects.exists()


def test_edit_changes_fields_and_audits_their_names_only(coordinator, reference_data):
    partner = PartnerFactory(name="Oud", provinces=["PV26"])
    page = coordinator.get(f"/werkruimte/netwerkpartners/{partner.pk}/bewerken")
    assert page.status_code == 200
    assert 'value="Oud"' in page.content.decode()
    response = coordinator.post(
        f"/werkruimte/netwerkpartners/{partner.pk}/bewerken",
        {**FORM, "partner-name": "Nieuw", "partner-nationwide": "on", "partner-provinces": []},
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.name == "Nieuw"
    assert partner.nationwide
    assert not partner.provinces.exists()
    entry = AuditEntry.objects.get(action="partner.updated")
    assert "name" in entry.details["fields"]
    assert "provinces" in entry.details["fields"]
    assert "Nieuw" not in str(entry.details)


def test_list_filters_by_kind_province_and_availability(coordinator, reference_data):
    PartnerFactory(name="Peer Utrecht", kind="peer", provinces=["PV26"])
    PartnerFactory(name="Peer Groningen", kind="peer", provinces=["PV20"], available=False)
    PartnerFactory(name="Legal landelijk", kind="legal_aid", nationwide=True)
    PartnerFactory(name="Oud lid", kind="peer", nationwide=True, active=False)

    def names(query: str) -> set[str]:
        html = coordinator.get(f"/werkruimte/netwerkpartners{query}").content.decode()
        return {n for n in ("Peer Utrecht", "Peer Groningen", "Legal landelijk", "Oud lid") if n in html}

    assert names("") == {"Peer Utrecht", "Peer Groningen", "Legal landelijk"}
    assert names("?kind=peer") == {"Peer Utrecht", "Peer Groningen"}
    assert names("?province=PV26") == {"Peer Utrecht", "Legal landelijk"}
    assert names("?available=no") == {"Peer Groningen"}
    assert names("?status=inactive") == {"Oud lid"}
    assert names("?kind=nonsense") == {"Peer Utrecht", "Peer Groningen", "Legal landelijk"}


def test_deactivate_and_reactivate_never_delete(coordinator, people, reference_data):
    partner = PartnerFactory(nationwide=True)
    User.objects.filter(pk=people["partner"].pk).update(partner=partner)
    response = coordinator.post(f"/werkruimte/netwerkpartners/{partner.pk}/actief", {})
    assert response.status_code == 302
    partner.refresh_from_db()
    assert not partner.active
    assert Partner.objects.filter(pk=partner.pk).exists()
    assert verified_client(User.objects.get(pk=people["partner"].pk)).get("/partner").status_code == 403
    coordinator.post(f"/werkruimte/netwerkpartners/{partner.pk}/actief", {"value": "on"})
    partner.refresh_from_db()
    assert partner.active
    actions = list(AuditEntry.objects.filter(object_type="partner").values_list("action", flat=True))
    assert actions == ["partner.deactivated", "partner.reactivated"]


def test_referenced_partner_cannot_be_deleted(reference_data, people):
    from django.db.models import ProtectedError

    partner = PartnerFactory(nationwide=True)
    User.objects.filter(pk=people["partner"].pk).update(partner=partner)
    with pytest.raises(ProtectedError):
        partner.delete()


def test_quick_availability_switch_from_the_list(coordinator, reference_data):
    partner = PartnerFactory(nationwide=True, available=True)
    response = coordinator.post(f"/werkruimte/netwerkpartners/{partner.pk}/beschikbaarheid", {"back": "list"})
    assert response["Location"] == "/werkruimte/netwerkpartners"
    partner.refresh_from_db()
    assert not partner.available
    coordinator.post(f"/werkruimte/netwerkpartners/{partner.pk}/beschikbaarheid", {"value": "on"})
    partner.refresh_from_db()
    assert partner.available


def test_partner_account_password_shown_once_then_totp_set_up_at_first_sign_in(coordinator, reference_data):
    partner = PartnerFactory(name="Slachtofferhulp Utrecht", kind="victim_support", provinces=["PV26"])
    response = coordinator.post(
        f"/werkruimte/netwerkpartners/{partner.pk}/accounts",
        {"account-username": "sh-utrecht", "account-name": "Sanne Hulp", "account-email": "sanne@example.org"},
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    user = User.objects.get(username="sh-utrecht")
    assert user.role == Role.PARTNER
    assert user.partner == partner
    html = response.content.decode()
    password = html.split('<code class="weerbaar-ws-secret">')[1].split("</code>")[0]
    assert user.check_password(password)
    assert password not in coordinator.get(f"/werkruimte/netwerkpartners/{partner.pk}").content.decode()
    assert password not in str(list(AuditEntry.objects.values_list("details", flat=True)))

    browser = Client()
    response = browser.post("/medewerkers/inloggen", {"username": "sh-utrecht", "password": password})
    assert response["Location"].startswith("/medewerkers/tweestaps/instellen")
    assert browser.get("/partner")["Location"].startswith("/medewerkers/tweestaps")
    browser.get(response["Location"])
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = browser.post(response["Location"], {"token": totp_now(device)})
    assert response.status_code == 200  # set up: the confirmation with the recovery codes
    assert 'href="/medewerkers"' in response.content.decode()  # then on to where they were going
    assert browser.get("/medewerkers")["Location"] == "/partner"
    home = browser.get("/partner")
    assert home.status_code == 200
    assert "Slachtofferhulp Utrecht" in home.content.decode()


def test_partner_account_errors(coordinator, people, reference_data):
    partner = PartnerFactory(nationwide=True)
    url = f"/werkruimte/netwerkpartners/{partner.pk}/accounts"
    response = coordinator.post(url, {"account-username": "nieuw", "account-name": ""})
    assert response.status_code == 400
    assert "Vul een naam in." in response.content.decode()
    response = coordinator.post(url, {"account-username": "anna", "account-name": "Anna", "account-email": "x"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Deze gebruikersnaam is al in gebruik." in html
    assert "Vul een geldig e-mailadres in" in html
    assert 'value="anna"' in html
    assert "weerbaar-ws-secret" not in html
    assert User.objects.filter(role=Role.PARTNER, partner=partner).count() == 0


def test_partner_sets_own_availability(people, reference_data):
    partner = PartnerFactory(name="Eigen partner", nationwide=True, available=True)
    other = PartnerFactory(name="Andere partner", nationwide=True, available=True)
    User.objects.filter(pk=people["partner"].pk).update(partner=partner)
    client = verified_client(User.objects.get(pk=people["partner"].pk))
    html = client.get("/partner").content.decode()
    assert "Eigen partner" in html
    assert "Andere partner" not in html
    assert client.post("/partner/beschikbaarheid", {})["Location"] == "/partner"
    partner.refresh_from_db()
    other.refresh_from_db()
    assert not partner.available
    assert other.available
    # and never another partner's, through the management path
    assert client.post(f"/werkruimte/netwerkpartners/{other.pk}/beschikbaarheid", {}).status_code == 403
    other.refresh_from_db()
    assert other.available
