"""A case with many incidents and images, built through the real services (shared by tests and the bench)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from tests.factories import image_bytes, incident_payload, minimal_pdf
from weerbaar.incidents import services
from weerbaar.incidents.validation import validate_damage_item, validate_incident, validate_police_report

ACT_CYCLE = [["threat_of_violence"], ["insult"], ["stalking", "doxing"], ["defamation"], ["hostile_message"]]


def build_case(actor: Any, case: Any, *, incidents: int = 30, images: int = 60, size=(64, 48)) -> dict[str, Any]:
    """Record ``incidents`` incidents (older first), spread ``images`` images over them, add a police report and
    two damage items with a receipt. Returns the stored hashes by exhibit number."""
    today = timezone.localdate()
    hashes: dict[int, str] = {}
    for n in range(incidents):
        day = today - timedelta(days=2 * (incidents - n) + 1)
        services.incident_record(
            actor=actor,
            reference=case.reference,
            data=validate_incident(
                incident_payload(
                    occurredOn=day.isoformat(),
                    learnedOn=(day + timedelta(days=1)).isoformat(),
                    acts=ACT_CYCLE[n % len(ACT_CYCLE)],
                    description=f"Bericht nummer {n + 1}: 'we weten waar je woont'.",
                    platform="X" if n % 2 else "Facebook",
                    perpetratorIdentifiers=[{"kind": "handle", "value": f"@dader_{n + 1}"}],
                )
            ),
        )
    for k in range(images):
        color = (40 + (k * 37) % 200, 30 + (k * 11) % 200, 90 + (k * 53) % 160)
        data = image_bytes("PNG" if k % 2 else "JPEG", size=size, color=color)
        evidence = services.evidence_add(
            actor=actor,
            reference=case.reference,
            upload=services.Upload(f"schermafbeelding {k + 1}.{'png' if k % 2 else 'jpg'}", data, len(data)),
            incident_number=1 + k % max(incidents, 1),
            source_url=f"https://x.com/dader/status/{1000 + k}",
            captured_at=(timezone.now() - timedelta(days=1)).isoformat(timespec="seconds"),
        )
        hashes[evidence.number] = evidence.sha256
    if incidents:
        services.police_report_save(
            actor=actor,
            reference=case.reference,
            number=1,
            data=validate_police_report(
                {
                    "kind": "complaint",
                    "reportedOn": (today - timedelta(days=1)).isoformat(),
                    "policeUnit": "Basisteam Amsterdam-Centrum",
                    "policeReference": "PL1300-2026123456",
                    "vptCode": "yes",
                    "addressProtection": "town_hall",
                }
            ),
        )
    item = services.damage_item_add(
        actor=actor,
        reference=case.reference,
        data=validate_damage_item(
            {"kind": "security", "amount": "1234,56", "description": "Camera bij de voordeur", "incidentId": 1}
        ),
    )
    receipt = minimal_pdf()
    services.damage_item_add(
        actor=actor,
        reference=case.reference,
        data=validate_damage_item({"kind": "medical", "amount": "50", "description": "Huisarts"}),
    )
    evidence = services.evidence_add(
        actor=actor,
        reference=case.reference,
        upload=services.Upload("bon camera.pdf", receipt, len(receipt)),
        damage_item_id=item.pk,
    )
    hashes[evidence.number] = evidence.sha256
    return hashes
