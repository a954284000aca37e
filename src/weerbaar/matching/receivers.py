"""A withdrawn case leaves the index at once; reopened, it comes back (cases sends the signal, matching decides)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from weerbaar.cases.choices import CloseReason, Status
from weerbaar.cases.signals import case_status_changed


@receiver(case_status_changed, dispatch_uid="matching.withdrawal")
def on_status_changed(sender: Any, case: Any, source: str, target: str, actor: Any, **kwargs: Any) -> None:
    from weerbaar.matching import services, tokens
    from weerbaar.matching.models import PerpetratorIdentifier

    if target == Status.CLOSED and case.close_reason == CloseReason.WITHDRAWN:
        services.case_leave_index(case, actor=actor)
    elif (
        source == Status.CLOSED and target != Status.CLOSED and PerpetratorIdentifier.objects.filter(case=case).exists()
    ) and tokens.keys():
        epoch, key = tokens.current_epoch()
        services.case_reindex(case, epoch=epoch, key=key)
