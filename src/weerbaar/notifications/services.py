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
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext

from weerbaar.accounts.models import Role, User
from weerbaar.core import clock
from weerbaar.notifications import kinds as kind_registry
from weerbaar.notifications.models import (
    EmailPreference,
    Notification,
    OfficeHolderEmail,
    OnDutyPeriod,
    OutgoingMail,
)
from weerbaar.notifications.selectors import OFFICE_HOLDER_KIND, on_duty_now

if TYPE_CHECKING:
    from weerbaar.cases.models import Case
    from weerbaar.notifications.kinds import Kind
    from weerbaar.todos.models import Todo

logger = logging.getLogger(__name__)

# A link is a path inside Weerbaar with references and numeric ids only: no spaces, no @, no free text.
# (Used with fullmatch: "$" would let a trailing newline through.)
LINK_RE = re.compile(r"/(?!/)[A-Za-z0-9/_.\-]*(\?[A-Za-z0-9_\-=&]*)?(#[A-Za-z0-9_\-]*)?")
SETTINGS_PATH = "/werkruimte/meldingen/instellingen"


def _check_link(link: str) -> str:
    if not LINK_RE.fullmatch(link or "") or len(link) > 500:
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

    A handful of statements whatever the number of recipients (this runs for every new help request, for each
    advisor of its association): who already has it, the new notifications at once, the e-mail preferences at
    once, the e-mails at once. Another process notifying about the same key at the same moment cannot make a
    second notification or e-mail: both tables are unique on ``(recipient, key)`` and conflicting rows are
    skipped (``ON CONFLICT DO NOTHING``).
    """
    spec = kind_registry.get(kind)
    _check_link(link)
    if not key or len(key) > 200:
        raise ValueError("a notification key is required (at most 200 characters)")
    now = now or clock.now()
    users: dict[int, User] = {}
    for user in recipients:
        if user is not None and user.is_active and user.pk not in users:
            users[user.pk] = user
    if not users:
        return 0
    with transaction.atomic():
        have = set(
            Notification.objects.filter(key=key, recipient_id__in=list(users)).values_list("recipient_id", flat=True)
        )
        new = [user for pk, user in users.items() if pk not in have]
        if not new:
            return 0
        Notification.objects.bulk_create(
            [Notification(recipient=user, key=key, kind=kind, link=link, created_at=now) for user in new],
            ignore_conflicts=True,
        )
        with_address = [user for user in new if user.email]
        if with_address:
            declined = set(
                EmailPreference.objects.filter(
                    user_id__in=[user.pk for user in with_address], group=spec.group, email=False
                ).values_list("user_id", flat=True)
            )
            mail_to = [user for user in with_address if user.pk not in declined]
            if mail_to:
                subject, body = render_mail(spec, link)
                OutgoingMail.objects.bulk_create(
                    [
                        OutgoingMail(
                            recipient=user,
                            key=key,
                            kind=kind,
                            subject=subject,
                            body=body,
                            created_at=now,
                            next_attempt_at=now,
                        )
                        for user in mail_to
                    ],
                    ignore_conflicts=True,
                )
    return len(new)


def coordinators() -> list[User]:
    return list(User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("pk"))


def notify_coordinators(*, kind: str, key: str, link: str, now: datetime | None = None) -> int:
    """``notify`` every active coordinator."""
    return notify(recipients=coordinators(), kind=kind, key=key, link=link, now=now)


def notify_todo_owner(todo: Todo, *, kind: str, key: str, link: str, now: datetime | None = None) -> int:
    """``notify`` whoever owns a to-do: its assignee, or every coordinator for a pool to-do."""
    if todo.assignee is not None:
        return notify(recipients=[todo.assignee], kind=kind, key=key, link=link, now=now)
    return notify_coordinators(kind=kind, key=key, link=link, now=now)


# --- reading --------------------------------------------------------------------------------


def notification_mark_read(*, user: User, notification_id: int, now: datetime | None = None) -> Notification:
    """Mark one of ``user``'s notifications as read (already read stays as it was); NotFound otherwise."""
    from weerbaar.core.errors import NotFound

    now = now or clock.now()
    note = Notification.objects.filter(recipient=user, pk=notification_id).first()
    if note is None:
        raise NotFound(gettext("Deze melding bestaat niet."))
    if note.read_at is None:
        Notification.objects.filter(pk=note.pk, read_at__isnull=True).update(read_at=now)
        note.read_at = now
    return note


