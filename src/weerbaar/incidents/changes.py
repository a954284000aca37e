"""What changed between two step plans of one incident: the one stored before a re-assessment and the new one.

Both are in the API's shape (``guidance.api.assessment_data``), the old one possibly made under older rules (no
``precautionaryComplaintDeadline`` yet). Offences are compared by article (one incident names an article once),
steps by code. Pure: the same two plans always give the same list, in the order below.
"""

from __future__ import annotations

from typing import Any

CHANGE_KINDS = (
    "offence_added",
    "offence_removed",
    "complaint_changed",  # required / precautionary / none
    "deadline_changed",  # the date shown: the required one, else the precautionary one
    "step_added",
    "step_removed",
)


def need(offence: dict[str, Any]) -> str:
    """What an offence of a stored plan asks as to a klacht: ``required``, ``precautionary`` or ``none``."""
    if offence.get("complaintRequired"):
        return "required"
    if offence.get("precautionaryComplaintDeadline"):
        return "precautionary"
    return "none"


def shown_deadline(offence: dict[str, Any]) -> str | None:
    """The date an offence of a stored plan shows (ISO), required or precautionary, or None."""
    if offence.get("complaintRequired"):
        return offence.get("complaintDeadline")
    return offence.get("precautionaryComplaintDeadline")


def _by_article(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {str(o.get("article")): o for o in result.get("offences", []) if isinstance(o, dict)}


def _by_code(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {str(s.get("code")): s for s in result.get("steps", []) if isinstance(s, dict)}


def assessment_changes(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """Offences added and removed, klacht needs and dates changed, steps added and removed: ``old`` to ``new``."""
    changes: list[dict[str, Any]] = []
    before, after = _by_article(old), _by_article(new)
    for article in after:
        if article not in before:
            changes.append({"kind": "offence_added", "article": article})
    for article in before:
        if article not in after:
            changes.append({"kind": "offence_removed", "article": article})
    for article, offence in after.items():
        if article not in before:
            continue
        was, now = need(before[article]), need(offence)
        if was != now:
            changes.append({"kind": "complaint_changed", "article": article, "from": was, "to": now})
        if shown_deadline(before[article]) != shown_deadline(offence):
            changes.append(
                {
                    "kind": "deadline_changed",
                    "article": article,
                    "from": shown_deadline(before[article]),
                    "to": shown_deadline(offence),
                }
            )
    steps_before, steps_after = _by_code(old), _by_code(new)
    for code, step in steps_after.items():
        if code not in steps_before:
            changes.append({"kind": "step_added", "step": code, "title": str(step.get("title", ""))})
    for code, step in steps_before.items():
        if code not in steps_after:
            changes.append({"kind": "step_removed", "step": code, "title": str(step.get("title", ""))})
    return changes
