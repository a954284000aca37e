from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "weerbaar.council"
    label = "council"
    verbose_name = "Facilitated conversations in council or college, coverage against a yearly target"
    default_auto_field = "django.db.models.BigAutoField"
