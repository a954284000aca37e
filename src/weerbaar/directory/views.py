"""Directory management: coordinators and administrators maintain the public contact list and the partner
network; a partner account sees its own partner page (``/partner``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.accounts import policy
from weerbaar.accounts import services as account_services
from weerbaar.accounts.decorators import staff_required
from weerbaar.core.errors import InvalidInput, NotFound
from weerbaar.directory import load, selectors, services
from weerbaar.directory.forms import (
    PARTNER_FIELD_MAP,
    ContactAddForm,
    ContactVisibilityForm,
    PartnerAccountForm,
    PartnerFilterForm,
    PartnerForm,
    PartnerSwitchForm,
)
from weerbaar.directory.models import Partner
from weerbaar.web.http import no_store


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


# --- the partner network (coordinators and administrators) --------------------------------


def _partner_or_404(partner_id: int) -> Partner:
    partner = selectors.partner_get(partner_id)
    if partner is None:
        raise Http404
    return partner


@staff_required(permission=policy.can_manage_partners)
@require_GET
def partner_list(request: HttpRequest) -> HttpResponse:
    form = PartnerFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    partners = list(selectors.partners_filtered(**filters))
    loads = _open_loads(request, [p.pk for p in partners])
    for partner in partners:
        partner.open_load = None if loads is None else loads.get(partner.pk, 0)  # type: ignore[attr-defined]
    return render(
        request,
        "directory/partner_list.html",
        {
            "form": form if request.GET else PartnerFilterForm(),
            "partners": partners,
            "show_load": loads is not None,
            "nav": "network",
        },
    )


def _open_loads(request: HttpRequest, partner_ids: list[int]) -> dict[int, int] | None:
    """Each partner's open referrals, for those who oversee referrals (coordinators); else None."""
    if not policy.can_oversee_referrals(request.user):
        return None
    return load.open_load(partner_ids)


def _partner_form_page(
    request: HttpRequest, form: PartnerForm, *, partner: Partner | None = None, status: int = 200
) -> HttpResponse:
    return render(
        request, "directory/partner_form.html", {"form": form, "partner": partner, "nav": "network"}, status=status
    )


def _partner_save(request: HttpRequest, form: PartnerForm, partner: Partner | None) -> Partner | None:
    if not form.is_valid():
        return None
    try:
        if partner is None:
            return services.partner_create(actor=request.user, raw=form.payload())
        return services.partner_update(actor=request.user, partner_id=partner.pk, raw=form.payload(), partial=False)
    except InvalidInput as exc:
        form.add_invalid_params(exc.invalid_params, PARTNER_FIELD_MAP)
    except NotFound as exc:
        raise Http404 from exc
    return None


