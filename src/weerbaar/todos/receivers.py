"""What to-dos do when a case changes (``cases.signals``): cases never imports to-dos.

An unclaimed case past its respond-by moment gives the coordinators' pool a to-do, due within a working hour;
it is done as soon as the case leaves "new" (someone took it, or it was closed). Both run inside the
transaction that changed the case, and both are idempotent on the to-do's key.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils.translation import gettext_noop

from weerbaar.cases.choices import Status
from weerbaar.cases.services import escalation_key
from weerbaar.core.clock import respond_by
from weerbaar.todos.services import todo_close_system, todo_create_system

# The coordinators' to-do for a new case nobody took in time (the list shows the case beside it).
TITLE_ESCALATED = gettext_noop("Nieuwe zaak zonder reactie: wijs een adviseur toe")


def on_case_escalated(sender: Any, *, case: Any, now: datetime, **kwargs: Any) -> None:
    todo_create_system(
        key=escalation_key(case.reference),
        kind="case_escalated",
        title=TITLE_ESCALATED,
        due_at=respond_by(received_at=now, urgent=True),
        case=case,
        for_coordinators=True,
        link=f"/werkruimte/zaken/{case.reference}",
        now=now,
    )


def on_case_status_changed(sender: Any, *, case: Any, source: str, now: datetime | None = None, **kwargs: Any) -> None:
    if source == Status.NEW:
        todo_close_system(key=escalation_key(case.reference), now=now)
