"""Use cases of council conversations: the public request, the team's workflow steps, notes and the target.

Every write locks the request row, changes it, appends a status change and an audit entry (ids and
codes only, never content) in one transaction. The owner's task for each step is created and the
previous step's task closed in the same transaction; the coordinators' notification of a new request
is queued after commit, so a rolled-back request sends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any, cast

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts import policy
from weerbaar.accounts.models import User
from weerbaar.core import clock, ratelimit
from weerbaar.core.audit import audit_record
from weerbaar.core.clock import AMSTERDAM, WorkingTime
from weerbaar.core.errors import Conflict, Errors, InvalidInput, NotFound
from weerbaar.council.choices import MUNICIPAL_BODIES, PROVINCIAL_BODIES, Status
from weerbaar.council.models import CouncilRequest, CouncilStatusChange, CoverageTarget
from weerbaar.council.references import new_council_reference
from weerbaar.council.validation import CouncilRequestData, Notes, StepData, validate_step
from weerbaar.council.workflow import TASK_DUE_DAYS, TASK_TITLES, WORKFLOW, Needs, task_key
from weerbaar.directory.models import Municipality, Province

TASK_KIND = "council"


def council_rate_limit(client: str) -> None:
    ratelimit.hit(
        "council",
        client,
        limit=settings.WEERBAAR["INTAKE_RATE_LIMIT"],
        window_seconds=3600,
        message=_("Er zijn vanaf dit adres veel aanvragen verstuurd. Probeer het later opnieuw of bel 070-3738314."),
    )


def next_steps() -> list[str]:
    return [
        _("Een coördinator van het Ondersteuningsteam Weerbaar Bestuur bekijkt uw aanvraag."),
        _("Binnen enkele werkdagen neemt iemand van het team contact op met de contactpersoon voor een intakegesprek."),
        _(
            "Daarna volgt een verkennend gesprek met de burgemeester en de griffier (of hun provinciale of "
            "waterschapscollega's) over de situatie, het agressieprotocol en de gedragscode."
        ),
        _(
            "Samen plannen we de bijeenkomst in raad of college, met begeleiders uit het team en experts uit "
            "ons netwerk."
        ),
    ]


def _link(request: CouncilRequest) -> str:
    return reverse("council:detail", kwargs={"reference": request.reference})


def _due(request: CouncilRequest, status: str, now: datetime) -> datetime:
    working_time = WorkingTime.from_settings()
    days = TASK_DUE_DAYS[status]
    if status == Status.SESSION_PLANNED and request.session_date is not None:
        start = datetime.combine(request.session_date, time(12, 0), AMSTERDAM)
        return working_time.end_of_working_days_after(start, days)
    return working_time.end_of_working_days_after(now, days)


def _task_for_step(request: CouncilRequest, status: str, now: datetime) -> None:
    from weerbaar.todos.services import todo_create_system

    if status not in TASK_TITLES:
        return
    todo_create_system(
        key=task_key(request.pk, status),
        kind=TASK_KIND,
        title=TASK_TITLES[status],
        title_params={"place": request.place_name},
        due_at=_due(request, status, now),
        assignee=request.owner,
        for_coordinators=request.owner is None,
        link=_link(request),
        now=now,
    )


def _close_task(request: CouncilRequest, status: str, now: datetime) -> None:
    from weerbaar.todos.services import todo_close_system

    todo_close_system(key=task_key(request.pk, status), now=now)


def _notify_coordinators(request_id: int, link: str) -> None:
    from weerbaar.notifications.services import notify_coordinators

    notify_coordinators(kind="council_request_received", key=f"council:{request_id}:received", link=link)


@dataclass(frozen=True)
class SubmittedCouncilRequest:
    request: CouncilRequest
    next_steps: list[str]


def council_request_submit(*, data: CouncilRequestData, now: datetime | None = None) -> SubmittedCouncilRequest:
    """Store a validated request (content sealed), give the coordinators a task, and notify them after commit."""
    now = now or clock.now()
    municipality = Municipality.objects.select_related("province").filter(code=data.municipality_code).first()
    province = Province.objects.filter(code=data.province_code).first()
    if data.body in MUNICIPAL_BODIES and municipality is None:
        raise InvalidInput(
            _("Controleer de gemarkeerde velden."),
            invalid_params=[{"name": "municipalityCode", "reason": _("Onbekende gemeente.")}],
        )
    if data.body in PROVINCIAL_BODIES and province is None:
        raise InvalidInput(
            _("Controleer de gemarkeerde velden."),
            invalid_params=[{"name": "provinceCode", "reason": _("Onbekende provincie.")}],
        )
    if municipality is not None:
        province = municipality.province
    with transaction.atomic():
        request = CouncilRequest(
            reference=new_council_reference(),
            body=data.body,
            requester_role=data.requester_role,
            municipality=municipality,
            province=province,
            water_board=data.water_board,
            aggression_protocol=data.aggression_protocol,
            code_of_conduct=data.code_of_conduct,
            status=Status.REQUESTED,
            created_at=now,
            updated_at=now,
        )
        request.give_data_key()
        request.seal("sealed_request", data.sealed())
        request.save()
        WORKFLOW.begin(request, actor=None, at=now)
        audit_record(
            actor=None,
            action="council.request_received",
            object_type="council_request",
            object_id=request.reference,
            details={"body": request.body, "requesterRole": request.requester_role},
        )
        _task_for_step(request, Status.REQUESTED, now)
        link = _link(request)
        request_id = request.pk
        transaction.on_commit(lambda: _notify_coordinators(request_id, link))
    return SubmittedCouncilRequest(request=request, next_steps=next_steps())


def _staff(usernames: tuple[str, ...], errors: Errors) -> list[User]:
    users = list(User.objects.filter(username__in=usernames, is_active=True))
    found = {u.username for u in users if policy.can_work_council_requests(u)}
    if set(usernames) - found:
        errors.add("facilitators", _("Kies begeleiders uit het team (adviseurs en coördinatoren)."))
    return [u for u in users if u.username in found]


def _partners(ids: tuple[int, ...], errors: Errors) -> list[Any]:
    if not ids:
        return []
    from weerbaar.directory.models import Partner

    partners = list(Partner.objects.filter(pk__in=ids, active=True))
    if len(partners) != len(ids):
        errors.add("partnerIds", _("Onbekende netwerkpartner."))
    return partners


def council_notes_save(*, actor: Any, reference: str, notes: Notes, now: datetime | None = None) -> CouncilRequest:
    """Record (or correct) the exploratory talk's notes, sealed; allowed from the exploratory talk on."""
    now = now or clock.now()
    with transaction.atomic():
        request = policy.access_council_request(actor, reference, for_update=True).request
        if request.status in (Status.REQUESTED, Status.INTAKE_CALL, Status.CANCELLED):
            raise Conflict(
                _("Notities van het verkennende gesprek leggen we vast vanaf die stap."), code="council_wrong_step"
            )
        request.seal("sealed_notes", notes.sealed())
        request.updated_at = now
        request.save(update_fields=["sealed_notes", "updated_at"])
        audit_record(actor=actor, action="council.notes_saved", object_type="council_request", object_id=reference)
    return request


