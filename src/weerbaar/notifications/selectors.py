"""Reads of notifications: a user's own list and unread count, and the coordinators' mail queue."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django.db.models import QuerySet

from weerbaar.accounts import policy
from weerbaar.accounts.models import User
from weerbaar.notifications import kinds
from weerbaar.notifications.models import Notification, OutgoingMail


def notifications_for(user: User) -> QuerySet[Notification]:
    """``user``'s own notifications, newest first (nobody sees anyone else's)."""
    if not policy.can_use_notifications(user):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(user: User) -> int:
    """One indexed COUNT on (recipient, read_at): cheap enough for every workspace page."""
    if not policy.can_use_notifications(user):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def sentence_of(notification: Notification) -> str:
    kind = kinds.KINDS.get(notification.kind)
    return str(kind.sentence) if kind else notification.kind


# The reference a notification's link points at: a case (WB-…) or a council conversation request (RG-…).
# References are not case content; showing one beside the fixed sentence tells identical sentences apart.
_LINK_REFERENCE_RE = re.compile(
    r"^/werkruimte/(?:zaken|raadsgesprekken)/((?:WB|RG)-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})(?:[/#?]|$)"
)


def reference_of(notification: Notification) -> str:
    """The case or council request reference in the notification's link, or ""."""
    match = _LINK_REFERENCE_RE.match(notification.link or "")
    return match.group(1) if match else ""


def kind_label(code: str) -> str:
    """The Dutch label of a notification kind (its content-free e-mail subject); the code if unknown."""
    kind = kinds.KINDS.get(code)
    return str(kind.subject) if kind else code


STALE_AFTER = timedelta(minutes=5)


def mail_queue_stalled(now: datetime) -> bool:
    """Queued mails whose next attempt is more than five minutes past: the worker (send_mail) is not running."""
    return OutgoingMail.objects.filter(
        status=OutgoingMail.Status.QUEUED, next_attempt_at__lt=now - STALE_AFTER
    ).exists()


def mail_queue(user: User) -> QuerySet[OutgoingMail]:
    """Mails not (yet) sent: failed first, then queued by next attempt; coordinators only."""
    if not policy.can_view_mail_queue(user):
        return OutgoingMail.objects.none()
    return (
        OutgoingMail.objects.exclude(status=OutgoingMail.Status.SENT)
        .select_related("recipient")
        .order_by("-status", "next_attempt_at", "pk")  # "queued" > "failed": failed first with -status
    )
