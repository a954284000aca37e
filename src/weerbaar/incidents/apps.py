from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "weerbaar.incidents"
    label = "incidents"
    verbose_name = "Incidents, evidence, police reports and damage"
    default_auto_field = "django.db.models.BigAutoField"
