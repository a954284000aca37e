"""Write use cases of case work. Each one locks, changes, audits, in one transaction."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from weerbaar.accounts import policy
from weerbaar.accounts.models import User
from weerbaar.cases import signals
from weerbaar.cases.choices import CallDirection, Channel, MessageSender, Outcome, Status
from weerbaar.cases.models import Case, CaseCall, CaseMessage, CaseNote
from weerbaar.cases.workflow import CLOSE_REASONS, WORKFLOW, Needs
from weerbaar.core import clock
from weerbaar.core.audit import audit_record
from weerbaar.core.clock import respond_by
from weerbaar.core.errors import Conflict, Forbidden, InvalidInput
from weerbaar.core.references import new_reference
from weerbaar.core.workflow import Transition
from weerbaar.directory.models import Association, Municipality, Province

MAX_TEXT = 10_000


@dataclass(frozen=True)
class NewCase:
    """Validated input of a help request, whatever the channel."""

    channel: Channel
    role: str
    association: Association
    municipality: Municipality | None
    province: Province | None
    name: str
    email: str
    phone: str
    preferred_contact: str
    concerns: list[str]
    affected: list[str]
    description: str
    acute_danger: bool
    consent_to_share: bool
    # the office holder wants a content-free e-mail at ``email`` when something waits in Mijn zaak
    notify_by_email: bool = False


RED_FLAG_WINDOWS = 3


def red_after(*, created_at: datetime, respond_by: datetime) -> datetime:
    """The moment an unclaimed case is flagged red: three times its response window after it arrived."""
    return created_at + RED_FLAG_WINDOWS * (respond_by - created_at)


def case_open(*, data: NewCase, actor: Any = None, now: datetime | None = None) -> Case:
    """Create a case with a fresh data key and its sealed request; routing has been decided by the caller."""
    now = now or clock.now()
    urgent = data.acute_danger
    deadline = respond_by(received_at=now, urgent=urgent)
    case = Case(
        channel=data.channel,
        role=data.role,
        association=data.association,
        province=data.province or (data.municipality.province if data.municipality else None),
        status=Status.NEW,
        urgent=urgent,
        acute_danger=data.acute_danger,
        concerns=sorted(set(data.concerns)),
        affected=sorted(set(data.affected)),
        preferred_contact=data.preferred_contact,
        consent_to_share=data.consent_to_share,
        created_at=now,
        respond_by=deadline,
        red_after=red_after(created_at=now, respond_by=deadline),
        recorded_by=actor if isinstance(actor, User) else None,
    )
    with transaction.atomic(savepoint=False):  # part of the caller's transaction when there is one
        for _ in range(5):
            case.reference = new_reference()
            if not Case.objects.filter(reference=case.reference).exists():
                break
        case.give_data_key()
        request = {"name": data.name, "email": data.email, "phone": data.phone, "description": data.description}
        if data.municipality is not None:  # sealed: with the role it names the office holder (issue 12, point 6)
            request.update(municipalityCode=data.municipality.code, municipality=data.municipality.name)
        case.seal("sealed_request", request)
        case.save()
        WORKFLOW.begin(case, actor=case.recorded_by, at=now)
        audit_record(
            actor=actor,
            action="case.created",
            object_type="case",
            object_id=case.reference,
            details={"channel": data.channel.value, "association": data.association.code, "urgent": urgent},
        )
        signals.case_opened.send(sender=Case, case=case, actor=actor, now=now)
    return case


def _text(value: str, field: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InvalidInput(
            _("Dit veld is verplicht."), invalid_params=[{"name": field, "reason": _("Dit veld is verplicht.")}]
        )
    if len(value) > MAX_TEXT:
        raise InvalidInput(
            _("Maximaal %(n)s tekens.") % {"n": MAX_TEXT},
            invalid_params=[{"name": field, "reason": _("Maximaal %(n)s tekens.") % {"n": MAX_TEXT}}],
        )
    return value


def _apply(
    case: Case, transition: Transition, *, actor: User, now: datetime, reason_code: str = "", reason_text: str = ""
) -> None:
    """Move the case along ``transition`` with its ``StatusChange`` row: who, when and why (the reason sealed)."""
    WORKFLOW.apply(
        case,
        transition,
        actor=actor,
        at=now,
        sealed={"sealed_reason": reason_text or None},
        under=case,
        reason_code=reason_code,
    )


TAKE_OVER_REASON_MIN = 10


def _take_over_reason(reason: str) -> str:
    """The stated reason of a break-glass: at least ``TAKE_OVER_REASON_MIN`` characters, else 403
    ``reason_required`` (the same answer for none and too short: the reason is what opens the case)."""
    reason = (reason or "").strip()
    if len(reason) < TAKE_OVER_REASON_MIN:
        raise Forbidden(
            _(
                "Deze zaak is van een andere vereniging. Overnemen kan alleen met een reden van minstens "
                "%(n)s tekens; de adviseurs van die vereniging en de andere coördinatoren worden direct ingelicht."
            )
            % {"n": TAKE_OVER_REASON_MIN},
            code="reason_required",
        )
    return _text(reason, "reason")


def case_assign(*, actor: User, reference: str, assignee_username: str, reason: str = "") -> Case:
    """Claim (``me``) or assign a case. Assigning a new case is the workflow's ``claim``: it moves to in progress.

    A case goes to a case worker of its own association (``policy.can_assign``). A coordinator taking a case of
    another association for themselves is a break-glass (``policy.can_take_over``): only with a stated ``reason``
    (else ``Forbidden`` with code ``reason_required`` and nothing changes), which is sealed under the case's key as
    an internal note; the audit entry says ``case.taken_over``, and ``signals.case_taken_over`` tells that
    association's advisors, the other coordinators and whoever held the case, at once.
    """
    with transaction.atomic():
        case = policy.access_case(actor, reference, level=policy.METADATA, for_update=True).case
        now = clock.now()  # after the lock: the moment the change is made
        assignee: User | None = (
            actor
            if assignee_username == "me"
            else User.objects.filter(username=assignee_username, is_active=True).first()
        )
        take_over = assignee is not None and assignee.pk == actor.pk and policy.can_take_over(actor, case)
        if assignee is None or not (take_over or policy.can_assign(actor, case, assignee)):
            raise InvalidInput(
                _("Deze zaak kan niet aan deze persoon worden toegewezen."),
                invalid_params=[{"name": "advisor", "reason": _("Onbekende adviseur of geen toegang tot deze zaak.")}],
            )
        if take_over:
            reason = _take_over_reason(reason)
        if case.status == Status.CLOSED:
            raise Conflict(_("Een gesloten zaak kan niet worden toegewezen; heropen haar eerst."))
        if assignee_username == "me" and case.assigned_to_id not in (None, actor.pk) and not take_over:
            # Claiming only takes an unclaimed case: two advisors clicking at once must not displace
            # each other silently. Taking over a colleague's case is an explicit assignment by name
            # (or a coordinator's break-glass, which states its reason and is announced).
            raise Conflict(
                _("Deze zaak is al opgepakt door %(advisor)s.") % {"advisor": case.assigned_to}, code="already_claimed"
            )
        previous = case.assigned_to
        case.assigned_to = assignee
        fields = ["assigned_to", "updated_at"]
        if case.status == Status.NEW:
            _apply(case, WORKFLOW.check(case.status, name="claim"), actor=actor, now=now)
            case.claimed_at = now
            fields += ["status", "claimed_at"]
        case.save(update_fields=fields)
        details: dict[str, Any] = {"assignee": assignee.username, "previous": previous.username if previous else None}
        action = "case.claimed" if assignee == actor and previous is None else "case.assigned"
        if take_over:
            note = CaseNote.create_sealed(
                sealed={"sealed_text": _take_over_note(reason)}, under=case, case=case, author=actor, created_at=now
            )
            action = "case.taken_over"
            details.update(association=case.association.code, note=note.pk)
        audit_record(
            actor=actor,
            action=action,
            object_type="case",
            object_id=case.reference,
            details=details,
        )
        if "status" in fields:
            signals.case_status_changed.send(
                sender=Case, case=case, source=Status.NEW, target=Status.IN_PROGRESS, actor=actor, now=now
            )
        if take_over:
            signals.case_taken_over.send(sender=Case, case=case, actor=actor, previous=previous, now=now)
    return case


def _take_over_note(reason: str) -> str:
    """The internal note that keeps the reason (sealed like every note), in Dutch: the team's working language."""
    with translation.override("nl"):
        heading = _("Zaak overgenomen buiten de eigen vereniging (break-glass). Reden:")
    return f"{heading} {reason}"


