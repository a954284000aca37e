"""Users for notification tests."""

from __future__ import annotations

from tests.factories import UserFactory
from weerbaar.accounts.models import Role


def coordinator(**kw):
    return UserFactory(role=Role.COORDINATOR, **kw)


def advisor(**kw):
    return UserFactory(role=Role.ADVISOR, **kw)


def partner_user(**kw):
    return UserFactory(role=Role.PARTNER, **kw)
