"""Receivers of case signals: keep the keyed hash of each case's contact number up to date."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from weerbaar.cases.signals import case_opened


@receiver(case_opened, dispatch_uid="telephony.case_phone_index")
def index_case_phone(sender: Any, case: Any, actor: Any = None, **kwargs: Any) -> None:
    from weerbaar.telephony.services import case_phone_index

    case_phone_index(case=case, actor=actor)
