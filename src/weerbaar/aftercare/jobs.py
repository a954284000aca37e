"""The background job of aftercare, registered with the kernel's scheduler (``core.jobs``) in ``apps.py``."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _

from weerbaar.core.jobs import Job


def _aftercare_checkins(now: datetime) -> dict[str, Any]:
    from weerbaar.aftercare.services import checkins_make_due

    return checkins_make_due(now=now)


JOBS = (
    Job(
        "aftercare_checkins",
        timedelta(minutes=15),
        _aftercare_checkins,
        _(
            "Check-ins van nazorgplannen waarvan het moment is gekomen: een taak voor de adviseur, "
            "een bericht in Mijn zaak en een melding."
        ),
        _("elk kwartier"),
        title=_("Check-ins van nazorg klaarzetten"),
        position=100,
    ),
)
