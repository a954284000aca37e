"""The body of ``POST /assessments`` checked into ``Facts`` (camelCase names in ``invalidParams``).

Strict, like every rule set of the API: a boolean is a JSON boolean, a date is ``YYYY-MM-DD`` and a real day, a
choice is one of its listed values. An optional field that is absent or ``null`` takes its default. All problems are
reported at once.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.utils import timezone

from weerbaar.core import clock, errors
from weerbaar.guidance import rules
from weerbaar.guidance.assessment import Facts

DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BOOLEAN_FIELDS = ("relatedToOffice", "acuteDanger", "online")
# Optional booleans (default false): the threat came with a demand; serious bodily injury (art. 302 Sr).
OPTIONAL_BOOLEAN_FIELDS = ("demand", "seriousInjury")
# Optional choices and their default (None: "not said", which the rules treat as such).
CHOICE_FIELDS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "victim": (rules.VICTIMS, "office_holder"),
    "threatened": (rules.THREATENED, None),
    "perpetrators": (rules.PERPETRATORS, None),
}


def local_today() -> date:
    """Today in Europe/Amsterdam, as the services' clock sees it (``core.clock.now``)."""
    return timezone.localdate(clock.now())


def _date(value: Any) -> date | None:
    """A date written exactly as ``YYYY-MM-DD`` that exists; None for anything else (``20260110`` included)."""
    if not (isinstance(value, str) and DATE_PATTERN.match(value)):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def validate_facts(raw: Any, *, today: date | None = None) -> Facts:
    """Strict: booleans must be JSON booleans; ``learnedOn`` defaults to today (Europe/Amsterdam), never later;
    ``lastLearnedOn`` (knowledge of the last act of a series) is not before ``learnedOn`` and not later than today."""
    if not isinstance(raw, dict):
        raise errors.InvalidInput(
            "Expected a JSON object.", invalid_params=[{"name": "body", "reason": "Expected a JSON object."}]
        )
    today = today or local_today()
    invalid: list[dict[str, str]] = []

    role = raw.get("role")
    if role is None:
        invalid.append({"name": "role", "reason": "Required."})
    elif role not in rules.ROLES:
        invalid.append({"name": "role", "reason": f"Must be one of: {', '.join(rules.ROLES)}."})

    booleans: dict[str, bool] = {}
    for name in BOOLEAN_FIELDS:
        value = raw.get(name)
        if value is None:
            invalid.append({"name": name, "reason": "Required."})
        elif not isinstance(value, bool):
            invalid.append({"name": name, "reason": "Must be a boolean (true or false)."})
        else:
            booleans[name] = value
    for name in OPTIONAL_BOOLEAN_FIELDS:
        value = raw.get(name)
        if value is None:
            booleans[name] = False
        elif not isinstance(value, bool):
            invalid.append({"name": name, "reason": "Must be a boolean (true or false)."})
        else:
            booleans[name] = value

    choices: dict[str, str | None] = {}
    for name, (allowed, default) in CHOICE_FIELDS.items():
        value = raw.get(name)
        if value is None:
            choices[name] = default
        elif not isinstance(value, str) or value not in allowed:
            invalid.append({"name": name, "reason": f"Must be one of: {', '.join(allowed)}."})
        else:
            choices[name] = value

    learned_on: date | None = today
    value = raw.get("learnedOn")
    if value is not None:
        learned_on = _date(value)
        if learned_on is None:
            invalid.append({"name": "learnedOn", "reason": "Must be a date (YYYY-MM-DD)."})
        elif learned_on > today:
            invalid.append({"name": "learnedOn", "reason": "Must not be in the future."})
            learned_on = None

    last_learned_on: date | None = None
    value = raw.get("lastLearnedOn")
    if value is not None:
        last_learned_on = _date(value)
        if last_learned_on is None:
            invalid.append({"name": "lastLearnedOn", "reason": "Must be a date (YYYY-MM-DD)."})
        elif last_learned_on > today:
            invalid.append({"name": "lastLearnedOn", "reason": "Must not be in the future."})
        elif learned_on is not None and last_learned_on < learned_on:
            invalid.append({"name": "lastLearnedOn", "reason": "Must not be before learnedOn."})

    acts = raw.get("acts")
    if acts is None:
        invalid.append({"name": "acts", "reason": "Required."})
    elif not isinstance(acts, list):
        invalid.append({"name": "acts", "reason": "Must be a list."})
    elif not acts:
        invalid.append({"name": "acts", "reason": "Choose at least one act."})
    elif not all(isinstance(a, str) and a in rules.ACTS for a in acts):
        invalid.append({"name": "acts", "reason": f"Unknown act; allowed: {', '.join(rules.ACTS)}."})
    elif len(set(acts)) != len(acts):
        invalid.append({"name": "acts", "reason": "Each act may occur only once."})

    if invalid:
        raise errors.InvalidInput("One or more fields are invalid.", invalid_params=invalid)
    assert role is not None  # checked above
    assert acts is not None
    assert learned_on is not None
    victim = choices["victim"]
    assert victim is not None  # it has a default
    return Facts(
        role=role,
        related_to_office=booleans["relatedToOffice"],
        acute_danger=booleans["acuteDanger"],
        online=booleans["online"],
        learned_on=learned_on,
        acts=tuple(acts),
        victim=victim,
        last_learned_on=last_learned_on,
        threatened=choices["threatened"],
        demand=booleans["demand"],
        perpetrators=choices["perpetrators"],
        serious_injury=booleans["seriousInjury"],
    )
