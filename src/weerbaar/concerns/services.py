"""Write use cases of the concern note. Each locks the case row, changes, audits (numbers and codes only, never
what the advisor judged), in one transaction.

``concern_note_save`` adds a version (a note is never edited in place), closes the review to-do of the version
before and makes one for the new review date. ``concern_note_confirm`` is the second person's confirmation of a
"hoog"; the author cannot confirm their own note.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from weerbaar.accounts import policy
from weerbaar.accounts.models import User
from weerbaar.cases.models import Case
from weerbaar.concerns.choices import Confirmation, Level
from weerbaar.concerns.models import ConcernNote
from weerbaar.concerns.selectors import MAX_VERSION
from weerbaar.concerns.validation import NoteData, validate_note
from weerbaar.core import clock
from weerbaar.core.audit import audit_record
from weerbaar.core.errors import Conflict, Forbidden, NotFound

REVIEW_TASK_KIND = "concern_review"
# The review to-do's title (translated when shown; its only parameter is a date).
REVIEW_TASK_TITLE = gettext_noop("Zorgnotitie herzien (herzieningsdatum %(date)s)")


def review_task_key(note: ConcernNote) -> str:
    return f"concern_review:{note.pk}"


def note_link(case: Case) -> str:
    return reverse("concerns:ws_note", args=[case.reference])


def check_note(*, access: policy.CaseAccess, raw: dict[str, Any], today: date) -> NoteData:
    """Validate a note against the case's own incidents (the numbers only, nothing opened)."""
    from weerbaar.incidents.selectors import incident_numbers

    return validate_note(raw, incident_numbers=incident_numbers(access=access), today=today)


def concern_note_save(
    *, actor: User, reference: str, raw: dict[str, Any], today: date, now: datetime | None = None
) -> ConcernNote:
    """Save a new version of the case's concern note. "Hoog" waits for a second person's confirmation; a version
    still waiting when a newer one comes is superseded. The review date becomes a to-do for the author."""
    from weerbaar.todos.services import due_moment, todo_close_system, todo_create_system

    now = now or clock.now()
    with transaction.atomic():
        access = policy.access_concern_case(actor, reference, for_update=True)
        case = access.case
        data = check_note(access=access, raw=raw, today=today)
        previous = list(ConcernNote.objects.select_for_update().filter(case=case).order_by("-version")[:1])
        version = (ConcernNote.objects.filter(case=case).aggregate(m=Max("version"))["m"] or 0) + 1
        waiting = Confirmation.AWAITING if data.level == Level.HIGH else Confirmation.NOT_NEEDED
        note = ConcernNote.create_sealed(
            sealed={"sealed_content": data.sealed()},
            under=case,
            case=case,
            version=version,
            review_on=data.review_on,
            confirmation=waiting,
            author=actor,
            created_at=now,
        )
        superseded = ConcernNote.objects.filter(case=case, confirmation=Confirmation.AWAITING).exclude(pk=note.pk)
        superseded_count = superseded.update(confirmation=Confirmation.SUPERSEDED)
        for old in previous:
            todo_close_system(key=review_task_key(old), now=now)
        todo_create_system(
            key=review_task_key(note),
            kind=REVIEW_TASK_KIND,
            title=REVIEW_TASK_TITLE,
            title_params={"date": data.review_on.strftime("%d-%m-%Y")},
            due_at=due_moment(data.review_on),
            case=case,
            assignee=actor,
            link=note_link(case),
            now=now,
        )
        if waiting == Confirmation.AWAITING:
            _ask_for_confirmation(case, note, now)
        audit_record(
            actor=actor,
            action="concern.note_saved",
            object_type="case",
            object_id=case.reference,
            details={"version": version, "confirmation": waiting.value, "superseded": superseded_count},
        )
    return note


def _ask_for_confirmation(case: Case, note: ConcernNote, now: datetime) -> None:
    """Tell the people who may confirm a "hoog" that one waits, in the app now (in the note's transaction) and by
    e-mail right after the commit."""
    from weerbaar.notifications.services import notify
    from weerbaar.notifications.tasks import send_mail_soon

    notified = notify(
        recipients=policy.concern_confirmers(case, note.author_id),
        kind="concern_high_awaiting",
        key=f"concern-high:{case.reference}:{note.version}",
        link=note_link(case),
        now=now,
    )
    if notified:
        transaction.on_commit(send_mail_soon)


def concern_note_confirm(*, actor: User, reference: str, version: int, now: datetime | None = None) -> ConcernNote:
    """A second advisor or coordinator confirms a "hoog". Only the newest version, only while it waits."""
    now = now or clock.now()
    with transaction.atomic():
        access = policy.access_concern_case(actor, reference, for_update=True)
        case = access.case
        note = (
            ConcernNote.objects.select_for_update().filter(case=case, version=version).first()
            if 0 < version <= MAX_VERSION
            else None
        )
        if note is None:
            raise NotFound(_("Deze versie van de zorgnotitie bestaat niet."))
        if not policy.can_confirm_concern_note(access, note.author_id):
            raise Forbidden(
                _("U schreef deze versie zelf. Een tweede adviseur of coördinator bevestigt het zorgniveau hoog."),
                code="own_note",
            )
        if note.confirmation == Confirmation.CONFIRMED:
            raise Conflict(_("Deze versie is al bevestigd."), code="already_confirmed")
        if note.confirmation == Confirmation.SUPERSEDED:
            raise Conflict(_("Er is een nieuwere versie; bevestig die."), code="superseded")
        if note.confirmation != Confirmation.AWAITING:
            raise Conflict(_("Alleen het zorgniveau hoog wordt bevestigd."), code="not_high")
        note.confirmation = Confirmation.CONFIRMED
        note.confirmed_by = actor
        note.confirmed_at = now
        note.save(update_fields=["confirmation", "confirmed_by", "confirmed_at"])
        audit_record(
            actor=actor,
            action="concern.note_confirmed",
            object_type="case",
            object_id=case.reference,
            details={"version": note.version},
        )
    return note
