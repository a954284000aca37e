from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "weerbaar.core"
    label = "core"
    verbose_name = "Weerbaar core"

    def ready(self) -> None:
        from weerbaar.core import jobs, logredact

        logredact.install_record_factory()  # no case reference in any log record, whatever logs it

        jobs.register(*jobs.KERNEL_JOBS)  # housekeeping of sessions and task results; apps add their own
