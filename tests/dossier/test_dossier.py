"""The police dossier: a tagged PDF and a ZIP whose manifest proves every original, for a case of 30 incidents
with 60 images (the size of the issue's "done when"), plus the home address rule, integrity and the audit."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile

import pytest
from pypdf import PdfReader

from tests.dossier.builders import build_case
from tests.factories import UserFactory, incident_payload, make_case
from weerbaar.accounts import policy
from weerbaar.accounts.policy import OfficeHolder
from weerbaar.cases.models import Case
from weerbaar.core.errors import Forbidden, InvalidInput
from weerbaar.core.models import AuditEntry
from weerbaar.guidance import dossier, pdf
from weerbaar.incidents import services, vault
from weerbaar.incidents.models import Evidence
from weerbaar.incidents.validation import validate_incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor(reference_data):
    return UserFactory(username="adv", role="advisor")


@pytest.fixture
def case(advisor):
    case, _code = make_case(state="claimed", advisor=advisor)
    return case


def pdf_text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(page.extract_text() or "" for page in reader.pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_thirty_incidents_sixty_images_pdf_and_zip(advisor, case):
    stored = build_case(advisor, case, incidents=30, images=60)
    assert len(stored) == 61  # 60 images and one receipt

    pdf = dossier.dossier_pdf(access=policy.access_case_for(advisor, case.reference))
    reader, text = pdf_text(pdf)
    flat = squash(text)
    assert pdf.startswith(b"%PDF-")
    assert 10 <= len(reader.pages) <= 60, len(reader.pages)
    assert case.reference in text
    assert "Dossier voor de politie" in text
    assert "Samenvatting voor de politie" in text
    assert "VPT-code" in text
    assert "art. 285 Sr" in text
    assert "art. 285b Sr" in text
    assert "1 juli 2025" in text  # address protection note
    assert "Incident 1 —" in text
    assert "Incident 30 —" in text
    assert "@dader_30" in text  # perpetrator identifiers
    assert "PL1300-2026123456" in text  # the police report number of incident 1
    assert "Pagina 1 van" in text
    for sha in stored.values():  # every hash printed (in two halves of 32)
        assert sha in flat
    # the office holder's contact details never go in; no home address was given
    assert "sam@example.org" not in text
    assert "12345678" not in text
    assert "Huisadres (door de ambtsdrager" not in text
    assert "staat bewust niet in dit dossier" in text
    # accessible: tagged, with language and title
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]).startswith("nl")
    assert reader.metadata.title == f"Dossier voor de politie — zaak {case.reference}"

    archive = zipfile.ZipFile(io.BytesIO(dossier.dossier_zip(access=policy.access_case_for(advisor, case.reference))))
    names = archive.namelist()
    assert {"dossier.pdf", "manifest.json", "SHA256SUMS", "LEESMIJ.txt"} <= set(names)
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["caseReference"] == case.reference
    assert manifest["rulesVersion"]
    assert manifest["generatedAt"]
    assert len(manifest["files"]) == 61
    for entry in manifest["files"]:
        content = archive.read(entry["path"])
        assert entry["path"].startswith("bewijs/")
        assert hashlib.sha256(content).hexdigest() == entry["sha256"] == stored[entry["exhibit"]]
        assert len(content) == entry["size"]
        assert entry["mediaType"] in ("image/jpeg", "image/png", "application/pdf")
    images = [e for e in manifest["files"] if e["mediaType"] != "application/pdf"]
    assert all(e["incident"] and e["capturedAt"] and e["sourceUrl"].startswith("https://x.com/") for e in images)
    # SHA256SUMS: "<hash>  <path>" for the PDF and every original, as sha256sum -c reads it
    lines = archive.read("SHA256SUMS").decode().splitlines()
    assert len(lines) == 62
    for line in lines:
        digest, path = re.fullmatch(r"([0-9a-f]{64})  (\S.*)", line).groups()
        assert hashlib.sha256(archive.read(path)).hexdigest() == digest
    assert manifest["dossier"]["sha256"] == hashlib.sha256(archive.read("dossier.pdf")).hexdigest()
    leesmij = archive.read("LEESMIJ.txt").decode()
    assert "sha256sum -c SHA256SUMS" in leesmij
    assert "ENGLISH" in leesmij

    entries = list(AuditEntry.objects.filter(action="dossier.generated", object_id=case.reference).order_by("id"))
    assert [e.details["format"] for e in entries] == ["pdf", "zip"]
    assert entries[0].details["incidents"] == 30
    assert entries[0].details["evidence"] == 61
    assert entries[0].details["exhibits"] == sorted(stored)
    assert entries[0].details["includeHomeAddress"] is False
    assert entries[0].actor == "user:adv"
    # one entry per generation: no per-file download entries
    assert not AuditEntry.objects.filter(action="evidence.downloaded", object_id=case.reference).exists()


def _record(actor, case, **overrides):
    return services.incident_record(
        actor=actor, reference=case.reference, data=validate_incident(incident_payload(**overrides))
    )


def test_home_address_only_when_the_office_holder_types_it_and_never_stored(advisor, case):
    _record(advisor, case)
    holder = OfficeHolder(case.pk, case.reference)
    _reader, text = pdf_text(dossier.dossier_pdf(access=policy.access_case_for(holder, case.reference)))
    assert "Huisadres (door de ambtsdrager" not in text
    assert "staat bewust niet in dit dossier" in text
    _reader, text = pdf_text(
        dossier.dossier_pdf(
            access=policy.access_case_for(holder, case.reference), home_address="  Dorpsstraat 12,\n1234 AB Ergens "
        )
    )
    assert "Dorpsstraat 12, 1234 AB Ergens" in text
    # printed and forgotten: not in any column, not in the audit entry
    assert "Dorpsstraat" not in str(list(AuditEntry.objects.values_list("details", flat=True)))
    assert b"Dorpsstraat" not in bytes(Case.objects.get(pk=case.pk).sealed_request)
    flags = list(AuditEntry.objects.filter(action="dossier.generated").order_by("id").values_list("details", flat=True))
    assert [f["includeHomeAddress"] for f in flags] == [False, True]


def test_staff_cannot_put_a_home_address_on_the_dossier(advisor, case):
    _record(advisor, case)
    with pytest.raises(Forbidden):
        dossier.dossier_pdf(access=policy.access_case_for(advisor, case.reference), home_address="Dorpsstraat 12")
    with pytest.raises(Forbidden):
        dossier.dossier_zip(access=policy.access_case_for(advisor, case.reference), home_address="Dorpsstraat 12")
    assert not AuditEntry.objects.filter(action="dossier.generated").exists()


def test_an_over_long_home_address_is_refused(case):
    holder = OfficeHolder(case.pk, case.reference)
    with pytest.raises(InvalidInput) as exc:
        dossier.dossier_pdf(access=policy.access_case_for(holder, case.reference), home_address="x" * 201)
    assert exc.value.invalid_params[0]["name"] == "homeAddress"


def test_office_holder_gets_it_in_english(case):
    holder = OfficeHolder(case.pk, case.reference)
    _record(holder, case, acts=["insult"], relatedToOffice=False)
    reader, text = pdf_text(dossier.dossier_pdf(access=policy.access_case_for(holder, case.reference), language="en"))
    # the legal texts are in code (English here); the template's own words follow the .po files
    assert "Insult" in text
    assert "Belediging" not in text
    assert str(reader.trailer["/Root"]["/Lang"]).startswith("en")
    entry = AuditEntry.objects.get(action="dossier.generated")
    assert entry.actor == f"user:officeholder:{case.reference}"
    assert entry.details["language"] == "en"


def test_a_changed_original_stops_the_dossier(advisor, case):
    from tests.factories import image_bytes

    _record(advisor, case)
    data = image_bytes("PNG")
    evidence = services.evidence_add(
        actor=advisor, reference=case.reference, upload=services.Upload("a.png", data, len(data)), incident_number=1
    )
    # replace the stored original by another validly encrypted file: decrypts fine, hash differs
    other = vault.store(case, image_bytes("PNG", color=(1, 2, 3)))
    Evidence.objects.filter(pk=evidence.pk).update(storage_name=other)
    for make in (dossier.dossier_pdf, dossier.dossier_zip):
        with pytest.raises(services.IntegrityError):
            make(access=policy.access_case_for(advisor, case.reference))
    assert not AuditEntry.objects.filter(action="dossier.generated").exists()
    assert AuditEntry.objects.filter(action="evidence.integrity_failed", object_id=case.reference).count() == 2


def test_renderer_fetches_nothing_but_its_own_memory():
    fetcher = pdf.MemoryFetcher({"weerbaar:preview/1": (b"x", "image/jpeg")})
    assert fetcher.fetch("weerbaar:preview/1").read() == b"x"
    for url in ("file:///etc/passwd", "http://127.0.0.1/", "https://example.org/a.png", "weerbaar:preview/2"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_account_text_cannot_inject_markup(advisor, case):
    _record(advisor, case, description='<img src="file:///etc/hostname"> <b>vet</b>')
    _reader, text = pdf_text(dossier.dossier_pdf(access=policy.access_case_for(advisor, case.reference)))
    assert '<img src="file:///etc/hostname">' in text  # printed as text, not fetched or rendered
