"""Aftercare test helpers: a case in aftercare with its plan, and running the check-in job at a moment."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.factories import UserFactory, make_case
from weerbaar.accounts.models import Role


def advisor(**kw):
    return UserFactory(role=Role.ADVISOR, **kw)


def aftercare_case(adv=None):
    """A case that moved to aftercare (so it has a plan with the three default check-ins)."""
    adv = adv or advisor()
    case, code = make_case(state="aftercare", advisor=adv)
    return case, code, adv


def run_job(now: datetime):
    from weerbaar.aftercare.services import checkins_make_due

    return checkins_make_due(now=now)


def after_all_defaults(case) -> datetime:
    """A moment after the third default check-in (three months and a bit after moving to aftercare)."""
    return case.aftercare_plan.started_at + timedelta(days=100)
