"""Use cases of referrals: propose, consent (given, recorded, refused, withdrawn), send, answer, cancel.

Every function takes who acts (an advisor ``User``, the office holder's ``policy.OfficeHolder`` or a
partner ``User``), loads the referral through the permission policy (missing or not theirs: NotFound),
checks the step against ``network.workflow``, writes in one transaction with the row locked, appends a
``ReferralEvent`` and an audit entry (ids and codes only), and notifies after commit. Without consent
nothing leaves the case: a referral can only be sent once consented, and the partner reads only
through ``policy.partner_may_read``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from weerbaar.accounts import policy
from weerbaar.accounts.models import Role, User
from weerbaar.cases.choices import Status
from weerbaar.cases.services import case_message_send_system
from weerbaar.core import clock
from weerbaar.core.audit import audit_record
from weerbaar.core.clock import WorkingTime
from weerbaar.core.errors import Conflict, NotFound
from weerbaar.directory.models import Partner
from weerbaar.network.choices import CancelReason, ConsentMethod, Party, ReferralStatus
from weerbaar.network.models import Consent, Referral
from weerbaar.network.validation import ConsentData, Proposal
from weerbaar.network.workflow import PARTNER_VISIBLE, WORKFLOW

#: Working days a partner has to accept or decline a sent referral.
RESPOND_WORKING_DAYS = 2
PROPOSED_MESSAGE = gettext_noop(
    "Uw adviseur vraagt uw toestemming voor een doorverwijzing naar een netwerkpartner. Onder "
    "Doorverwijzingen in Mijn zaak ziet u wat er gedeeld zou worden en kiest u zelf."
)
OVERDUE_TASK_TITLE = gettext_noop("Netwerkpartner reageerde niet op tijd op doorverwijzing %(id)s")


def overdue_task_key(referral_id: int) -> str:
    return f"referral-overdue:{referral_id}"


def _party(actor: Any) -> Party:
    if isinstance(actor, policy.OfficeHolder):
        return Party.OFFICE_HOLDER
    if getattr(actor, "role", None) == Role.PARTNER:
        return Party.PARTNER
    return Party.ADVISOR


def _load(actor: Any, referral_id: int, reference: str | None) -> Referral:
    """The referral, locked, for whoever acts; NotFound when missing or not theirs."""
    party = _party(actor)
    if party == Party.OFFICE_HOLDER:
        return policy.access_referral_as_office_holder(actor, referral_id, for_update=True).referral
    if reference is not None:
        # The case worker's way in, for every role: a partner account never opens a referral by its case.
        return policy.access_referral(actor, reference, referral_id, for_update=True).referral
    if party == Party.PARTNER:
        return policy.access_referral_as_partner(actor, referral_id, for_update=True).referral
    raise NotFound(_("Deze doorverwijzing bestaat niet of u heeft er geen toegang toe."))


def _user(actor: Any) -> User | None:
    return actor if isinstance(actor, User) else None


def _step(referral: Referral, action: str, actor: Any, now: datetime) -> ReferralStatus:
    party = _party(actor)
    step = WORKFLOW.check(referral.status, name=action, party=party)
    source = referral.status
    WORKFLOW.apply(referral, step, actor=_user(actor), at=now, party=party)
    referral.updated_at = now
    audit_record(
        actor=actor,
        action=f"referral.{action}",
        object_type="referral",
        object_id=str(referral.pk),
        details={"case": referral.case.reference, "from": source, "to": step.target},
    )
    return ReferralStatus(source)


def _partner_users(referral: Referral) -> list[User]:
    return list(User.objects.filter(role=Role.PARTNER, partner_id=referral.partner_id, is_active=True))


def _advisors(referral: Referral) -> list[User]:
    people = {u.pk: u for u in (referral.case.assigned_to, referral.proposed_by) if u is not None and u.is_active}
    return list(people.values())


def _notify_after_commit(recipients: list[User], kind: str, key: str, link: str) -> None:
    def send() -> None:
        from weerbaar.notifications.services import notify

        notify(recipients=recipients, kind=kind, key=key, link=link)

    if recipients:
        transaction.on_commit(send)


def partner_link(referral_id: int) -> str:
    return reverse("network:partner_detail", args=[referral_id])


def workspace_link(referral: Referral) -> str:
    return reverse("network:ws_detail", args=[referral.case.reference, referral.pk])


# --- the advisor proposes -----------------------------------------------------------------------


def referral_propose(*, actor: User, reference: str, data: Proposal, now: datetime | None = None) -> Referral:
    now = now or clock.now()
    with transaction.atomic():
        case = policy.access_case(actor, reference, for_update=True).case
        if case.status == Status.CLOSED:
            raise Conflict(_("Deze zaak is gesloten; heropen haar om door te verwijzen."), code="case_closed")
        partner = Partner.objects.filter(pk=data.partner_id, active=True).first()
        if partner is None:
            raise Conflict(_("Deze netwerkpartner is niet (meer) actief."), code="partner_inactive")
        referral = Referral.create_sealed(
            sealed={"sealed_question": data.question},
            under=case,
            case=case,
            partner=partner,
            kind=partner.kind,
            status=ReferralStatus.PROPOSED,
            proposed_items=list(data.items),
            proposed_by=actor,
            proposed_at=now,
            updated_at=now,
        )
        WORKFLOW.begin(referral, name="propose", actor=actor, at=now, party=Party.ADVISOR)
        audit_record(
            actor=actor,
            action="referral.propose",
            object_type="referral",
            object_id=str(referral.pk),
            details={"case": case.reference, "partner": partner.pk, "items": len(data.items)},
        )
        # A fixed, content-free line in the office holder's message thread (no partner, no question):
        # Mijn zaak also shows an alert, this reaches them where they read their advisor's messages.
        with translation.override(settings.LANGUAGE_CODE):
            case_message_send_system(case=case, text=_(PROPOSED_MESSAGE), now=now)
    return referral


# --- consent ------------------------------------------------------------------------------------


def referral_consent_give(
    *, actor: Any, referral_id: int, data: ConsentData, reference: str | None = None, now: datetime | None = None
) -> Referral:
    """Consent given by the office holder in the portal, or recorded by the advisor (with how and when)."""
    now = now or clock.now()
    party = _party(actor)
    with transaction.atomic():
        referral = _load(actor, referral_id, reference)
        if not set(data.items) <= set(referral.proposed_items):
            raise Conflict(_("Alleen voorgestelde onderdelen kunnen gedeeld worden."), code="items")
        _step(referral, "consent", actor, now)
        referral.consented_at = now
        referral.save(update_fields=["status", "updated_at", "consented_at"])
        recorded = party == Party.ADVISOR
        Consent.create_sealed(
            sealed={"sealed_contact": data.contact},
            referral=referral,
            items=list(data.items),
            contact_method=data.contact_method,
            given_by=Party.OFFICE_HOLDER,
            method=data.method if recorded else ConsentMethod.PORTAL,
            given_at=(data.given_at or now) if recorded else now,
            recorded_by=actor if recorded else None,
            recorded_at=now,
        )
        audit_record(
            actor=actor,
            action="referral.consent_recorded" if recorded else "referral.consent_given",
            object_type="referral",
            object_id=str(referral.pk),
            details={"items": list(data.items), "contactMethod": data.contact_method, "method": data.method},
        )
    if party == Party.OFFICE_HOLDER:
        _notify_after_commit(
            _advisors(referral), "referral_consent_given", f"referral-consent:{referral.pk}", workspace_link(referral)
        )
    return referral


def referral_consent_refuse(
    *, actor: Any, referral_id: int, reference: str | None = None, now: datetime | None = None
) -> Referral:
    now = now or clock.now()
    with transaction.atomic():
        referral = _load(actor, referral_id, reference)
        _step(referral, "refuse", actor, now)
        referral.cancelled_at = now
        referral.cancel_reason = CancelReason.CONSENT_REFUSED
        referral.save(update_fields=["status", "updated_at", "cancelled_at", "cancel_reason"])
    if _party(actor) == Party.OFFICE_HOLDER:
        _notify_after_commit(
            _advisors(referral), "referral_consent_refused", f"referral-refused:{referral.pk}", workspace_link(referral)
        )
    return referral


def referral_consent_withdraw(
    *, actor: Any, referral_id: int, reference: str | None = None, now: datetime | None = None
) -> Referral:
    """Withdraw consent: the partner's access ends at once; an open referral is cancelled.

    A declined or completed referral keeps its status, but with the consent withdrawn the partner
    no longer sees it at all (the policy checks ``withdrawn_at`` on every read)."""
    now = now or clock.now()
    party = _party(actor)
    with transaction.atomic():
        referral = _load(actor, referral_id, reference)
        consent = Consent.objects.select_for_update().filter(referral=referral).first()
        if party not in (Party.ADVISOR, Party.OFFICE_HOLDER):
            raise NotFound(_("Deze doorverwijzing bestaat niet of u heeft er geen toegang toe."))
        if consent is None or consent.withdrawn_at is not None:
            raise Conflict(_("Er is geen toestemming om in te trekken."), code="no_consent")
        partner_saw_it = referral.status in PARTNER_VISIBLE
        consent.withdrawn_at = now
        consent.withdrawn_by = party
        consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
        if WORKFLOW.get(referral.status, name="withdraw", party=party) is not None:
            _step(referral, "withdraw", actor, now)
            referral.cancelled_at = now
            referral.cancel_reason = CancelReason.CONSENT_WITHDRAWN
            referral.save(update_fields=["status", "updated_at", "cancelled_at", "cancel_reason"])
        else:
            # Declined or completed: the status stays, the withdrawal still belongs in the history.
            WORKFLOW.record(
                referral,
                source=referral.status,
                target=referral.status,
                name="withdraw",
                actor=_user(actor),
                at=now,
                party=party,
            )
            audit_record(
                actor=actor,
                action="referral.withdraw",
                object_type="referral",
                object_id=str(referral.pk),
                details={"case": referral.case.reference, "from": referral.status, "to": referral.status},
            )
        _close_overdue_task(referral, now)
    if partner_saw_it:
        # Content-free: only that consent for a referral was withdrawn; the link now answers 404.
        _notify_after_commit(
            _partner_users(referral),
            "referral_withdrawn",
            f"referral-withdrawn:{referral.pk}",
            reverse("network:partner_list"),
        )
    if party == Party.OFFICE_HOLDER:
        _notify_after_commit(
            _advisors(referral), "consent_withdrawn", f"referral-withdrawn:{referral.pk}", workspace_link(referral)
        )
    return referral


# --- the advisor sends or cancels ---------------------------------------------------------------


def respond_by_for(sent_at: datetime) -> datetime:
    return WorkingTime.from_settings().end_of_working_days_after(sent_at, RESPOND_WORKING_DAYS)


def referral_send(*, actor: User, reference: str, referral_id: int, now: datetime | None = None) -> Referral:
    now = now or clock.now()
    with transaction.atomic():
        referral = _load(actor, referral_id, reference)
        if referral.case.status == Status.CLOSED:
            raise Conflict(_("Deze zaak is gesloten; heropen haar om door te verwijzen."), code="case_closed")
        consent = Consent.objects.filter(referral=referral, withdrawn_at__isnull=True).first()
        if consent is None:
            raise Conflict(_("Zonder toestemming van de aanvrager kan de doorverwijzing niet verstuurd worden."))
        if not Partner.objects.filter(pk=referral.partner_id, active=True).exists():
            raise Conflict(_("Deze netwerkpartner is niet (meer) actief."), code="partner_inactive")
        _step(referral, "send", actor, now)
        referral.sent_at = now
        referral.respond_by = respond_by_for(now)
        referral.save(update_fields=["status", "updated_at", "sent_at", "respond_by"])
    _notify_after_commit(
        _partner_users(referral), "referral_received", f"referral-received:{referral.pk}", partner_link(referral.pk)
    )
    return referral


def referral_cancel(*, actor: User, reference: str, referral_id: int, now: datetime | None = None) -> Referral:
    now = now or clock.now()
    with transaction.atomic():
        referral = _load(actor, referral_id, reference)
        partner_saw_it = referral.status in PARTNER_VISIBLE
        _step(referral, "cancel", actor, now)
        referral.cancelled_at = now
        referral.cancel_reason = CancelReason.CANCELLED
        referral.save(update_fields=["status", "updated_at", "cancelled_at", "cancel_reason"])
        _close_overdue_task(referral, now)
    del partner_saw_it  # a cancelled referral simply disappears from the partner's list
    return referral


# --- the partner answers ------------------------------------------------------------------------


def referral_answer(
    *, actor: User, referral_id: int, action: str, text: str = "", now: datetime | None = None
) -> Referral:
    """Accept or decline (with reason) before the respond-by moment; complete with a report when done."""
    now = now or clock.now()
    if action not in ("accept", "decline", "complete"):
        # Not a partner's answer: refused like any step the table does not have, before the referral is loaded.
        raise WORKFLOW.refused("", name=action)
    with transaction.atomic():
        referral = _load(actor, referral_id, None)
        late = referral.respond_by is not None and now > referral.respond_by
        if action in ("accept", "decline") and late and referral.status == ReferralStatus.SENT:
            raise Conflict(
                _("De termijn om te reageren is verstreken. Neem contact op met de adviseur."), code="too_late"
            )
        _step(referral, action, actor, now)
        referral.answered_by = actor
        fields = ["status", "updated_at", "answered_by"]
        if action == "accept":
            referral.accepted_at = now
            fields.append("accepted_at")
        elif action == "decline":
            referral.declined_at = now
            referral.seal("sealed_decline_reason", text)
            fields += ["declined_at", "sealed_decline_reason"]
        else:
            referral.completed_at = now
            referral.seal("sealed_report", text)
            fields += ["completed_at", "sealed_report"]
        referral.save(update_fields=fields)
        _close_overdue_task(referral, now)
    _notify_after_commit(
        _advisors(referral), "referral_answered", f"referral-{action}:{referral.pk}", workspace_link(referral)
    )
    return referral


def _close_overdue_task(referral: Referral, now: datetime) -> None:
    from weerbaar.todos.services import todo_close_system

    todo_close_system(key=overdue_task_key(referral.pk), now=now)


# --- the job ------------------------------------------------------------------------------------


def referral_responses_overdue(*, now: datetime | None = None) -> dict[str, int]:
    """Sent referrals unanswered past their respond-by moment: a task and a notification for the advisor.

    Idempotent: the task is keyed ``referral-overdue:<id>`` and the notification by the same key, so a
    second run creates and sends nothing."""
    from weerbaar.notifications.services import notify
    from weerbaar.todos.services import todo_create_system

    now = now or clock.now()
    overdue = Referral.objects.filter(status=ReferralStatus.SENT, respond_by__lt=now).select_related(
        "case", "case__assigned_to", "proposed_by"
    )
    counts = {"overdue": 0, "tasks": 0, "notified": 0}
    for referral in overdue:
        counts["overdue"] += 1
        link = workspace_link(referral)
        todo = todo_create_system(
            key=overdue_task_key(referral.pk),
            kind="referral_overdue",
            title=OVERDUE_TASK_TITLE,
            title_params={"id": referral.pk},
            due_at=now,
            case=referral.case,
            assignee=referral.case.assigned_to or referral.proposed_by,
            link=link,
            now=now,
        )
        counts["tasks"] += todo is not None
        counts["notified"] += notify(
            recipients=_advisors(referral),
            kind="referral_overdue",
            key=overdue_task_key(referral.pk),
            link=link,
            now=now,
        )
    return counts
