"""Damage items with receipts and routes, and the dossier downloads (POST, attachment, no-store, audited)."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.factories import image_bytes, minimal_pdf
from tests.incidents_web.conftest import add_image, field_value, record, textarea, ws
from weerbaar.core.models import AuditEntry
from weerbaar.incidents.models import DamageItem, Evidence

pytestmark = pytest.mark.django_db


def test_add_damage_items_shows_amounts_total_and_routes(advisor_client, people, case):
    record(people["advisor"], case, acts=["property_damage"])
    response = advisor_client.post(
        ws(case, "schade"),
        {
            "damage-kind": "material",
            "damage-amount": "1249,95",
            "damage-description": "Nieuwe ruit voordeur",
            "damage-incident": "1",
        },
    )
    assert response.status_code == 302
    advisor_client.post(
        ws(case, "schade"),
        {"damage-kind": "security", "damage-amount": "300", "damage-description": "Camera bij de deur"},
    )
    item = DamageItem.objects.get(case=case, kind="material")
    assert item.amount_cents == 124995
    assert item.incident.number == 1
    html = advisor_client.get(ws(case, "schade")).content.decode()
    assert "€ 1.249,95" in html
    assert "€ 300,00" in html
    assert "€ 1.549,95" in html  # the total
    assert "Nieuwe ruit voordeur" in html
    assert 'data-route="injured_party"' in html
    assert AuditEntry.objects.filter(action="damage.list_read", object_id=case.reference).exists()


def test_damage_errors_keep_input(advisor_client, case):
    response = advisor_client.post(
        ws(case, "schade"), {"damage-kind": "medical", "damage-amount": "veel", "damage-description": "Fysiotherapie"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul een bedrag in euro&#x27;s in" in html or "Vul een bedrag in euro's in" in html
    assert field_value(html, "damage-amount") == "veel"
    assert textarea(html, "damage-description") == "Fysiotherapie"
    assert not DamageItem.objects.exists()


def test_receipt_is_evidence_linked_to_the_damage_item(advisor_client, people, case):
    from weerbaar.incidents import services
    from weerbaar.incidents.validation import validate_damage_item

    item = services.damage_item_add(
        actor=people["advisor"],
        reference=case.reference,
        data=validate_damage_item({"kind": "material", "amount": "80", "description": "Slot vervangen"}),
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = ws(case, f"schade/{item.pk}/bon")
    response = advisor_client.post(url, {f"receipt{item.pk}-file": SimpleUploadedFile("factuur.pdf", minimal_pdf())})
    assert response.status_code == 302
    evidence = Evidence.objects.get(case=case)
    assert evidence.damage_item_id == item.pk
    assert evidence.incident_id is None
    html = advisor_client.get(ws(case, "schade")).content.decode()
    assert "factuur.pdf" in html
    assert evidence.sha256 in html
    # a refused receipt: the page comes back with the reason at that item, other fields kept
    response = advisor_client.post(
        url,
        {
            f"receipt{item.pk}-file": SimpleUploadedFile("bon.png", image_bytes()[:50]),
            f"receipt{item.pk}-source_url": "https://winkel.example/bon",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "De afbeelding is beschadigd" in html
    assert field_value(html, f"receipt{item.pk}-source_url") == "https://winkel.example/bon"
    assert Evidence.objects.count() == 1


def test_workspace_dossier_page_offers_no_home_address(advisor_client, case):
    response = advisor_client.get(ws(case, "dossier"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="home_address"' not in html
    assert 'method="post"' in html
    assert "1 juli 2025" in html  # why the home address stays out


def test_workspace_post_with_a_home_address_leaves_it_out(advisor_client, people, case):
    record(people["advisor"], case)
    response = advisor_client.post(ws(case, "dossier"), {"format": "pdf", "home_address": "Dorpsstraat 12"})
    assert response.status_code == 200
    entry = AuditEntry.objects.filter(action="dossier.generated", object_id=case.reference).get()
    assert entry.details["includeHomeAddress"] is False


def test_dossier_pdf_download(advisor_client, people, case):
    record(people["advisor"], case)
    add_image(people["advisor"], case)
    response = advisor_client.post(ws(case, "dossier"), {"format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == f'attachment; filename="dossier-{case.reference}.pdf"'
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.filter(action="dossier.generated", object_id=case.reference).get()
    assert entry.details["includeHomeAddress"] is False
    assert entry.details["format"] == "pdf"


def test_dossier_zip_download_has_the_originals(advisor_client, people, case):
    record(people["advisor"], case)
    evidence = add_image(people["advisor"], case)
    response = advisor_client.post(ws(case, "dossier"), {"format": "zip"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert any(n.endswith(".pdf") for n in names)
    assert any(evidence.sha256 in archive.read(n).decode("utf-8", "replace") for n in names if "manifest" in n)
    entry = AuditEntry.objects.filter(action="dossier.generated", object_id=case.reference).get()
    assert (entry.details["format"], entry.details["includeHomeAddress"]) == ("zip", False)


def test_dossier_needs_post(advisor_client, case):
    response = advisor_client.get(ws(case, "dossier") + "?format=pdf")
    assert response["Content-Type"].startswith("text/html")
