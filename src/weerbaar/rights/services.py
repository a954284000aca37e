"""Write use cases of the office holder's rights: filing an erasure request, and deciding it.

The statutory month (art. 12(3) AVG: "without undue delay and in any event within one month of receipt of the
request") ends on ``due_on``: the same day of the next month (the month's last day when it has fewer days), in
the Netherlands. A to-do for the case's advisor (else the coordinators' pool) tracks it, due a week before.
Where necessary (complex, or many requests) the case worker extends the period once by two further months
(``erasure_request_extend``, art. 12(3) AVG), within the first month and with reasons the office holder reads
in Mijn zaak. Erasure itself is ``weerbaar.destruction.services.case_destroy``: crypto-shredding with a
tombstone, refused for a case under a legal hold.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from weerbaar.accounts import policy
from weerbaar.cases.models import Case
from weerbaar.core import clock, ratelimit
from weerbaar.core.audit import audit_record
from weerbaar.core.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from weerbaar.rights.models import ErasureRequest, ErasureStatus, RefusalGround

MAX_EXPLANATION = 2000
TODO_KIND = "erasure_request"
TODO_LEAD = timedelta(days=7)  # the to-do is due a week before the statutory month ends
TODO_TITLE = gettext_noop("Verzoek om verwijdering: beslis uiterlijk %(date)s (art. 12 lid 3 AVG)")


def months_after(day: date, months: int) -> date:
    """The same day ``months`` months later, or that month's last day (31 January + 1 -> 28/29 February)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def one_month_after(day: date) -> date:
    """The same day of the next month, or that month's last day (31 January -> 28/29 February)."""
    return months_after(day, 1)


EXTENSION_MONTHS = 2  # art. 12(3) AVG: "may be extended by two further months where necessary"


def export_rate_limit(reference: str) -> None:
    """Count one download of the case's data (API and Mijn zaak together); ``RateLimited`` beyond
    ``WEERBAAR_EXPORT_RATE_LIMIT`` an hour. Per case: the caller is signed in to it, and each download renders a
    PDF and decrypts every original. Called before anything is read, outside a transaction."""
    ratelimit.hit(
        "rights-export",
        reference,
        limit=settings.WEERBAAR.get("EXPORT_RATE_LIMIT", 10),
        window_seconds=3600,
        message=_("U heeft uw gegevens dit uur al vaak gedownload. Probeer het over een uur opnieuw."),
    )


def _todo_key(request: ErasureRequest) -> str:
    return f"rights:erasure:{request.pk}"


def erasure_request_file(*, access: policy.CaseAccess) -> ErasureRequest:
    """The office holder asks for the erasure of their case. One open request at a time (``Conflict``)."""
    from weerbaar.todos.services import todo_create_system

    if not policy.can_request_erasure(access):
        raise NotFound("Case not found.")
    now = clock.now()
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=access.case.pk)
        if case.erasure_requests.filter(status=ErasureStatus.PENDING).exists():
            raise Conflict(
                _("U heeft al gevraagd om verwijdering. Uw adviseur beslist daar uiterlijk op de genoemde datum over."),
                code="erasure_pending",
            )
        due_on = one_month_after(now.astimezone(clock.AMSTERDAM).date())
        try:
            with transaction.atomic():
                request = ErasureRequest.objects.create(
                    case=case, reference=case.reference, requested_at=now, due_on=due_on
                )
        except IntegrityError as exc:  # a second request at the same moment
            raise Conflict(_("U heeft al gevraagd om verwijdering."), code="erasure_pending") from exc
        todo_due = datetime.combine(due_on - TODO_LEAD, time(9, 0), clock.AMSTERDAM)
        todo_create_system(
            key=_todo_key(request),
            kind=TODO_KIND,
            title=TODO_TITLE,
            title_params={"date": due_on.strftime("%d-%m-%Y")},
            due_at=max(todo_due, now),
            case=case,
            link=f"/werkruimte/zaken/{case.reference}/verwijderverzoek",
            now=now,
        )
        audit_record(
            actor=access.actor.username,
            action="rights.erasure_requested",
            object_type="case",
            object_id=case.reference,
            details={"request": request.pk, "dueOn": due_on.isoformat()},
        )
    return request


def _pending(case: Case) -> ErasureRequest:
    request = case.erasure_requests.select_for_update().filter(status=ErasureStatus.PENDING).first()
    if request is None:
        raise Conflict(_("Er is geen open verzoek om verwijdering voor deze zaak."), code="no_erasure_pending")
    return request


def erasure_request_refuse(*, access: policy.CaseAccess, ground: str, explanation: str) -> ErasureRequest:
    """Refuse the open request on a ground of art. 17(3) AVG or a legal hold, with an explanation for the
    office holder (sealed under the case; shown in Mijn zaak)."""

    if not policy.can_decide_erasure(access):
        raise Forbidden(_("Alleen een adviseur of coördinator van deze zaak beslist over verwijdering."))
    problems = []
    if ground not in RefusalGround.values:
        problems.append({"name": "ground", "reason": _("Kies de grond voor de afwijzing.")})
    text = (explanation or "").strip()
    if not text:
        problems.append({"name": "explanation", "reason": _("Leg de ambtsdrager uit waarom de zaak blijft bestaan.")})
    elif len(text) > MAX_EXPLANATION or "\x00" in text:
        problems.append({"name": "explanation", "reason": _("Maximaal %(n)s tekens.") % {"n": MAX_EXPLANATION}})
    if problems:
        raise InvalidInput(problems[0]["reason"], invalid_params=problems)
    now = clock.now()
    with transaction.atomic():
        request = _pending(access.case)
        request.status = ErasureStatus.REFUSED
        request.decided_at = now
        request.decided_by = access.actor
        request.ground = ground
        request.save(update_fields=["status", "decided_at", "decided_by", "ground"])
        request.seal("sealed_explanation", text, under=access.case)
        request.save(update_fields=["sealed_explanation"])
        _close_todos(request, now)
        audit_record(
            actor=access.actor,
            action="rights.erasure_refused",
            object_type="case",
            object_id=access.case.reference,
            details={"request": request.pk, "ground": ground},
        )
    return request


