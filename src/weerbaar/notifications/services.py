"""Writes of notifications: notify users (in the app, and by e-mail when they want it), mark as read,
preferences, and the outbox that the ``send_mail`` job works through with retries.

Everything is idempotent on ``(recipient, key)``: notifying twice about the same thing creates one
notification and queues one e-mail. Nothing written here contains case content (see ``kinds.py``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from weerbaar.accounts.models import Role, User
from weerbaar.notifications import kinds as kind_registry
from weerbaar.notifications.models import EmailPreference, Notification, OutgoingMail

if TYPE_CHECKING:
    from weerbaar.notifications.kinds import Kind

logger = logging.getLogger(__name__)

# A link is a path inside Weerbaar with references and numeric ids only: no spaces, no @, no free text.
LINK_RE = re.compile(r"^/(?!/)[A-Za-z0-9/_.\-]*(\?[A-Za-z0-9_\-=&]*)?(#[A-Za-z0-9_\-]*)?$")
SETTINGS_PATH = "/werkruimte/meldingen/instellingen"


def _check_link(link: str) -> str:
    if not LINK_RE.match(link or "") or len(link) > 500:
        raise ValueError("a notification link must be a plain path inside Weerbaar (references and ids only)")
    return link


# --- preferences ----------------------------------------------------------------------------


def email_wanted(user: User, group: str) -> bool:
    """Whether ``user`` gets e-mail for ``group`` (default on) and has an address to get it at."""
    if not user.email:
        return False
    pref = EmailPreference.objects.filter(user=user, group=group).values_list("email", flat=True).first()
    return True if pref is None else bool(pref)


def email_preferences(user: User) -> dict[str, bool]:
    """Per group code: whether e-mail is on (defaults filled in)."""
    stored = dict(EmailPreference.objects.filter(user=user).values_list("group", "email"))
    return {code: stored.get(code, True) for code in kind_registry.GROUPS}


def email_preferences_save(*, user: User, email_groups: Iterable[str]) -> dict[str, bool]:
    """Switch e-mail on for the groups in ``email_groups`` and off for every other group."""
    wanted = set(email_groups)
    unknown = wanted - set(kind_registry.GROUPS)
    if unknown:
        raise ValueError(f"unknown groups: {sorted(unknown)}")
    with transaction.atomic():
        for code in kind_registry.GROUPS:
            EmailPreference.objects.update_or_create(user=user, group=code, defaults={"email": code in wanted})
    return email_preferences(user)


# --- e-mail text ----------------------------------------------------------------------------


def base_url() -> str:
    return str(getattr(settings, "WEERBAAR_BASE_URL", "http://127.0.0.1:8000")).rstrip("/")


def render_mail(kind: Kind, link: str) -> tuple[str, str]:
    """Subject and body of the e-mail for ``kind``: Dutch first, then English; only the fixed sentence and
    the link, never case content."""
    url = base_url() + link
    prefs = base_url() + SETTINGS_PATH
    parts = {}
    for lang in ("nl", "en"):
        with translation.override(lang):
            parts[lang] = {
                "subject": str(kind.subject),
                "sentence": str(kind.sentence),
                "intro": gettext("Er is iets nieuws voor u in Weerbaar."),
                "view": gettext("Bekijk het in Weerbaar (na inloggen):"),
                "why": gettext("Deze e-mail bevat bewust geen inhoud van zaken. Uw e-mailmeldingen stelt u hier in:"),
            }
    nl, en = parts["nl"], parts["en"]
    subject = f"Weerbaar: {nl['subject']}"
    if en["subject"] != nl["subject"]:
        subject += f" / {en['subject']}"
    body = (
        f"{nl['intro']}\n{nl['sentence']}\n\n{nl['view']}\n{url}\n\n"
        f"--- English ---\n\n{en['intro']}\n{en['sentence']}\n\n{en['view']}\n{url}\n\n"
        f"--\n{nl['why']}\n{en['why']}\n{prefs}\n"
    )
    return subject[:200], body


# --- notify ---------------------------------------------------------------------------------


def notify(*, recipients: Iterable[User], kind: str, key: str, link: str, now: datetime | None = None) -> int:
    """One in-app notification per (recipient, key) plus a queued e-mail when the recipient wants it.

    Idempotent: a recipient who already has a notification with ``key`` gets nothing new. Returns how many
    notifications were new. Inactive users are skipped.
    """
    spec = kind_registry.get(kind)
    _check_link(link)
    if not key or len(key) > 200:
        raise ValueError("a notification key is required (at most 200 characters)")
    now = now or timezone.now()
    created = 0
    seen: set[int] = set()
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        try:
            with transaction.atomic():
                _, new = Notification.objects.get_or_create(
                    recipient=user, key=key, defaults={"kind": kind, "link": link, "created_at": now}
                )
                if not new:
                    continue
                if email_wanted(user, spec.group):
                    subject, body = render_mail(spec, link)
                    OutgoingMail.objects.get_or_create(
                        recipient=user,
                        key=key,
                        defaults={
                            "kind": kind,
                            "subject": subject,
                            "body": body,
                            "created_at": now,
                            "next_attempt_at": now,
                        },
                    )
        except IntegrityError:
            continue  # created at the same moment by another process: that one counts
        created += 1
    return created


def coordinators() -> list[User]:
    return list(User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("pk"))


def notify_coordinators(*, kind: str, key: str, link: str, now: datetime | None = None) -> int:
    """``notify`` every active coordinator."""
    return notify(recipients=coordinators(), kind=kind, key=key, link=link, now=now)


# --- reading --------------------------------------------------------------------------------


def notification_mark_read(*, user: User, notification_id: int, now: datetime | None = None) -> Notification:
    """Mark one of ``user``'s notifications as read (already read stays as it was); NotFound otherwise."""
    from weerbaar.core.errors import NotFound

    now = now or timezone.now()
    note = Notification.objects.filter(recipient=user, pk=notification_id).first()
    if note is None:
        raise NotFound(gettext("Deze melding bestaat niet."))
    if note.read_at is None:
        Notification.objects.filter(pk=note.pk, read_at__isnull=True).update(read_at=now)
        note.read_at = now
    return note


def notifications_mark_all_read(*, user: User, now: datetime | None = None) -> int:
    now = now or timezone.now()
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=now)


# --- sending (the send_mail job) ------------------------------------------------------------

RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(minutes=120))
MAX_ATTEMPTS = 5
