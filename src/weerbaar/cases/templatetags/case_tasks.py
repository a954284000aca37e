"""``{% case_tasks_section case %}``: the tasks section of the case page, without touching its view."""

from __future__ import annotations

from typing import Any

from django import template

from weerbaar.accounts import policy
from weerbaar.cases import task_selectors, task_services
from weerbaar.cases.task_forms import TaskForm

register = template.Library()


@register.inclusion_tag("cases/tasks/_case_section.html", takes_context=True)
def case_tasks_section(context: template.Context, case: Any) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    may_add = policy.can_add_case_task(user, case)
    return {
        "case": case,
        "rows": task_selectors.case_tasks(user=user, case=case) if may_add else [],
        "may_add": may_add and case.status != "closed",
        "form": TaskForm(people=task_services.task_candidates(case=case), me=user) if may_add else None,
        "csrf_token": context.get("csrf_token"),
        "here": request.get_full_path() + "#taken",
    }