def notification_mark_unread(*, user: User, notification_id: int) -> Notification:
    """Mark one of ``user``'s notifications as unread again; NotFound when it is not theirs."""
    from weerbaar.core.errors import NotFound

    note = Notification.objects.filter(recipient=user, pk=notification_id).first()
    if note is None:
        raise NotFound(gettext("Deze melding bestaat niet."))
    Notification.objects.filter(pk=note.pk).update(read_at=None)
    note.read_at = None
    return note


def notifications_mark_all_read(*, user: User, now: datetime | None = None) -> int:
    now = now or clock.now()
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=now)


# --- sending (the send_mail job) ------------------------------------------------------------

RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(minutes=120))
MAX_ATTEMPTS = 5
# A claimed mail is hidden from other workers this long; if the worker died mid-send it is tried again.
CLAIM_LEASE = timedelta(minutes=10)
MAIL_QUEUE_PATH = "/werkruimte/meldingen/e-mail"


class NoEmailAddress(Exception):
    """The recipient has no e-mail address (any more)."""


def _claim(mail_id: int, attempts: int, now: datetime) -> bool:
    """Take one due mail for this worker: a conditional update on the row, so of two workers (or two runs
    of the job) exactly one gets it; the other sees zero rows changed and moves on."""
    return bool(
        OutgoingMail.objects.filter(
            pk=mail_id, status=OutgoingMail.Status.QUEUED, attempts=attempts, next_attempt_at__lte=now
        ).update(attempts=attempts + 1, next_attempt_at=now + CLAIM_LEASE)
    )


def _deliver(mail: OutgoingMail) -> None:
    from django.core.mail import EmailMessage

    address: str | None
    if mail.recipient_id is None:
        address = _office_holder_address(mail)
    else:
        address = User.objects.filter(pk=mail.recipient_id, is_active=True).values_list("email", flat=True).first()
    if not address:
        raise NoEmailAddress()
    EmailMessage(subject=mail.subject, body=mail.body, to=[address]).send(fail_silently=False)


