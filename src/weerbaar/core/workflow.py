"""One workflow type for every record that moves through steps: cases, council requests, referrals.

A ``Workflow`` is a table of ``Transition`` rows: from which status to which, the step's name, what the step
needs (requirement kinds as data: each app names its own, e.g. a close reason or the session's date) and, where
it matters, which parties may take it. A service that moves a record

1. locks the record and asks ``check`` for the step: anything not in the table raises ``TransitionRefused``, a
   ``Conflict`` carrying the app's own message and code (409 problem+json in the API, the form's error on the
   web page);
2. validates what ``transition.needs`` asks for (``InvalidInput``, 400) — that part is the app's;
3. calls ``apply``: the record's status moves and exactly one history row is appended (who, when, from, to,
   and the app's own details such as a sealed reason), then saves the record and audits, in one transaction.

History rows are ``core.history.HistoryRow`` models: once written they cannot be changed or deleted.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any, cast

from django.apps import apps
from django.db import models

from weerbaar.core.errors import Conflict
from weerbaar.core.sealing import SealedPart


@dataclass(frozen=True)
class Transition:
    """One allowed step. ``needs`` holds the app's requirement kinds; ``by`` the parties who may take it
    (empty: whoever the permission policy let in)."""

    source: str
    target: str
    name: str
    needs: Collection[Enum] = ()
    by: Collection[str] = ()

    def __post_init__(self) -> None:
        # Accept any iterable in the table; keep plain strings (TextChoices are str) and frozensets.
        object.__setattr__(self, "source", str(self.source))
        object.__setattr__(self, "target", str(self.target))
        object.__setattr__(self, "needs", frozenset(self.needs))
        object.__setattr__(self, "by", frozenset(str(party) for party in self.by))

    def may(self, party: str | None) -> bool:
        return not self.by or (party is not None and party in self.by)


@dataclass(frozen=True)
class Refusal:
    """What was asked and what the table offers instead, for the app's refusal message."""

    source: str
    target: str | None  # the status asked for (cases, council) ...
    name: str | None  # ... or the step asked for by name (referrals)
    party: str | None
    allowed: tuple[str, ...]  # the targets (or, when asked by name, the step names) possible from ``source``


class TransitionRefused(Conflict):
    """The one domain error for a step that is not in the table (HTTP 409)."""

    def __init__(self, message: str, *, code: str, refusal: Refusal) -> None:
        super().__init__(message, code=code)
        self.refusal = refusal


@dataclass(frozen=True)
class History:
    """Where a workflow's history rows go: the model (``app_label.Model``, a ``HistoryRow``) and its columns."""

    model: str
    record: str  # the foreign key to the record that moves
    source: str
    target: str
    actor: str
    at: str
    name: str = ""  # the column for the step's name, when the history keeps it

    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)


