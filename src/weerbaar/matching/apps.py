from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest


def _match_panel(request: HttpRequest, access: Any) -> str:
    """On the case page: a confirmed match of this case (one cheap EXISTS query), never which case or value."""
    from django.template.loader import render_to_string

    from weerbaar.matching.selectors import case_has_confirmed_match

    if not case_has_confirmed_match(access):
        return ""
    return render_to_string("matching/_panel.html", {"case": access.case}, request=request)


class MatchingConfig(AppConfig):
    name = "weerbaar.matching"
    label = "matching"
    verbose_name = "Repeat-perpetrator matching with keyed tokens"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core import checks

        from weerbaar.cases import panels
        from weerbaar.core import jobs
        from weerbaar.matching import jobs as matching_jobs
        from weerbaar.matching import receivers  # noqa: F401  (withdrawal leaves the index)
        from weerbaar.matching.checks import matching_key_present
        from weerbaar.matching.selectors import confirmed_links_in
        from weerbaar.releases.counts import register_link_counter

        jobs.register(*matching_jobs.JOBS)
        panels.register(panels.CasePanel("perpetrator match", 17, _match_panel))
        checks.register(matching_key_present, "matching")
        register_link_counter(confirmed_links_in)
