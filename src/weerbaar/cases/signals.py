"""Signals other apps listen to, so that cases never imports them (aftercare, telephony, notifications).

Both are sent inside the transaction that made the change: a receiver's writes commit or roll back with it.
Receivers get only the case and plain metadata; they load content through their own selectors if needed.
"""

from django.dispatch import Signal

# Sent after a case is created (intake by web, phone or API). Arguments: case, actor, now.
case_opened = Signal()

# Sent after a status change along the state machine. Arguments: case, source, target, actor, now.
case_status_changed = Signal()
