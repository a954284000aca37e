from django.apps import AppConfig


class RightsConfig(AppConfig):
    """The office holder's rights under the AVG: the copy of everything, and erasure requests."""

    name = "weerbaar.rights"
    label = "rights"
    verbose_name = "The office holder's rights: export and erasure requests"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from weerbaar.cases import panels
        from weerbaar.rights import views

        panels.register(views.ERASURE_PANEL)