def case_transition(
    *,
    actor: User,
    reference: str,
    target: str,
    reason: str = "",
    outcome: str = "",
    confirmed: Collection[str] | None = None,
) -> Case:
    """Change the status along the state machine; anything not in the table is refused with Conflict.

    The web page and the API pass ``confirmed`` (the codes and options the person confirmed, maybe none):
    closing then asks every registered close check (``signals.close_checks``, e.g. an open aftercare plan), and
    one that applies and whose code is not in ``confirmed`` refuses with Conflict and that code. ``None`` (a
    script, a fixture) asks nothing; receivers then get an empty set and apply their default.
    """
    with transaction.atomic():
        case = policy.access_case(actor, reference, for_update=True).case
        now = clock.now()  # after the lock: the moment the change is made
        if target not in Status.values:
            raise InvalidInput(
                _("Onbekende status."),
                invalid_params=[
                    {"name": "status", "reason": _("Kies uit: %(choices)s.") % {"choices": ", ".join(Status.values)}}
                ],
            )
        transition = WORKFLOW.check(case.status, target=target)
        reason = (reason or "").strip()
        reason_code, reason_text = "", ""
        if Needs.CLOSE_REASON in transition.needs:
            if reason not in CLOSE_REASONS:
                raise InvalidInput(
                    _("Geef een reden om een nieuwe zaak te sluiten."),
                    invalid_params=[
                        {
                            "name": "reason",
                            "reason": _("Kies uit: %(choices)s.") % {"choices": ", ".join(sorted(CLOSE_REASONS))},
                        }
                    ],
                )
            reason_code = reason
        elif Needs.REASON in transition.needs:
            reason_text = _text(reason, "reason")
        elif reason:
            reason_text = _text(reason, "reason", required=False)
        outcome = (outcome or "").strip()
        if Needs.OUTCOME in transition.needs and not outcome:
            raise InvalidInput(
                _("Geef de uitkomst om deze zaak af te sluiten."),
                invalid_params=[
                    {"name": "outcome", "reason": _("Kies uit: %(choices)s.") % {"choices": ", ".join(Outcome.values)}}
                ],
            )
        if outcome and outcome not in Outcome.values:
            raise InvalidInput(
                _("Onbekende uitkomst."),
                invalid_params=[
                    {"name": "outcome", "reason": _("Kies uit: %(choices)s.") % {"choices": ", ".join(Outcome.values)}}
                ],
            )
        if target == Status.CLOSED and confirmed is not None:
            for check in signals.close_checks_for(case):
                if check.code not in confirmed:
                    raise Conflict(str(check.message), code=check.code)
        source = case.status
        _apply(case, transition, actor=actor, now=now, reason_code=reason_code, reason_text=reason_text)
        fields = ["status", "updated_at"]
        if target == Status.CLOSED:
            case.closed_at = now
            case.close_reason = reason_code
            case.outcome = outcome
            fields += ["closed_at", "close_reason", "outcome"]
        elif target == Status.IN_PROGRESS:
            if source == Status.NEW:
                case.assigned_to = case.assigned_to or actor
                case.claimed_at = now
                fields += ["assigned_to", "claimed_at"]
            case.closed_at, case.close_reason, case.outcome = None, "", ""
            fields += ["closed_at", "close_reason", "outcome"]
        case.save(update_fields=fields)
        audit_record(
            actor=actor,
            action=f"case.{transition.name}",
            object_type="case",
            object_id=case.reference,
            details={"from": source, "to": target, "reasonCode": reason_code, "outcome": outcome},
        )
        signals.case_status_changed.send(
            sender=Case,
            case=case,
            source=source,
            target=target,
            actor=actor,
            now=now,
            confirmed=frozenset(confirmed or ()),
        )
    return case


