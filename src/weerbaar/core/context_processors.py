from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def weerbaar(request: HttpRequest) -> dict[str, Any]:
    return {
        "NATIONAL_PHONE": settings.WEERBAAR["NATIONAL_PHONE"],
        "NATIONAL_PHONE_TEL": "+31" + settings.WEERBAAR["NATIONAL_PHONE"].replace("-", "")[1:],
    }
