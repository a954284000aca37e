"""The background jobs over cases, registered with the kernel's scheduler (``core.jobs``) in ``apps.py``.

Cases decides what is due (a case past its deadline, a case turned red) and sends a signal (``cases.signals``);
the apps around the case act on it (notifications tells someone, once). Every job is idempotent: running it
twice in a row changes nothing the second time.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.cases import signals
from weerbaar.cases.models import Case
from weerbaar.cases.selectors import red_q
from weerbaar.core.jobs import Job


def cases_flag_red(*, now: datetime | None = None) -> int:
    """Announce every case that is red now (``Case.red_after``: three times its response window after it arrived,
    working hours and holidays counted when it opened); returns how many were acted on for the first time — the
    coordinators hear of a case once, so a second run reports none."""
    now = now or timezone.now()
    references = list(Case.objects.filter(red_q(now)).values_list("reference", flat=True))
    if not references:
        return 0
    responses = signals.cases_red.send(sender=Case, references=references, now=now)
    return len(set().union(*(set(response or ()) for _receiver, response in responses)))


def _escalate(now: datetime) -> dict[str, Any]:
    from weerbaar.cases.services import cases_escalate_overdue

    return {"escalated": cases_escalate_overdue(now=now)}


def _flag_red(now: datetime) -> dict[str, Any]:
    return {"reported": cases_flag_red(now=now)}


JOBS = (
    Job(
        "escalate_overdue",
        timedelta(minutes=5),
        _escalate,
        _(
            "Nieuwe zaken die niemand oppakte vóór de reactietermijn (werkuren en feestdagen tellen mee) "
            "worden als geëscaleerd gemarkeerd."
        ),
        _("elke 5 minuten"),
        title=_("Zaken escaleren die te lang wachten"),
        position=20,
    ),
    Job(
        "flag_red",
        timedelta(minutes=5),
        _flag_red,
        _(
            "Coördinatoren krijgen één keer per zaak een melding als een nieuwe zaak na drie keer de "
            "reactietermijn nog door niemand is opgepakt (rood)."
        ),
        _("elke 5 minuten"),
        title=_("Zaken die veel te lang wachten melden"),
        position=30,
    ),
)
