"""The background jobs of incidents, registered with the kernel's scheduler (``core.jobs``) in ``apps.py``:
to-dos for approaching klacht deadlines, and the weekly check of every stored exhibit.

The deadlines come from the one computation (``incidents.selectors.case_analysis`` over all incidents of a case,
today), never from date math of their own: a stalking series is dated from its last act, a precautionary date
(art. 261, 262 and 266 Sr related to the office; 284 when what was threatened is not known) gets a to-do too,
labelled as such, because a court may find that a klacht was needed after all. The incidents' acts and channel
are sealed: the hourly job opens them under each case's key with ``policy.system_access`` (purpose
``incidents.complaint_deadlines``); nothing but dates, incident numbers and article numbers leaves it.

Both are idempotent: a to-do is keyed per incident, deadline and kind (required or precautionary), and
``notify`` makes one notification per recipient and key. A to-do whose deadline no longer applies — an aangifte
was recorded, a new stalking incident moved the series' date, the incident was split off the series or corrected
— is closed. Running a job twice in a row changes nothing (the evidence check only records, each run, that it
checked).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from weerbaar.accounts import policy
from weerbaar.cases.choices import Status
from weerbaar.cases.models import Case
from weerbaar.core import clock
from weerbaar.core.jobs import Job
from weerbaar.guidance.rules import Need
from weerbaar.incidents.models import Incident
from weerbaar.incidents.selectors import CaseAnalysis, case_analysis
from weerbaar.notifications.services import notify_todo_owner
from weerbaar.todos.models import Todo
from weerbaar.todos.services import due_moment, todo_close_system, todo_create_system

COMPLAINT_WINDOW = timedelta(days=14)
COMPLAINT_DEADLINES = "incidents.complaint_deadlines"  # the purpose of the job's ``policy.system_access``
COMPLAINT_KIND = "complaint_deadline"
COMPLAINT_NOTIFICATION = "complaint_deadline_near"
PRECAUTIONARY = "precautionary"
# The to-dos' titles (numbers, dates and article numbers only: never case content), translated when shown.
TITLE_REQUIRED = gettext_noop("Klacht nodig uiterlijk %(date)s: incident %(incident)s (art. %(articles)s Sr)")
TITLE_PRECAUTIONARY = gettext_noop(
    "Voor de zekerheid een klacht uiterlijk %(date)s: incident %(incident)s (art. %(articles)s Sr)"
)


def _dutch_date(day: date) -> str:
    return f"{day.day}-{day.month}-{day.year}"


def complaint_deadline_key(incident_id: int, deadline: date, *, precautionary: bool = False) -> str:
    key = f"{COMPLAINT_KIND}:{incident_id}:{deadline.isoformat()}"
    return f"{key}:{PRECAUTIONARY}" if precautionary else key


def complaint_todos_sync(case: Case, analysis: CaseAnalysis, *, now: datetime | None = None) -> dict[str, int]:
    """Bring one case's klacht-deadline to-dos in line with its analysis.

    A to-do (and a notification) for every klacht date of an incident without an aangifte that ends within 14
    days (today included), unless the case is closed; every open to-do of the case whose incident, date or kind
    is no longer among the case's klacht dates is closed.
    """
    now = now or clock.now()
    today = timezone.localdate(now)
    ids = dict(case.incidents.values_list("number", "pk"))
    grouped: dict[tuple[int, date, bool], list[str]] = defaultdict(list)
    for finding in analysis.outstanding():
        if finding.incident is None or finding.deadline is None or finding.incident not in ids:
            continue
        grouped[(finding.incident, finding.deadline, finding.need is Need.PRECAUTIONARY)].append(finding.article)
    current = {
        complaint_deadline_key(ids[number], deadline, precautionary=precautionary): (number, deadline, precautionary)
        for number, deadline, precautionary in grouped
    }
    created = notified = closed = 0
    if case.status != Status.CLOSED:
        for key, (number, deadline, precautionary) in sorted(current.items(), key=lambda item: item[1][1:]):
            if not today <= deadline <= today + COMPLAINT_WINDOW:
                continue
            link = reverse("incidents:ws_detail", args=[case.reference, number])
            todo = todo_create_system(
                key=key,
                kind=COMPLAINT_KIND,
                title=TITLE_PRECAUTIONARY if precautionary else TITLE_REQUIRED,
                title_params={
                    "date": _dutch_date(deadline),
                    "incident": number,
                    "articles": ", ".join(dict.fromkeys(grouped[(number, deadline, precautionary)])),
                },
                due_at=due_moment(deadline),
                case=case,
                link=link,
                now=now,
            )
            if todo is not None:
                created += 1
                notified += notify_todo_owner(todo, kind=COMPLAINT_NOTIFICATION, key=key, link=link, now=now)
    stale = Todo.objects.filter(case=case, kind=COMPLAINT_KIND, done_at__isnull=True).exclude(key__in=list(current))
    for stale_key in stale.values_list("key", flat=True):
        if stale_key and todo_close_system(key=stale_key, now=now):
            closed += 1
    return {"created": created, "notified": notified, "closed": closed}


def complaint_deadline_todos(*, now: datetime | None = None) -> dict[str, int]:
    """Every case with incidents or an open klacht-deadline to-do: its ``complaint_deadline`` columns computed
    again (the rules may have changed since they were written) and its to-dos brought in line."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    with_incidents = Incident.objects.exclude(case__status=Status.CLOSED).values("case_id")
    with_todos = Todo.objects.filter(kind=COMPLAINT_KIND, done_at__isnull=True, case__isnull=False).values("case_id")
    cases = Case.objects.filter(Q(pk__in=with_incidents) | Q(pk__in=with_todos)).select_related("assigned_to")
    totals = {"created": 0, "notified": 0, "closed": 0}
    for row in cases.order_by("pk").iterator(chunk_size=200):
        # No person asked: the job's own grant. The incidents' acts and channel are sealed; the computation opens
        # them under the case's key and only dates and article numbers leave it (to-do titles, the column).
        case = policy.require_content(policy.system_access(row, purpose=COMPLAINT_DEADLINES))
        analysis = case_analysis(case, today=today)
        for incident_id, number, stored in case.incidents.values_list("pk", "number", "complaint_deadline"):
            deadline = analysis.required_deadline(number)
            if stored != deadline:
                Incident.objects.filter(pk=incident_id).update(complaint_deadline=deadline)
        for name, count in complaint_todos_sync(case, analysis, now=now).items():
            totals[name] += count
    return totals


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
            "Incidenten waarvan een klachttermijn (ook een termijn 'voor de zekerheid') binnen 14 dagen verloopt en "
            "waarvoor nog geen aangifte is gedaan: een taak en een melding voor de adviseur van de zaak. Een taak "
            "waarvan de termijn niet meer geldt, wordt afgesloten."
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