def council_transition(
    *, actor: Any, reference: str, raw: dict[str, Any], now: datetime | None = None
) -> CouncilStatusChange:
    """Move a request one step along the table; refuse anything else with Conflict (409)."""
    now = now or clock.now()
    with transaction.atomic():
        request = policy.access_council_request(actor, reference, for_update=True).request
        target = raw.get("status") if isinstance(raw, dict) else None
        source = request.status
        if not isinstance(target, str) or target not in Status.values:
            validate_step(raw, needs_notes=False, needs_session=False, needs_follow_up=False, needs_reason=False)
            raise InvalidInput(
                _("Controleer de gemarkeerde velden."),
                invalid_params=[{"name": "status", "reason": _("Kies een van de mogelijkheden.")}],
            )
        transition = WORKFLOW.check(source, target=target)
        target = transition.target
        needs_notes = Needs.NOTES in transition.needs and (not request.sealed_notes or _has_note_fields(raw))
        data: StepData = validate_step(
            raw,
            needs_notes=needs_notes,
            needs_session=Needs.SESSION in transition.needs,
            needs_follow_up=Needs.FOLLOW_UP in transition.needs,
            needs_reason=Needs.REASON in transition.needs,
        )
        errors = Errors()
        facilitators = _staff(data.facilitators, errors) if Needs.SESSION in transition.needs else []
        partners = _partners(data.partner_ids, errors) if Needs.SESSION in transition.needs else []
        errors.raise_if_any()

        if data.notes is not None:
            request.seal("sealed_notes", data.notes.sealed())
        if Needs.SESSION in transition.needs:
            request.session_date = data.session_date
            experts = list(data.experts)
            request.seal("sealed_session", {"place": data.place, "experts": experts})
        if Needs.FOLLOW_UP in transition.needs:
            request.follow_up_offered = data.follow_up_offered
            request.follow_up_accepted = data.follow_up_accepted
        if Needs.REASON in transition.needs:
            request.seal("sealed_cancellation", {"reason": data.reason})
        if target == Status.SESSION_HELD:
            request.held_on = min(request.session_date or timezone.localdate(now), timezone.localdate(now))
        if target in (Status.CLOSED, Status.CANCELLED):
            request.closed_at = now
        if request.owner_id is None:
            request.owner = actor
        change = cast(CouncilStatusChange, WORKFLOW.apply(request, transition, actor=actor, at=now))
        request.updated_at = now
        request.save()
        if Needs.SESSION in transition.needs:
            request.facilitators.set(facilitators)
            request.partners.set(partners)
        audit_record(
            actor=actor,
            action=f"council.{transition.name}",
            object_type="council_request",
            object_id=reference,
            details={"from": source, "to": target},
        )
        _close_task(request, source, now)
        _task_for_step(request, target, now)
    return change


def _has_note_fields(raw: Any) -> bool:
    from weerbaar.council.validation import has_notes

    return isinstance(raw, dict) and has_notes(raw)


def coverage_target_set(*, actor: Any, year: int, sessions: int, now: datetime | None = None) -> CoverageTarget:
    if not policy.can_set_council_target(actor):
        raise NotFound(_("Deze pagina bestaat niet of u heeft er geen toegang toe."))
    now = now or clock.now()
    with transaction.atomic():
        target, _created = CoverageTarget.objects.select_for_update().update_or_create(
            year=year, defaults={"sessions": sessions, "set_by": actor, "updated_at": now}
        )
        audit_record(
            actor=actor,
            action="council.target_set",
            object_type="coverage_target",
            object_id=str(year),
            details={"sessions": sessions},
        )
    return target
