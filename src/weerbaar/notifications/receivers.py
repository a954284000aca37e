"""What notifications does when something happens to a case or a to-do (``cases.signals``) or a partner account
is made (``accounts.signals``), connected in ``apps.py``. The sender decides what happened; this app decides who
hears of it, once (every ``notify`` is idempotent on its key), with a fixed sentence per kind and never any case
content."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from weerbaar.cases.services import escalation_key
from weerbaar.notifications.models import Notification
from weerbaar.notifications.services import (
    case_new_recipients,
    notify,
    notify_coordinators,
    notify_office_holder,
    notify_todo_owner,
)
from weerbaar.notifications.tasks import send_mail_soon


def _case_link(reference: str) -> str:
    return f"/werkruimte/zaken/{reference}"


def case_new_key(reference: str) -> str:
    return f"case-new:{reference}"


def on_case_opened(sender: Any, *, case: Any, now: datetime, **kwargs: Any) -> None:
    """A new request, by web, phone or API: its association's advisors hear of it (the on-duty advisor first)
    and, when it is urgent, every coordinator too. After commit, so that a failing notification can never cost
    a help request, and nobody is told of a request that was rolled back."""
    reference, association_id, urgent = case.reference, case.association_id, case.urgent

    def send() -> None:
        notified = notify(
            recipients=case_new_recipients(association_id=association_id, urgent=urgent, now=now),
            kind="case_new",
            key=case_new_key(reference),
            link=_case_link(reference),
            now=now,
        )
        if notified:
            send_mail_soon()

    transaction.on_commit(send)


def on_case_message_sent(sender: Any, *, case: Any, message: Any, **kwargs: Any) -> None:
    """An advisor wrote in Mijn zaak (a message, a consent request or an aftercare check-in, which arrive
    as messages): the office holder gets the content-free e-mail if they chose it."""
    case_pk, message_pk = case.pk, message.pk

    def send() -> None:
        from weerbaar.cases.models import Case

        current = Case.objects.filter(pk=case_pk).first()
        if current is not None and notify_office_holder(case=current, key=f"office-holder:message:{message_pk}"):
            send_mail_soon()

    transaction.on_commit(send)


def on_case_escalated(sender: Any, *, case: Any, now: datetime, **kwargs: Any) -> None:
    """Coordinators hear once per case, in the app and by e-mail, that nobody took a new case in time."""
    reference = case.reference
    notify_coordinators(kind="case_escalated", key=escalation_key(reference), link=_case_link(reference), now=now)


def red_key(reference: str) -> str:
    return f"case-red:{reference}"


def on_cases_red(sender: Any, *, references: list[str], now: datetime, **kwargs: Any) -> set[str]:
    """Tell the coordinators once per case that an unclaimed case passed three times its response window;
    returns the references reported now (a case reported before, to anyone, is not reported again)."""
    keys = {red_key(reference) for reference in references}
    done = set(Notification.objects.filter(key__in=keys).values_list("key", flat=True).distinct())
    reported: set[str] = set()
    for reference in references:
        key = red_key(reference)
        if key in done:
            continue
        notify_coordinators(kind="case_red", key=key, link=_case_link(reference), now=now)
        reported.add(reference)
    return reported


def on_case_taken_over(sender: Any, *, case: Any, actor: Any, previous: Any, now: datetime, **kwargs: Any) -> None:
    """A coordinator's break-glass is announced at once: every advisor of the case's association, every other
    coordinator and whoever held the case are told, in the app now (in the same transaction: no notice of a
    take-over that rolled back) and by e-mail right after the commit."""
    from weerbaar.accounts.models import Role, User

    people = User.objects.filter(is_active=True).filter(
        Q(role=Role.ADVISOR, association_id=case.association_id) | Q(role=Role.COORDINATOR)
    )
    recipients = list(people.exclude(pk=actor.pk).order_by("pk"))
    if previous is not None and previous.pk != actor.pk:
        recipients.append(previous)
    notified = notify(
        recipients=recipients,
        kind="case_taken_over",
        key=f"case-taken-over:{case.reference}:{now.isoformat()}",
        link=_case_link(case.reference),
        now=now,
    )
    if notified:
        transaction.on_commit(send_mail_soon)


def on_case_lent_recorded(sender: Any, *, case: Any, holder: Any, now: datetime, **kwargs: Any) -> None:
    """A case held outside its association without a break-glass, recorded by the record_lent_cases job: the
    coordinators of the case's association are told, so they can take it back (every coordinator when that
    association has none)."""
    from weerbaar.accounts.models import Role, User

    coordinators = User.objects.filter(is_active=True, role=Role.COORDINATOR)
    recipients = list(coordinators.filter(association_id=case.association_id).order_by("pk"))
    if not recipients:
        recipients = list(coordinators.order_by("pk"))
    notified = notify(
        recipients=recipients,
        kind="case_lent_recorded",
        key=f"case-lent:{case.reference}:{holder.pk}",
        link=_case_link(case.reference),
        now=now,
    )
    if notified:
        transaction.on_commit(send_mail_soon)


def on_case_message_received(sender: Any, *, case: Any, message: Any, **kwargs: Any) -> None:
    """The advisor of the case hears that the office holder wrote."""
    if case.assigned_to is not None:
        notify(
            recipients=[case.assigned_to],
            kind="message_received",
            key=f"message:{case.reference}:{message.pk}",
            link=reverse("cases:messages", args=[case.reference]),  # the messages tab of the case page
        )


def on_todo_due(sender: Any, *, todo: Any, key: str, now: datetime, **kwargs: Any) -> int:
    """One reminder per to-do and due moment, to its assignee or to the coordinators for a pool to-do."""
    return notify_todo_owner(todo, kind="task_due", key=key, link=reverse("cases:my_tasks"), now=now)


def on_partner_account_created(sender: Any, *, user: Any, partner: Any, **kwargs: Any) -> None:
    """A partner account reads what office holders shared with that partner: every coordinator hears of it."""
    notify_coordinators(
        kind="partner_account_created",
        key=f"partner-account:{user.pk}",
        link=f"/werkruimte/netwerkpartners/{partner.pk}",
    )
