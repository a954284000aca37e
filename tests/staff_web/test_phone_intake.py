"""An advisor records a help request received by phone: same rules, channel phone, code shown once."""

from __future__ import annotations

import re

import pytest

from weerbaar.cases.models import Case
from weerbaar.core.references import follow_up_code_matches
from weerbaar.intake.models import FollowUpCredential

pytestmark = pytest.mark.django_db

VALID = {
    "role": "wethouder",
    "municipality": "GM0363",
    "name": "Fatima El Amrani",
    "phone": "06 12345678",
    "preferred_contact": "phone",
    "concerns": ["threat", "intimidation"],
    "affected": ["self", "family"],
    "description": "Beller is gisteravond thuis bedreigd door een bezoeker.",
    "consent_to_share": "on",
}


def test_phone_intake_creates_a_case_with_channel_phone(people, as_user):
    client = as_user(people["advisor"])
    response = client.post("/werkruimte/telefonische-hulpvraag", VALID)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    case = Case.objects.get()
    assert case.channel == "phone"
    assert case.recorded_by == people["advisor"]
    assert case.association.code == "wethoudersvereniging"  # routed by role, not by who records it
    assert (case.consent_to_share, case.acute_danger) == (True, False)
    html = response.content.decode()
    assert case.reference in html
    code = re.search(r'<code class="weerbaar-ws-secret">([^<]+)</code>', html).group(1)
    assert follow_up_code_matches(code, FollowUpCredential.objects.get(case=case).code_hash)
    assert f'href="/werkruimte/zaken/{case.reference}"' in html


def test_acute_danger_by_phone_makes_the_case_urgent(people, as_user):
    response = as_user(people["advisor"]).post("/werkruimte/telefonische-hulpvraag", {**VALID, "acute_danger": "on"})
    assert response.status_code == 200
    assert Case.objects.get().urgent is True
    assert "112" in response.content.decode()


def test_phone_intake_errors_name_the_fields_and_keep_the_text(people, as_user):
    data = {**VALID, "municipality": "", "phone": "", "concerns": []}
    response = as_user(people["advisor"]).post("/werkruimte/telefonische-hulpvraag", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert not Case.objects.exists()
    assert VALID["description"] in html
    assert 'value="Fatima El Amrani"' in html
    # each error is linked to its input
    assert 'id="id_municipality_error"' in html
    assert 'aria-describedby="id_municipality_helptext id_municipality_error"' in html
    assert 'id="id_phone_error"' in html
    assert 'id="id_concerns_error"' in html
    assert "Kies uw gemeente." in html


def test_phone_intake_empty_form_uses_the_one_set_of_rules(people, as_user):
    response = as_user(people["advisor"]).post("/werkruimte/telefonische-hulpvraag", {})
    assert response.status_code == 400
    html = response.content.decode()
    for field in ["role", "name", "phone", "preferred_contact", "concerns", "description"]:
        assert f'id="id_{field}_error"' in html, field


def test_provincial_role_needs_a_province(people, as_user):
    data = {**VALID, "role": "statenlid", "municipality": ""}
    response = as_user(people["advisor"]).post("/werkruimte/telefonische-hulpvraag", data)
    assert response.status_code == 400
    assert 'id="id_province_error"' in response.content.decode()
    response = as_user(people["advisor"]).post("/werkruimte/telefonische-hulpvraag", {**data, "province": "PV27"})
    assert response.status_code == 200
    assert Case.objects.get().association.code == "statenlidnu"
