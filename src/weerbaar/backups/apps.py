from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "weerbaar.backups"
    label = "backups"
    verbose_name = "Encrypted backups, restore and the deletion ledger"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from weerbaar.backups import jobs as backup_jobs
        from weerbaar.backups.keynotes import backups_key_use
        from weerbaar.core import jobs, keyusers

        jobs.register(*backup_jobs.JOBS)
        keyusers.register(keyusers.KeyUser("backups", 100, backups_key_use))
