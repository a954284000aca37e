"""One rule set for standard advice texts, for the API and the coordinator's web form alike.

Input is the API's JSON shape (lowerCamelCase names: topic, title, language, body, active, position); the
web form builds the same shape from its fields. Messages are Dutch first (gettext) and never echo a value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from weerbaar.advice.choices import AdviceLanguage, AdviceTopic
from weerbaar.core.errors import Errors

MAX_TITLE = 200
MAX_BODY = 10_000  # the same limit as a message: a text must fit in one
MAX_POSITION = 10_000


@dataclass(frozen=True)
class AdviceTextInput:
    topic: str
    title: str
    language: str
    body: str
    active: bool
    position: int


def normalise_body(value: str) -> str:
    """Plain text with paragraphs: one kind of line end, no trailing spaces, at most one empty line in a row."""
    lines = [line.rstrip() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    return "\n".join(out).strip("\n")


def _text(raw: dict[str, Any], name: str, errors: Errors, *, max_length: int) -> str:
    value = raw.get(name)
    if value is None or value == "":
        errors.add(name, _("Vul dit in."))
        return ""
    if not isinstance(value, str):
        errors.add(name, _("Moet tekst zijn."))
        return ""
    if "\x00" in value:
        errors.add(name, _("Bevat een teken dat niet is toegestaan."))
        return ""
    value = normalise_body(value) if name == "body" else " ".join(value.split())
    if not value:
        errors.add(name, _("Vul dit in."))
    elif len(value) > max_length:
        errors.add(name, _("Maximaal %(max)s tekens.") % {"max": max_length})
    return value


def _choice(raw: dict[str, Any], name: str, errors: Errors, choices: Any, *, default: str = "") -> str:
    value = raw.get(name)
    if (value is None or value == "") and default:
        return default
    if value not in choices.values:
        errors.add(name, _("Kies een van: %(options)s.") % {"options": ", ".join(choices.values)})
        return ""
    return str(value)


def validate_advice_text(raw: dict[str, Any]) -> AdviceTextInput:
    """Check every field and raise ``InvalidInput`` with all problems at once, or return the clean input."""
    errors = Errors()
    topic = _choice(raw, "topic", errors, AdviceTopic)
    language = _choice(raw, "language", errors, AdviceLanguage, default=AdviceLanguage.DUTCH)
    title = _text(raw, "title", errors, max_length=MAX_TITLE)
    body = _text(raw, "body", errors, max_length=MAX_BODY)
    active = raw.get("active", True)
    if not isinstance(active, bool):
        errors.add("active", _("Moet waar of onwaar zijn."))
        active = True
    position = raw.get("position", 0)
    if position is None:  # null means the default, as documented; an empty string is no number (issue 12 fuzzing)
        position = 0
    if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position <= MAX_POSITION:
        errors.add("position", _("Een heel getal van 0 tot en met %(max)s.") % {"max": MAX_POSITION})
        position = 0
    errors.raise_if_any()
    return AdviceTextInput(topic=topic, title=title, language=language, body=body, active=active, position=position)
