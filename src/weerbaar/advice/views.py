"""The coordinator's pages for the library of standard advice texts: list, create, edit with preview, history.

Only coordinators (``policy.can_manage_advice_texts``); everyone else on staff gets the 403 page, and an
unknown text is a 404. Advisors use the texts on the case page ("Tekst invoegen", see ``cases.views``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from weerbaar.accounts import policy
from weerbaar.accounts.decorators import staff_required
from weerbaar.advice import selectors, services
from weerbaar.advice.choices import AdviceLanguage
from weerbaar.advice.forms import AdviceTextForm
from weerbaar.advice.models import AdviceText
from weerbaar.advice.validation import normalise_body
from weerbaar.core.errors import InvalidInput, NotFound

manager_required = staff_required(permission=policy.can_manage_advice_texts)


def _text(request: HttpRequest, text_id: int) -> AdviceText:
    try:
        return selectors.access_advice_text(request.user, text_id)
    except NotFound as exc:
        raise Http404 from exc


@manager_required
@never_cache
@require_http_methods(["GET"])
def advice_text_list(request: HttpRequest) -> HttpResponse:
    language = request.GET.get("taal", "")
    if language not in AdviceLanguage.values:
        language = ""
    groups = selectors.group_by_topic(selectors.advice_texts(language=language))
    context: dict[str, Any] = {
        "groups": groups,
        "language": language,
        "languages": AdviceLanguage.choices,
        "nav": "advice_texts",
    }
    return render(request, "guidance/advice/list.html", context)


def _render_form(
    request: HttpRequest, form: AdviceTextForm, *, text: AdviceText | None, preview: str = "", status: int = 200
) -> HttpResponse:
    context: dict[str, Any] = {
        "form": form,
        "text": text,
        "preview": preview,
        "history": selectors.advice_text_history(text=text) if text else [],
        "nav": "advice_texts",
    }
    return render(request, "guidance/advice/form.html", context, status=status)


def _save(request: HttpRequest, form: AdviceTextForm, text: AdviceText | None) -> HttpResponse:
    """Preview (nothing saved) or save; on a problem the form again with everything typed."""
    if not form.is_valid():
        return _render_form(request, form, text=text, status=400)
    if "preview" in request.POST:
        return _render_form(request, form, text=text, preview=normalise_body(form.cleaned_data["body"]))
    try:
        if text is None:
            saved = services.advice_text_create(actor=request.user, raw=form.raw(active=True))
            messages.success(request, _("De standaardtekst is toegevoegd."))
        else:
            saved = services.advice_text_update(actor=request.user, text_id=text.pk, raw=form.raw(active=text.active))
            messages.success(request, _("De standaardtekst is opgeslagen."))
    except InvalidInput as exc:
        form.add_invalid_params(exc.invalid_params)
        return _render_form(request, form, text=text, status=400)
    except NotFound as exc:
        raise Http404 from exc
    return HttpResponseRedirect(reverse("guidance:advice_text_edit", args=[saved.pk]))


@manager_required
@never_cache
@require_http_methods(["GET", "POST"])
def advice_text_create(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _save(request, AdviceTextForm(request.POST), None)
    topic = request.GET.get("onderwerp", "")
    return _render_form(request, AdviceTextForm(initial={"topic": topic} if topic else None), text=None)


@manager_required
@never_cache
@require_http_methods(["GET", "POST"])
def advice_text_edit(request: HttpRequest, text_id: int) -> HttpResponse:
    text = _text(request, text_id)
    if request.method == "POST":
        return _save(request, AdviceTextForm(request.POST), text)
    return _render_form(request, AdviceTextForm.for_text(text), text=text)


@manager_required
@require_POST
def advice_text_active(request: HttpRequest, text_id: int) -> HttpResponse:
    active = request.POST.get("active") == "on"
    try:
        text = services.advice_text_set_active(actor=request.user, text_id=text_id, active=active)
    except NotFound as exc:
        raise Http404 from exc
    if active:
        messages.success(request, _("“%(title)s” wordt weer aangeboden.") % {"title": text.title})
    else:
        message = _("“%(title)s” is gedeactiveerd en wordt niet meer aangeboden.")
        messages.success(request, message % {"title": text.title})
    return HttpResponseRedirect(reverse("guidance:advice_text_list") + f"#onderwerp-{text.topic}")
