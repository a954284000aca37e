from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "weerbaar.network"
    label = "network"
    verbose_name = "Referrals to network partners with the office holder's consent, partner portal"
    default_auto_field = "django.db.models.BigAutoField"
