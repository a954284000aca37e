"""Workspace buttons: a POST that runs one service and goes on to a page, and what comes back when it may not."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect

from weerbaar.core.errors import Conflict, NotFound

View = Callable[..., HttpResponse]


def refusal_back(back: Callable[..., str], *, level: int = messages.ERROR) -> Callable[[View], View]:
    """For a button's view: the service's ``NotFound`` is a 404; its ``Conflict`` (nothing changed) goes back to
    ``back(**the view's URL arguments)`` with the reason as a message at ``level``. The view handles success."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                return view(request, *args, **kwargs)
            except NotFound:
                raise Http404 from None
            except Conflict as exc:
                messages.add_message(request, level, exc.message)
                return HttpResponseRedirect(back(**kwargs))

        return wrapper

    return decorate
