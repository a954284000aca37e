"""Retention: who sets the retention policy, puts a case under legal hold, and approves destruction lists.

Destroying a case needs two different people: a coordinator (of the list's association, or a national
coordinator without one) and an administrator who acts for the privacy officer (``User.is_privacy_officer``).
Neither reads case content here: the retention pages show references, dates and outcomes only.
"""

from __future__ import annotations

from typing import Any

from weerbaar.accounts.models import Role
from weerbaar.accounts.policy._roles import _role


def is_privacy_officer(user: Any) -> bool:
    """An active administrator with the privacy-officer flag."""
    return _role(user) == Role.ADMIN and bool(getattr(user, "is_privacy_officer", False))


def can_view_retention(user: Any) -> bool:
    """The policy, the legal holds and the destruction lists (references, dates, outcomes; no content)."""
    return _role(user) == Role.COORDINATOR or is_privacy_officer(user)


def can_manage_retention_policy(user: Any) -> bool:
    """Changing how long cases are kept: the privacy officer only."""
    return is_privacy_officer(user)


def can_manage_legal_holds(user: Any) -> bool:
    """Putting a case under legal hold and lifting it: coordinators and the privacy officer."""
    return _role(user) == Role.COORDINATOR or is_privacy_officer(user)


def destruction_approval_role(user: Any, association_id: int | None) -> str | None:
    """Which of the two approvals of a destruction list ``user`` may give: ``"coordinator"``, ``"privacy"`` or None.

    A coordinator approves the lists of their own association (a coordinator without an association: every
    list); the privacy officer approves every list.
    """
    if _role(user) == Role.COORDINATOR:
        own = getattr(user, "association_id", None)
        return "coordinator" if own is None or own == association_id else None
    if is_privacy_officer(user):
        return "privacy"
    return None
