"""Finding 10 of issue 12: partners get an image's metadata-free preview unless the office holder consented to
the original, and the partner's answer (decline reason, report) is for the advisor on every side."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.urls import reverse
from PIL import Image

from tests.api.conftest import bearer_client, staff_client
from tests.network.factories import referral_in
from tests.staff_web.conftest import verified_client
from weerbaar.accounts import policy
from weerbaar.core.audit import AuditEntry
from weerbaar.incidents import vault
from weerbaar.network import items, selectors

pytestmark = pytest.mark.django_db


def _sent(setup, *, original: bool):
    shared = setup["shared"]
    chosen = [items.evidence_item(shared.pk)] + ([items.original_item(shared.pk)] if original else [])
    return referral_in(
        "sent",
        setup["advisor"],
        setup["case"],
        setup["partner"],
        proposed=[items.evidence_item(shared.pk), items.original_item(shared.pk)],
        chosen=chosen,
        partner_user=setup["partner_user"],
    )


def _download(setup, referral):
    access = policy.access_referral_as_partner(setup["partner_user"], referral.pk)
    return selectors.partner_evidence_read(access=access, evidence_id=setup["shared"].pk)


def _original(setup) -> bytes:
    return vault.load(setup["case"], setup["shared"].storage_name)


def test_the_original_carries_gps_and_an_owner(setup):
    with Image.open(io.BytesIO(_original(setup))) as image:
        exif = image.getexif()
        assert exif.get_ifd(0x8825)  # GPS
        assert exif[0x013B] == "Sam de Vries"


def test_a_partner_gets_the_metadata_free_preview_of_a_consented_image(setup):
    referral = _sent(setup, original=False)
    got = _download(setup, referral)
    assert got.media_type == "image/jpeg"
    assert got.download_name.endswith("-preview.jpg")
    assert got.content != _original(setup)
    assert b"Sam de Vries" not in got.content
    with Image.open(io.BytesIO(got.content)) as image:
        assert not image.getexif()  # no GPS position, camera or owner
    entry = AuditEntry.objects.filter(action="referral.evidence_downloaded").get()
    assert entry.details["rendition"] == "preview"
    view = selectors.referral_for_partner(access=policy.access_referral_as_partner(setup["partner_user"], referral.pk))
    assert [(e.original, e.media_type) for e in view.evidence] == [(False, "image/jpeg")]


def test_a_partner_gets_the_original_only_when_the_office_holder_consented_to_it(setup):
    referral = _sent(setup, original=True)
    got = _download(setup, referral)
    assert got.content == _original(setup)
    assert hashlib.sha256(got.content).hexdigest() == setup["shared"].sha256
    assert AuditEntry.objects.filter(action="referral.evidence_downloaded").get().details["rendition"] == "original"


def test_the_partner_page_download_has_no_exif_either(setup):
    referral = _sent(setup, original=False)
    client = verified_client(setup["partner_user"])
    page = client.get(reverse("network:partner_detail", args=[referral.pk])).content.decode()
    assert "voorbeeld zonder metagegevens; het origineel is niet gedeeld" in page
    response = client.get(reverse("network:partner_evidence", args=[referral.pk, setup["shared"].pk]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"Sam de Vries" not in body
    with Image.open(io.BytesIO(body)) as image:
        assert not image.getexif()


def test_the_original_can_be_proposed_only_for_images_with_a_preview(setup):
    keys = [i.key for i in selectors.case_items(setup["case"])]
    shared = setup["shared"]
    assert keys.index(items.original_item(shared.pk)) == keys.index(items.evidence_item(shared.pk)) + 1
    assert items.is_optional_item(items.original_item(shared.pk))


@pytest.mark.parametrize(
    ("state", "field", "text"), [("declined", "declineReason", "Geen plek"), ("completed", "report", "Gesproken.")]
)
def test_the_partners_answer_is_for_the_advisor_in_the_api_as_in_mijn_zaak(setup, state, field, text):
    referral = referral_in(state, setup["advisor"], setup["case"], setup["partner"], partner_user=setup["partner_user"])
    reference = setup["case"].reference
    staff = staff_client(setup["advisor"]).get(f"/api/v1/cases/{reference}/referrals/{referral.pk}").json()
    assert staff[field] == text
    holder = bearer_client(reference, setup["code"]).get(f"/api/v1/help-requests/{reference}/referrals").json()
    assert [r["status"] for r in holder] == [state]
    assert holder[0][field] is None
    assert holder[0]["declineReason"] is None
    assert holder[0]["report"] is None