def case_note_add(*, actor: User, reference: str, text: str) -> CaseNote:
    text = _text(text, "text")
    with transaction.atomic():
        case = policy.access_case(actor, reference).case
        note = CaseNote.create_sealed(
            sealed={"sealed_text": text}, under=case, case=case, author=actor, created_at=clock.now()
        )
        audit_record(
            actor=actor,
            action="case.note_added",
            object_type="case",
            object_id=case.reference,
            details={"note": note.pk},
        )
    return note


def case_message_send(*, actor: User, reference: str, text: str) -> CaseMessage:
    """An advisor writes to the office holder."""
    text = _text(text, "text")
    with transaction.atomic():
        case = policy.access_case(actor, reference).case
        if case.status == Status.CLOSED:
            raise Conflict(_("Deze zaak is gesloten; heropen haar om een bericht te sturen."))
        message = CaseMessage.create_sealed(
            sealed={"sealed_text": text},
            under=case,
            case=case,
            sender=MessageSender.ADVISOR,
            author=actor,
            created_at=clock.now(),
        )
        audit_record(
            actor=actor,
            action="case.message_sent",
            object_type="case",
            object_id=case.reference,
            details={"message": message.pk},
        )
        signals.case_message_sent.send(sender=Case, case=case, message=message)
    return message


