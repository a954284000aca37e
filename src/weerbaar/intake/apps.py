from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "weerbaar.intake"
    label = "intake"
