"""The incident log, evidence vault, police reports, damage and dossier in the API (issue 3's contract).

Staff work under ``/cases/{reference}/…`` with a token, the office holder under ``/help-requests/{reference}/…``
with the follow-up bearer token; both sides share one behaviour (and one access rule, see the matrix).
"""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.api.conftest import assert_problem, bearer_client, staff_client
from tests.factories import UserFactory, image_bytes, incident_payload, make_case, minimal_pdf
from weerbaar.core.models import AuditEntry

pytestmark = pytest.mark.django_db

EML = (
    b"From: boze.burger@example.org\r\nTo: raadslid@example.org\r\nSubject: Pas maar op\r\n"
    b"Date: Tue, 17 Nov 2026 22:40:00 +0100\r\nMessage-ID: <1@example.org>\r\n\r\nWe weten waar je woont.\r\n"
)
TXT = "Chatlog van 17 november, 22:40 — 'je bent de volgende'.\n".encode()


@pytest.fixture
def advisor(reference_data):
    return UserFactory(username="inc-advisor", role="advisor")  # nvvr


@pytest.fixture
def claimed(advisor):
    return make_case(state="claimed", advisor=advisor)


@pytest.fixture
def case(claimed):
    return claimed[0]


@pytest.fixture
def staff(advisor):
    return staff_client(advisor)


@pytest.fixture
def holder(claimed):
    case, code = claimed
    return bearer_client(case.reference, code)


@pytest.fixture(params=["staff", "office_holder"])
def side(request, case, staff, holder):
    """(client, base URL of the case) for each side: the same behaviour is expected of both."""
    if request.param == "staff":
        return staff, f"/api/v1/cases/{case.reference}"
    return holder, f"/api/v1/help-requests/{case.reference}"


def create_incident(client, base, **overrides):
    response = client.post(f"{base}/incidents", incident_payload(**overrides), format="json")
    assert response.status_code == 201, response.content
    return response.json()


def upload(client, base, content: bytes, name: str, incident: int = 1, **fields):
    data = {"file": SimpleUploadedFile(name, content, content_type="application/octet-stream"), **fields}
    return client.post(f"{base}/incidents/{incident}/evidence", data, format="multipart")


def raw_multipart(client, url: str, filename: str, content: bytes):
    """A multipart body written by hand, so the file name arrives exactly as given (no client-side cleaning)."""
    boundary = "weerbaar-test-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: image/png\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return client.generic("POST", url, body, content_type=f"multipart/form-data; boundary={boundary}")


# --- incidents ---------------------------------------------------------------------------------------------


