from django.apps import AppConfig


class TelephonyConfig(AppConfig):
    name = "weerbaar.telephony"
    label = "telephony"
    verbose_name = "The national phone line: call events webhook, caller log, matching callers to cases"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from weerbaar.telephony import receivers  # noqa: F401 - connects the case_opened receiver

        # Each call's number is sealed under a data key of its own: Call is a core.sealing.SealedRecord, so
        # `weerbaar keys rotate|check` covers it.