class Workflow:
    """A state machine as data, with one way to check a step, one error for a refused one and one history row.

    ``refuse`` turns a ``Refusal`` into the app's (translated) message and code. Each (source, name) pair is
    unique; looking a step up by target needs (source, target) to be unique too.
    """

    def __init__(
        self,
        *,
        states: Iterable[str],
        initial: str,
        transitions: Iterable[Transition],
        history: History,
        refuse: Callable[[Refusal], tuple[str, str]],
        status_field: str = "status",
    ) -> None:
        self.states = tuple(str(s) for s in states)
        self.initial = str(initial)
        self.transitions = tuple(transitions)
        self.history = history
        self.refuse = refuse
        self.status_field = status_field
        self._by_name: dict[tuple[str, str], Transition] = {}
        self._by_target: dict[tuple[str, str], Transition | None] = {}
        for t in self.transitions:
            unknown = {t.source, t.target} - set(self.states)
            if unknown:
                raise ValueError(f"{t.name}: unknown states {sorted(unknown)}")
            if (t.source, t.name) in self._by_name:
                raise ValueError(f"{t.name}: twice from {t.source}")
            self._by_name[(t.source, t.name)] = t
            # Two steps between the same pair (e.g. a referral's cancel and withdraw) make target look-ups ambiguous.
            self._by_target[(t.source, t.target)] = None if (t.source, t.target) in self._by_target else t
        if self.initial not in self.states:
            raise ValueError(f"unknown initial state {self.initial}")

    # --- the table ------------------------------------------------------------------------------------------

    def get(
        self, source: str, *, target: str | None = None, name: str | None = None, party: str | None = None
    ) -> Transition | None:
        """The step from ``source`` to ``target`` (or named ``name``) that ``party`` may take, or None."""
        if (target is None) == (name is None):
            raise TypeError("ask for a target or a name")
        if name is not None:
            transition = self._by_name.get((str(source), str(name)))
        else:
            key = (str(source), str(target))
            transition = self._by_target.get(key)
            if transition is None and key in self._by_target:
                raise ValueError(f"more than one step from {source} to {target}: ask by name")
        if transition is None or not transition.may(party):
            return None
        return transition

    def targets(self, source: str, *, party: str | None = None) -> list[str]:
        """The statuses reachable in one step from ``source``, in table order."""
        found: list[str] = []
        for t in self.transitions:
            if t.source == source and t.may(party) and t.target not in found:
                found.append(t.target)
        return found

    def names(self, source: str, *, party: str | None = None) -> list[str]:
        """The steps ``party`` may take from ``source``, in table order."""
        return [t.name for t in self.transitions if t.source == source and t.may(party)]

    def check(
        self, source: str, *, target: str | None = None, name: str | None = None, party: str | None = None
    ) -> Transition:
        """The step, or ``TransitionRefused`` with the app's message when the table does not have it."""
        transition = self.get(source, target=target, name=name, party=party)
        if transition is None:
            raise self.refused(source, target=target, name=name, party=party)
        return transition

    def refused(
        self, source: str, *, target: str | None = None, name: str | None = None, party: str | None = None
    ) -> TransitionRefused:
        """The error for asking ``target`` (or the step ``name``) from ``source``, naming what is possible."""
        allowed = self.targets(source, party=party) if name is None else self.names(source, party=party)
        refusal = Refusal(
            source=str(source),
            target=None if target is None else str(target),
            name=None if name is None else str(name),
            party=party,
            allowed=tuple(allowed),
        )
        message, code = self.refuse(refusal)
        return TransitionRefused(message, code=code, refusal=refusal)

    # --- the history ----------------------------------------------------------------------------------------

    def apply(
        self, record: models.Model, transition: Transition, *, actor: Any, at: datetime, **details: Any
    ) -> models.Model:
        """Move ``record`` along ``transition`` (checked) and append its history row; the caller saves the record.

        ``details`` are the history model's own columns (a reason code, a sealed reason, the party)."""
        source = getattr(record, self.status_field)
        if str(source) != transition.source:
            # A programming error: the caller checked another status than the (locked) record has.
            raise ValueError(f"{transition.name} starts at {transition.source}, the record is {source}")
        row = self.record(
            record,
            source=transition.source,
            target=transition.target,
            name=transition.name,
            actor=actor,
            at=at,
            **details,
        )
        setattr(record, self.status_field, transition.target)
        return row

    def begin(self, record: models.Model, *, actor: Any, at: datetime, name: str = "", **details: Any) -> models.Model:
        """The first history row of a new record: from nothing to the initial status."""
        return self.record(record, source="", target=self.initial, name=name, actor=actor, at=at, **details)

    def record(
        self,
        record: models.Model,
        *,
        source: str,
        target: str,
        name: str,
        actor: Any,
        at: datetime,
        sealed: Mapping[str, Any] | None = None,
        under: Any = None,
        **details: Any,
    ) -> models.Model:
        """Append one history row. Prefer ``apply`` and ``begin``; this is for a step that moves nothing (a
        referral's consent withdrawn after the partner answered) but belongs in the history all the same.

        ``sealed`` ({field: plain value}) is sealed into the row once it has its id (a ``SealedPart`` history,
        under the record ``under``), in the same transaction."""
        h = self.history
        values: dict[str, Any] = {h.record: record, h.source: source, h.target: target, h.actor: actor, h.at: at}
        if h.name:
            values[h.name] = name
        model = h.model_class()
        if sealed is not None:
            return cast(SealedPart, model).create_sealed(sealed=sealed, under=under, **values, **details)
        return model._default_manager.create(**values, **details)
