from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "weerbaar.cases"
    label = "cases"
