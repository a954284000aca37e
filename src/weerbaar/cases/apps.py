from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "weerbaar.cases"
    label = "cases"

    def ready(self) -> None:
        from weerbaar.cases import jobs as case_jobs
        from weerbaar.core import jobs

        jobs.register(*case_jobs.JOBS)
