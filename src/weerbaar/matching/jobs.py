"""The nightly matching job (``weerbaar matching run`` runs it once)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _

from weerbaar.core.jobs import Job


def _run(now: datetime) -> dict[str, Any]:
    from weerbaar.matching.services import matching_run

    return matching_run(now)


JOBS = (
    Job(
        "match_perpetrators",
        timedelta(days=1),
        _run,
        _(
            "Zoekt daderkenmerken die in zaken van verschillende ambtsdragers voorkomen en legt ze als mogelijke "
            "koppeling voor aan twee coördinatoren (alleen als koppelen aan staat)."
        ),
        _("elke nacht"),
        title=_("Mogelijke koppelingen zoeken"),
        position=45,
    ),
)
