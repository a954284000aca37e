"""Reads on the hot path of every help request, with the SQL composed once per process.

Composing a query (``QuerySet`` → SQL) costs Django more CPU than PostgreSQL spends answering a lookup by a
unique column: about a millisecond against a few tenths. ``LeanRead`` holds one fixed ``SELECT`` of a model's
concrete columns (optionally joined to one foreign key, like ``select_related``) with equality conditions,
composes it on first use, and turns each row into model instances exactly as the ORM does (the fields' and
the backend's converters, ``Model.from_db``). Use it only where profiling shows it pays; a ``QuerySet`` reads
better everywhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.db import connections, router
from django.db.models import Model

M = TypeVar("M", bound=Model)

Converter = Callable[[Any, Any, Any], Any]


def _field(model: type[Model], name: str) -> Any:
    """A concrete field by attribute name (typed ``Any``: django-stubs' union of field kinds has no columns)."""
    return model._meta.get_field(name)


class LeanRead(Generic[M]):
    """``SELECT <model's columns> [, <related model's columns>] FROM … WHERE a = %s AND b IS NULL … ORDER BY …``.

    ``where`` names attributes (``"code"``, ``"sequence__isnull"``); the values are given to ``rows``/``first``
    in the same order (nothing for an ``__isnull`` condition, which is always ``IS NULL``).
    """

    def __init__(
        self,
        model: type[M],
        *,
        where: Sequence[str],
        order_by: Sequence[str] = (),
        limit: int | None = None,
        related: str | None = None,
    ) -> None:
        self.model = model
        self.where = tuple(where)
        self.order_by = tuple(order_by)
        self.limit = limit
        self.related = related
        self._compiled: dict[str, tuple[str, list[tuple[int, list[Converter], Any]]]] = {}

    def _compile(self, alias: str) -> tuple[str, list[tuple[int, list[Converter], Any]]]:
        connection = connections[alias]
        q = connection.ops.quote_name
        meta = self.model._meta
        table = q(meta.db_table)
        fields: list[Any] = list(meta.concrete_fields)
        columns = [f"{table}.{q(f.column)}" for f in fields]
        join = ""
        if self.related:
            fk = _field(self.model, self.related)
            other = fk.related_model._meta
            other_table = q(other.db_table)
            fields += list(other.concrete_fields)
            columns += [f"{other_table}.{q(f.column)}" for f in other.concrete_fields]
            join = f" INNER JOIN {other_table} ON {other_table}.{q(other.pk.column)} = {table}.{q(fk.column)}"
        conditions = []
        for name in self.where:
            attname, _, lookup = name.partition("__")
            column = f"{table}.{q(_field(self.model, attname).column)}"
            conditions.append(f"{column} IS NULL" if lookup == "isnull" else f"{column} = %s")
        order = ", ".join(
            f"{table}.{q(_field(self.model, name.lstrip('-')).column)}{' DESC' if name.startswith('-') else ''}"
            for name in self.order_by
        )
        sql = (
            f"SELECT {', '.join(columns)} FROM {table}{join} WHERE {' AND '.join(conditions)}"  # noqa: S608 (names)
            + (f" ORDER BY {order}" if order else "")
            + (f" LIMIT {int(self.limit)}" if self.limit else "")
        )
        converters = []
        for index, field in enumerate(fields):
            col = field.get_col(field.model._meta.db_table)
            found = connection.ops.get_db_converters(col) + field.get_db_converters(connection)
            if found:
                converters.append((index, found, col))
        return sql, converters

    def _params(self, values: Sequence[Any], alias: str) -> list[Any]:
        connection = connections[alias]
        names = [name for name in self.where if not name.endswith("__isnull")]
        if len(names) != len(values):
            raise TypeError(f"{len(names)} values expected, {len(values)} given")
        return [
            _field(self.model, name).get_db_prep_value(value, connection)
            for name, value in zip(names, values, strict=True)
        ]

    def rows(self, *values: Any) -> list[M]:
        alias = router.db_for_read(self.model)
        compiled = self._compiled.get(alias)
        if compiled is None:
            compiled = self._compiled[alias] = self._compile(alias)
        sql, converters = compiled
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(sql, self._params(values, alias))
            fetched = cursor.fetchall()
        meta = self.model._meta
        own = len(meta.concrete_fields)
        own_names = [f.attname for f in meta.concrete_fields]
        result = []
        for raw in fetched:
            row = list(raw)
            for index, found, column in converters:
                for converter in found:
                    row[index] = converter(row[index], column, connection)
            instance = self.model.from_db(alias, own_names, row[:own])
            if self.related:
                other = _field(self.model, self.related).related_model
                other_names = [f.attname for f in other._meta.concrete_fields]
                setattr(instance, self.related, other.from_db(alias, other_names, row[own:]))
            result.append(instance)
        return result

    def first(self, *values: Any) -> M | None:
        found = self.rows(*values)
        return found[0] if found else None
