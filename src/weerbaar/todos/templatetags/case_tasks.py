"""``{% case_tasks_section case %}``: the to-dos ("Taken") section of the case page, without
touching its view (which lives in cases and never imports to-dos)."""

from __future__ import annotations

from typing import Any

from django import template

from weerbaar.accounts import policy
from weerbaar.todos import selectors, services
from weerbaar.todos.forms import TodoForm

register = template.Library()


@register.inclusion_tag("cases/tasks/_case_section.html", takes_context=True)
def case_tasks_section(context: template.Context, case: Any, form: Any = None) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    may_add = policy.can_add_case_task(user, case)
    return {
        "case": case,
        "rows": selectors.case_todos(user=user, case=case) if may_add else [],
        "may_add": may_add and case.status != "closed",
        "form": form or (TodoForm(people=services.todo_candidates(case=case), me=user) if may_add else None),
        "csrf_token": context.get("csrf_token"),
        "here": request.path,
    }
