"""The public yearly overview (``/cijfers``): who drafts and approves a release.

Analysts and coordinators draft a release from the national tables (counts only, disclosure control applied) and
approve one; a release needs two approvals by two different people, neither of them its drafter. The published
overview itself is public.
"""

from __future__ import annotations

from typing import Any

from weerbaar.accounts.models import Role
from weerbaar.accounts.policy._roles import _role


def can_work_on_releases(user: Any) -> bool:
    """The workspace pages of the yearly overview: drafting, reviewing and approving releases."""
    return _role(user) in (Role.ANALYST, Role.COORDINATOR)