def test_recording_an_incident_answers_it_with_its_stored_step_plan(side):
    client, base = side
    response = client.post(f"{base}/incidents", incident_payload(), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"].endswith(f"{base}/incidents/1")
    assert body["id"] == 1
    sent = incident_payload()
    for name in ("occurredOn", "occurredAt", "learnedOn", "channel", "platform", "acts", "relatedToOffice"):
        assert body[name] == sent[name], name
    assert body["description"] == sent["description"]
    assert body["affected"] == ["self", "partner"]
    assert body["perpetratorKnown"] is True
    assert body["perpetratorIdentifiers"] == [{"kind": "handle", "value": "@boze_burger_71"}]
    assert body["witnesses"] == sent["witnesses"]
    assessment = body["assessment"]
    assert set(assessment) == {"route", "offences", "askForVptCode", "steps", "sources"}
    assert assessment["route"] == "complaint"
    assert assessment["offences"][0]["article"] == "285"
    assert assessment["askForVptCode"] is True
    assert all(set(step) == {"code", "title", "text"} for step in assessment["steps"])
    assert body["complaintDeadline"] is None  # art. 285 Sr needs no complaint
    assert body["policeReport"] is None
    assert body["evidence"] == []
    assert body["rulesVersion"]


def test_an_offence_prosecuted_only_on_complaint_gets_a_deadline_three_months_after_learning_of_it(side):
    client, base = side
    learned = timezone.localdate() - timedelta(days=2)
    body = create_incident(client, base, acts=["insult"], relatedToOffice=False, learnedOn=learned.isoformat())
    from dateutil.relativedelta import relativedelta

    assert body["complaintDeadline"] == (learned + relativedelta(months=3)).isoformat()  # art. 66 Sr


def test_who_recorded_the_incident_is_named_by_side(case, staff, holder):
    by_staff = create_incident(staff, f"/api/v1/cases/{case.reference}")
    by_holder = create_incident(holder, f"/api/v1/help-requests/{case.reference}")
    assert (by_staff["recordedBy"], by_holder["recordedBy"]) == ("advisor", "officeHolder")
    assert by_holder["id"] == 2


def test_the_list_is_the_timeline_in_the_order_things_happened(side):
    client, base = side
    today = timezone.localdate()
    create_incident(client, base, occurredOn=(today - timedelta(days=1)).isoformat(), learnedOn=today.isoformat())
    create_incident(
        client,
        base,
        occurredOn=(today - timedelta(days=9)).isoformat(),
        learnedOn=(today - timedelta(days=8)).isoformat(),
    )
    response = client.get(f"{base}/incidents")
    assert response.status_code == 200
    assert [i["id"] for i in response.json()] == [2, 1]


def test_the_step_plan_follows_accept_language(side):
    client, base = side
    create_incident(client, base)
    dutch = client.get(f"{base}/incidents/1").json()["assessment"]
    english = client.get(f"{base}/incidents/1", HTTP_ACCEPT_LANGUAGE="en").json()["assessment"]
    assert [s["code"] for s in dutch["steps"]] == [s["code"] for s in english["steps"]]
    assert [s["title"] for s in dutch["steps"]] != [s["title"] for s in english["steps"]]


def test_incident_detail_and_unknown_numbers(side):
    client, base = side
    create_incident(client, base)
    assert client.get(f"{base}/incidents/1").json()["id"] == 1
    assert_problem(client.get(f"{base}/incidents/2"), 404)
    assert_problem(client.get(f"{base}/incidents/99999999999999999999"), 404)
    assert_problem(client.get(f"{base}/incidents/abc"), 404)


def test_an_invalid_incident_names_every_bad_field_and_stores_nothing(side):
    from weerbaar.incidents.models import Incident

    client, base = side
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        f"{base}/incidents",
        incident_payload(occurredOn=future, channel="pigeon", acts=[], relatedToOffice="yes"),
        format="json",
    )
    assert_problem(response, 400, invalid={"occurredOn", "channel", "acts", "relatedToOffice"})
    assert_problem(client.post(f"{base}/incidents", [1, 2], format="json"), 400, invalid={"body"})
    assert not Incident.objects.exists()


def test_a_closed_case_takes_no_new_incidents(reference_data, advisor):
    case, _code = make_case(state="closed", advisor=advisor)
    response = staff_client(advisor).post(
        f"/api/v1/cases/{case.reference}/incidents", incident_payload(), format="json"
    )
    assert_problem(response, 409)


