from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    # WeasyPrint is not imported here: a worker loads it on its first PDF (guidance.pdf, core.imaging).
    name = "weerbaar.guidance"
    label = "guidance"
