"""The "Zorgnotitie" pages of a case in the workspace: the newest version, writing a new one, the versions,
confirming a "hoog", and the timeline of the case's incidents.

Access goes through ``policy.access_concern_case`` (missing or not yours: 404). Views parse, call one service or
selector, and render; on bad input the form comes back with status 400 and everything typed kept. Addresses carry
the case reference and version numbers only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from weerbaar.accounts import policy
from weerbaar.accounts.decorators import SignedInRequest, case_worker_required
from weerbaar.concerns import selectors, services, timeline
from weerbaar.concerns.forms import FIELD_MAP, ConcernNoteForm, initial_from
from weerbaar.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from weerbaar.web.http import no_store


def _access(request: SignedInRequest, reference: str) -> policy.CaseAccess:
    try:
        return policy.access_concern_case(request.user, reference)
    except NotFound as exc:
        raise Http404 from exc


def _incident_choices(access: policy.CaseAccess) -> list[tuple[int, str]]:
    from weerbaar.incidents.choices import IncidentChannel
    from weerbaar.incidents.selectors import incident_timeline

    labels = dict(IncidentChannel.choices)
    return [
        (
            row.number,
            _("Incident %(n)s · %(date)s · %(channel)s")
            % {"n": row.number, "date": row.occurred_on.strftime("%d-%m-%Y"), "channel": labels.get(row.channel, "")},
        )
        for row in incident_timeline(access=access)
    ]


def _page(request: SignedInRequest, template: str, context: dict[str, Any], *, status: int = 200) -> HttpResponse:
    return no_store(render(request, template, {"nav": "queue", **context}, status=status))


def _note_page(request: SignedInRequest, access: policy.CaseAccess, note: selectors.NoteView | None) -> HttpResponse:
    latest = selectors.latest_summary(case=access.case)
    return _page(
        request,
        "concerns/note.html",
        {
            "case": access.case,
            "note": note,
            "is_latest": note is not None and latest is not None and latest.version == note.version,
            "may_confirm": note is not None and policy.can_confirm_concern_note(access, note.author_id),
        },
    )


@case_worker_required
@require_GET
def ws_note(request: SignedInRequest, reference: str) -> HttpResponse:
    access = _access(request, reference)
    latest = selectors.latest_summary(case=access.case)
    notes = selectors.concern_notes_read(access=access, version=latest.version) if latest else []
    return _note_page(request, access, notes[0] if notes else None)


@case_worker_required
@require_GET
def ws_version(request: SignedInRequest, reference: str, version: int) -> HttpResponse:
    access = _access(request, reference)
    notes = selectors.concern_notes_read(access=access, version=version)
    if not notes:
        raise Http404
    return _note_page(request, access, notes[0])


@case_worker_required
@require_GET
def ws_versions(request: SignedInRequest, reference: str) -> HttpResponse:
    access = _access(request, reference)
    notes = selectors.concern_notes_read(access=access)
    return _page(request, "concerns/versions.html", {"case": access.case, "notes": notes})


@case_worker_required
@require_http_methods(["GET", "POST"])
def ws_form(request: SignedInRequest, reference: str) -> HttpResponse:
    access = _access(request, reference)
    incidents = _incident_choices(access)
    if request.method == "GET":
        latest = selectors.latest_summary(case=access.case)
        notes = selectors.concern_notes_read(access=access, version=latest.version) if latest else []
        form = ConcernNoteForm(
            incidents=incidents, initial=initial_from(notes[0] if notes else None, today=timezone.localdate())
        )
        return _page(request, "concerns/form.html", {"case": access.case, "form": form, "has_incidents": incidents})
    form = ConcernNoteForm(request.POST, incidents=incidents)
    if form.is_valid():
        try:
            note = services.concern_note_save(
                actor=request.user, reference=reference, raw=form.as_raw(), today=timezone.localdate()
            )
        except NotFound as exc:
            raise Http404 from exc
        except (InvalidInput, Conflict) as exc:
            form.add_domain_error(exc, FIELD_MAP)
        else:
            if note.confirmation == "awaiting":
                messages.success(
                    request,
                    _(
                        "Versie %(n)s is opgeslagen. Het zorgniveau hoog wacht op bevestiging door een tweede adviseur "
                        "of coördinator."
                    )
                    % {"n": note.version},
                )
            else:
                messages.success(request, _("Versie %(n)s is opgeslagen.") % {"n": note.version})
            return HttpResponseRedirect(reverse("concerns:ws_note", args=[reference]))
    context = {"case": access.case, "form": form, "has_incidents": incidents}
    return _page(request, "concerns/form.html", context, status=400)


@case_worker_required
@require_http_methods(["GET", "POST"])
def ws_confirm(request: SignedInRequest, reference: str, version: int) -> HttpResponse:
    """GET: the confirmation page (what the second person confirms); POST from that page: confirm."""
    access = _access(request, reference)
    notes = selectors.concern_notes_read(access=access, version=version)
    if not notes:
        raise Http404
    note = notes[0]
    back = reverse("concerns:ws_version", args=[reference, version])
    if request.method == "GET":
        if not note.awaiting:
            return HttpResponseRedirect(back)
        context = {
            "case": access.case,
            "note": note,
            "may_confirm": policy.can_confirm_concern_note(access, note.author_id),
        }
        return _page(request, "concerns/confirm.html", context)
    try:
        services.concern_note_confirm(actor=request.user, reference=reference, version=version)
    except NotFound as exc:
        raise Http404 from exc
    except (Forbidden, Conflict) as exc:
        context = {"case": access.case, "note": note, "may_confirm": False, "error": exc.message}
        return _page(request, "concerns/confirm.html", context, status=403 if isinstance(exc, Forbidden) else 409)
    messages.success(request, _("U heeft het zorgniveau hoog van versie %(n)s bevestigd.") % {"n": version})
    return HttpResponseRedirect(back)


@case_worker_required
@require_GET
def ws_timeline(request: SignedInRequest, reference: str) -> HttpResponse:
    from weerbaar.incidents.selectors import incident_timeline

    access = _access(request, reference)
    data = timeline.build(incident_timeline(access=access))
    context = {"case": access.case, "timeline": data, "ways": list(timeline.WAY_LABELS.items())}
    return _page(request, "concerns/timeline.html", context)
