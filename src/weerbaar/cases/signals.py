"""Signals other apps listen to, so that cases never imports them (aftercare, telephony, notifications).

Each is sent inside the transaction that made the change: a receiver's writes commit or roll back with it.
Receivers get only the case and plain metadata; they load content through their own selectors if
needed. Cases decides *what* happened (a case escalated, turned red); the apps around
it decide what that means for them (notifications: tell someone, once).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.dispatch import Signal

# Sent after a case is created (intake by web, phone or API). Arguments: case, actor, now.
case_opened = Signal()

# Sent after a status change along the state machine. Arguments: case, source, target, actor, now, and
# confirmed (a frozenset of the close-check codes and options the actor confirmed; empty otherwise).
case_status_changed = Signal()

# Sent after a coordinator took a case of another association for themselves with a stated reason (the
# break-glass of ``case_assign``). Arguments: case, actor (the coordinator), previous (who held it, or None), now.
case_taken_over = Signal()

# Sent by the record_lent_cases job, once per case and holder, for a case held outside its association without a
# break-glass (lent before the rule existed, or its advisor moved association). Arguments: case, holder, now.
case_lent_recorded = Signal()

# Sent when an unclaimed case passes its respond-by moment and is marked escalated (once per case, by the
# escalate_overdue job or ``weerbaar escalate``). Arguments: case, now.
case_escalated = Signal()

# Sent by the flag_red job on every run with every case that is red at that moment (escalated and unclaimed
# past three times its response window): arguments references (a list), now. Receivers are idempotent and
# return the set of references they acted on for the first time; the job reports how many cases that was.
cases_red = Signal()

# Sent after the office holder wrote a message on their case. Arguments: case, message.
case_message_received = Signal()

# Sent after the team wrote to the office holder in Mijn zaak: an advisor's message, or one the system sends
# (a consent request, an aftercare check-in). Arguments: case, message.
case_message_sent = Signal()


# --- checks before closing ---------------------------------------------------------------
# Another app can ask for a confirmation before a case closes (aftercare: an open plan). It registers a
# ``CloseCheck`` in its AppConfig.ready(); ``case_transition`` to closed raises ``Conflict`` with the check's
# code until the caller confirms that code. The chosen option (one of ``options``) reaches the receivers of
# ``case_status_changed`` in ``confirmed``, so the app decides what closing means for its own data.


@dataclass(frozen=True)
class CloseCheck:
    code: str  # problem code of the 409 and the token that confirms it, e.g. "aftercare_open"
    applies: Callable[[Any], bool]  # (case) -> whether to ask
    message: Any  # content-free sentence (lazily translated) shown on the confirmation page and in the 409
    api_field: str  # JSON boolean on POST /cases/{reference}/status-changes that confirms it
    # Ways to go on, shown as choices on the confirmation page: (token, label, API boolean field or "").
    # The first is the default when confirming through the API without choosing.
    options: tuple[tuple[str, Any, str], ...] = ()


close_checks: dict[str, CloseCheck] = {}


def register_close_check(check: CloseCheck) -> None:
    close_checks[check.code] = check


def close_checks_for(case: Any) -> list[CloseCheck]:
    """The checks that ask for confirmation before ``case`` closes."""
    return [check for check in close_checks.values() if check.applies(case)]
