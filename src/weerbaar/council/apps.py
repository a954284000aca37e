from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "weerbaar.council"
    label = "council"
    verbose_name = "Facilitated conversations in council or college, coverage against a yearly target"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from weerbaar.core.keyholders import KeyHolder, register
        from weerbaar.council.sealing import request_data_key, request_rewrap_key

        # Each request has its own data key: `weerbaar keys rotate|check` must re-wrap and check it too.
        register(KeyHolder("council request", "council.CouncilRequest", request_rewrap_key, request_data_key))

        from weerbaar.core import demo
        from weerbaar.council.demo import DEMO

        demo.register(DEMO)
