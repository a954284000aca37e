"""Reads of the concern note: opened, shaped for display and the API, audited (version numbers only).

``latest_summary`` is the case page's one cheap query: plain columns of the newest version, nothing opened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from weerbaar.accounts import policy
from weerbaar.cases.models import Case
from weerbaar.concerns.choices import ITEM_HELP, Answer, Confirmation, Item, Level, Prompt
from weerbaar.concerns.models import ConcernNote
from weerbaar.concerns.validation import ITEM_ORDER, prompts
from weerbaar.core.audit import audit_record

ITEM_LABELS = dict(Item.choices)
ANSWER_LABELS = dict(Answer.choices)
LEVEL_LABELS = dict(Level.choices)
CONFIRMATION_LABELS = dict(Confirmation.choices)
PROMPT_TEXTS = dict(Prompt.choices)
MAX_VERSION = 2**31 - 1  # versions are small; anything larger (from an address) simply does not exist


@dataclass
class ItemView:
    code: str
    label: str
    help: str
    answer: str
    answer_label: str
    incidents: list[int]


@dataclass
class PromptView:
    code: str
    message: str


@dataclass
class NoteView:
    version: int
    level: str
    level_label: str
    level_reasons: str
    acute_danger: bool
    summary: str
    plan: str
    review_on: date
    author: str
    author_id: int
    created_at: datetime
    confirmation: str
    confirmation_label: str
    confirmed_by: str
    confirmed_at: datetime | None
    items: list[ItemView] = field(default_factory=list)
    prompts: list[PromptView] = field(default_factory=list)

    @property
    def awaiting(self) -> bool:
        return self.confirmation == Confirmation.AWAITING

    @property
    def answers(self) -> dict[str, str]:
        return {i.code: i.answer for i in self.items}


@dataclass(frozen=True)
class LatestSummary:
    version: int
    created_at: datetime
    review_on: date
    confirmation: str


def _view(case: Case, note: ConcernNote) -> NoteView:
    content: dict[str, Any] = note.open("sealed_content", under=case)
    given = {str(i.get("code")): i for i in content.get("items", [])}
    items = []
    for code in ITEM_ORDER:
        raw = given.get(code, {})
        answer = str(raw.get("answer", Answer.UNKNOWN))
        items.append(
            ItemView(
                code=code,
                label=str(ITEM_LABELS[code]),
                help=str(ITEM_HELP[Item(code)]),
                answer=answer,
                answer_label=str(ANSWER_LABELS.get(answer, answer)),
                incidents=[int(n) for n in raw.get("incidents", [])],
            )
        )
    acute = bool(content.get("acuteDanger", False))
    level = str(content.get("level", ""))
    return NoteView(
        version=note.version,
        level=level,
        level_label=str(LEVEL_LABELS.get(level, level)),
        level_reasons=str(content.get("levelReasons", "")),
        acute_danger=acute,
        summary=str(content.get("summary", "")),
        plan=str(content.get("plan", "")),
        review_on=note.review_on,
        author=note.author.label,
        author_id=note.author_id,
        created_at=note.created_at,
        confirmation=note.confirmation,
        confirmation_label=str(CONFIRMATION_LABELS.get(note.confirmation, note.confirmation)),
        confirmed_by=note.confirmed_by.label if note.confirmed_by else "",
        confirmed_at=note.confirmed_at,
        items=items,
        prompts=[
            PromptView(code, str(PROMPT_TEXTS[code]))
            for code in prompts(acute_danger=acute, answers={i.code: i.answer for i in items})
        ],
    )


def concern_notes_read(*, access: policy.CaseAccess, version: int | None = None) -> list[NoteView]:
    """Every version of the case's concern note, newest first (or only ``version``); audited."""
    case = policy.require_content(access)
    rows = ConcernNote.objects.filter(case=case).select_related("author", "confirmed_by").order_by("-version")
    if version is not None:
        if not 0 < version <= MAX_VERSION:
            return []
        rows = rows.filter(version=version)
    views = [_view(case, note) for note in rows]
    audit_record(
        actor=access.actor,
        action="concern.notes_read",
        object_type="case",
        object_id=case.reference,
        details={"versions": [v.version for v in views]},
    )
    return views


def latest_summary(*, case: Case) -> LatestSummary | None:
    """The newest version's plain columns (one query, nothing opened): for the case page."""
    row = (
        ConcernNote.objects.filter(case=case)
        .order_by("-version")
        .values_list("version", "created_at", "review_on", "confirmation")
        .first()
    )
    return LatestSummary(*row) if row else None
