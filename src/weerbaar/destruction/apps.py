from django.apps import AppConfig


class DestructionConfig(AppConfig):
    name = "weerbaar.destruction"
    label = "destruction"
    verbose_name = "Destruction of cases by crypto-shredding"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from weerbaar.backups import ledger
        from weerbaar.core import references
        from weerbaar.destruction import services

        # A destroyed case's reference is never issued again (the tombstone keeps it).
        references.REFERENCE_CLAIMS.register(
            references.ReferenceClaim(name="destroyed-cases", position=10, taken=services.reference_destroyed)
        )
        # A restore replays the deletion ledger with the same crypto-shredding as the first destruction.
        ledger.register_destroyer(services.case_destroy_again)
