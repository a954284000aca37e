"""Write use cases of the office holder's rights: filing an erasure request, and deciding it.

The statutory month (art. 12(3) AVG: "without undue delay and in any event within one month of receipt of the
request") ends on ``due_on``: the same day of the next month (the month's last day when it has fewer days), in
the Netherlands. A to-do for the case's advisor (else the coordinators' pool) tracks it, due a week before.
Erasure itself is ``weerbaar.destruction.services.case_destroy``: crypto-shredding with a tombstone, refused for a
case under a legal hold.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from weerbaar.accounts import policy
from weerbaar.cases.models import Case
from weerbaar.core import clock
from weerbaar.core.audit import audit_record
from weerbaar.core.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from weerbaar.rights.models import ErasureRequest, ErasureStatus, RefusalGround

MAX_EXPLANATION = 2000
TODO_KIND = "erasure_request"
TODO_LEAD = timedelta(days=7)  # the to-do is due a week before the statutory month ends
TODO_TITLE = gettext_noop("Verzoek om verwijdering: beslis uiterlijk %(date)s (art. 12 lid 3 AVG)")


def one_month_after(day: date) -> date:
    """The same day of the next month, or that month's last day (31 January -> 28/29 February)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


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
    from weerbaar.todos.services import todo_close_system

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
        todo_close_system(key=_todo_key(request), now=now)
        audit_record(
            actor=access.actor,
            action="rights.erasure_refused",
            object_type="case",
            object_id=access.case.reference,
            details={"request": request.pk, "ground": ground},
        )
    return request


def _case_destroy() -> Any:
    from weerbaar.destruction.services import case_destroy  # shred13's app: crypto-shredding with a tombstone

    return case_destroy


def erasure_request_erase(*, access: policy.CaseAccess) -> ErasureRequest:
    """Erase the case of the open request: ``case_destroy`` (refused by a legal hold: then nothing changes,
    and the decision is a refusal on that ground). The request keeps its dates and who decided."""
    from weerbaar.todos.services import todo_close_system

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
        todo_close_system(key=_todo_key(request), now=now)
        # Earlier refusals' explanations are case content: they go with the case (the rows keep dates and status).
        ErasureRequest.objects.filter(case=access.case).update(sealed_explanation=None)
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
