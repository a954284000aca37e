"""Rules for aftercare input, shared by the web forms and the API (``InvalidInput`` with ``invalidParams``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from weerbaar.aftercare.choices import Mood, Relation
from weerbaar.core.errors import Errors

MAX_TEXT = 10_000
MAX_NAME = 200
MAX_QUESTION = 1000
MAX_HORIZON_DAYS = 2 * 366  # a check-in is planned at most two years ahead


def _text(errors: Errors, name: str, value: object, *, required: bool, limit: int = MAX_TEXT) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if value is not None and not isinstance(value, str):
        errors.add(name, _("Vul tekst in."))
    elif required and not text:
        errors.add(name, _("Dit veld is verplicht."))
    elif len(text) > limit:
        errors.add(name, _("Maximaal %(n)s tekens.") % {"n": limit})
    return text


def check_due_on(errors: Errors, name: str, value: object, *, today: date) -> date | None:
    """A day for a check-in: a real date, not in the past, at most two years ahead."""
    if isinstance(value, date):
        day = value
    elif isinstance(value, str) and value.strip():
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            errors.add(name, _("Vul een geldige datum in (jjjj-mm-dd)."))
            return None
    else:
        errors.add(name, _("Kies een datum voor de check-in."))
        return None
    if day < today:
        errors.add(name, _("Een check-in kan niet in het verleden liggen."))
        return None
    if (day - today).days > MAX_HORIZON_DAYS:
        errors.add(name, _("Plan een check-in binnen twee jaar."))
        return None
    return day


@dataclass(frozen=True)
class NewMember:
    name: str
    relation: str


def validate_member(*, name: object, relation: object) -> NewMember:
    errors = Errors()
    clean_name = _text(errors, "name", name, required=True, limit=MAX_NAME)
    if relation not in Relation.values:
        errors.add("relation", _("Kies hoe deze persoon bij de ambtsdrager hoort."))
    errors.raise_if_any()
    return NewMember(clean_name, str(relation))


@dataclass(frozen=True)
class Answer:
    text: str
    mood: str


def validate_answer(*, text: object, mood: object) -> Answer:
    """An answer is a text, a word (good, mixed, bad), or both: at 23:00 "Slecht" alone is an answer."""
    errors = Errors()
    clean = _text(errors, "text", text, required=False)
    if mood in (None, ""):
        mood = ""
    elif mood not in Mood.values:
        errors.add("mood", _("Kies goed, wisselend of slecht, of laat dit leeg."))
    if not clean and not mood and not errors.items:
        errors.add("text", _("Schrijf hoe het met u gaat, of kies een woord."))
    errors.raise_if_any()
    return Answer(clean, str(mood))


def validate_follow_up(*, text: object) -> str:
    errors = Errors()
    clean = _text(errors, "text", text, required=True)
    errors.raise_if_any()
    return clean


def validate_question(*, question: object) -> str:
    errors = Errors()
    clean = _text(errors, "question", question, required=False, limit=MAX_QUESTION)
    errors.raise_if_any()
    return clean
