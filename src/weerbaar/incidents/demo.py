"""Demo incidents for development (registered with ``intake.demo.register_case_work``): while a demo case is
worked, one or two fictional incidents with an image as evidence, sometimes with a police report. Everything
goes through the real services (sealed, stored in the vault, audited)."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.utils import timezone

from weerbaar.accounts.models import User
from weerbaar.accounts.policy import OfficeHolder
from weerbaar.cases.models import Case
from weerbaar.core import clock
from weerbaar.intake.demo import CaseWork

# (acts, channel, account, the facts the rules need beyond the defaults)
DEMO_INCIDENTS: list[tuple[list[str], str, str, dict[str, Any]]] = [
    (["threat_of_violence"], "online", "(Fictief) Reactie onder mijn bericht: 'we weten waar je woont'.", {}),
    (["insult", "hostile_message"], "email", "(Fictief) Scheldmail na de raadsvergadering over het azc.", {}),
    (["stalking"], "at_home", "(Fictief) Dezelfde auto staat al drie avonden tegenover mijn huis.", {}),
    (
        ["doxing"],
        "online",
        "(Fictief) Mijn huisadres en foto's van mijn kinderen zijn in een Telegramgroep gezet.",
        {},
    ),
    (
        ["property_damage"],
        "at_home",
        "(Fictief) De ruit van mijn auto is ingeslagen, met een briefje erbij.",
        {"perpetrators": "one"},
    ),
    (
        ["threat_other"],
        "email",
        "(Fictief) Mail: 'trek uw stem over het windpark in, anders zet ik uw privémails online'.",
        {"threatened": "exposure", "demand": True},
    ),
    (
        ["insult"],
        "elsewhere",
        "(Fictief) Mijn partner werd in de supermarkt uitgescholden om mijn besluit over de sluiting.",
        {"victim": "partner"},
    ),
]


def _demo_image(rng: random.Random, caption: str) -> bytes:
    """A fictional 'screenshot': a coloured card with the caption drawn on it."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 200), rng.choice([(236, 240, 246), (250, 238, 230), (232, 244, 236)]))
    draw = ImageDraw.Draw(image)
    draw.rectangle((12, 12, 468, 188), outline=(90, 90, 90), width=2)
    draw.text((28, 40), "(Fictief) bewijsstuk", fill=(20, 20, 20))
    draw.text((28, 80), caption[:60], fill=(20, 20, 20))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def incidents_add(rng: random.Random, case: Case, advisor: User) -> None:
    """One or two fictional incidents with an image as evidence, sometimes with a police report."""
    from weerbaar.incidents import services as incident_services
    from weerbaar.incidents.validation import validate_incident, validate_police_report

    today = timezone.localdate(clock.now())  # the demo fixes the services' clock at the case's moment
    for _ in range(rng.choice([1, 1, 2])):
        acts, channel, text, facts = rng.choice(DEMO_INCIDENTS)
        occurred = today - timedelta(days=rng.randint(2, 40))
        actor: Any = rng.choice([advisor, OfficeHolder(case_id=case.pk, reference=case.reference)])
        incident = incident_services.incident_record(
            actor=actor,
            reference=case.reference,
            data=validate_incident(
                {
                    "occurredOn": occurred.isoformat(),
                    "learnedOn": occurred.isoformat(),
                    "channel": channel,
                    "platform": "X" if channel == "online" else "",
                    "acts": acts,
                    "relatedToOffice": True,
                    "description": text,
                    "affected": ["partner"] if facts.get("victim") == "partner" else ["self"],
                    "perpetratorKnown": False,
                    **facts,
                }
            ),
        )
        image = _demo_image(rng, text)
        incident_services.evidence_add(
            actor=actor,
            reference=case.reference,
            upload=incident_services.Upload("schermafbeelding.png", image, len(image)),
            incident_number=incident.number,
        )
        if rng.random() < 0.4:
            incident_services.police_report_save(
                actor=advisor,
                reference=case.reference,
                number=incident.number,
                data=validate_police_report(
                    {
                        "kind": "complaint",
                        "reportedOn": today.isoformat(),
                        "vptCode": "yes",
                        "addressProtection": "default",
                    }
                ),
            )


# Half of the worked demo cases get incidents.
CASE_WORK = CaseWork("incidents", 10, 0.5, incidents_add)
