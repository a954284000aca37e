"""The incident log and the evidence vault, through their services."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image

from tests.factories import UserFactory, image_bytes, incident_payload, incident_plan_stored, make_case, minimal_pdf
from weerbaar.accounts import policy
from weerbaar.accounts.policy import OfficeHolder
from weerbaar.core.errors import Conflict, InvalidInput, NotFound
from weerbaar.core.models import AuditEntry
from weerbaar.directory.models import Association
from weerbaar.incidents import selectors, services, vault
from weerbaar.incidents.models import Evidence, Incident
from weerbaar.incidents.validation import validate_incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor(reference_data):
    return UserFactory(username="adv", role="advisor")


@pytest.fixture
def case(advisor):
    case, _code = make_case(state="claimed", advisor=advisor)
    return case


def record(actor, case, **overrides):
    return services.incident_record(
        actor=actor, reference=case.reference, data=validate_incident(incident_payload(**overrides))
    )


def test_incident_is_numbered_sealed_and_assessed(advisor, case):
    first = record(advisor, case)
    second = record(OfficeHolder(case.pk, case.reference), case, acts=["insult"], relatedToOffice=False)
    assert (first.number, second.number) == (1, 2)
    assert second.recorded_by == "office_holder"
    assert second.author is None
    raw = bytes(Incident.objects.get(pk=first.pk).sealed_details)
    assert b"boze_burger" not in raw
    assert b"woont" not in raw
    assert incident_plan_stored(first)["result"]["offences"][0]["article"] == "285"
    assert first.complaint_deadline is None  # art. 285 needs no complaint
    # art. 266 outside the office: a complaint within 3 months of learning of it (art. 66 Sr)
    assert second.complaint_deadline is not None
    views = selectors.incidents_read(access=policy.access_case(advisor, case.reference))
    assert [v.number for v in views] == [1, 2]
    assert views[0].perpetrator_identifiers == [{"kind": "handle", "value": "@boze_burger_71"}]
    assert AuditEntry.objects.filter(action="incident.recorded", object_id=case.reference).count() == 2


def test_other_association_advisor_cannot_record(case, reference_data):
    outsider = UserFactory(
        username="other",
        role="advisor",
        association=Association.objects.get(code="ngb"),
    )
    with pytest.raises(NotFound):
        record(outsider, case)


def test_closed_case_takes_no_incident(advisor, reference_data):
    closed, _ = make_case(state="closed", advisor=advisor)
    with pytest.raises(Conflict):
        record(advisor, closed)


def test_evidence_original_is_byte_identical_and_encrypted(advisor, case):
    incident = record(advisor, case)
    data = image_bytes("JPEG", exif_gps=True)
    evidence = services.evidence_add(
        actor=advisor,
        reference=case.reference,
        upload=services.Upload("foto.jpg", data, len(data)),
        incident_number=incident.number,
        source_url="https://x.com/boze_burger_71/status/1",
        captured_at="2026-11-20T22:41:00+01:00",
    )
    assert evidence.sha256 == hashlib.sha256(data).hexdigest()
    assert evidence.media_type == "image/jpeg"
    stored = vault.evidence_storage().open(evidence.storage_name).read()
    assert data not in stored
    assert stored[:3] != b"\xff\xd8\xff"
    original = services.evidence_read(access=policy.access_case_for(advisor, case.reference), number=evidence.number)
    assert original.content == data
    preview = services.evidence_read(
        access=policy.access_case_for(advisor, case.reference), number=1, rendition="preview"
    )
    with Image.open(io.BytesIO(preview.content)) as img:
        assert not img.getexif()  # GPS position and owner are gone
        assert "exif" not in img.info
    assert services.evidence_verify_all().ok
    actions = set(AuditEntry.objects.filter(object_id=case.reference).values_list("action", flat=True))
    assert {"evidence.added", "evidence.downloaded", "evidence.viewed"} <= actions


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("virus.exe", b"MZ\x90\x00" + b"\x00" * 200, "nemen we niet aan"),
        ("../../etc/passwd.png", image_bytes(), "pad"),
        ("kapot.png", image_bytes()[:40], "beschadigd"),
        ("leeg.txt", b"", "leeg"),
        ("pagina.html", b"<!DOCTYPE html><html><body>hoi</body></html>", "webpagina"),
    ],
)
def test_refused_uploads_store_nothing(advisor, case, name, data, fragment):
    with pytest.raises(InvalidInput) as exc:
        services.evidence_add(actor=advisor, reference=case.reference, upload=services.Upload(name, data, len(data)))
    assert fragment in exc.value.message
    assert not Evidence.objects.exists()


def test_oversized_upload_refused(advisor, case, settings):
    settings.EVIDENCE_MAX_FILE_BYTES = 1000
    with pytest.raises(InvalidInput, match="te groot"):
        services.evidence_add(actor=advisor, reference=case.reference, upload=services.Upload("a.pdf", None, 5000))


def test_case_quota(advisor, case, settings):
    settings.EVIDENCE_MAX_CASE_BYTES = 300
    pdf = minimal_pdf()
    services.evidence_add(actor=advisor, reference=case.reference, upload=services.Upload("a.pdf", pdf, len(pdf)))
    with pytest.raises(InvalidInput, match="ruimte"):
        services.evidence_add(actor=advisor, reference=case.reference, upload=services.Upload("b.pdf", pdf, len(pdf)))
    assert Evidence.objects.count() == 1


def test_verify_detects_a_changed_file(advisor, case):
    pdf = minimal_pdf()
    evidence = services.evidence_add(
        actor=advisor, reference=case.reference, upload=services.Upload("a.pdf", pdf, len(pdf))
    )
    storage = vault.evidence_storage()
    path = storage.path(evidence.storage_name)
    with open(path, "rb") as handle:
        blob = bytearray(handle.read())
    blob[-1] ^= 1
    with open(path, "wb") as handle:
        handle.write(bytes(blob))
    report = services.evidence_verify_all()
    assert report.failed == [(case.reference, 1, "unreadable")]
    with pytest.raises(services.IntegrityError):
        services.evidence_read(access=policy.access_case_for(advisor, case.reference), number=1)
