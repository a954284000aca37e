"""The daily retention job: tell advisors 30 days ahead, and propose destruction lists of the cases now due."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.core.jobs import Job
from weerbaar.retention import services


def retention_lists(now: datetime) -> dict[str, Any]:
    today = timezone.localdate(now)
    told = services.advisors_warn(today, now=now)
    lists = services.destruction_lists_propose(today)
    return {"advisors_told": told, "lists": len(lists)}


JOBS = (
    Job(
        "retention_lists",
        timedelta(days=1),
        retention_lists,
        _(
            "Stelt per vereniging een vernietigingslijst voor met de gesloten zaken waarvan de bewaartermijn "
            "voorbij is (zaken met een bewaarplicht niet), en waarschuwt de adviseur 30 dagen vooraf. Er wordt "
            "pas iets vernietigd na twee goedkeuringen."
        ),
        _("elke dag"),
        title=_("Vernietigingslijsten voorstellen"),
        position=950,
    ),
)