def _reason_text(text: str, name: str, missing: str) -> str:
    text = (text or "").strip()
    problem = ""
    if not text:
        problem = missing
    elif len(text) > MAX_EXPLANATION or "\x00" in text:
        problem = _("Maximaal %(n)s tekens.") % {"n": MAX_EXPLANATION}
    if problem:
        raise InvalidInput(problem, invalid_params=[{"name": name, "reason": problem}])
    return text


def erasure_request_extend(*, access: policy.CaseAccess, reason: str) -> ErasureRequest:
    """Extend the period of the open request by two further months (art. 12(3) AVG: where necessary, given the
    complexity and number of requests). Once per request, and only within the first month: the office holder
    must hear of it, with the reasons, before that month ends. The reasons are sealed under the case and shown in
    Mijn zaak; the office holder gets the content-free e-mail when they chose it. The to-do moves with the date."""
    from weerbaar.notifications.services import notify_office_holder
    from weerbaar.todos.services import todo_close_system, todo_create_system

    if not policy.can_decide_erasure(access):
        raise Forbidden(_("Alleen een adviseur of coördinator van deze zaak beslist over verwijdering."))
    text = _reason_text(reason, "explanation", _("Leg de ambtsdrager uit waarom u meer tijd nodig heeft."))
    now = clock.now()
    today = now.astimezone(clock.AMSTERDAM).date()
    with transaction.atomic():
        request = _pending(access.case)
        if request.extended_at is not None:
            raise Conflict(
                _("De termijn van dit verzoek is al verlengd; verder verlengen mag niet."), code="erasure_extended"
            )
        if today > request.due_on:
            raise Conflict(
                _("De eerste maand is voorbij: verlengen kan alleen binnen een maand na het verzoek."),
                code="erasure_extension_late",
            )
        requested_on = request.requested_at.astimezone(clock.AMSTERDAM).date()
        request.due_on = months_after(requested_on, 1 + EXTENSION_MONTHS)
        request.extended_at = now
        request.seal("sealed_extension_reason", text, under=access.case)
        request.save(update_fields=["due_on", "extended_at", "sealed_extension_reason"])
        todo_close_system(key=_todo_key(request), now=now)
        todo_create_system(
            key=f"{_todo_key(request)}:extended",
            kind=TODO_KIND,
            title=TODO_TITLE,
            title_params={"date": request.due_on.strftime("%d-%m-%Y")},
            due_at=max(datetime.combine(request.due_on - TODO_LEAD, time(9, 0), clock.AMSTERDAM), now),
            case=access.case,
            link=f"/werkruimte/zaken/{access.case.reference}/verwijderverzoek",
            now=now,
        )
        notify_office_holder(case=access.case, key=f"rights:erasure-extended:{request.pk}", now=now)
        audit_record(
            actor=access.actor,
            action="rights.erasure_extended",
            object_type="case",
            object_id=access.case.reference,
            details={"request": request.pk, "dueOn": request.due_on.isoformat()},
        )
    return request


def _close_todos(request: ErasureRequest, now: datetime) -> None:
    from weerbaar.todos.services import todo_close_system

    todo_close_system(key=_todo_key(request), now=now)
    todo_close_system(key=f"{_todo_key(request)}:extended", now=now)


def _case_destroy() -> Any:
    from weerbaar.destruction.services import case_destroy  # shred13's app: crypto-shredding with a tombstone

    return case_destroy


def erasure_request_erase(*, access: policy.CaseAccess) -> ErasureRequest:
    """Erase the case of the open request: ``case_destroy`` (refused by a legal hold: then nothing changes,
    and the decision is a refusal on that ground). The request keeps its dates and who decided."""
    if not policy.can_decide_erasure(access):
        raise Forbidden(_("Alleen een adviseur of coördinator van deze zaak beslist over verwijdering."))
    now = clock.now()
    actor = access.actor
    with transaction.atomic():
        request = _pending(access.case)
        case_destroy = _case_destroy()
        request.status = ErasureStatus.ERASED
        request.decided_at = now
        request.decided_by = actor
        request.save(update_fields=["status", "decided_at", "decided_by"])
        audit_record(
            actor=actor,
            action="rights.erasure_granted",
            object_type="case",
            object_id=access.case.reference,
            details={"request": request.pk},
        )
        _close_todos(request, now)
        # Earlier refusals' explanations and extension reasons are case content: they go with the case (the rows
        # keep dates and status).
        ErasureRequest.objects.filter(case=access.case).update(sealed_explanation=None, sealed_extension_reason=None)
        try:
            case_destroy(
                access.case,
                actor=actor.username,
                reason=f"erasure request {request.pk} (art. 17 AVG)",
                approved_by=(actor,),
            )
        except DomainError as exc:
            raise Conflict(
                _("Deze zaak kan nu niet worden verwijderd: %(reason)s Wijs het verzoek af met de juiste grond.")
                % {"reason": exc.message},
                code="erasure_refused_by_hold",
            ) from exc
    return request
