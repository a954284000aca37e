"""The same capabilities for the office holder in "Mijn zaak": plain language, 112 first, only the own case."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from tests.factories import image_bytes, make_case
from tests.incidents_web.conftest import add_image, portal_client, record
from tests.incidents_web.test_workspace_pages import form_data
from weerbaar.core.models import AuditEntry
from weerbaar.incidents.models import DamageItem, Evidence, Incident, PoliceReport

pytestmark = pytest.mark.django_db

PAGES = [
    "incidenten",
    "incidenten/nieuw",
    "incidenten/1",
    "incidenten/1/wijzigen",
    "schade",
    "dossier",
]


@pytest.mark.parametrize("suffix", PAGES)
def test_portal_pages_put_112_first_and_are_not_cached(holder_client, people, case, suffix):
    record(people["advisor"], case)
    response = holder_client.get(f"/mijn-zaak/{suffix}")
    assert response.status_code == 200
    html = response.content.decode()
    main = html.index('id="main"')
    assert html.index('Acuut gevaar? Bel <a class="weerbaar-emergency__phone" href="tel:112">112</a>.') < main
    assert "no-store" in response["Cache-Control"]
    assert "Terug naar mijn zaak" in html


def test_office_holder_records_an_incident(holder_client, case):
    response = holder_client.post("/mijn-zaak/incidenten/nieuw", form_data())
    assert response.status_code == 302
    assert response["Location"] == "/mijn-zaak/incidenten/1"
    incident = Incident.objects.get(case=case)
    assert incident.recorded_by == "office_holder"
    html = holder_client.get(response["Location"]).content.decode()
    assert "Wat kunt u doen?" in html
    assert "Klacht nodig uiterlijk" in html
    assert "door de ambtsdrager" in html


def test_office_holder_uploads_evidence_and_sees_it_blurred(holder_client, case, people):
    record(people["advisor"], case)
    response = holder_client.post(
        "/mijn-zaak/incidenten/1/bewijs",
        {"evidence-file": SimpleUploadedFile("bericht.png", image_bytes()), "evidence-source_url": ""},
    )
    assert response.status_code == 302
    assert Evidence.objects.get(case=case).recorded_by == "office_holder"
    html = holder_client.get("/mijn-zaak/incidenten/1").content.decode()
    assert 'src="/mijn-zaak/bewijs/1/vervaagd"' in html
    assert holder_client.get("/mijn-zaak/bewijs/1/voorbeeld")["Content-Type"] == "image/jpeg"
    download = holder_client.get("/mijn-zaak/bewijs/1")
    assert download["Content-Disposition"].startswith("attachment;")
    assert AuditEntry.objects.filter(action="evidence.downloaded", actor=f"user:officeholder:{case.reference}").exists()


def test_office_holder_refused_upload_keeps_fields(holder_client, case, people):
    record(people["advisor"], case)
    response = holder_client.post(
        "/mijn-zaak/incidenten/1/bewijs",
        {
            "evidence-file": SimpleUploadedFile("foto.jpg", b"MZ" + bytes(300)),
            "evidence-source_url": "https://www.facebook.com/post/1",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies het bestand opnieuw" in html
    assert 'value="https://www.facebook.com/post/1"' in html


def test_office_holder_police_report_and_damage(holder_client, case, people):
    record(people["advisor"], case)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = holder_client.post(
        "/mijn-zaak/incidenten/1/aangifte", {"police-kind": "registration", "police-reported_on": yesterday}
    )
    assert response.status_code == 302
    report = PoliceReport.objects.get(incident__case=case)
    assert (report.open("sealed_details")["kind"], report.updated_by) == ("registration", "office_holder")
    response = holder_client.post(
        "/mijn-zaak/schade", {"damage-kind": "material", "damage-amount": "45", "damage-description": "Bril"}
    )
    assert response.status_code == 302
    assert DamageItem.objects.get(case=case).recorded_by == "office_holder"
    assert "€ 45,00" in holder_client.get("/mijn-zaak/schade").content.decode()


def test_office_holder_downloads_the_dossier_pdf(holder_client, case, people):
    record(people["advisor"], case)
    response = holder_client.post("/mijn-zaak/dossier", {"format": "pdf"})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]


def test_portal_page_links_incidents_and_shows_the_deadline(holder_client, case, people):
    record(people["advisor"], case, acts=["insult"], relatedToOffice=False)
    html = holder_client.get("/mijn-zaak").content.decode()
    for url in ("/mijn-zaak/incidenten", "/mijn-zaak/schade", "/mijn-zaak/dossier"):
        assert f'href="{url}"' in html
    assert "Klacht nodig uiterlijk" in html


def test_not_signed_in_goes_to_the_sign_in_page(case):
    for suffix in [*PAGES, "bewijs/1"]:
        response = Client().get(f"/mijn-zaak/{suffix}")
        assert response.status_code == 302
        assert response["Location"] == "/mijn-zaak/inloggen"


def test_another_office_holder_never_reaches_this_case(people, case, reference_data):
    record(people["advisor"], case)
    add_image(people["advisor"], case)
    other_case, code = make_case()
    other = portal_client(other_case, code)
    assert other.get("/mijn-zaak/incidenten/1").status_code == 404
    assert other.get("/mijn-zaak/bewijs/1").status_code == 404
    assert other.get("/mijn-zaak/bewijs/1/voorbeeld").status_code == 404
    html = other.get("/mijn-zaak/incidenten").content.decode()
    assert "boze_burger" not in html
    # a staff URL of the case is not reachable with a portal session either
    assert other.get(f"/werkruimte/zaken/{case.reference}/incidenten").status_code == 302


def test_closed_case_in_the_portal_is_read_only(people, reference_data):
    case, code = make_case(state="closed", advisor=people["advisor"])
    client = portal_client(case, code)
    html = client.get("/mijn-zaak/incidenten").content.decode()
    assert "Uw zaak is gesloten" in html
    assert "Nieuw incident vastleggen" not in html
    response = client.post("/mijn-zaak/incidenten/nieuw", form_data())
    assert response.status_code == 409
    assert "070-3738314" in response.content.decode()
    assert not Incident.objects.filter(case=case).exists()
    assert client.post("/mijn-zaak/dossier", {"format": "pdf"}).content.startswith(b"%PDF")


def test_no_case_content_in_any_address(holder_client, advisor_client, case, people):
    """Links and form actions carry only numbers (and, in the workspace, the reference): never content."""
    record(people["advisor"], case)
    add_image(people["advisor"], case, name="geheime-naam.jpg")
    pages = [holder_client.get(f"/mijn-zaak/{s}").content.decode() for s in ("incidenten", "incidenten/1", "schade")]
    pages += [
        advisor_client.get(f"/werkruimte/zaken/{case.reference}/{s}").content.decode()
        for s in ("incidenten", "incidenten/1", "schade", "dossier")
    ]
    for html in pages:
        for url in re.findall(r'(?:href|action|src)="([^"]*)"', html):
            assert "?" not in url or url.startswith("/static/"), url
            for secret in ("geheime", "boze_burger", "woont", "partner"):
                assert secret not in url, url


def test_office_holder_downloads_the_incident_step_plan_as_one_page(holder_client, case, people):
    import io

    from pypdf import PdfReader

    record(people["advisor"], case, acts=["insult"], relatedToOffice=False)
    html = holder_client.get("/mijn-zaak/incidenten/1").content.decode()
    assert 'href="/mijn-zaak/incidenten/1/stappenplan.pdf"' in html
    response = holder_client.get("/mijn-zaak/incidenten/1/stappenplan.pdf")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="stappenplan-incident-1.pdf"'
    assert "no-store" in response["Cache-Control"]
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "266" in text  # belediging, with its complaint deadline (art. 66 Sr)
    assert AuditEntry.objects.filter(action="incident.step_plan_downloaded", object_id=case.reference).exists()
    assert holder_client.get("/mijn-zaak/incidenten/9/stappenplan.pdf").status_code == 404


def test_office_holder_can_type_a_home_address_for_one_dossier(holder_client, case, people):
    import io

    from pypdf import PdfReader

    record(people["advisor"], case)
    html = holder_client.get("/mijn-zaak/dossier").content.decode()
    assert 'name="home_address"' in html
    assert "bewaart dit adres niet" in html
    response = holder_client.post("/mijn-zaak/dossier", {"format": "pdf", "home_address": "Dorpsstraat 12, Ergens"})
    assert response.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages[:2])
    assert "Dorpsstraat 12, Ergens" in text
    entry = AuditEntry.objects.filter(action="dossier.generated", object_id=case.reference).get()
    assert entry.details["includeHomeAddress"] is True
    assert "Dorpsstraat" not in str(entry.details)
    too_long = holder_client.post("/mijn-zaak/dossier", {"format": "pdf", "home_address": "x" * 201})
    assert too_long.status_code == 400
    assert "x" * 201 in too_long.content.decode()  # what was typed stays in the form
