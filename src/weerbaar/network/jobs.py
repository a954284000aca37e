"""The background job of referrals, registered with the kernel's scheduler (``core.jobs``) in ``apps.py``."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _

from weerbaar.core.jobs import Job


def _referral_responses_overdue(now: datetime) -> dict[str, Any]:
    from weerbaar.network.services import referral_responses_overdue

    return referral_responses_overdue(now=now)


JOBS = (
    Job(
        "referral_responses_overdue",
        timedelta(minutes=15),
        _referral_responses_overdue,
        _(
            "Doorverwijzingen waarop de netwerkpartner niet binnen twee werkdagen reageerde: een taak en een "
            "melding voor de adviseur."
        ),
        _("elk kwartier"),
        title=_("Doorverwijzingen zonder reactie"),
        position=10,
    ),
)
