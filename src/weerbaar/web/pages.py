"""Building blocks of web pages: paginated workspace lists, and the office holder's pages of "Mijn zaak"."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from weerbaar.accounts import policy
from weerbaar.accounts.policy import OfficeHolder
from weerbaar.core.errors import NotFound
from weerbaar.web.office_holders import sessions

# --- lists ----------------------------------------------------------------------------------------------------


def paginate(request: HttpRequest, items: Any, *, per_page: int, param: str = "page") -> dict[str, Any]:
    """One page of ``items`` for ``workspace/_pagination.html``, as template context: ``page_obj`` (``?page=``,
    or ``param`` for a second list on the same page; a page out of range is the last, anything else the first),
    ``page_param`` and ``querystring_base`` (the rest of the query string, ending in ``&`` when not empty, so the
    previous and next links keep the filters and the other list's page)."""
    page = Paginator(items, per_page).get_page(request.GET.get(param))
    params = request.GET.copy()
    params.pop(param, None)
    base = params.urlencode()
    return {"page_obj": page, "page_param": param, "querystring_base": base + "&" if base else ""}


# --- "Mijn zaak" ----------------------------------------------------------------------------------------------


def office_holder_case(request: HttpRequest) -> tuple[OfficeHolder, policy.CaseAccess] | None:
    """The office holder signed in to "Mijn zaak" and their access to their own case (content level, from
    ``policy.access_case_as_office_holder``).

    None when nobody is signed in; also when the case is gone, and then the web session ends as well.
    """
    principal = sessions().from_request(request)
    if principal is None:
        return None
    try:
        access = policy.access_case_as_office_holder(principal, principal.reference)
    except NotFound:
        sessions().sign_out(request)
        return None
    return principal, access


def office_holder_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page of "Mijn zaak": called as ``view(request, principal, access, ...)`` for the signed-in office holder
    (``access`` is their ``policy.CaseAccess``); without one (or without their case) the sign-in page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        found = office_holder_case(request)
        if found is None:
            return redirect(sessions().sign_in_url)
        return view(request, *found, *args, **kwargs)

    return wrapper
