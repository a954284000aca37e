"""Statistics: anonymised aggregates behind disclosure control, never a case.

Analysts (their whole job) and coordinators (who steer the service) read them; advisors, partners and
administrators do not (an advisor's own association's small figures are no business of theirs in aggregate).
"""

from __future__ import annotations

from typing import Any

from weerbaar.accounts.models import Role
from weerbaar.accounts.policy._roles import _role


def can_view_statistics(user: Any) -> bool:
    return _role(user) in {Role.ANALYST, Role.COORDINATOR}