@staff_required(permission=policy.can_manage_partners)
@require_http_methods(["GET", "POST"])
def partner_new(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _partner_form_page(request, PartnerForm(initial={"available": True, "capacity": "5"}))
    form = PartnerForm(request.POST)
    saved = _partner_save(request, form, None)
    if saved is None:
        return _partner_form_page(request, form, status=400)
    messages.success(request, _("%(name)s staat nu in het netwerk.") % {"name": saved.name})
    return HttpResponseRedirect(reverse("directory:partner_detail", args=[saved.pk]))


@staff_required(permission=policy.can_manage_partners)
@require_http_methods(["GET", "POST"])
def partner_edit(request: HttpRequest, partner_id: int) -> HttpResponse:
    partner = _partner_or_404(partner_id)
    if request.method == "GET":
        return _partner_form_page(request, PartnerForm(initial=PartnerForm.initial_for(partner)), partner=partner)
    form = PartnerForm(request.POST)
    saved = _partner_save(request, form, partner)
    if saved is None:
        return _partner_form_page(request, form, partner=partner, status=400)
    messages.success(request, _("De gegevens van %(name)s zijn opgeslagen.") % {"name": saved.name})
    return HttpResponseRedirect(reverse("directory:partner_detail", args=[saved.pk]))


def _partner_detail_page(
    request: HttpRequest,
    partner: Partner,
    *,
    account_form: PartnerAccountForm | None = None,
    new_account: Any = None,
    new_password: str = "",
    status: int = 200,
) -> HttpResponse:
    loads = _open_loads(request, [partner.pk])
    context = {
        "partner": partner,
        "open_load": None if loads is None else loads.get(partner.pk, 0),
        "accounts": list(partner.accounts.order_by("username")),
        "account_form": account_form or PartnerAccountForm(),
        "may_create_accounts": policy.can_create_partner_accounts(request.user),
        "new_account": new_account,
        "new_password": new_password,
        "nav": "network",
    }
    return no_store(render(request, "directory/partner_detail.html", context, status=status), bare=True)


@staff_required(permission=policy.can_manage_partners)
@require_GET
def partner_detail(request: HttpRequest, partner_id: int) -> HttpResponse:
    return _partner_detail_page(request, _partner_or_404(partner_id))


@staff_required(permission=policy.can_manage_partners)
@require_POST
def partner_active(request: HttpRequest, partner_id: int) -> HttpResponse:
    form = PartnerSwitchForm(request.POST)
    form.is_valid()
    active = bool(form.cleaned_data.get("value"))
    try:
        partner = services.partner_set_active(actor=request.user, partner_id=partner_id, active=active)
    except NotFound as exc:
        raise Http404 from exc
    if active:
        messages.success(request, _("%(name)s is weer actief.") % {"name": partner.name})
    else:
        messages.success(
            request,
            _("%(name)s is gedeactiveerd: niet meer voor te stellen, gegevens blijven bewaard.")
            % {"name": partner.name},
        )
    return HttpResponseRedirect(reverse("directory:partner_detail", args=[partner.pk]))


def _set_available(request: HttpRequest, partner_id: int) -> Partner:
    form = PartnerSwitchForm(request.POST)
    form.is_valid()
    available = bool(form.cleaned_data.get("value"))
    try:
        partner = services.partner_set_available(actor=request.user, partner_id=partner_id, available=available)
    except NotFound as exc:
        raise Http404 from exc
    if available:
        messages.success(request, _("%(name)s staat op beschikbaar.") % {"name": partner.name})
    else:
        messages.success(request, _("%(name)s staat op niet beschikbaar.") % {"name": partner.name})
    return partner


@staff_required(permission=policy.can_manage_partners)
@require_POST
def partner_availability(request: HttpRequest, partner_id: int) -> HttpResponse:
    partner = _partner_or_404(partner_id)
    if not policy.can_set_partner_availability(request.user, partner):
        raise Http404
    _set_available(request, partner.pk)
    back = request.POST.get("back")
    if back == "list":
        return HttpResponseRedirect(reverse("directory:partner_list"))
    return HttpResponseRedirect(reverse("directory:partner_detail", args=[partner.pk]))


@staff_required(permission=policy.can_create_partner_accounts)
@require_POST
def partner_account_new(request: HttpRequest, partner_id: int) -> HttpResponse:
    partner = _partner_or_404(partner_id)
    form = PartnerAccountForm(request.POST)
    if form.is_valid():
        try:
            user, password = account_services.partner_account_create(
                actor=request.user,
                partner_id=partner.pk,
                username=form.cleaned_data["username"],
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
            )
        except InvalidInput as exc:
            form.add_invalid_params(exc.invalid_params)
        except NotFound:
            form.add_error(None, _("Een gedeactiveerde partner krijgt geen nieuwe accounts."))
        else:
            # The password is shown once, on this response only (no-store); it is never stored in plain text.
            return _partner_detail_page(request, partner, new_account=user, new_password=password)
    return _partner_detail_page(request, partner, account_form=form, status=400)


# --- the partner's own home page ----------------------------------------------------------


@staff_required(permission=policy.is_partner_user)
@require_GET
def partner_home(request: HttpRequest) -> HttpResponse:
    context = {"partner": policy.partner_of(request.user), "nav": "partner_home"}
    return no_store(render(request, "directory/partner_home.html", context), bare=True)


@staff_required(permission=policy.is_partner_user)
@require_POST
def partner_home_availability(request: HttpRequest) -> HttpResponse:
    partner = policy.partner_of(request.user)
    if not policy.can_set_partner_availability(request.user, partner):
        raise Http404
    _set_available(request, partner.pk)
    return HttpResponseRedirect(reverse("directory:partner_home"))