def case_message_send_system(*, case: Case, text: str, now: datetime | None = None) -> CaseMessage:
    """A fixed message from the team that the system sends (an aftercare check-in), in the advisor's name.

    No access check: the caller is a background job acting on a case it selected itself. Also on a closed
    case, when the advisor chose to let aftercare go on after closing.
    """
    text = _text(text, "text")
    with transaction.atomic(savepoint=False):
        message = CaseMessage.create_sealed(
            sealed={"sealed_text": text},
            under=case,
            case=case,
            sender=MessageSender.ADVISOR,
            author=case.assigned_to,
            created_at=now or clock.now(),
        )
        audit_record(
            actor=None,
            action="case.message_sent",
            object_type="case",
            object_id=case.reference,
            details={"message": message.pk, "system": True},
        )
        signals.case_message_sent.send(sender=Case, case=case, message=message)
    return message


def case_message_send_by_office_holder(*, principal: policy.OfficeHolder, reference: str, text: str) -> CaseMessage:
    text = _text(text, "text")
    with transaction.atomic():
        case = policy.access_case_as_office_holder(principal, reference).case
        if case.status == Status.CLOSED:
            # Nobody reads a closed case's thread: say so rather than let a message go unseen.
            raise Conflict(
                _("Deze zaak is gesloten. Heeft u opnieuw hulp nodig? Bel 070-3738314 of vraag opnieuw hulp."),
                code="case_closed",
            )
        message = CaseMessage.create_sealed(
            sealed={"sealed_text": text},
            under=case,
            case=case,
            sender=MessageSender.OFFICE_HOLDER,
            created_at=clock.now(),
        )
        audit_record(
            actor=principal.username,
            action="case.message_received",
            object_type="case",
            object_id=case.reference,
            details={"message": message.pk},
        )
        signals.case_message_received.send(sender=Case, case=case, message=message)
    return message


def case_messages_mark_read(*, case: Case, reader: str) -> int:
    """Mark the other side's messages as read (``reader`` is office_holder or advisor)."""
    other = MessageSender.ADVISOR if reader == MessageSender.OFFICE_HOLDER else MessageSender.OFFICE_HOLDER
    return CaseMessage.objects.filter(case=case, sender=other, read_at__isnull=True).update(read_at=clock.now())


def case_call_log(
    *, actor: User, reference: str, occurred_at: datetime, direction: str, summary: str, duration_minutes: int | None
) -> CaseCall:
    summary = _text(summary, "summary")
    if direction not in CallDirection.values:
        raise InvalidInput(
            _("Kies inkomend of uitgaand."), invalid_params=[{"name": "direction", "reason": "required"}]
        )
    if occurred_at > clock.now() + timedelta(minutes=5):
        raise InvalidInput(
            _("Een gesprek kan niet in de toekomst liggen."),
            invalid_params=[{"name": "occurredAt", "reason": "in the future"}],
        )
    with transaction.atomic():
        case = policy.access_case(actor, reference).case
        call = CaseCall.create_sealed(
            sealed={"sealed_summary": summary},
            under=case,
            case=case,
            author=actor,
            occurred_at=occurred_at,
            direction=direction,
            duration_minutes=duration_minutes,
            created_at=clock.now(),
        )
        audit_record(
            actor=actor,
            action="case.call_logged",
            object_type="case",
            object_id=case.reference,
            details={"call": call.pk},
        )
    return call


def cases_escalate_overdue(*, now: datetime | None = None) -> int:
    """Mark unclaimed cases past their respond-by moment as escalated (idempotent)."""
    now = now or clock.now()
    count = 0
    with transaction.atomic():
        overdue = list(
            Case.objects.select_for_update()
            .filter(status=Status.NEW, assigned_to__isnull=True, escalated_at__isnull=True, respond_by__lt=now)
            .values_list("pk", "reference")
        )
        for pk, reference in overdue:
            Case.objects.filter(pk=pk).update(escalated_at=now)
            audit_record(actor=None, action="case.escalated", object_type="case", object_id=reference)
            case = Case.objects.get(pk=pk)
            # Coordinators hear of it once per case (notifications listens), and the pool gets a to-do (todos
            # listens), due within a working hour, that closes itself when someone takes the case.
            signals.case_escalated.send(sender=Case, case=case, now=now)
            count += 1
    return count


def escalation_key(reference: str) -> str:
    return f"case-escalated:{reference}"
