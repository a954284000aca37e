from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "weerbaar.guidance"
    label = "guidance"
