"""Fixtures for the incident pages: a claimed case of the NVVR, its advisor and its office holder signed in."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client

from tests.factories import image_bytes, incident_payload, make_case
from tests.staff_web.conftest import people, verified_client  # noqa: F401  (fixture re-exported)
from weerbaar.incidents import services
from weerbaar.incidents.validation import validate_incident


@pytest.fixture
def claimed(people):  # noqa: F811
    """(case, follow-up code) of a raadslid's case, claimed by anna (advisor of the NVVR)."""
    return make_case(state="claimed", advisor=people["advisor"])


@pytest.fixture
def case(claimed):
    return claimed[0]


@pytest.fixture
def advisor_client(people):  # noqa: F811
    return verified_client(people["advisor"])


def portal_client(case, code) -> Client:
    """A browser signed in to "Mijn zaak" with reference and follow-up code, as a person would."""
    client = Client()
    response = client.post("/mijn-zaak/inloggen", {"reference": case.reference, "code": code})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


@pytest.fixture
def holder_client(claimed):
    case, code = claimed
    return portal_client(case, code)


def ws(case, suffix: str = "") -> str:
    return f"/werkruimte/zaken/{case.reference}/{suffix}".rstrip("/")


def record(actor, case, **overrides):
    return services.incident_record(
        actor=actor, reference=case.reference, data=validate_incident(incident_payload(**overrides))
    )


def add_image(actor, case, incident_number: int | None = 1, name: str = "foto.jpg", **kwargs):
    data = image_bytes("JPEG", exif_gps=True)
    return services.evidence_add(
        actor=actor,
        reference=case.reference,
        upload=services.Upload(name, data, len(data)),
        incident_number=incident_number,
        **kwargs,
    )


def field_value(html: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*value="([^"]*)"', html)
    return unescape(match.group(1)) if match else ""


def textarea(html: str, name: str) -> str:
    match = re.search(rf'<textarea[^>]*name="{re.escape(name)}"[^>]*>(.*?)</textarea>', html, re.S)
    return unescape(match.group(1)).strip() if match else ""


def checked(html: str, name: str) -> set[str]:
    found = set()
    for tag in re.findall(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', html):
        if " checked" in tag:
            value = re.search(r'value="([^"]*)"', tag)
            found.add(unescape(value.group(1)) if value else "")
    return found
