"""The background jobs of incidents, registered with the kernel's scheduler (``core.jobs``) in ``apps.py``:
to-dos for approaching complaint deadlines, and the weekly check of every stored exhibit.

Both are idempotent: a to-do is keyed per incident and deadline, and ``notify`` makes one notification per
recipient and key. Running a job twice in a row changes nothing (the evidence check only records, each run,
that it checked).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.cases.choices import Status
from weerbaar.core.clock import AMSTERDAM
from weerbaar.core.jobs import Job
from weerbaar.incidents.choices import ReportKind
from weerbaar.incidents.models import Incident
from weerbaar.notifications.services import notify_todo_owner
from weerbaar.todos.services import TITLE_COMPLAINT_DEADLINE, due_moment, todo_close_system, todo_create_system

COMPLAINT_WINDOW = timedelta(days=14)
COMPLAINT_KIND = "complaint_deadline"
COMPLAINT_NOTIFICATION = "complaint_deadline_near"


def _dutch_date(day: date) -> str:
    return f"{day.day}-{day.month}-{day.year}"


def complaint_deadline_key(incident_id: int, deadline: date) -> str:
    return f"{COMPLAINT_KIND}:{incident_id}:{deadline.isoformat()}"


def complaint_deadline_todos(*, now: datetime | None = None) -> dict[str, int]:
    """A to-do (and a notification) for the advisor of every open case with an incident whose complaint deadline
    is at most 14 days ahead and for which no complaint was recorded yet; such a to-do is closed once a
    complaint is recorded."""
    now = now or timezone.now()
    today = now.astimezone(AMSTERDAM).date()
    complained = Q(police_report__kind=ReportKind.COMPLAINT)
    due = (
        Incident.objects.filter(complaint_deadline__gte=today, complaint_deadline__lte=today + COMPLAINT_WINDOW)
        .exclude(case__status=Status.CLOSED)
        .exclude(complained)
        .select_related("case", "case__assigned_to")
        .order_by("complaint_deadline", "id")
    )
    created = notified = closed = 0
    for incident in due:
        deadline = incident.complaint_deadline
        assert deadline is not None  # the query asks for a deadline in the window
        key = complaint_deadline_key(incident.pk, deadline)
        link = reverse("incidents:ws_detail", args=[incident.case.reference, incident.number])
        todo = todo_create_system(
            key=key,
            kind=COMPLAINT_KIND,
            title=TITLE_COMPLAINT_DEADLINE,
            title_params={"date": _dutch_date(deadline)},
            due_at=due_moment(deadline),
            case=incident.case,
            link=link,
            now=now,
        )
        if todo is not None:
            created += 1
            notified += notify_todo_owner(todo, kind=COMPLAINT_NOTIFICATION, key=key, link=link, now=now)
    # A complaint was recorded after all: its deadline to-do is done.
    reported = Incident.objects.filter(complained, complaint_deadline__isnull=False)
    for incident_id, day in reported.values_list("id", "complaint_deadline"):
        if day is not None and todo_close_system(key=complaint_deadline_key(incident_id, day), now=now):
            closed += 1
    return {"created": created, "notified": notified, "closed": closed}


class EvidenceCheckFailed(Exception):
    pass


def _verify_evidence(now: datetime) -> dict[str, Any]:
    from weerbaar.incidents.services import evidence_verify_all

    report = evidence_verify_all(now=now)
    if not report.ok:
        # Visible to coordinators as a failed run; the command line names the files.
        raise EvidenceCheckFailed(f"{len(report.failed or [])} of {report.checked} evidence files failed")
    return {"checked": report.checked}


def _complaint_deadlines(now: datetime) -> dict[str, Any]:
    return complaint_deadline_todos(now=now)


JOBS = (
    Job(
        "complaint_deadlines",
        timedelta(hours=1),
        _complaint_deadlines,
        _(
            "Incidenten waarvan de aangiftetermijn binnen 14 dagen verloopt en waarvoor nog geen aangifte is "
            "gedaan: een taak en een melding voor de adviseur van de zaak."
        ),
        _("elk uur"),
        title=_("Aangiftetermijnen bewaken"),
        position=50,
    ),
    Job(
        "verify_evidence",
        timedelta(days=7),
        _verify_evidence,
        _("Elk bewaard bewijsstuk wordt gecontroleerd op zijn SHA-256-code."),
        _("elke week"),
        title=_("Bewijsstukken controleren"),
        position=110,
    ),
)
