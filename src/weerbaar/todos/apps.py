from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _open_todo_moments(cases: Any) -> Any:
    """The queue's next action from to-dos: the earliest due date of an open to-do per case (klacht-deadline
    to-dos included)."""
    from weerbaar.cases.next_action import earliest_per_case
    from weerbaar.todos.models import Todo

    return earliest_per_case(Todo.objects.filter(done_at__isnull=True), case="case", moment="due_at", cases=cases)


class TodosConfig(AppConfig):
    """To-dos ("taken" on the pages, "tasks" in the API): due dates for an advisor or the coordinators' pool.

    A to-do is never a background job: those are ``core.jobs`` and the worker's.
    """

    name = "weerbaar.todos"
    label = "todos"
    verbose_name = "To-dos of advisors and coordinators"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from weerbaar.cases import next_action
        from weerbaar.cases import signals as case_signals
        from weerbaar.core import jobs
        from weerbaar.todos import jobs as todo_jobs
        from weerbaar.todos import receivers

        jobs.register(*todo_jobs.JOBS)
        next_action.register(next_action.NextActionSource("todo", 20, _("Taak"), _open_todo_moments))
        case_signals.case_escalated.connect(receivers.on_case_escalated, dispatch_uid="todos.case_escalated")
        case_signals.case_status_changed.connect(
            receivers.on_case_status_changed, dispatch_uid="todos.case_status_changed"
        )
