from django.apps import AppConfig


class TelephonyConfig(AppConfig):
    name = "weerbaar.telephony"
    label = "telephony"
    verbose_name = "The national phone line: call events webhook, caller log, matching callers to cases"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from weerbaar.core.keyholders import KeyHolder, register
        from weerbaar.telephony import receivers  # noqa: F401 - connects the case_opened receiver
        from weerbaar.telephony.sealing import call_data_key, call_rewrap_key

        # Each call's number is sealed under a data key of its own: `weerbaar keys rotate|check` covers it.
        register(KeyHolder("call", "telephony.Call", call_rewrap_key, call_data_key, identifier="call_id"))
