"""The legal hold as a guard of destruction: ``case_destroy`` refuses a held case, whoever calls it.

``weerbaar.destruction`` (issue 13, point 3) calls every registered guard before it destroys a case; this app
registers ``refuse_held_case`` there (``apps.py``).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from weerbaar.core.errors import Conflict
from weerbaar.retention.selectors import case_is_held


class CaseUnderLegalHold(Conflict):
    """Refused: the case is under legal hold (problem code ``legal-hold``)."""


def refuse_held_case(case: Any, *args: Any, **kwargs: Any) -> None:
    if case_is_held(case.pk):
        raise CaseUnderLegalHold(
            _("Deze zaak valt onder een bewaarplicht en wordt niet vernietigd."), code="legal-hold"
        )


def connect() -> None:
    from weerbaar.destruction.services import register_destruction_guard

    register_destruction_guard(refuse_held_case)
