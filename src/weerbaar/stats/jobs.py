"""The refresh of the pre-aggregated figures (``stats_refresh``), registered with the kernel's scheduler.

It counts every help request once — open, closed or destroyed — per month and dimension into ``MonthlyCount``
and replaces the previous figures in one transaction, so the analysts' tables read a few thousand rows instead
of every case (issue 15: a table over a million incidents within half a second). The facts of the first incident
(act, channel, route to the police) are sealed under the case's key: the job opens them in memory, counts them
and keeps nothing but the counts. Running it twice in a row changes nothing the second time.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.cases.models import Case
from weerbaar.core.jobs import Job
from weerbaar.destruction.models import DestroyedCase
from weerbaar.incidents.models import Incident
from weerbaar.stats.models import MonthlyCount, Refresh

UNKNOWN = "unknown"
NONE = "none"
OPEN = "open"
Row = tuple[date, str, str, str, str, str, str, str]


def _first_incident_facts(case: Case) -> tuple[str, str, str]:
    incidents = list(case.incidents.all())
    if not incidents:
        return NONE, NONE, NONE
    incident = incidents[0]
    try:
        facts = incident.opened_facts(under=case)
        act = facts["acts"][0] if facts["acts"] else NONE
        channel = facts["channel"] or NONE
        report = getattr(incident, "police_report", None)
        route = str(report.open("sealed_details", under=case).get("kind") or NONE) if report else NONE
    except Exception:
        return UNKNOWN, UNKNOWN, UNKNOWN
    return act, channel, route


def counted_rows() -> Counter[Row]:
    counts: Counter[Row] = Counter()
    first_incidents = Prefetch("incidents", queryset=Incident.objects.filter(number=1).select_related("police_report"))
    cases = Case.objects.select_related("province", "association").prefetch_related(first_incidents).order_by("pk")
    for case in cases.iterator(chunk_size=2000):
        month = timezone.localdate(case.created_at).replace(day=1)
        province = case.province.code if case.province else UNKNOWN
        counts[
            (month, case.role, province, case.association.code, case.outcome or OPEN, *_first_incident_facts(case))
        ] += 1
    destroyed = DestroyedCase.objects.select_related("province", "association").order_by("pk")
    for tomb in destroyed.iterator(chunk_size=2000):
        province = tomb.province.code if tomb.province else UNKNOWN
        month = tomb.created_on.replace(day=1)
        counts[
            (month, tomb.role, province, tomb.association.code, tomb.outcome or UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN)
        ] += 1
    return counts


def stats_refresh(*, now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    counts = counted_rows()
    rows = [
        MonthlyCount(
            month=month,
            role=role,
            province=province,
            association=association,
            outcome=outcome,
            act=act,
            channel=channel,
            route=route,
            count=count,
        )
        for (month, role, province, association, outcome, act, channel, route), count in sorted(counts.items())
    ]
    with transaction.atomic():
        MonthlyCount.objects.all().delete()
        MonthlyCount.objects.bulk_create(rows, batch_size=2000)
        Refresh.objects.create(finished_at=now, cases=sum(counts.values()), rows=len(rows))
    return {"cases": sum(counts.values()), "rows": len(rows)}


def _stats_refresh(now: datetime) -> dict[str, Any]:
    return stats_refresh(now=now)


JOBS = (
    Job(
        "stats_refresh",
        timedelta(hours=24),
        _stats_refresh,
        _("Telt alle hulpvragen per maand en kenmerk opnieuw voor de statistieken (alleen aantallen)."),
        _("dagelijks"),
        title=_("Statistieken bijwerken"),
        position=975,
    ),
)
