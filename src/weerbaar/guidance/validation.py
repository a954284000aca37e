"""The body of ``POST /assessments`` checked into ``Facts`` (camelCase names in ``invalidParams``)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.utils import timezone

from weerbaar.core import errors
from weerbaar.guidance import rules
from weerbaar.guidance.assessment import Facts

DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BOOLEAN_FIELDS = ("relatedToOffice", "acuteDanger", "online")


def validate_facts(raw: Any, *, today: date | None = None) -> Facts:
    """Strict: booleans must be JSON booleans; ``learnedOn`` defaults to today (Europe/Amsterdam), never later."""
    if not isinstance(raw, dict):
        raise errors.InvalidInput(
            "Expected a JSON object.", invalid_params=[{"name": "body", "reason": "Expected a JSON object."}]
        )
    today = today or timezone.localdate()
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

    learned_on = today
    value = raw.get("learnedOn")
    if value is not None:
        parsed = None
        if isinstance(value, str) and DATE_PATTERN.match(value):
            try:
                parsed = date.fromisoformat(value)
            except ValueError:
                parsed = None
        if parsed is None:
            invalid.append({"name": "learnedOn", "reason": "Must be a date (YYYY-MM-DD)."})
        elif parsed > today:
            invalid.append({"name": "learnedOn", "reason": "Must not be in the future."})
        else:
            learned_on = parsed

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
    return Facts(
        role=role,
        related_to_office=booleans["relatedToOffice"],
        acute_danger=booleans["acuteDanger"],
        online=booleans["online"],
        learned_on=learned_on,
        acts=tuple(acts),
    )