def mail_send_due(*, now: datetime | None = None, limit: int = 200) -> dict[str, int]:
    """Send every queued mail that is due; retry failures after 1, 5, 30 and 120 minutes, give up after
    ``MAX_ATTEMPTS`` and tell the coordinators once (kind ``mail_failed``). Idempotent: a mail is sent at
    most once, also when the job runs twice or on two workers at the same time."""
    now = now or clock.now()
    counts = {"sent": 0, "retrying": 0, "failed": 0}
    due = list(
        OutgoingMail.objects.filter(status=OutgoingMail.Status.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", "attempts")[:limit]
    )
    for mail_id, attempts in due:
        if not _claim(mail_id, attempts, now):
            continue
        mail = OutgoingMail.objects.get(pk=mail_id)
        try:
            _deliver(mail)
        except Exception as exc:
            error = type(exc).__name__[:200]
            logger.warning("mail %s (%s) failed on attempt %s: %s", mail.pk, mail.kind, mail.attempts, error)
            if mail.attempts >= MAX_ATTEMPTS:
                OutgoingMail.objects.filter(pk=mail.pk).update(
                    status=OutgoingMail.Status.FAILED, next_attempt_at=None, last_error=error
                )
                counts["failed"] += 1
                if mail.kind != "mail_failed":  # never a chain of mails about mails that failed
                    notify_coordinators(kind="mail_failed", key=f"mail-failed:{mail.pk}", link=MAIL_QUEUE_PATH, now=now)
            else:
                delay = RETRY_DELAYS[min(mail.attempts, len(RETRY_DELAYS)) - 1]
                OutgoingMail.objects.filter(pk=mail.pk).update(next_attempt_at=now + delay, last_error=error)
                counts["retrying"] += 1
            continue
        OutgoingMail.objects.filter(pk=mail.pk).update(
            status=OutgoingMail.Status.SENT, sent_at=now, next_attempt_at=None, last_error=""
        )
        counts["sent"] += 1
    return counts


def mail_retry_now(*, actor: User, mail_id: int, now: datetime | None = None) -> OutgoingMail:
    """A coordinator's "nu opnieuw proberen": a failed or waiting mail is due at once (the job sends it
    within a minute); a failed one gets one more attempt. A mail that was sent stays sent."""
    from weerbaar.accounts import policy
    from weerbaar.core.audit import audit_record
    from weerbaar.core.errors import NotFound

    if not policy.can_view_mail_queue(actor):
        raise NotFound(gettext("Deze e-mail bestaat niet."))
    now = now or clock.now()
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.status == OutgoingMail.Status.SENT:
            raise NotFound(gettext("Deze e-mail bestaat niet."))
        mail.status = OutgoingMail.Status.QUEUED
        mail.next_attempt_at = now
        mail.attempts = min(mail.attempts, MAX_ATTEMPTS - 1)
        mail.save(update_fields=["status", "next_attempt_at", "attempts"])
        audit_record(actor=actor, action="mail.retry", object_type="outgoing_mail", object_id=str(mail.pk))
    return mail


# --- the office holder's e-mail ("er is iets nieuws in Mijn zaak") ---------------------------

PORTAL_PATH = "/mijn-zaak"


def render_office_holder_mail() -> tuple[str, str]:
    """The one e-mail an office holder can get: that something new waits in Mijn zaak, and a link. Nothing
    else: no name, no reference, no sender, no words of the case (a shared mailbox or a glance over a
    shoulder learns only that the person uses Weerbaar)."""
    url = base_url() + PORTAL_PATH
    with translation.override("nl"):
        nl = gettext("Er is iets nieuws in Mijn zaak")
    with translation.override("en"):
        en = gettext("Er is iets nieuws in Mijn zaak")
    subject = nl if en == nl else f"{nl} / {en}"
    body = f"{nl}.\n{url}\n" if en == nl else f"{nl}.\n{en}.\n\n{url}\n"
    return subject[:200], body


def _office_holder_address(mail: OutgoingMail) -> str:
    """Open the sealed address for sending, and audit that it was opened (without the address)."""
    from weerbaar.core.audit import audit_record

    if mail.case_id is None:
        return ""
    choice = OfficeHolderEmail.objects.select_related("case").filter(case_id=mail.case_id).first()
    if choice is None:
        return ""
    address = str(choice.open("sealed_email", under=choice.case))
    audit_record(
        actor=None,
        action="case.office_holder_email_sent",
        object_type="case",
        object_id=choice.case.reference,
        details={"mail": mail.pk},
    )
    return address


def notify_office_holder(*, case: Case, key: str, now: datetime | None = None) -> bool:
    """Queue the content-free e-mail for the office holder of ``case`` when they chose it. One at a time: while
    one still waits to be sent, a second event adds nothing (they will look and see both). Idempotent on
    ``key``. Returns whether a mail was queued."""
    now = now or clock.now()
    if not OfficeHolderEmail.objects.filter(case_id=case.pk).exists():
        return False
    if OutgoingMail.objects.filter(case_id=case.pk, status=OutgoingMail.Status.QUEUED).exists():
        return False
    subject, body = render_office_holder_mail()
    try:
        with transaction.atomic():
            _, new = OutgoingMail.objects.get_or_create(
                case_id=case.pk,
                recipient=None,
                key=key,
                defaults={
                    "kind": OFFICE_HOLDER_KIND,
                    "subject": subject,
                    "body": body,
                    "created_at": now,
                    "next_attempt_at": now,
                },
            )
    except IntegrityError:
        return False
    return new


def office_holder_email_set(*, case: Case, email: str, actor: Any, now: datetime | None = None) -> None:
    """The office holder chooses the e-mail (at intake or in Mijn zaak) or changes its address. The address is
    validated by the caller, sealed under the case key; the audit says that the choice changed, not to what."""
    from weerbaar.core.audit import audit_record

    now = now or clock.now()
    with transaction.atomic(savepoint=False):
        choice = OfficeHolderEmail.objects.select_for_update().filter(case_id=case.pk).first()
        if choice is None:
            OfficeHolderEmail.create_sealed(
                sealed={"sealed_email": email}, under=case, case=case, created_at=now, updated_at=now
            )
            action = "case.office_holder_email_chosen"
        else:
            choice.seal("sealed_email", email, under=case)
            choice.updated_at = now
            choice.save(update_fields=["sealed_email", "updated_at"])
            action = "case.office_holder_email_changed"
        audit_record(actor=actor, action=action, object_type="case", object_id=case.reference)


def office_holder_email_withdraw(*, case: Case, actor: Any) -> bool:
    """Withdraw the choice: the sealed address is deleted, and so is any e-mail still waiting to go to it."""
    from weerbaar.core.audit import audit_record

    with transaction.atomic():
        deleted, _ = OfficeHolderEmail.objects.filter(case_id=case.pk).delete()
        if not deleted:
            return False
        OutgoingMail.objects.filter(case_id=case.pk, status=OutgoingMail.Status.QUEUED).delete()
        audit_record(
            actor=actor, action="case.office_holder_email_withdrawn", object_type="case", object_id=case.reference
        )
    return True


def office_holder_email_read(*, case: Case, actor: str) -> str:
    """The address the office holder chose, for their own Mijn zaak page ("" when they did not choose)."""
    from weerbaar.core.audit import audit_record

    choice = OfficeHolderEmail.objects.filter(case_id=case.pk).first()
    if choice is None:
        return ""
    audit_record(actor=actor, action="case.office_holder_email_read", object_type="case", object_id=case.reference)
    return str(choice.open("sealed_email", under=case))


# --- new requests: the association's advisors, the on-duty advisor first -----------------------


def case_new_recipients(*, association_id: int, urgent: bool, now: datetime) -> list[User]:
    """Who hears of a new request: the on-duty advisor(s) of its association first, then every other active
    advisor of that association, then (urgent requests only) every coordinator."""
    advisors = list(
        User.objects.filter(role=Role.ADVISOR, association_id=association_id, is_active=True).order_by("pk")
    )
    # Only an active advisor of the association can be on duty for it, so without advisors there is nobody on
    # duty either (one statement saved per help request), and the rota is read without joining the users again.
    people = on_duty_now(association_id, now, among=advisors) if advisors else []
    people += advisors
    if urgent:
        people += coordinators()
    return people


def on_duty_period_add(
    *, actor: User, association_id: int, advisor_id: int, starts_at: datetime, ends_at: datetime
) -> OnDutyPeriod:
    """A coordinator puts an advisor of the association on duty for a period."""
    from weerbaar.accounts import policy
    from weerbaar.core.audit import audit_record
    from weerbaar.core.errors import Errors, Forbidden
    from weerbaar.directory.models import Association

    if not policy.can_manage_on_duty(actor):
        raise Forbidden(gettext("Alleen coördinatoren stellen het dienstrooster in."))
    errors = Errors()
    association = Association.objects.filter(pk=association_id).first()
    if association is None:
        errors.add("association", gettext("Kies een vereniging."))
    advisor = User.objects.filter(pk=advisor_id).first()
    if advisor is None or not policy.can_be_on_duty(advisor, association_id):
        errors.add("advisor", gettext("Kies een actieve adviseur van deze vereniging."))
    if ends_at <= starts_at:
        errors.add("endsAt", gettext("Het einde moet na het begin liggen."))
    elif ends_at - starts_at > timedelta(days=31):
        errors.add("endsAt", gettext("Een dienst duurt hoogstens 31 dagen."))
    if ends_at <= clock.now():
        errors.add("endsAt", gettext("Het einde ligt in het verleden."))
    errors.raise_if_any()
    assert association is not None
    assert advisor is not None
    with transaction.atomic():
        period = OnDutyPeriod.objects.create(
            association=association,
            advisor=advisor,
            starts_at=starts_at,
            ends_at=ends_at,
            set_by=actor,
            created_at=clock.now(),
        )
        audit_record(
            actor=actor,
            action="on_duty.period_added",
            object_type="on_duty_period",
            object_id=str(period.pk),
            details={"association": association.code, "advisor": advisor.pk},
        )
    return period


def on_duty_period_remove(*, actor: User, period_id: int) -> None:
    """A coordinator removes (or ends early) a period of the rota."""
    from weerbaar.accounts import policy
    from weerbaar.core.audit import audit_record
    from weerbaar.core.errors import Forbidden, NotFound

    if not policy.can_manage_on_duty(actor):
        raise Forbidden(gettext("Alleen coördinatoren stellen het dienstrooster in."))
    with transaction.atomic():
        deleted, _ = OnDutyPeriod.objects.filter(pk=period_id).delete()
        if not deleted:
            raise NotFound(gettext("Deze dienst bestaat niet."))
        audit_record(
            actor=actor, action="on_duty.period_removed", object_type="on_duty_period", object_id=str(period_id)
        )


# --- retention (the prune_notifications job) -----------------------------------------------

KEEP_READ_NOTIFICATIONS = timedelta(days=180)
KEEP_SENT_MAIL = timedelta(days=30)


def notifications_prune(*, now: datetime | None = None) -> dict[str, int]:
    """Delete notifications read more than 180 days ago and e-mails sent more than 30 days ago. Unread
    notifications and unsent (queued or failed) mails stay. A second run deletes nothing."""
    now = now or clock.now()
    notes, _ = Notification.objects.filter(read_at__lt=now - KEEP_READ_NOTIFICATIONS).delete()
    mails, _ = OutgoingMail.objects.filter(status=OutgoingMail.Status.SENT, sent_at__lt=now - KEEP_SENT_MAIL).delete()
    return {"notifications": notes, "mails": mails}
