from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "weerbaar.cases"
    label = "cases"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from weerbaar.cases import jobs as case_jobs
        from weerbaar.cases import next_action
        from weerbaar.core import jobs

        jobs.register(*case_jobs.JOBS)
        next_action.register(
            next_action.NextActionSource("message", 10, _("Bericht van de aanvrager"), next_action.unread_messages)
        )
