from django.apps import AppConfig


class TodosConfig(AppConfig):
    """To-dos ("taken" on the pages, "tasks" in the API): due dates for an advisor or the coordinators' pool.

    A to-do is never a background job: those are ``core.jobs`` and the worker's.
    """

    name = "weerbaar.todos"
    label = "todos"
    verbose_name = "To-dos of advisors and coordinators"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from weerbaar.cases import signals as case_signals
        from weerbaar.core import jobs
        from weerbaar.todos import jobs as todo_jobs
        from weerbaar.todos import receivers

        jobs.register(*todo_jobs.JOBS)
        case_signals.case_escalated.connect(receivers.on_case_escalated, dispatch_uid="todos.case_escalated")
        case_signals.case_status_changed.connect(
            receivers.on_case_status_changed, dispatch_uid="todos.case_status_changed"
        )
