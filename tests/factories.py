"""Factories with a trait per lifecycle state, so tests read like the domain."""

from __future__ import annotations

from datetime import timedelta

import factory
import pytest
from django.utils import timezone

from weerbaar.accounts.models import Role, User
from weerbaar.cases.choices import Channel
from weerbaar.directory.models import Association

__all__ = [
    "UserFactory",
    "help_request_payload",
    "image_bytes",
    "incident_payload",
    "make_case",
    "minimal_pdf",
    "pytest",
]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Faker("name", locale="nl_NL")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    role = Role.ADVISOR
    password = factory.django.Password("correct horse battery staple")

    @factory.lazy_attribute
    def association(self):
        if self.role in (Role.ADVISOR,):
            return Association.objects.get(code="nvvr")
        if self.role == Role.COORDINATOR:
            return Association.objects.get(code="bzk")
        return None


def help_request_payload(**overrides):
    payload = {
        "role": "raadslid",
        "municipalityCode": "GM0363",
        "name": "Sam de Vries",
        "email": "sam@example.org",
        "phone": "06 12345678",
        "preferredContact": "email",
        "concerns": ["threat", "online_harassment"],
        "affected": ["self"],
        "description": "Ik ontving vannacht een bericht waarin staat dat ze mij komen opzoeken.",
        "acuteDanger": False,
        "consentToShare": True,
    }
    payload.update(overrides)
    return payload


def make_case(*, state: str = "new", advisor=None, channel=Channel.API, overdue: bool = False, **overrides):
    """Create a case through the real intake pipeline, then move it to ``state``.

    Returns (case, follow_up_code). States: new, claimed (in_progress), aftercare, closed, escalated.
    """
    from weerbaar.cases import services
    from weerbaar.cases.models import Case
    from weerbaar.intake.services import help_request_submit

    submitted = help_request_submit(raw=help_request_payload(**overrides), channel=channel)
    case = submitted.case
    if state == "escalated" or overdue:
        Case.objects.filter(pk=case.pk).update(respond_by=timezone.now() - timedelta(hours=2))
    if state in ("claimed", "in_progress", "aftercare", "closed"):
        assert advisor is not None, "a claimed case needs an advisor"
        services.case_assign(actor=advisor, reference=case.reference, assignee_username="me")
    if state in ("aftercare", "closed"):
        services.case_transition(actor=advisor, reference=case.reference, target="aftercare")
    if state == "closed":
        services.case_transition(actor=advisor, reference=case.reference, target="closed", outcome="advised")
    case.refresh_from_db()
    return case, submitted.follow_up_code


def incident_payload(**overrides):
    """A valid incident in the API's shape (``POST /cases/{reference}/incidents``)."""
    today = timezone.localdate()
    payload = {
        "occurredOn": (today - timedelta(days=3)).isoformat(),
        "occurredAt": "22:40",
        "learnedOn": (today - timedelta(days=2)).isoformat(),
        "channel": "online",
        "platform": "X",
        "acts": ["threat_of_violence"],
        "relatedToOffice": True,
        "description": "Een reactie onder mijn bericht: 'we weten waar je woont, je bent de volgende'.",
        "affected": ["self", "partner"],
        "perpetratorKnown": True,
        "perpetratorIdentifiers": [{"kind": "handle", "value": "@boze_burger_71"}],
        "witnesses": "Mijn partner zag het bericht ook.",
    }
    payload.update(overrides)
    return payload


def image_bytes(fmt: str = "PNG", size=(64, 48), color=(200, 30, 30), exif_gps: bool = False) -> bytes:
    """A real image file; with ``exif_gps`` a JPEG carrying a GPS position and a camera owner in its EXIF."""
    import io

    from PIL import Image

    image = Image.new("RGB", size, color)
    out = io.BytesIO()
    if exif_gps:
        exif = Image.Exif()
        exif[0x013B] = "Sam de Vries"  # Artist
        exif[0x8825] = {1: "N", 2: (52.0, 22.0, 1.0), 3: "E", 4: (4.0, 53.0, 2.0)}  # GPS IFD
        image.save(out, format="JPEG", exif=exif)
    else:
        image.save(out, format=fmt)
    return out.getvalue()


def minimal_pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


# The upload-quota world, shared by the API's and the web's upload-bounds tests (tests/api/test_upload_bounds.py,
# tests/incidents_web/test_upload_bounds_web.py).
UPLOAD_TXT = b"Chatlog van 17 november, 22:40.\n"


class UploadQuotaWorld:
    """A raadslid's case claimed by ``advisor``, its follow-up code and its incident 1 (no evidence yet)."""

    def __init__(self, *, advisor: User, case, code: str, incident) -> None:
        self.advisor, self.case, self.code, self.incident = advisor, case, code, incident


def upload_quota_world(advisor: User) -> UploadQuotaWorld:
    from weerbaar.incidents import services
    from weerbaar.incidents.validation import validate_incident

    case, code = make_case(state="claimed", advisor=advisor)
    incident = services.incident_record(
        actor=advisor, reference=case.reference, data=validate_incident(incident_payload())
    )
    return UploadQuotaWorld(advisor=advisor, case=case, code=code, incident=incident)


def multipart_body(parts: list[tuple[str, str, bytes]], boundary: str = "weerbaar-bounds") -> tuple[bytes, str]:
    """A hand-made ``multipart/form-data`` body of (field, file name, content) parts, and its content type."""
    body = b""
    for field, name, content in parts:
        body += (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
                "Content-Type: text/plain\r\n\r\n"
            ).encode()
            + content
            + b"\r\n"
        )
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


# --- an incident's sealed facts and step plan (issue 12, point 6) ------------------------------------------------


def incident_plan_stored(incident):
    """An incident's stored step plan, opened from the database (``Incident.sealed_assessment``)."""
    from weerbaar.incidents.models import Incident

    return Incident.objects.get(pk=incident.pk).open("sealed_assessment")


def incident_plan_store(incident, value) -> None:
    """Store ``value`` as an incident's step plan, sealed as the services seal it (e.g. one made under old rules)."""
    from weerbaar.incidents.models import Incident

    row = Incident.objects.get(pk=incident.pk)
    row.seal("sealed_assessment", value)
    row.save(update_fields=["sealed_assessment"])


def incident_acts(incident) -> list[str]:
    """An incident's acts, opened from the database (``Incident.sealed_facts``)."""
    from weerbaar.incidents.models import Incident

    return Incident.objects.get(pk=incident.pk).opened_facts()["acts"]
