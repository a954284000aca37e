"""The background jobs over cases, registered with the kernel's scheduler (``core.jobs``) in ``apps.py``.

Cases decides what is due (a case past its deadline, a case turned red) and sends a signal (``cases.signals``);
the apps around the case act on it (notifications tells someone, once). Every job is idempotent: running it
twice in a row changes nothing the second time.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.cases import signals
from weerbaar.cases.models import Case
from weerbaar.cases.selectors import red_q
from weerbaar.core.audit import audit_record
from weerbaar.core.jobs import Job
from weerbaar.core.models import AuditEntry


def cases_flag_red(*, now: datetime | None = None) -> int:
    """Announce every case that is red now (``Case.red_after``: three times its response window after it arrived,
    working hours and holidays counted when it opened); returns how many were acted on for the first time — the
    coordinators hear of a case once, so a second run reports none."""
    now = now or timezone.now()
    references = list(Case.objects.filter(red_q(now)).values_list("reference", flat=True))
    if not references:
        return 0
    responses = signals.cases_red.send(sender=Case, references=references, now=now)
    return len(set().union(*(set(response or ()) for _receiver, response in responses)))


LENT_ACTOR = "system:cases.record_lent"


def _recorded(case: Case) -> bool:
    """Whether the case's audit log says how its current holder came to hold it from outside its association: a
    break-glass by that holder, or a lending recorded by this job."""
    assert case.assigned_to is not None
    return AuditEntry.objects.filter(
        action__in=("case.taken_over", "case.lent_recorded"),
        object_type="case",
        object_id=case.reference,
        details__assignee=case.assigned_to.username,
    ).exists()


def cases_record_lent(*, now: datetime | None = None) -> list[str]:
    """Record every case held outside its association without a break-glass as a take-over, and tell that
    association's coordinators, so they can take it back (issue 12). Such cases were lent to another association's
    advisor before the break-glass rule existed (an ordinary assignment then), or their advisor moved to another
    association since. Each (case, holder) gets one ``case.lent_recorded`` audit entry (not ``case.taken_over``:
    no reason was stated, so the case page does not claim one) and the signal ``case_lent_recorded``; returns the
    references recorded now, so a second run records none."""
    now = now or timezone.now()
    candidates = (
        Case.objects.filter(assigned_to__isnull=False)
        .exclude(assigned_to__association_id=F("association_id"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    recorded: list[str] = []
    for pk in candidates:
        with transaction.atomic():
            case = (
                Case.objects.select_for_update(of=("self",))
                .select_related("assigned_to__association", "association")
                .get(pk=pk)
            )
            holder = case.assigned_to
            if holder is None or holder.association_id == case.association_id or _recorded(case):
                continue  # taken back, or recorded, since the list was read
            audit_record(
                actor=LENT_ACTOR,
                action="case.lent_recorded",
                object_type="case",
                object_id=case.reference,
                details={
                    "assignee": holder.username,
                    "association": case.association.code,
                    "holderAssociation": holder.association.code if holder.association is not None else None,
                },
            )
            signals.case_lent_recorded.send(sender=Case, case=case, holder=holder, now=now)
            recorded.append(case.reference)
    return recorded


def _record_lent(now: datetime) -> dict[str, Any]:
    return {"recorded": len(cases_record_lent(now=now))}


def _escalate(now: datetime) -> dict[str, Any]:
    from weerbaar.cases.services import cases_escalate_overdue

    return {"escalated": cases_escalate_overdue(now=now)}


def _flag_red(now: datetime) -> dict[str, Any]:
    return {"reported": cases_flag_red(now=now)}


JOBS = (
    Job(
        "escalate_overdue",
        timedelta(minutes=5),
        _escalate,
        _(
            "Nieuwe zaken die niemand oppakte vóór de reactietermijn (werkuren en feestdagen tellen mee) "
            "worden als geëscaleerd gemarkeerd."
        ),
        _("elke 5 minuten"),
        title=_("Zaken escaleren die te lang wachten"),
        position=20,
    ),
    Job(
        "flag_red",
        timedelta(minutes=5),
        _flag_red,
        _(
            "Coördinatoren krijgen één keer per zaak een melding als een nieuwe zaak na drie keer de "
            "reactietermijn nog door niemand is opgepakt (rood)."
        ),
        _("elke 5 minuten"),
        title=_("Zaken die veel te lang wachten melden"),
        position=30,
    ),
    Job(
        "record_lent_cases",
        timedelta(days=1),
        _record_lent,
        _(
            "Zaken die zonder break-glass bij iemand buiten de eigen vereniging liggen (toegewezen van vóór de "
            "break-glass-regel, of de adviseur is van vereniging gewisseld) worden één keer als overname "
            "vastgelegd in het auditlog; de coördinatoren van de vereniging van de zaak krijgen een melding."
        ),
        _("elke dag"),
        title=_("Uitgeleende zaken als overname vastleggen"),
        position=33,
    ),
)
