"""Read queries of the standard advice texts: the coordinator's library, the advisor's picker, history."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from weerbaar.accounts import policy
from weerbaar.advice.choices import AdviceLanguage, AdviceTopic
from weerbaar.advice.models import AdviceText, AdviceTextVersion
from weerbaar.core.errors import NotFound


def advice_texts(*, topic: str = "", language: str = "", active_only: bool = False) -> QuerySet[AdviceText]:
    queryset = AdviceText.objects.select_related("updated_by")
    if topic:
        queryset = queryset.filter(topic=topic)
    if language:
        queryset = queryset.filter(language=language)
    if active_only:
        queryset = queryset.filter(active=True)
    return queryset.order_by("topic", "position", "title", "id")


def access_advice_text(user: Any, text_id: int) -> AdviceText:
    """One text for someone who may read the library; missing or not allowed is the same ``NotFound``."""
    if not policy.can_use_advice_texts(user):
        raise NotFound(_("Deze standaardtekst bestaat niet."))
    in_range = isinstance(text_id, int) and 0 < text_id < 2**31  # larger ids overflow PostgreSQL's integer
    text = AdviceText.objects.select_related("updated_by").filter(pk=text_id).first() if in_range else None
    if text is None:
        raise NotFound(_("Deze standaardtekst bestaat niet."))
    return text


@dataclass
class TopicGroup:
    topic: str
    label: str
    texts: list[AdviceText]


def group_by_topic(texts: Any) -> list[TopicGroup]:
    """Texts in the fixed order of the topics (the order of ``AdviceTopic``), empty topics left out."""
    by_topic: dict[str, list[AdviceText]] = {}
    for text in texts:
        by_topic.setdefault(text.topic, []).append(text)
    return [
        TopicGroup(topic=value, label=str(label), texts=by_topic[value])
        for value, label in AdviceTopic.choices
        if value in by_topic
    ]


def message_language(case: Any) -> str:
    """The language to offer texts in: the case's (office holder's) language when it is known, else Dutch."""
    language = getattr(case, "language", "") or ""
    return language if language in AdviceLanguage.values else AdviceLanguage.DUTCH


def advice_texts_for_message(*, user: Any, case: Any) -> tuple[str, list[TopicGroup]]:
    """The active texts an advisor may insert into a message on ``case``, grouped by topic."""
    if not policy.can_use_advice_texts(user):
        return AdviceLanguage.DUTCH, []
    language = message_language(case)
    return language, group_by_topic(advice_texts(language=language, active_only=True))


def insertable_advice_text(*, user: Any, text_id: Any) -> AdviceText:
    """An active text to insert, or ``NotFound`` (also for an inactive one or a malformed id)."""
    try:
        pk = int(text_id)
    except (TypeError, ValueError):
        raise NotFound(_("Kies een standaardtekst.")) from None
    text = access_advice_text(user, pk)
    if not text.active:
        raise NotFound(_("Kies een standaardtekst."))
    return text


def append_to_message(typed: str, body: str) -> str:
    """What was typed, untouched, followed by an empty line and the standard text (nothing typed is lost)."""
    kept = typed.rstrip()
    return f"{kept}\n\n{body}" if kept else body


@dataclass
class VersionRow:
    version: AdviceTextVersion
    changes: list[tuple[str, str]]  # ("added" | "removed" | "same", line)
    title_changed: bool
    topic_changed: bool
    active_changed: bool


def advice_text_history(*, text: AdviceText) -> list[VersionRow]:
    """Every version, newest first, with the lines added and removed against the version before it."""
    versions = list(AdviceTextVersion.objects.filter(text=text).select_related("updated_by").order_by("number"))
    rows: list[VersionRow] = []
    previous: AdviceTextVersion | None = None
    for version in versions:
        changes: list[tuple[str, str]] = []
        old = previous.body.split("\n") if previous else []
        for line in difflib.ndiff(old, version.body.split("\n")):
            tag, content = line[:2], line[2:]
            if tag == "+ ":
                changes.append(("added", content))
            elif tag == "- ":
                changes.append(("removed", content))
        rows.append(
            VersionRow(
                version=version,
                changes=changes,
                title_changed=previous is not None and previous.title != version.title,
                topic_changed=previous is not None and previous.topic != version.topic,
                active_changed=previous is not None and previous.active != version.active,
            )
        )
        previous = version
    rows.reverse()
    return rows


# --- inserting into a message on the case page ----------------------------------------------------------------


@dataclass
class AdvicePicker:
    """What the case page's "Standaardtekst" select offers, and what was chosen (after a failed insert).

    First the texts in the message's language (``groups``), then, below them, those in the other language
    (``other_groups``, labelled with it), so an advisor who knows better than Weerbaar can still pick one.
    """

    language: str
    groups: list[TopicGroup]
    other_groups: list[TopicGroup]
    other_language_label: str
    selected: str = ""
    error: str = ""


def advice_picker(*, user: Any, case: Any, selected: str = "", error: str = "") -> AdvicePicker | None:
    if not policy.can_use_advice_texts(user):
        return None
    language, groups = advice_texts_for_message(user=user, case=case)
    other = next(value for value in AdviceLanguage.values if value != language)
    return AdvicePicker(
        language=language,
        groups=groups,
        other_groups=group_by_topic(advice_texts(language=other, active_only=True)),
        other_language_label=str(AdviceLanguage(other).label),
        selected=selected,
        error=error,
    )


def message_with_advice_text(*, user: Any, typed: str, text_id: Any) -> str:
    """The message box's new content: what was typed, then the chosen active text; ``NotFound`` if none."""
    return append_to_message(typed, insertable_advice_text(user=user, text_id=text_id).body)
