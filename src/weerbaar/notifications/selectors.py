"""Reads of notifications: a user's own list and unread count, and the coordinators' mail queue."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from weerbaar.accounts import policy
from weerbaar.accounts.models import User
from weerbaar.notifications import kinds
from weerbaar.notifications.models import Notification, OfficeHolderEmail, OnDutyPeriod, OutgoingMail

# The kind of the office holder's content-free e-mail (not a staff notification: it has no group).
OFFICE_HOLDER_KIND = "office_holder_news"


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
    if code == OFFICE_HOLDER_KIND:
        return gettext("Er is iets nieuws in Mijn zaak")
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


# --- the on-duty rota -------------------------------------------------------------------------


def on_duty_now(association_id: int, now: datetime, *, among: list[User] | None = None) -> list[User]:
    """The advisors on duty for an association at ``now`` (normally one; overlapping periods give several),
    active advisors of that association only, in the order their period started.

    ``among``: the association's active advisors, already read (a new help request reads them anyway); then the
    rota alone is read and its advisors are taken from that list."""
    if among is not None:
        by_pk = {user.pk: user for user in among}
        advisor_ids = (
            OnDutyPeriod.objects.filter(
                association_id=association_id, starts_at__lte=now, ends_at__gt=now, advisor_id__in=list(by_pk)
            )
            .order_by("starts_at", "pk")
            .values_list("advisor_id", flat=True)
        )
        return [by_pk[advisor_id] for advisor_id in advisor_ids]
    return [
        period.advisor
        for period in OnDutyPeriod.objects.filter(
            association_id=association_id,
            starts_at__lte=now,
            ends_at__gt=now,
            advisor__is_active=True,
            advisor__role="advisor",
            advisor__association_id=association_id,
        )
        .select_related("advisor")
        .order_by("starts_at", "pk")
    ]


def on_duty_rota(user: User, *, now: datetime | None = None) -> QuerySet[OnDutyPeriod]:
    """Current and coming on-duty periods (ended ones drop off), for those who may manage the rota."""
    if not policy.can_manage_on_duty(user):
        return OnDutyPeriod.objects.none()
    now = now or timezone.now()
    return (
        OnDutyPeriod.objects.filter(ends_at__gt=now)
        .select_related("association", "advisor")
        .order_by("association__code", "starts_at", "pk")
    )


def office_holder_email_chosen(case_id: int) -> bool:
    """Whether the office holder of a case chose the "something new in Mijn zaak" e-mail (no content read)."""
    return OfficeHolderEmail.objects.filter(case_id=case_id).exists()
