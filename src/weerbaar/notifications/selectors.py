"""Reads of notifications: a user's own list and unread count, and the coordinators' mail queue."""

from __future__ import annotations

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


def mail_queue(user: User) -> QuerySet[OutgoingMail]:
    """Mails not (yet) sent: failed first, then queued by next attempt; coordinators only."""
    if not policy.can_view_mail_queue(user):
        return OutgoingMail.objects.none()
    return (
        OutgoingMail.objects.exclude(status=OutgoingMail.Status.SENT)
        .select_related("recipient")
        .order_by("-status", "next_attempt_at", "pk")  # "queued" > "failed": failed first with -status
    )