# --- evidence ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "media_type"),
    [
        ("foto.jpg", image_bytes("JPEG"), "image/jpeg"),
        ("schermafbeelding.png", image_bytes("PNG"), "image/png"),
        ("brief.pdf", minimal_pdf(), "application/pdf"),
        ("bericht.eml", EML, "message/rfc822"),
        ("chat.txt", TXT, "text/plain"),
    ],
)
def test_evidence_upload_records_hash_size_and_detected_type(side, name, content, media_type):
    client, base = side
    create_incident(client, base)
    response = upload(
        client,
        base,
        content,
        name,
        sourceUrl="https://x.com/voorbeeld/status/1",
        capturedAt="2026-11-17T22:41:00+01:00",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["id"] == 1
    assert body["sha256"] == hashlib.sha256(content).hexdigest()
    assert body["size"] == len(content)
    assert body["mediaType"] == media_type
    assert body["fileName"] == name
    assert body["sourceUrl"] == "https://x.com/voorbeeld/status/1"
    assert body["capturedAt"].startswith("2026-11-17T22:41:00")
    assert body["incidentId"] == 1
    assert response["Location"].endswith(f"{base}/evidence/1/content")


def test_the_type_comes_from_the_content_not_the_name(side):
    client, base = side
    create_incident(client, base)
    body = upload(client, base, image_bytes("PNG"), "notitie.txt").json()
    assert body["mediaType"] == "image/png"


def test_a_downloaded_original_is_byte_identical_with_its_digest(side):
    client, base = side
    create_incident(client, base)
    original = image_bytes("JPEG", exif_gps=True)  # the original keeps its metadata; only previews strip it
    upload(client, base, original, "foto.jpg")
    response = client.get(f"{base}/evidence/1/content", HTTP_ACCEPT="image/jpeg")
    assert response.status_code == 200
    assert response.content == original
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="001-foto.jpg"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    expected = base64.b64encode(hashlib.sha256(original).digest()).decode()
    assert response["Repr-Digest"] == f"sha-256=:{expected}:"
    assert response["API-Version"] == "1.0.0"


def test_every_download_is_audited(side, case):
    from weerbaar.core.models import AuditEntry

    client, base = side
    create_incident(client, base)
    upload(client, base, minimal_pdf(), "brief.pdf")
    client.get(f"{base}/evidence/1/content")
    assert AuditEntry.objects.filter(action="evidence.downloaded", object_id=case.reference).count() == 1


def test_the_evidence_list_shows_every_exhibit_with_its_hash(side):
    client, base = side
    create_incident(client, base)
    create_incident(client, base)
    upload(client, base, minimal_pdf(), "brief.pdf", incident=1)
    upload(client, base, EML, "bericht.eml", incident=2)
    rows = client.get(f"{base}/evidence").json()
    assert [(r["id"], r["incidentId"], r["fileName"]) for r in rows] == [(1, 1, "brief.pdf"), (2, 2, "bericht.eml")]
    assert rows[1]["sha256"] == hashlib.sha256(EML).hexdigest()
    detail = client.get(f"{base}/incidents/2").json()
    assert [e["id"] for e in detail["evidence"]] == [2]


def _refused(response, *, phrase: str) -> None:
    body = assert_problem(response, 400, invalid={"file"})
    assert phrase in body["invalidParams"][0]["reason"]


def test_a_wrong_type_is_refused_with_the_reason(side):
    from weerbaar.incidents.models import Evidence

    client, base = side
    create_incident(client, base)
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("a.txt", "x")
    _refused(upload(client, base, zipped.getvalue(), "foto.png"), phrase="nemen we niet aan")
    _refused(upload(client, base, b"<!DOCTYPE html><html><body>x</body></html>", "pagina.html"), phrase="webpagina")
    assert not Evidence.objects.exists()


def test_an_oversized_file_is_refused(side, settings):
    from weerbaar.incidents.models import Evidence

    settings.EVIDENCE_MAX_FILE_BYTES = 4 * 1024 * 1024
    client, base = side
    create_incident(client, base)
    big = minimal_pdf() + b"%" + b"0" * (5 * 1024 * 1024)  # 5 MB: also past the 2.5 MB limit of JSON bodies
    _refused(upload(client, base, big, "groot.pdf"), phrase="te groot")
    assert not Evidence.objects.exists()


def test_a_path_traversal_name_sent_raw_is_refused_not_cleaned(side):
    from weerbaar.incidents.models import Evidence

    client, base = side
    create_incident(client, base)
    response = raw_multipart(client, f"{base}/incidents/1/evidence", "../../x.png", image_bytes("PNG"))
    _refused(response, phrase="map of pad")
    response = raw_multipart(client, f"{base}/incidents/1/evidence", "..\\..\\x.png", image_bytes("PNG"))
    _refused(response, phrase="map of pad")
    assert not Evidence.objects.exists()


def test_a_corrupt_image_is_refused(side):
    client, base = side
    create_incident(client, base)
    png = image_bytes("PNG", size=(400, 300))
    _refused(upload(client, base, png[: len(png) // 2], "half.png"), phrase="beschadigd")


def test_a_truncated_image_is_still_refused_after_a_dossier_was_made(side):
    """WeasyPrint switches Pillow to loading truncated images on import; evidence checks must not follow."""
    client, base = side
    create_incident(client, base)
    assert client.get(f"{base}/dossier", HTTP_ACCEPT="application/pdf").status_code == 200
    jpeg = image_bytes("JPEG", size=(200, 200))
    _refused(upload(client, base, jpeg[:-30], "afgebroken.jpg"), phrase="beschadigd")


def test_an_upload_without_a_file_or_with_bad_details_names_the_field(side):
    client, base = side
    create_incident(client, base)
    response = client.post(f"{base}/incidents/1/evidence", {"sourceUrl": "https://example.org"}, format="multipart")
    assert_problem(response, 400, invalid={"file"})
    response = upload(client, base, minimal_pdf(), "a.pdf", sourceUrl="javascript:alert(1)", capturedAt="gisteren")
    assert_problem(response, 400, invalid={"sourceUrl", "capturedAt"})


def test_a_json_body_is_not_an_upload(side):
    client, base = side
    create_incident(client, base)
    response = client.post(f"{base}/incidents/1/evidence", {"file": "aGVsbG8="}, format="json")
    assert_problem(response, 415)


def test_evidence_for_an_unknown_incident_is_not_found(side):
    client, base = side
    assert_problem(upload(client, base, minimal_pdf(), "a.pdf", incident=7), 404)


def test_unknown_evidence_is_not_found(side):
    client, base = side
    assert_problem(client.get(f"{base}/evidence/1/content"), 404)
    assert_problem(client.get(f"{base}/evidence/99999999999999999999/content"), 404)


def test_a_file_that_fails_its_hash_is_never_sent(side):
    from weerbaar.incidents.models import Evidence

    client, base = side
    create_incident(client, base)
    upload(client, base, minimal_pdf(), "brief.pdf")
    Evidence.objects.update(sha256="0" * 64)
    response = client.get(f"{base}/evidence/1/content")
    body = assert_problem(response, 500)
    assert b"%PDF" not in response.content
    assert "SHA-256" in body["detail"]


# --- police report ---------------------------------------------------------------------------------------------------


def test_the_police_report_is_recorded_and_shown_with_the_incident(side):
    client, base = side
    create_incident(client, base)
    reported = (timezone.localdate() - timedelta(days=1)).isoformat()
    body = {
        "kind": "complaint",
        "reportedOn": reported,
        "policeUnit": "Basisteam Amsterdam-Centrum",
        "policeReference": "PL1300-2026123456",
        "vptCode": "yes",
        "addressProtection": "town_hall",
    }
    response = client.put(f"{base}/incidents/1/police-report", body, format="json")
    assert response.status_code == 200, response.content
    saved = response.json()
    assert saved["kind"] == "complaint"
    assert saved["reportedOn"] == reported
    assert saved["policeReference"] == "PL1300-2026123456"
    assert saved["vptCode"] == "yes"
    assert saved["prosecutionDecision"] == "unknown"
    assert client.get(f"{base}/incidents/1").json()["policeReport"]["policeUnit"] == "Basisteam Amsterdam-Centrum"

    again = client.put(f"{base}/incidents/1/police-report", {"kind": "none"}, format="json")
    assert again.json()["kind"] == "none"
    assert again.json()["policeReference"] == ""


def test_a_complaint_needs_its_date(side):
    client, base = side
    create_incident(client, base)
    response = client.put(f"{base}/incidents/1/police-report", {"kind": "complaint", "vptCode": "maybe"}, format="json")
    assert_problem(response, 400, invalid={"reportedOn", "vptCode"})
    assert_problem(client.put(f"{base}/incidents/4/police-report", {"kind": "none"}, format="json"), 404)


# --- damage ---------------------------------------------------------------------------------------------------------


def test_damage_items_with_amounts_in_euros(side):
    client, base = side
    create_incident(client, base)
    response = client.post(
        f"{base}/damage-items",
        {"kind": "security", "amount": "149.95", "description": "Camerabel", "incidentId": 1},
        format="json",
    )
    assert response.status_code == 201, response.content
    item = response.json()
    assert (item["kind"], item["amount"], item["incidentId"], item["receipts"]) == ("security", "149.95", 1, [])
    client.post(
        f"{base}/damage-items", {"kind": "medical", "amount": "1200,5", "description": "Therapie"}, format="json"
    )
    rows = client.get(f"{base}/damage-items").json()
    assert [(r["kind"], r["amount"], r["description"]) for r in rows] == [
        ("security", "149.95", "Camerabel"),
        ("medical", "1200.50", "Therapie"),
    ]


def test_an_invalid_damage_item_names_its_fields(side):
    client, base = side
    response = client.post(f"{base}/damage-items", {"kind": "luxury", "amount": "veel", "incidentId": 3}, format="json")
    assert_problem(response, 400, invalid={"kind", "amount", "description"})
    response = client.post(
        f"{base}/damage-items", {"kind": "material", "description": "Ruit", "incidentId": 3}, format="json"
    )
    assert_problem(response, 400, invalid={"incidentId"})


def test_damage_routes_follow_the_incidents(side):
    client, base = side
    before = client.get(f"{base}/damage-routes")
    assert before.status_code == 200
    assert "damage_fund" not in [r["code"] for r in before.json()]  # no violent act recorded yet
    create_incident(client, base, acts=["threat_of_violence"])
    routes = client.get(f"{base}/damage-routes").json()
    codes = [r["code"] for r in routes]
    assert {"injured_party", "damage_fund"} <= set(codes)
    fund = next(r for r in routes if r["code"] == "damage_fund")
    assert fund["deadline"] is not None  # ten years after the first incident
    assert fund["source"].startswith("https://")


# --- dossier -------------------------------------------------------------------------------------------------------


def test_the_dossier_is_negotiated_by_accept(side):
    client, base = side
    create_incident(client, base)
    upload(client, base, minimal_pdf(), "brief.pdf")
    pdf = client.get(f"{base}/dossier", HTTP_ACCEPT="application/pdf")
    assert pdf.status_code == 200, pdf.content[:500]
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"].startswith("attachment;")
    assert pdf["Cache-Control"] == "no-store"
    assert pdf["Repr-Digest"] == "sha-256=:" + base64.b64encode(hashlib.sha256(pdf.content).digest()).decode() + ":"

    packed = client.get(f"{base}/dossier", HTTP_ACCEPT="application/zip")
    assert packed.status_code == 200
    assert packed["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(packed.content)) as archive:
        names = archive.namelist()
        assert any(n.endswith(".pdf") and "001-brief" in n for n in names), names
        originals = [n for n in names if "001-brief" in n]
        assert archive.read(originals[0]) == minimal_pdf()

    preferred = client.get(f"{base}/dossier", HTTP_ACCEPT="application/pdf;q=0.5, application/zip")
    assert preferred["Content-Type"] == "application/zip"


@pytest.mark.parametrize("accept", ["application/json", "text/html", "*/*", "application/pdf;q=0", ""])
def test_any_other_accept_is_not_acceptable(side, accept):
    client, base = side
    response = client.get(f"{base}/dossier", HTTP_ACCEPT=accept)
    body = assert_problem(response, 406)
    assert "application/pdf" in body["detail"]


def test_dossier_through_the_api_never_has_a_home_address(side, case):
    client, base = side
    response = client.get(
        f"{base}/dossier?includeHomeAddress=true&homeAddress=Dorpsstraat", HTTP_ACCEPT="application/pdf"
    )
    assert response.status_code == 200
    entry = AuditEntry.objects.filter(action="dossier.generated", object_id=case.reference).get()
    assert entry.details["includeHomeAddress"] is False


def test_dossier_generation_is_audited(side, case):
    from weerbaar.core.models import AuditEntry

    client, base = side
    client.get(f"{base}/dossier", HTTP_ACCEPT="application/pdf")
    assert AuditEntry.objects.filter(action="dossier.generated", object_id=case.reference).count() == 1


# --- access ----------------------------------------------------------------------------------------------------------


def test_the_office_holder_reaches_only_the_own_case(case, holder, reference_data):
    other, _code = make_case()
    for suffix in ("incidents", "evidence", "damage-items", "damage-routes"):
        assert_problem(holder.get(f"/api/v1/help-requests/{other.reference}/{suffix}"), 404)
    assert_problem(holder.get(f"/api/v1/cases/{case.reference}/incidents"), 401)


def test_staff_and_office_holder_see_the_same_log(case, staff, holder):
    create_incident(holder, f"/api/v1/help-requests/{case.reference}")
    upload(holder, f"/api/v1/help-requests/{case.reference}", minimal_pdf(), "brief.pdf")
    seen_by_staff = staff.get(f"/api/v1/cases/{case.reference}/incidents").json()
    seen_by_holder = holder.get(f"/api/v1/help-requests/{case.reference}/incidents").json()
    assert seen_by_staff == seen_by_holder
    assert seen_by_staff[0]["evidence"][0]["recordedBy"] == "officeHolder"
