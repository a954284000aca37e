from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "weerbaar.network"
    label = "network"
    verbose_name = "Referrals to network partners with the office holder's consent, partner portal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from weerbaar.core import jobs
        from weerbaar.directory import load
        from weerbaar.network import jobs as network_jobs
        from weerbaar.network import selectors

        jobs.register(*network_jobs.JOBS)
        # The partner list and page show each partner's open referrals (directory may not import network).
        load.register("network.referrals", selectors.open_load)

        from weerbaar.core import synthetic
        from weerbaar.network import synthetic as network_synthetic

        synthetic.register(network_synthetic.REFERRALS)
