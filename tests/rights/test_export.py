"""The office holder's copy of everything (art. 15/20 AVG): ``GET /api/v1/help-requests/{ref}/export`` and the
download in Mijn zaak — a streamed ZIP with a readable PDF, machine-readable JSON and the original evidence."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tracemalloc
import zipfile

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import staff_authorization
from tests.factories import make_case, minimal_pdf
from tests.incidents_web.conftest import portal_client
from tests.rights.conftest import REQUEST_TEXT
from weerbaar.accounts import policy
from weerbaar.core.errors import NotFound
from weerbaar.core.models import AuditEntry
from weerbaar.incidents import services as incident_services
from weerbaar.incidents import vault
from weerbaar.rights import export

pytestmark = pytest.mark.django_db


def _zip(response) -> zipfile.ZipFile:
    assert response.streaming, "the export is streamed, never built whole"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_office_holder_downloads_everything_as_a_zip(filled, holder_api):
    case, _code = filled
    response = holder_api.get(f"/api/v1/help-requests/{case.reference}/export")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"] == f'attachment; filename="weerbaar-gegevens-{case.reference}.zip"'
    archive = _zip(response)
    names = archive.namelist()
    assert names[:3] == ["LEESMIJ.txt", "overzicht.pdf", "gegevens.json"]
    assert names[-1] == "SHA256SUMS"
    assert archive.read("overzicht.pdf").startswith(b"%PDF-")

    data = json.loads(archive.read("gegevens.json"))
    assert data["format"] == "weerbaar-export"
    assert data["version"] == 1
    assert data["case"]["reference"] == case.reference
    # the municipality is sealed with the request (issue 12, point 6) and still exported with the case's facts
    assert (data["case"]["municipality"], data["case"]["province"]) == ("Amsterdam", "Noord-Holland")
    assert data["request"]["name"] == "Sam de Vries"
    assert data["request"]["description"] == REQUEST_TEXT
    assert [m["text"] for m in data["messages"]] == ["Ik bel u morgen.", "Dank u."]
    assert data["incidents"][0]["description"] == "Bericht op X: 'we weten waar je woont'."
    assert data["damage"][0]["description"] == "Autowassen"
    assert data["notIncluded"] == [
        "notes",
        "calls",
        "statusReasons",
        "partnerAnswers",
        "concernNotes",
        "perpetratorIdentifiers",
    ]
    assert [row["exhibit"] for row in data["evidence"]] == [1, 2]

    # every original byte-identical, at the path the JSON names, with the hash Weerbaar recorded on arrival
    for row in data["evidence"]:
        content = archive.read(row["path"])
        assert hashlib.sha256(content).hexdigest() == row["sha256"]
        assert len(content) == row["size"]
    assert archive.read(data["evidence"][0]["path"]) == minimal_pdf()
    sums = dict(reversed(line.split("  ", 1)) for line in archive.read("SHA256SUMS").decode().splitlines())
    for name in names:
        if name != "SHA256SUMS" and name != "LEESMIJ.txt":
            assert sums[name] == hashlib.sha256(archive.read(name)).hexdigest(), name


def test_the_download_is_audited_once_without_content(filled, holder_api):
    case, _code = filled
    holder_api.get(f"/api/v1/help-requests/{case.reference}/export")
    entries = AuditEntry.objects.filter(object_id=case.reference, action="rights.exported")
    assert entries.count() == 1
    entry = entries.get()
    assert entry.actor == f"officeholder:{case.reference}"
    assert entry.details["evidence"] == [1, 2]
    assert "Sam" not in json.dumps(entry.details)


def test_the_pdf_is_english_when_asked_in_english(filled, holder_api):
    case, _code = filled
    response = holder_api.get(f"/api/v1/help-requests/{case.reference}/export", HTTP_ACCEPT_LANGUAGE="en")
    data = json.loads(_zip(response).read("gegevens.json"))
    assert data["language"] == "en"


def test_staff_tokens_and_other_office_holders_get_nothing(filled, advisor, holder_api):
    case, _code = filled
    staff = APIClient()
    staff.credentials(HTTP_AUTHORIZATION=staff_authorization(advisor))
    assert staff.get(f"/api/v1/help-requests/{case.reference}/export").status_code == 401
    other, other_code = make_case()
    from tests.api.conftest import bearer_client

    response = bearer_client(other.reference, other_code).get(f"/api/v1/help-requests/{case.reference}/export")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert not AuditEntry.objects.filter(action="rights.exported").exists()


def test_a_damaged_original_gives_a_problem_and_no_zip(filled, holder_api):
    case, _code = filled
    evidence = case.evidence.get(number=2)
    vault.evidence_storage().delete(evidence.storage_name)
    vault.evidence_storage().save(evidence.storage_name, io.BytesIO(b"not the ciphertext"))
    response = holder_api.get(f"/api/v1/help-requests/{case.reference}/export")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/problem+json")
    assert AuditEntry.objects.filter(object_id=case.reference, action="evidence.integrity_failed").exists()
    assert not AuditEntry.objects.filter(object_id=case.reference, action="rights.exported").exists()


def test_only_the_office_holder_of_the_case_may_export(filled, advisor):
    case, _code = filled
    staff_access = policy.access_case(advisor, case.reference, level=policy.CONTENT)
    with pytest.raises(NotFound):
        export.export_prepare(access=staff_access)
    assert not policy.can_export_case(staff_access)


# --- Mijn zaak ---------------------------------------------------------------------------------------------------


def test_mijn_zaak_has_the_download_button_and_it_downloads(filled):
    case, code = filled
    client = portal_client(case, code)
    page = client.get("/mijn-zaak").content.decode()
    assert 'href="/mijn-zaak/uw-gegevens/download"' in page
    assert "Download uw gegevens" in page
    response = client.get("/mijn-zaak/uw-gegevens/download")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    data = json.loads(_zip(response).read("gegevens.json"))
    assert data["request"]["description"] == REQUEST_TEXT


def test_without_a_session_the_download_sends_to_the_sign_in(filled):
    response = APIClient().get("/mijn-zaak/uw-gegevens/download")
    assert response.status_code == 302
    assert response["Location"] == "/mijn-zaak/inloggen"


# --- bounded memory ----------------------------------------------------------------------------------------------

FILE_BYTES = 2 * 1024 * 1024


def _peak_while_sending(case, advisor, files: int) -> tuple[int, int, int]:
    """Add ``files`` originals of 2 MB to the case, then send its ZIP: (peak traced memory, bytes sent, largest
    piece handed to the response)."""
    for index in range(files):
        body = minimal_pdf() + b"%" + os.urandom(FILE_BYTES)
        upload = incident_services.Upload(f"groot-{index}.pdf", body, len(body))
        incident_services.evidence_add(actor=advisor, reference=case.reference, upload=upload)
    principal = policy.OfficeHolder(case_id=case.pk, reference=case.reference)
    prepared = export.export_prepare(access=policy.access_case_as_office_holder(principal, case.reference))
    sent = largest = 0
    tracemalloc.start()
    try:
        for piece in prepared.chunks():
            sent += len(piece)
            largest = max(largest, len(piece))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, sent, largest


def test_memory_is_bounded_by_one_file_not_by_the_whole_case(advisor):
    """Two originals or eight: sending the ZIP takes the same memory (about one original a few times over), and
    the response gets it in pieces of at most ``export.CHUNK``."""
    small, _ = make_case(state="claimed", advisor=advisor)
    large, _ = make_case(state="claimed", advisor=advisor)
    peak_small, sent_small, _ = _peak_while_sending(small, advisor, 2)
    peak_large, sent_large, largest = _peak_while_sending(large, advisor, 8)
    assert sent_large > 8 * FILE_BYTES > 3 * sent_small
    assert largest <= export.CHUNK + 64 * 1024
    assert peak_large < peak_small + FILE_BYTES // 4, (peak_small / 2**20, peak_large / 2**20)
    assert peak_large < 4 * FILE_BYTES  # the encrypted blob, its plain text and a piece in flight


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_reads_in_words_in_either_language(filled, holder_api):
    case, _code = filled
    url = f"/api/v1/help-requests/{case.reference}/export"
    dutch = _pdf_text(_zip(holder_api.get(url)).read("overzicht.pdf"))
    assert "Uw gegevens in Weerbaar" in dutch
    assert "Naam" in dutch
    assert "Sam de Vries" in dutch
    assert "preferredContact" not in dutch  # the JSON's names stay in the JSON
    assert "Ik bel u morgen." in dutch
    english = _pdf_text(_zip(holder_api.get(url, HTTP_ACCEPT_LANGUAGE="en")).read("overzicht.pdf"))
    assert "Your data in Weerbaar" in english
    assert "Name" in english
    assert "Sam de Vries" in english


def test_the_concern_note_and_the_perpetrators_identifiers_stay_out_of_the_copy(filled, advisor, holder_api):
    """Both are named in ``notIncluded`` and neither's words reach the ZIP: the concern note is the advisor's
    assessment, the identifiers are another person's data (art. 15(4) AVG); the office holder asks the advisor."""
    from tests.concerns.factories import save_note
    from weerbaar.matching import services as matching_services

    case, _code = filled
    save_note(advisor, case, summary="Eerst online, nu bij de woning: zorgelijk.")
    matching_services.matching_switch(actor="system:test", enabled=True)
    matching_services.identifier_add(
        access=policy.access_case(advisor, case.reference), incident_number=1, kind="phone", value="06-55598765"
    )
    archive = _zip(holder_api.get(f"/api/v1/help-requests/{case.reference}/export"))
    everything = b"".join(archive.read(name) for name in archive.namelist() if not name.startswith("bewijs/"))
    for secret in ("Eerst online, nu bij de woning", "55598765", "+31655598765"):
        assert secret.encode() not in everything
    pdf = _pdf_text(archive.read("overzicht.pdf"))  # the PDF's text is compressed in its bytes: read it as text
    assert "zorgelijk" not in pdf
    assert "55598765" not in pdf
    assert "zorgnotitie" in pdf
    assert "zorgnotitie" in archive.read("LEESMIJ.txt").decode()
