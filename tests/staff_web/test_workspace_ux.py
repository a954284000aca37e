"""Workspace UX: the grouped navigation (Beheer), aria-current only on the page itself, the partner's nav and
footer, the error summary that links to each field, and the office holder's Uitloggen on every portal page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.directory_partners.factories import PartnerFactory
from tests.factories import make_case
from tests.incidents_web.conftest import portal_client

pytestmark = pytest.mark.django_db


def _current(html: str) -> list[str]:
    """The text of every link that says it is the current page."""
    return re.findall(r'aria-current="page">([^<]+)<', html)


def test_coordinator_nav_groups_the_admin_pages_under_beheer(people, as_user):
    html = as_user(people["coordinator"]).get("/werkruimte").content.decode()
    assert '<details class="weerbaar-ws-nav__group">' in html
    beheer = html[html.index("weerbaar-ws-nav__group") : html.index("</details>")]
    for label in ("Netwerk", "Adresboek", "Standaardteksten", "Achtergrondtaken"):
        assert f">{label}</a>" in beheer
    assert "Hulpvraag opnemen" in html
    assert "Telefonische hulpvraag" not in html
    assert _current(html) == ["Wachtrij"]


def test_a_page_under_beheer_is_current_and_marks_the_group(people, as_user):
    html = as_user(people["coordinator"]).get("/werkruimte/achtergrondtaken").content.decode()
    assert _current(html) == ["Achtergrondtaken"]
    assert "weerbaar-ws-nav__summary--current" in html


def test_advisor_sees_no_beheer(people, as_user):
    html = as_user(people["advisor"]).get("/werkruimte").content.decode()
    assert "Beheer" not in html
    assert "Achtergrondtaken" not in html


def test_case_sub_pages_do_not_claim_the_queue(people, as_user):
    case, _ = make_case(state="claimed", advisor=people["advisor"])
    client = as_user(people["advisor"])
    for path in (f"/werkruimte/zaken/{case.reference}", f"/werkruimte/zaken/{case.reference}/nazorg"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Wachtrij" not in _current(response.content.decode()), path


def test_partner_has_referrals_in_the_nav_and_a_footer_of_their_own(people, as_user):
    piet = people["partner"]
    piet.partner = PartnerFactory()
    piet.save(update_fields=["partner"])
    html = as_user(piet).get("/partner/verwijzingen").content.decode()
    assert _current(html) == ["Verwijzingen"]
    assert "Weerbaar voor netwerkpartners." in html
    assert "werkruimte voor medewerkers" not in html
    staff = as_user(people["advisor"]).get("/werkruimte").content.decode()
    assert "Weerbaar werkruimte voor medewerkers." in staff
    assert "Verwijzingen</a>" not in staff


def test_error_summary_links_each_error_to_its_field(people, as_user):
    case, _ = make_case(state="claimed", advisor=people["advisor"])
    response = as_user(people["advisor"]).post(
        f"/werkruimte/zaken/{case.reference}/taken",
        {"task-text": "", "task-due_date": "morgen", "task-assignee": "anna"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    summary = html[html.index('class="weerbaar-error-summary"') :]
    summary = summary[: summary.index("</div>")]
    assert 'tabindex="-1"' in summary
    assert "Er is een probleem" in summary
    assert "Controleer de gemarkeerde velden." in summary
    link = r'<a class="weerbaar-error-summary__link" href="#id_task-text">Wat moet er gebeuren\? Schrijf wat'
    assert re.search(link, summary)  # the label, then the message (no colon after a question)
    assert 'id="id_task-text"' in html  # the anchor exists


def test_office_holder_can_sign_out_from_a_portal_sub_page(people):
    case, code = make_case(state="claimed", advisor=people["advisor"])
    client = portal_client(case, code)
    for path in ("/mijn-zaak", "/mijn-zaak/doorverwijzingen"):
        html = client.get(path).content.decode()
        assert html.count('action="/mijn-zaak/uitloggen"') == 1, path
    anonymous = Client().get("/mijn-zaak/inloggen").content.decode()
    assert 'action="/mijn-zaak/uitloggen"' not in anonymous
