"""``{{ value|moment }}``: a moment written the one way (``weerbaar.web.dates.moment_text``)."""

from __future__ import annotations

from datetime import datetime

from django import template

from weerbaar.web.dates import moment_text

register = template.Library()


@register.filter
def moment(value: datetime | None) -> str:
    return moment_text(value) if value else ""
