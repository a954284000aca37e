"""The public yearly overview (``/cijfers``, its PDF) and the workspace pages to draft and approve a release.

Views parse, call one service or selector and render; the policy decides access. Nothing here opens case content:
the pages show the stored, protected cells of a release only.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from weerbaar.accounts import policy
from weerbaar.accounts.decorators import staff_required
from weerbaar.core.errors import Conflict, InvalidInput
from weerbaar.releases import selectors, services
from weerbaar.releases.models import Release
from weerbaar.releases.tables import LINK_BAND_LABELS
from weerbaar.web.actions import refusal_back
from weerbaar.web.http import no_store

PDF_CSS = Path(__file__).resolve().parent / "templates" / "releases" / "pdf.css"


def _context(release: Release) -> dict[str, object]:
    return {
        "release": release,
        "tables": services.published_cells(release),
        "links_band": LINK_BAND_LABELS[release.tables.get("repeat_links", "none")],
        "first_year": release.tables.get("first_year", release.year),
        "threshold": release.tables["policy"]["threshold"],
        "rounding": release.tables["policy"]["rounding"],
    }


@require_GET
def public_page(request: HttpRequest) -> HttpResponse:
    """The newest published release, or the one of ``?jaar=``; the list of all published years."""
    releases = list(selectors.published_releases())
    chosen = releases[0] if releases else None
    wanted = request.GET.get("jaar", "")
    if wanted:
        chosen = next((r for r in releases if str(r.year) == wanted), None)
        if chosen is None:
            raise Http404
    context: dict[str, object] = {"releases": releases}
    if chosen is not None:
        context.update(_context(chosen))
    return render(request, "releases/public.html", context)


@require_GET
def public_pdf(request: HttpRequest, year: int) -> HttpResponse:
    release = selectors.published_release(year)
    if release is None:
        raise Http404
    from weerbaar.guidance import pdf  # WeasyPrint: imported on the first PDF, not at start-up

    html = render_to_string("releases/pdf.html", {**_context(release), "LANGUAGE_CODE": get_language()})
    body = pdf.write_pdf(html, base_url="weerbaar:/", stylesheet=PDF_CSS, page_numbers=(_("Pagina"), _("van")))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="weerbaar-cijfers-{year}.pdf"'
    return response


@staff_required(permission=policy.can_work_on_releases)
@require_GET
def workspace_list(request: HttpRequest) -> HttpResponse:
    this_year = timezone.localdate().year
    context = {
        "releases": selectors.workspace_releases(),
        "years": range(this_year - 1, this_year - 6, -1),
        "nav": "releases",
    }
    return no_store(render(request, "releases/workspace_list.html", context))


@staff_required(permission=policy.can_work_on_releases)
@require_POST
def draft(request: HttpRequest) -> HttpResponse:
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        year = 0
    try:
        release = services.release_draft(actor=request.user, year=year)  # type: ignore[arg-type]  # staff_required
    except (InvalidInput, Conflict) as exc:
        messages.error(request, exc.message)
        return HttpResponseRedirect(reverse("releases:list"))
    messages.success(request, _("Het concept voor %(year)s is gemaakt.") % {"year": release.year})
    return HttpResponseRedirect(reverse("releases:detail", args=[release.pk]))


def _release_or_404(release_id: int) -> Release:
    release = selectors.workspace_releases().filter(pk=release_id).first()
    if release is None:
        raise Http404
    return release


@staff_required(permission=policy.can_work_on_releases)
@require_GET
def workspace_detail(request: HttpRequest, release_id: int) -> HttpResponse:
    release = _release_or_404(release_id)
    context = {**_context(release), "nav": "releases", "user_may_approve": _may_approve(request, release)}
    return no_store(render(request, "releases/workspace_detail.html", context))


def _may_approve(request: HttpRequest, release: Release) -> bool:
    user_id = request.user.pk
    return not release.is_frozen and user_id not in (release.drafted_by_id, release.first_approved_by_id)


def _back_to_detail(release_id: int) -> str:
    return reverse("releases:detail", args=[release_id])


@staff_required(permission=policy.can_work_on_releases)
@require_POST
@refusal_back(_back_to_detail)
def approve(request: HttpRequest, release_id: int) -> HttpResponse:
    release = services.release_approve(actor=request.user, release_id=release_id)  # type: ignore[arg-type]
    if release.is_frozen:
        messages.success(request, _("Het jaaroverzicht %(year)s is gepubliceerd op /cijfers.") % {"year": release.year})
    else:
        messages.success(request, _("Goedgekeurd. Een tweede persoon moet het concept nog goedkeuren."))
    return HttpResponseRedirect(reverse("releases:detail", args=[release.pk]))


@staff_required(permission=policy.can_work_on_releases)
@require_POST
@refusal_back(_back_to_detail)
def discard(request: HttpRequest, release_id: int) -> HttpResponse:
    services.release_discard(actor=request.user, release_id=release_id)  # type: ignore[arg-type]
    messages.success(request, _("Het concept is verwijderd."))
    return HttpResponseRedirect(reverse("releases:list"))
