"""Send e-mail now: enqueued after the commit of a new request or a message to the office holder, so the mail
leaves within seconds of the event with the worker running, not only at the next run of the every-minute
``send_mail`` job (which can be up to a slot plus a scheduler tick away). ``mail_send_due`` claims each mail by
a conditional update, so this task and the job never send one mail twice."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django_tasks import task

logger = logging.getLogger(__name__)


@task(queue_name="default")
def send_mail_now() -> dict[str, Any]:
    from weerbaar.notifications.services import mail_send_due

    return mail_send_due()


def send_mail_soon() -> None:
    """Enqueue ``send_mail_now``; a failure to enqueue is logged, never raised (the job sends it anyway)."""
    try:
        send_mail_now.using(queue_name=settings.TASKS_QUEUE).enqueue()
    except Exception as exc:  # the every-minute job is the fallback
        logger.warning("could not enqueue send_mail_now: %s", type(exc).__name__)
