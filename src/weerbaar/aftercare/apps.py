from django.apps import AppConfig


class AftercareConfig(AppConfig):
    name = "weerbaar.aftercare"
    label = "aftercare"
    verbose_name = "Aftercare plans: check-ins for the office holder and household members"
    default_auto_field = "django.db.models.BigAutoField"
