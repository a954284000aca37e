from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "weerbaar.council"
    label = "council"
    verbose_name = "Facilitated conversations in council or college, coverage against a yearly target"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Each request has its own data key: CouncilRequest is a core.sealing.SealedRecord, so
        # `weerbaar keys rotate|check` re-wraps and checks it too (no registration).
        from weerbaar.core import demo
        from weerbaar.council.demo import DEMO

        demo.register(DEMO)
