"""Evidence on the web: upload with source and capture time, refusals that keep the other fields,
raw path-traversal names, size and type by content, previews without EXIF, audited downloads."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from tests.factories import image_bytes, minimal_pdf
from tests.incidents_web.conftest import add_image, field_value, record, ws
from weerbaar.core.models import AuditEntry
from weerbaar.incidents.models import Evidence

pytestmark = pytest.mark.django_db

SOURCE = "https://x.com/boze_burger_71/status/1234"


@pytest.fixture
def incident(people, case):
    return record(people["advisor"], case)


def upload(client, case, content, name, **extra):
    data = {
        "evidence-file": SimpleUploadedFile(name, content),
        "evidence-source_url": SOURCE,
        "evidence-captured_at": "2026-01-05T21:15",
    }
    data.update(extra)
    return client.post(ws(case, "incidenten/1/bewijs"), data)


def test_upload_an_image_stores_it_with_hash_and_lists_it(advisor_client, case, incident):
    data = image_bytes("JPEG", exif_gps=True)
    response = upload(advisor_client, case, data, "bedreiging.jpg")
    assert response.status_code == 302
    assert response["Location"] == ws(case, "incidenten/1#bewijs")
    evidence = Evidence.objects.get(case=case)
    assert evidence.sha256 == hashlib.sha256(data).hexdigest()
    html = advisor_client.get(ws(case, "incidenten/1")).content.decode()
    assert "Bewijsstuk 1" in html
    assert "bedreiging.jpg" in html
    assert evidence.sha256 in html  # the full hash
    assert SOURCE in html
    assert "image/jpeg" in html
    # blurred first; the clear preview only inside the <details>, loaded lazily
    details = html[html.index('<details class="weerbaar-evidence__preview">') :]
    details = details[: details.index("</details>")]
    summary = details[details.index("<summary") : details.index("</summary>")]
    assert ws(case, "bewijs/1/vervaagd") in summary
    assert "Toon afbeelding — kan schokkend zijn" in summary
    assert ws(case, "bewijs/1/voorbeeld") not in summary
    assert ws(case, "bewijs/1/voorbeeld") in details
    assert 'loading="lazy"' in details
    assert 'alt="Vervaagde afbeelding van bewijsstuk 1"' in summary


def test_preview_and_blurred_are_served_without_exif_and_audited(advisor_client, people, case, incident):
    add_image(people["advisor"], case)
    for suffix in ("bewijs/1/voorbeeld", "bewijs/1/vervaagd"):
        response = advisor_client.get(ws(case, suffix))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]
        assert not response.get("Content-Disposition", "").startswith("attachment")
        image = Image.open(io.BytesIO(response.content))
        assert dict(image.getexif()) == {}
        assert b"Sam de Vries" not in response.content
    assert AuditEntry.objects.filter(action="evidence.viewed", object_id=case.reference).count() == 2


def test_download_is_the_original_as_attachment_and_audited(advisor_client, people, case, incident):
    evidence = add_image(people["advisor"], case, name="foto van de deur.jpg")
    response = advisor_client.get(ws(case, "bewijs/1"))
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == evidence.sha256
    assert b"Sam de Vries" in response.content  # the original is unchanged, EXIF included
    assert response["Content-Disposition"].startswith("attachment;")
    assert "001-foto van de deur.jpg" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.filter(action="evidence.downloaded", object_id=case.reference).get()
    assert entry.details == {"evidence": 1, "rendition": "original"}


def test_a_pdf_has_no_preview(advisor_client, people, case, incident):
    from weerbaar.incidents import services

    services.evidence_add(
        actor=people["advisor"],
        reference=case.reference,
        upload=services.Upload("brief.pdf", minimal_pdf(), len(minimal_pdf())),
        incident_number=1,
    )
    html = advisor_client.get(ws(case, "incidenten/1")).content.decode()
    assert "application/pdf" in html
    assert "weerbaar-evidence__preview" not in html
    assert advisor_client.get(ws(case, "bewijs/1/voorbeeld")).status_code == 404


def assert_refused(response, message):
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Kies het bestand opnieuw" in html  # a browser cannot keep a chosen file: the page says so
    assert field_value(html, "evidence-source_url") == SOURCE
    assert field_value(html, "evidence-captured_at") == "2026-01-05T21:15"
    assert 'enctype="multipart/form-data"' in html
    return html


def test_wrong_type_is_refused_by_content_not_name(advisor_client, case, incident):
    response = upload(advisor_client, case, b"\x7fELF\x02\x01\x01" + bytes(200), "foto.jpg")
    assert_refused(response, "Dit soort bestand")
    assert not Evidence.objects.exists()


def test_corrupt_image_is_refused(advisor_client, case, incident):
    response = upload(advisor_client, case, image_bytes("PNG")[:60], "kapot.png")
    assert_refused(response, "De afbeelding is beschadigd of onvolledig")
    assert not Evidence.objects.exists()


def test_oversized_file_is_refused(advisor_client, case, incident, settings):
    settings.EVIDENCE_MAX_FILE_BYTES = 1024
    response = upload(advisor_client, case, minimal_pdf() + bytes(5000), "groot.pdf")
    assert_refused(response, "Het bestand is te groot")
    assert not Evidence.objects.exists()


def test_missing_file_is_refused(advisor_client, case, incident):
    response = advisor_client.post(
        ws(case, "incidenten/1/bewijs"),
        {"evidence-source_url": SOURCE, "evidence-captured_at": "2026-01-05T21:15"},
    )
    assert_refused(response, "Kies een bestand om toe te voegen.")


def test_bad_source_url_is_refused_and_the_rest_kept(advisor_client, case, incident):
    response = upload(advisor_client, case, image_bytes(), "foto.png", **{"evidence-source_url": "javascript:x"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "begint met https://" in html
    assert field_value(html, "evidence-source_url") == "javascript:x"
    assert not Evidence.objects.exists()


def raw_multipart(name: str, content: bytes, boundary: str = "weerbaarBoundary7MA4YWxkTrZu0gW") -> bytes:
    """A multipart body built by hand, so the file name reaches the server exactly as written."""
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="evidence-source_url"\r\n\r\n{SOURCE}\r\n'.encode(),
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="evidence-file"; filename="{name}"\r\n'
            "Content-Type: image/png\r\n\r\n"
        ).encode()
        + content
        + b"\r\n",
        f"--{boundary}--\r\n".encode(),
    ]
    return b"".join(parts)


@pytest.mark.parametrize("name", ["../../x.png", "..\\..\\x.png", "/etc/passwd"])
def test_path_traversal_name_is_refused_not_silently_stripped(advisor_client, case, incident, name):
    boundary = "weerbaarBoundary7MA4YWxkTrZu0gW"
    response = advisor_client.post(
        ws(case, "incidenten/1/bewijs"),
        data=raw_multipart(name, image_bytes()),
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    html = response.content.decode()
    assert response.status_code == 400, html[:2000]
    assert "De bestandsnaam bevat een map of pad" in html
    assert field_value(html, "evidence-source_url") == SOURCE
    assert not Evidence.objects.exists()


def test_upload_still_needs_a_csrf_token(people, case, incident):
    from tests.staff_web.conftest import verified_client

    client = verified_client(people["advisor"])
    client.handler.enforce_csrf_checks = True
    response = upload(client, case, image_bytes(), "foto.png")
    assert response.status_code == 403
    page = client.get(ws(case, "incidenten/1")).content.decode()
    token = field_value(page, "csrfmiddlewaretoken")
    response = upload(client, case, image_bytes(), "foto.png", csrfmiddlewaretoken=token)
    assert response.status_code == 302
    assert Evidence.objects.count() == 1


def test_anonymous_upload_goes_to_sign_in_and_stores_nothing(case, incident):
    response = upload(Client(), case, image_bytes(), "foto.png")
    assert response.status_code == 302
    assert response["Location"].startswith("/medewerkers/inloggen")
    assert not Evidence.objects.exists()


def test_evidence_of_another_case_is_not_found(advisor_client, people, case, incident, reference_data):
    from tests.factories import make_case

    other, _ = make_case(state="claimed", advisor=people["other_advisor"], role="wethouder")
    record(people["other_advisor"], other)
    add_image(people["other_advisor"], other)
    assert advisor_client.get(ws(other, "bewijs/1")).status_code == 404
    assert advisor_client.get(ws(case, "bewijs/1")).status_code == 404  # this case has no evidence 1
    assert not AuditEntry.objects.filter(action="evidence.downloaded").exists()


def test_an_original_that_fails_its_hash_is_not_served(advisor_client, people, case, incident):
    evidence = add_image(people["advisor"], case)
    Evidence.objects.filter(pk=evidence.pk).update(sha256="0" * 64)
    response = advisor_client.get(ws(case, "bewijs/1"))
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert "komt niet meer overeen" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert not AuditEntry.objects.filter(action="evidence.downloaded").exists()
