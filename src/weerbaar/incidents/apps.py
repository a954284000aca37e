from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest


def _complaint_deadline_panel(request: HttpRequest, access: Any) -> str:
    """The nearest complaint deadline (art. 66 Sr) of an incident without a complaint, on the case page."""
    from django.template.loader import render_to_string
    from django.utils import timezone

    from weerbaar.incidents.selectors import nearest_complaint_deadline

    deadline = nearest_complaint_deadline(access.case, today=timezone.localdate())
    return render_to_string("incidents/_deadline.html", {"deadline": deadline}, request=request)


class IncidentsConfig(AppConfig):
    name = "weerbaar.incidents"
    label = "incidents"
    verbose_name = "Incidents, evidence, police reports and damage"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from weerbaar.cases import panels
        from weerbaar.core import jobs
        from weerbaar.incidents import demo as incident_demo
        from weerbaar.incidents import jobs as incident_jobs
        from weerbaar.intake.demo import register_case_work

        jobs.register(*incident_jobs.JOBS)
        register_case_work(incident_demo.CASE_WORK)  # incidents with evidence on worked demo cases
        panels.register(panels.CasePanel("complaint deadline", 10, _complaint_deadline_panel))

        from weerbaar.core import synthetic
        from weerbaar.incidents import synthetic as incident_synthetic

        synthetic.register(incident_synthetic.INCIDENTS)
