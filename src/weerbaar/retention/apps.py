from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "weerbaar.retention"
    label = "retention"
    verbose_name = "Retention policy, legal holds and destruction lists"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from weerbaar.cases import panels
        from weerbaar.core import jobs
        from weerbaar.retention import guards
        from weerbaar.retention import jobs as retention_jobs
        from weerbaar.retention.panels import CONTACT_ERASED_PANEL

        jobs.register(*retention_jobs.JOBS)
        guards.connect()
        panels.register(CONTACT_ERASED_PANEL)
