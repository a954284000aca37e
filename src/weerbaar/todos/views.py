"""To-do pages of the workspace: "Mijn taken", adding a to-do on a case, marking one done or open again.

Access: ``policy.access_case`` for the case, ``policy.access_task`` for a to-do; missing and not yours are
both a 404. A form with errors is shown again with status 400 and everything typed.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from weerbaar.accounts import policy
from weerbaar.accounts.decorators import SignedInRequest, case_worker_required
from weerbaar.cases.models import Case
from weerbaar.cases.views import case_page_context
from weerbaar.core.errors import Conflict, InvalidInput, NotFound
from weerbaar.todos import selectors, services
from weerbaar.todos.forms import FIELD_MAP, TodoForm
from weerbaar.web.http import no_store


@case_worker_required
@require_http_methods(["GET", "HEAD"])
def my_tasks(request: SignedInRequest) -> HttpResponse:
    user = request.user
    context = {
        "nav": "tasks",
        "open_rows": selectors.my_todos(user=user),
        "done_rows": selectors.my_todos(user=user, done=True),
        "pool_rows": selectors.pool_todos(user=user),
        "is_coordinator": policy.is_coordinator(user),
        "here": request.get_full_path(),
    }
    return render(request, "cases/tasks/my_tasks.html", context)


def _case_for_todos(request: SignedInRequest, reference: str) -> Case:
    try:
        return policy.access_case(request.user, reference).case
    except NotFound as exc:
        raise Http404 from exc


def _tasks_tab(
    request: SignedInRequest, reference: str, form: TodoForm | None = None, status: int = 200
) -> HttpResponse:
    """The tasks tab of the case page (the case page's top and tab bar from ``cases.views``)."""
    try:
        access = policy.access_case(request.user, reference)
    except NotFound as exc:
        raise Http404 from exc
    context = {**case_page_context(request, access, tab="tasks"), "form": form}
    return no_store(render(request, "cases/tab_tasks.html", context, status=status), bare=True)


@case_worker_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def add(request: SignedInRequest, reference: str) -> HttpResponse:
    """The tasks tab (GET) and adding a task (POST; back to the tab, the message at its top)."""
    case = _case_for_todos(request, reference)
    if request.method != "POST":
        return _tasks_tab(request, reference)
    people = services.todo_candidates(case=case)
    form = TodoForm(request.POST, people=people, me=request.user)
    if form.is_valid():
        try:
            data = services.validate_todo(form.payload())
            services.todo_add(actor=request.user, reference=reference, data=data)
        except NotFound as exc:
            raise Http404 from exc
        except (InvalidInput, Conflict) as exc:
            form.add_domain_error(exc, FIELD_MAP)
        else:
            messages.success(request, _("De taak is toegevoegd."))
            return HttpResponseRedirect(reverse("cases:task_add", args=[reference]))
    return _tasks_tab(request, reference, form, status=400)


def _back(request: SignedInRequest) -> str:
    candidate = request.POST.get("next", "")
    if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate
    return reverse("cases:my_tasks")


@case_worker_required
@require_POST
def complete(request: SignedInRequest, task_id: int) -> HttpResponse:
    try:
        services.todo_complete(actor=request.user, todo_id=task_id)
    except NotFound as exc:
        raise Http404 from exc
    messages.success(request, _("De taak is afgerond."))
    return HttpResponseRedirect(_back(request))


@case_worker_required
@require_POST
def reopen(request: SignedInRequest, task_id: int) -> HttpResponse:
    try:
        services.todo_reopen(actor=request.user, todo_id=task_id)
    except NotFound as exc:
        raise Http404 from exc
    messages.success(request, _("De taak staat weer open."))
    return HttpResponseRedirect(_back(request))
