"""Bounded uploads on the web (issue 12 point 3): a cap on the whole body, one file per request, the daily quota."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import UPLOAD_TXT, multipart_body, upload_quota_world
from tests.incidents_web.conftest import ws
from weerbaar.incidents.models import Evidence

pytestmark = pytest.mark.django_db

TXT = UPLOAD_TXT


@pytest.fixture
def world(people):
    return upload_quota_world(people["advisor"])


@pytest.fixture
def claimed(world):
    """The world's case and code, for the conftest's ``case`` and ``holder_client``."""
    return world.case, world.code


@pytest.fixture
def incident(world):
    return world.incident


def multipart(parts: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    return multipart_body(parts, boundary="weerbaar-web-bounds")


def test_a_body_over_the_cap_gets_413_with_the_reason_and_a_way_back(advisor_client, case, incident, settings):
    settings.EVIDENCE_MAX_FILE_BYTES = 1_048_576
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body, content_type = multipart([("evidence-file", "groot.txt", b"x" * 1_100_000)])
    response = advisor_client.generic("POST", ws(case, "incidenten/1/bewijs"), body, content_type=content_type)
    assert response.status_code == 413
    html = response.content.decode()
    assert "Het bestand is te groot. Het maximum is 1 MB per bestand." in html
    assert f'href="{ws(case, "incidenten/1")}#bewijs"' in html
    assert not Evidence.objects.exists()


def test_a_second_file_is_refused_on_the_portal_too(holder_client, case, incident):
    body, content_type = multipart([("evidence-file", "a.txt", TXT), ("evidence-file2", "b.txt", TXT)])
    response = holder_client.generic("POST", "/mijn-zaak/incidenten/1/bewijs", body, content_type=content_type)
    assert response.status_code == 400
    assert "Stuur één bestand per keer." in response.content.decode()
    assert not Evidence.objects.exists()


def test_the_daily_quota_is_a_message_on_the_form(holder_client, case, incident, settings):
    settings.EVIDENCE_HOLDER_DAILY_FILES = 1

    def post():
        data = {"evidence-file": SimpleUploadedFile("chat.txt", TXT), "evidence-source_url": "https://x.com/a/1"}
        return holder_client.post("/mijn-zaak/incidenten/1/bewijs", data)

    assert post().status_code == 302
    response = post()
    assert response.status_code == 400
    html = response.content.decode()
    assert "U heeft vandaag al veel bestanden toegevoegd (maximaal 1 bestanden of 250 MB per 24 uur)." in html
    assert 'value="https://x.com/a/1"' in html  # what was typed stays
    assert Evidence.objects.count() == 1


def test_a_multipart_body_over_the_cap_is_refused_on_any_other_path_too(holder_client, settings):
    """Not an upload page: Django's own parser meets the same upload handler, which refuses before reading."""
    settings.EVIDENCE_MAX_FILE_BYTES = 1000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body, content_type = multipart([("bestand", "groot.txt", b"x" * 2500)])
    response = holder_client.generic("POST", "/mijn-zaak/e-mail", body, content_type=content_type)
    assert response.status_code == 400  # under the cap the same post is read and answered with a redirect
    assert "Ongeldig verzoek" in response.content.decode()
