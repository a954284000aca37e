"""The background jobs of notifications, registered with the kernel's scheduler (``core.jobs``) in ``apps.py``."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _

from weerbaar.core.jobs import Job


def _send_mail(now: datetime) -> dict[str, Any]:
    from weerbaar.notifications.services import mail_send_due

    return mail_send_due(now=now)


def _prune_notifications(now: datetime) -> dict[str, Any]:
    from weerbaar.notifications.services import notifications_prune

    return notifications_prune(now=now)


JOBS = (
    Job(
        "send_mail",
        timedelta(minutes=1),
        _send_mail,
        _(
            "E-mailmeldingen (zonder inhoud van zaken) worden verstuurd; mislukte pogingen worden na 1, 5, 30 "
            "en 120 minuten herhaald, daarna krijgen coördinatoren een melding."
        ),
        _("elke minuut"),
        title=_("E-mailmeldingen versturen"),
        position=40,
    ),
    Job(
        "prune_notifications",
        timedelta(days=1),
        _prune_notifications,
        _(
            "Meldingen die langer dan 180 dagen gelezen zijn en e-mails die langer dan 30 dagen verstuurd zijn, "
            "worden verwijderd."
        ),
        _("elke dag"),
        title=_("Oude meldingen en e-mails opruimen"),
        position=70,
    ),
)
