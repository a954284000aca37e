from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "weerbaar.network"
    label = "network"
    verbose_name = "Referrals to network partners with the office holder's consent, partner portal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from weerbaar.core import jobs
        from weerbaar.network import jobs as network_jobs

        jobs.register(*network_jobs.JOBS)
