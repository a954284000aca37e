"""Synthetic aftercare plans for the synthetic cases (``weerbaar seed --synthetic N``): every case in aftercare has
an open plan, and about half of the cases closed after work had one (aftercare is a choice, issue 11)."""

from __future__ import annotations

from datetime import timedelta

from weerbaar.aftercare.models import AftercarePlan
from weerbaar.cases.choices import Status
from weerbaar.core.synthetic import SyntheticBuilder, SyntheticRun

CLOSED_WITH_AFTERCARE = 0.45


def _load(run: SyntheticRun, size: int) -> None:
    rng = run.rng("aftercare")
    plans = []
    for case in run.batch:
        started = (case.claimed_at or case.created_at) + timedelta(days=rng.uniform(3, 30))
        if case.status == Status.AFTERCARE:
            plans.append(AftercarePlan(case=case, started_at=min(started, run.now)))
        elif case.status == Status.CLOSED and case.outcome and rng.random() < CLOSED_WITH_AFTERCARE:
            started = min(started, case.closed_at)
            plans.append(AftercarePlan(case=case, started_at=started, closed_at=case.closed_at))
    AftercarePlan.objects.bulk_create(plans, batch_size=500)
    run.add("aftercare plans", len(plans))


AFTERCARE = SyntheticBuilder("aftercare", 40, load=_load)
