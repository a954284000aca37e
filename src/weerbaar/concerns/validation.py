"""Rules for a concern note, shared by the web form and the API (``InvalidInput`` with ``invalidParams``).

Every one of the twelve items is answered once (ja / mogelijk / nee / onbekend); an incident may support only a
"ja" or "mogelijk", and must be an incident of this very case. The level needs its reasons, and the review date
lies between today and two years ahead. Nothing here weighs the answers: ``prompts`` gives the two hard prompts,
nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext as _

from weerbaar.concerns.choices import POLICE_PROMPT_ITEMS, SUPPORTED_ANSWERS, Answer, Item, Level, Prompt
from weerbaar.core.errors import Errors

MAX_TEXT = 10_000
MAX_REASONS = 4_000
MAX_REVIEW_DAYS = 2 * 366
ITEM_ORDER = [item.value for item in Item]


@dataclass(frozen=True)
class ItemAnswer:
    code: str
    answer: str
    incidents: tuple[int, ...]


@dataclass(frozen=True)
class NoteData:
    level: str
    level_reasons: str
    acute_danger: bool
    summary: str
    plan: str
    review_on: date
    items: tuple[ItemAnswer, ...]  # all twelve, in the order of ``Item``

    def sealed(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "levelReasons": self.level_reasons,
            "acuteDanger": self.acute_danger,
            "summary": self.summary,
            "plan": self.plan,
            "items": [{"code": i.code, "answer": i.answer, "incidents": list(i.incidents)} for i in self.items],
        }


def _text(errors: Errors, name: str, value: object, *, limit: int, missing: str) -> str:
    if value is not None and not isinstance(value, str):
        errors.add(name, _("Vul tekst in."))
        return ""
    text = (value or "").strip()
    if not text:
        errors.add(name, missing)
    elif len(text) > limit:
        errors.add(name, _("Gebruik ten hoogste %(n)s tekens.") % {"n": limit})
    return text


def _review_on(errors: Errors, value: object, *, today: date) -> date | None:
    if isinstance(value, date):
        day = value
    elif isinstance(value, str) and value.strip():
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            errors.add("reviewOn", _("Geef een datum als JJJJ-MM-DD."))
            return None
    else:
        errors.add("reviewOn", _("Kies de datum waarop u de notitie opnieuw bekijkt."))
        return None
    if day < today:
        errors.add("reviewOn", _("De herzieningsdatum ligt in het verleden. Kies vandaag of later."))
        return None
    if day > today + timedelta(days=MAX_REVIEW_DAYS):
        errors.add("reviewOn", _("Kies een herzieningsdatum binnen twee jaar."))
        return None
    return day


def _incident_numbers(errors: Errors, name: str, value: object, known: frozenset[int]) -> tuple[int, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or any(isinstance(v, bool) or not isinstance(v, int) for v in value):
        errors.add(name, _("Geef een lijst van incidentnummers."))
        return ()
    unknown = sorted({v for v in value if v not in known})
    if unknown:
        errors.add(
            name,
            _("Incident %(numbers)s hoort niet bij deze zaak.") % {"numbers": ", ".join(str(n) for n in unknown)},
        )
        return ()
    return tuple(sorted(set(value)))


def _items(errors: Errors, value: object, known: frozenset[int]) -> tuple[ItemAnswer, ...]:
    if not isinstance(value, list):
        errors.add("items", _("Geef de items als een lijst met code, answer en incidentIds."))
        return ()
    found: dict[str, ItemAnswer] = {}
    for index, raw in enumerate(value):
        where = f"items[{index}]"
        if not isinstance(raw, dict):
            errors.add(where, _("Elk item is een object met code, answer en incidentIds."))
            continue
        code, answer = raw.get("code"), raw.get("answer")
        if code not in Item.values:
            errors.add(
                f"{where}.code",
                _("Onbekende code %(code)s. Kies uit: %(codes)s.")
                % {"code": repr(code), "codes": ", ".join(ITEM_ORDER)},
            )
            continue
        if code in found:
            errors.add(f"{where}.code", _("Het item %(code)s staat er twee keer in.") % {"code": code})
            continue
        if answer not in Answer.values:
            errors.add(f"{where}.answer", _("Kies ja (yes), mogelijk (possibly), nee (no) of onbekend (unknown)."))
            continue
        incidents = _incident_numbers(errors, f"{where}.incidentIds", raw.get("incidentIds"), known)
        if incidents and answer not in SUPPORTED_ANSWERS:
            errors.add(f"{where}.incidentIds", _("Koppel alleen incidenten aan een antwoord ja of mogelijk."))
            incidents = ()
        found[str(code)] = ItemAnswer(str(code), str(answer), incidents)
    missing = [code for code in ITEM_ORDER if code not in found]
    if missing and len(found) == sum(1 for raw in value if isinstance(raw, dict)):
        # Only when every item given was understood: otherwise the errors above say what to fix first.
        errors.add(
            "items",
            _("Beantwoord elk item; kies onbekend als u het niet weet. Nog open: %(codes)s.")
            % {"codes": ", ".join(missing)},
        )
    return tuple(found[code] for code in ITEM_ORDER if code in found)


def validate_note(raw: dict[str, Any], *, incident_numbers: Iterable[int], today: date) -> NoteData:
    """Check a concern note in the API's names (level, levelReasons, acuteDanger, items, summary, plan, reviewOn);
    every problem at once."""
    errors = Errors()
    level = raw.get("level")
    if level not in Level.values:
        errors.add("level", _("Kies het zorgniveau: laag (low), matig (moderate) of hoog (high)."))
    reasons = _text(
        errors,
        "levelReasons",
        raw.get("levelReasons"),
        limit=MAX_REASONS,
        missing=_("Schrijf waarom u dit niveau kiest."),
    )
    acute = raw.get("acuteDanger", False)
    if acute is None:
        acute = False
    if not isinstance(acute, bool):
        errors.add("acuteDanger", _("Geef true of false."))
        acute = False
    items = _items(errors, raw.get("items"), frozenset(incident_numbers))
    summary = _text(errors, "summary", raw.get("summary"), limit=MAX_TEXT, missing=_("Schrijf uw samenvatting."))
    plan = _text(errors, "plan", raw.get("plan"), limit=MAX_TEXT, missing=_("Schrijf het plan van aanpak."))
    review_on = _review_on(errors, raw.get("reviewOn"), today=today)
    errors.raise_if_any()
    assert review_on is not None
    return NoteData(str(level), reasons, acute, summary, plan, review_on, items)


def prompts(*, acute_danger: bool, answers: dict[str, str]) -> list[str]:
    """The hard prompts of a note, and nothing more: 112 when the advisor marked acute danger; consulting the
    police's threat management when pathway, last resort or an approach to the home is "ja" or "mogelijk"."""
    found = []
    if acute_danger:
        found.append(Prompt.CALL_112.value)
    if any(answers.get(code) in SUPPORTED_ANSWERS for code in POLICE_PROMPT_ITEMS):
        found.append(Prompt.CONSULT_POLICE.value)
    return found
