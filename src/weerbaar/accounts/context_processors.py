"""The coordinators' red banner in the workspace when background jobs are overdue (``core.jobs.overdue_jobs``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from weerbaar.accounts import policy


def jobs_overdue(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_authenticated", False) or not policy.can_view_job_runs(user):
        return {}

    def overdue() -> list[Any]:
        from weerbaar.core.jobs import overdue_jobs_cached

        return overdue_jobs_cached()

    # Lazy: looked up only when a workspace page shows the banner, and then at most every 30 seconds.
    return {"jobs_overdue": SimpleLazyObject(overdue)}
