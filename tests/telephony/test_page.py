"""/werkruimte/telefoon: my calls, the active call, the intake pre-filled from a call; coordinators see metadata."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_case
from tests.staff_web.conftest import verified_client
from tests.telephony.conftest import event_body, post_event
from weerbaar.core.models import AuditEntry
from weerbaar.telephony.models import Call

pytestmark = pytest.mark.django_db

PAGE = "/werkruimte/telefoon"


def _call(provider, *events, **kwargs) -> Call:
    start = timezone.now() - timedelta(minutes=1)
    for offset, event in enumerate(events):
        assert (
            post_event(provider, event_body(event, at=start + timedelta(seconds=offset), **kwargs)).status_code == 202
        )
    return Call.objects.get(call_id=kwargs.get("call_id", "call-1"))


def test_an_active_matched_call_shows_the_banner_and_the_case(provider, anna):
    case, _ = make_case()
    _call(provider, "new_call", "answered")
    response = verified_client(anna).get(PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Actief gesprek" in html
    assert "06 12345678" in html
    assert f"/werkruimte/zaken/{case.reference}" in html
    assert AuditEntry.objects.filter(action="telephony.numbers_read").exists()


def test_an_unmatched_call_offers_a_phone_intake_without_the_number_in_the_url(provider, anna):
    call = _call(provider, "new_call", "answered", number="+31698765432")
    html = verified_client(anna).get(PAGE).content.decode()
    assert "Nieuwe telefonische hulpvraag" in html
    link = f"/werkruimte/telefoon/{call.pk}/hulpvraag"
    assert f'href="{link}"' in html
    assert "98765432" not in link

    form = verified_client(anna).get(link)
    assert form.status_code == 200
    assert 'value="06 98765432"' in form.content.decode()
    assert 'action="/werkruimte/telefonische-hulpvraag"' in form.content.decode()


def test_the_prefilled_intake_creates_a_case_that_the_call_then_shows(provider, anna):
    call = _call(provider, "new_call", "answered", "hangup", number="+31698765432")
    client = verified_client(anna)
    response = client.post(
        "/werkruimte/telefonische-hulpvraag",
        {
            "role": "raadslid",
            "municipality": "GM0363",
            "name": "Beller",
            "phone": "06 98765432",
            "preferred_contact": "phone",
            "concerns": ["threat"],
            "description": "Telefonisch gemeld.",
        },
    )
    assert response.status_code == 200
    call.refresh_from_db()
    assert call.matched_case is not None
    assert f"/werkruimte/zaken/{call.matched_case.reference}" in client.get(PAGE).content.decode()


def test_a_hung_up_call_has_no_banner(provider, anna):
    _call(provider, "new_call", "answered", "hangup")
    html = verified_client(anna).get(PAGE).content.decode()
    assert "Actief gesprek" not in html
    assert "Beëindigd" in html


def test_an_advisor_sees_only_own_calls(provider, anna, olga):
    _call(provider, "new_call", call_id="for-anna")
    html = verified_client(olga).get(PAGE).content.decode()
    assert "Nog geen gesprekken." in html
    assert "06 12345678" not in html


def test_another_advisor_cannot_open_the_intake_of_my_call(provider, anna, olga, cora):
    call = _call(provider, "new_call")
    for user in (olga, cora):
        assert verified_client(user).get(f"/werkruimte/telefoon/{call.pk}/hulpvraag").status_code == 404
    assert verified_client(anna).get("/werkruimte/telefoon/999999/hulpvraag").status_code == 404


def test_a_coordinator_sees_every_call_without_numbers_and_the_unassigned_ones(provider, anna, cora):
    _call(provider, "new_call", call_id="assigned")
    _call(provider, "new_call", call_id="lost", advisor="no-such-user")
    client = verified_client(cora)
    html = client.get(PAGE).content.decode()
    assert "06 12345678" not in html
    assert "Anna Adviseur" in html
    assert "no-such-user" in html
    assert "Nieuwe telefonische hulpvraag" not in html
    only = client.get(PAGE + "?toon=niet-toegewezen").content.decode()
    assert "no-such-user" in only
    assert "Anna Adviseur" not in only


def test_the_nav_links_to_the_phone_page_for_case_workers(anna):
    html = verified_client(anna).get(PAGE).content.decode()
    assert 'href="/werkruimte/telefoon" aria-current="page"' in html
