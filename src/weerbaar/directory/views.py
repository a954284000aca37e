"""Directory management: coordinators and administrators maintain the public contact list."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from weerbaar.accounts import policy
from weerbaar.accounts.decorators import staff_required
from weerbaar.core.errors import InvalidInput, NotFound
from weerbaar.directory import selectors, services
from weerbaar.directory.forms import ContactAddForm, ContactVisibilityForm


def _render(request: HttpRequest, form: ContactAddForm, status: int = 200) -> HttpResponse:
    context: dict[str, Any] = {
        "associations": selectors.associations_for_management(),
        "form": form,
        "nav": "directory",
    }
    return render(request, "directory/manage.html", context, status=status)


@staff_required(permission=policy.can_manage_directory)
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    return _render(request, ContactAddForm())


@staff_required(permission=policy.can_manage_directory)
@require_POST
def contact_add(request: HttpRequest) -> HttpResponse:
    form = ContactAddForm(request.POST)
    if form.is_valid():
        try:
            contact = services.directory_contact_add(
                actor=request.user, association_code=form.cleaned_data["association"], name=form.cleaned_data["name"]
            )
        except InvalidInput as exc:
            form.add_error("name", exc.message)
        except NotFound as exc:
            form.add_error("association", exc.message)
        else:
            messages.success(request, _("%(name)s staat nu in het adresboek.") % {"name": contact.name})
            return HttpResponseRedirect(reverse("directory:manage"))
    return _render(request, form, status=400)


@staff_required(permission=policy.can_manage_directory)
@require_POST
def contact_visibility(request: HttpRequest, contact_id: int) -> HttpResponse:
    form = ContactVisibilityForm(request.POST)
    form.is_valid()
    active = bool(form.cleaned_data.get("active"))
    try:
        contact = services.directory_contact_set_active(actor=request.user, contact_id=contact_id, active=active)
    except NotFound as exc:
        raise Http404 from exc
    if active:
        messages.success(request, _("%(name)s is weer zichtbaar.") % {"name": contact.name})
    else:
        messages.success(request, _("%(name)s is verborgen.") % {"name": contact.name})
    return HttpResponseRedirect(reverse("directory:manage"))
