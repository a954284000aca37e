"""Council requests in every step of the workflow, built through the services like the product does."""

from __future__ import annotations

from datetime import date
from typing import Any

from weerbaar.council import services
from weerbaar.council.choices import Status
from weerbaar.council.models import CouncilRequest
from weerbaar.council.validation import validate_council_request


def council_payload(**overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "requesterRole": "griffier",
        "body": "gemeenteraad",
        "municipalityCode": "GM0344",  # Utrecht
        "contactName": "Gerda Griffier",
        "contactFunction": "Griffier",
        "contactEmail": "griffie@utrecht.example",
        "contactPhone": "030 1234567",
        "preferredPeriod": "Voorjaar 2026",
        "situation": "Raadsleden worden online bedreigd na een debat over windmolens.",
        "aggressionProtocol": "yes",
        "codeOfConduct": "unknown",
    }
    payload.update(overrides)
    return payload


# The body each step needs, to walk a request along the happy path.
STEP_BODIES: dict[str, dict[str, Any]] = {
    Status.INTAKE_CALL: {},
    Status.EXPLORATORY_TALK: {},
    Status.SESSION_PLANNED: {
        "localSituation": "Spanningen rond windmolens.",
        "protocol": "Protocol uit 2019, niet bekend bij nieuwe raadsleden.",
        "codeOfConduct": "Geen gedragscode.",
        "sessionDate": "2026-03-12",
        "place": "Raadzaal",
        "experts": ["Ervaren Ed"],
    },
    Status.SESSION_HELD: {},
    Status.FOLLOW_UP_OFFERED: {"followUpOffered": True, "followUpAccepted": False},
    Status.CLOSED: {},
}
HAPPY_PATH = list(STEP_BODIES)


def make_council_request(*, actor=None, until: str = Status.REQUESTED, facilitator=None, **overrides: Any):
    """A request submitted and moved by ``actor`` along the happy path until step ``until``."""
    submitted = services.council_request_submit(data=validate_council_request(council_payload(**overrides)))
    request = submitted.request
    if until == Status.REQUESTED:
        return request
    for target in HAPPY_PATH:
        body = {"status": target, **STEP_BODIES[target]}
        if target == Status.SESSION_PLANNED:
            body["facilitators"] = [(facilitator or actor).username]
        services.council_transition(actor=actor, reference=request.reference, raw=body)
        if target == until:
            break
    return CouncilRequest.objects.get(pk=request.pk)


def held(request: CouncilRequest, on: date) -> CouncilRequest:
    CouncilRequest.objects.filter(pk=request.pk).update(held_on=on)
    request.refresh_from_db()
    return request
