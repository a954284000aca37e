from django.apps import AppConfig


class StatsConfig(AppConfig):
    """Anonymised statistics: aggregates over plain columns, behind disclosure control (``disclosure``).

    Analysts (and coordinators) see tables of counts, never a case; every figure goes through
    ``disclosure.protect`` with the configured policy, which is checked here at start-up: a threshold below 5
    stops the process (``conf.configured_policy``).
    """

    name = "weerbaar.stats"
    label = "stats"
    verbose_name = "Anonymised statistics"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from weerbaar.core import jobs
        from weerbaar.stats import jobs as stats_jobs
        from weerbaar.stats.conf import configured_policy

        jobs.register(*stats_jobs.JOBS)
        configured_policy()  # refuses a threshold below 5 before anything is served
