"""The unread count in the workspace header, counted only when a template actually shows it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def notifications(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return {}

    def count() -> int:
        from weerbaar.notifications.selectors import unread_count

        return unread_count(user)

    return {"notifications_unread": SimpleLazyObject(count)}
