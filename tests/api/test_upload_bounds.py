"""Bounded uploads through the API (issue 12 point 3): one file per request, a cap on the whole body, quotas."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.api.conftest import assert_problem, bearer_client, staff_client
from tests.factories import UPLOAD_TXT, UserFactory, image_bytes, multipart_body, upload_quota_world
from weerbaar.incidents import files
from weerbaar.incidents.models import Evidence

pytestmark = pytest.mark.django_db

TXT = UPLOAD_TXT


@pytest.fixture
def advisor(reference_data):
    return UserFactory(username="bounds-advisor", role="advisor")  # nvvr


@pytest.fixture
def world(advisor):
    return upload_quota_world(advisor)


@pytest.fixture
def holder(world):
    return bearer_client(world.case.reference, world.code), f"/api/v1/help-requests/{world.case.reference}"


@pytest.fixture
def staff(world, holder):
    return staff_client(world.advisor), f"/api/v1/cases/{world.case.reference}"


def upload(client, base, content: bytes = TXT, name: str = "chat.txt"):
    data = {"file": SimpleUploadedFile(name, content, content_type="application/octet-stream")}
    return client.post(f"{base}/incidents/1/evidence", data, format="multipart")


def test_a_second_file_in_one_request_is_refused_and_nothing_is_stored(holder):
    client, base = holder
    body, content_type = multipart_body([("file", "a.txt", TXT), ("file2", "b.txt", TXT)])
    response = client.generic("POST", f"{base}/incidents/1/evidence", body, content_type=content_type)
    assert_problem(response, 400)
    assert "één bestand" in response.json()["detail"]
    assert not Evidence.objects.exists()


def test_a_body_over_the_cap_is_refused_before_it_is_read(holder, settings):
    client, base = holder
    settings.EVIDENCE_MAX_FILE_BYTES = 1000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body, content_type = multipart_body([("file", "groot.txt", b"x" * 2500)])
    response = client.generic("POST", f"{base}/incidents/1/evidence", body, content_type=content_type)
    assert_problem(response, 413)
    assert not Evidence.objects.exists()


def test_the_office_holder_daily_quota_answers_429_with_retry_after(holder, staff, settings):
    client, base = holder
    settings.EVIDENCE_HOLDER_DAILY_FILES = 2
    assert upload(client, base).status_code == 201
    assert upload(client, base).status_code == 201
    response = upload(client, base)
    assert_problem(response, 429)
    assert "per 24 uur" in response.json()["detail"]
    assert 60 <= int(response["Retry-After"]) <= 24 * 3600 + 1
    assert Evidence.objects.count() == 2
    # The advisor is bounded by the case's limits, not by the office holder's day.
    staff_api, staff_base = staff
    assert upload(staff_api, staff_base).status_code == 201


def test_the_daily_quota_counts_bytes_and_frees_up_after_24_hours(holder, settings):
    client, base = holder
    settings.EVIDENCE_HOLDER_DAILY_BYTES = len(TXT) * 2
    assert upload(client, base).status_code == 201
    assert upload(client, base).status_code == 201
    assert_problem(upload(client, base), 429)
    Evidence.objects.update(uploaded_at=Evidence.objects.first().uploaded_at - timedelta(hours=24, seconds=1))
    assert upload(client, base).status_code == 201


def test_the_case_file_quota_holds_for_everyone(holder, staff, settings):
    settings.EVIDENCE_MAX_CASE_FILES = 1
    client, base = holder
    assert upload(client, base).status_code == 201
    staff_api, staff_base = staff
    response = upload(staff_api, staff_base)
    assert_problem(response, 400)
    assert "maximum van 1 bestanden" in response.json()["detail"]
    assert response.json()["invalidParams"][0]["name"] == "file"


def test_a_quota_is_checked_before_the_image_is_decoded(holder, settings, monkeypatch):
    client, base = holder
    settings.EVIDENCE_HOLDER_DAILY_FILES = 1
    assert upload(client, base).status_code == 201

    def decoded(data):
        raise AssertionError("decoded although the quota was used up")

    monkeypatch.setattr(files, "image_renditions", decoded)
    assert_problem(upload(client, base, image_bytes("PNG"), "foto.png"), 429)


def test_the_hostile_png_is_refused_with_the_reason(holder):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGBA", (7071, 7071), (200, 30, 30, 255)).save(out, format="PNG", compress_level=9)
    client, base = holder
    response = upload(client, base, out.getvalue(), "dreiging.png")
    assert_problem(response, 400)
    assert "meer dan 40 megapixel" in response.json()["detail"]
    assert not Evidence.objects.exists()
