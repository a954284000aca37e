from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest


def _concern_panel(request: HttpRequest, access: Any) -> str:
    """On the case page: the concern note's newest version in one line (one query, nothing opened) and links."""
    from django.template.loader import render_to_string

    from weerbaar.concerns.selectors import latest_summary

    latest = latest_summary(case=access.case)
    return render_to_string("concerns/_panel.html", {"case": access.case, "latest": latest}, request=request)


class ConcernsConfig(AppConfig):
    """The structured concern note of a case (versioned, a second confirmation for "hoog") and the incident
    timeline that supports it. No score, no ranking: docs/concerns.md."""

    name = "weerbaar.concerns"
    label = "concerns"
    verbose_name = "Concern notes and the incident timeline"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from weerbaar.cases import panels

        panels.register(panels.CasePanel("concern note", 20, _concern_panel))
