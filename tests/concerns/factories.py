"""Concern note test helpers: a valid note in the API's shape, a claimed case with incidents, saving a version."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.factories import UserFactory, incident_payload, make_case
from weerbaar.accounts.models import Role
from weerbaar.concerns.choices import Item

ITEM_CODES = [item.value for item in Item]


def note_payload(*, level: str = "moderate", answers: dict[str, str] | None = None, incidents=None, **overrides):
    """A valid concern note: every item "unknown" unless ``answers`` says otherwise; ``incidents`` maps a code to
    incident numbers."""
    answers = answers or {}
    incidents = incidents or {}
    payload = {
        "level": level,
        "levelReasons": "Aanhoudende berichten, geen benadering van de woning.",
        "items": [
            {"code": code, "answer": answers.get(code, "unknown"), "incidentIds": list(incidents.get(code, []))}
            for code in ITEM_CODES
        ],
        "summary": "Een afzender die al weken schrijft; de toon wordt persoonlijker.",
        "plan": "Gesprek met de ambtsdrager; over twee weken opnieuw bekijken.",
        "reviewOn": (timezone.localdate() + timedelta(days=14)).isoformat(),
    }
    payload.update(overrides)
    return payload


def advisor(**kw):
    return UserFactory(role=Role.ADVISOR, **kw)


def record_incident(actor, case, **overrides):
    from weerbaar.incidents import services
    from weerbaar.incidents.validation import validate_incident

    return services.incident_record(
        actor=actor, reference=case.reference, data=validate_incident(incident_payload(**overrides))
    )


def case_with_incidents(adv=None, *, incidents: int = 2):
    """A case claimed by ``adv`` (a new NVVR advisor by default) with ``incidents`` incidents (numbers 1, 2, …)."""
    adv = adv or advisor()
    case, _code = make_case(state="claimed", advisor=adv)
    for _ in range(incidents):
        record_incident(adv, case)
    return case, adv


def save_note(actor, case, **payload_overrides):
    from weerbaar.concerns.services import concern_note_save

    return concern_note_save(
        actor=actor, reference=case.reference, raw=note_payload(**payload_overrides), today=timezone.localdate()
    )
