"""One sealing base for every record whose content is encrypted at rest (envelope encryption, ``core.crypto``).

Two abstract models, no columns of their own beyond the key:

- ``SealedRecord``: a record that holds a data key of its own (``key_id`` + ``wrapped_key``, wrapped by the
  key-encryption keys): a case, a council request, a call. Its *key context* (``case:<reference>``) names it by
  an identifier fixed for its life and set before its key is made, and is bound into the wrapped key. Every
  concrete SealedRecord is a key holder: ``weerbaar keys rotate|check`` walks them all (``sealed_records()``).
- ``SealedPart``: a row whose content is sealed under another record's key (a message, a note, an incident
  under its case). A part is sealed only once it has its primary key: ``create_sealed`` saves the row and then
  seals its fields, inside one transaction.

Associated data (AAD) — what a ciphertext is bound to, so it cannot be moved unnoticed:

- a record's own field: ``<key context>|<field>`` (``case:WB-ABCD-EFGH|request``);
- a part's field: ``<key context>|<part type>:<part id>|<field>`` followed by ``|<column>=<value>`` for each
  plain column the part binds (``sealed_binds``: columns that say whom the content belongs to or is for and never
  change after sealing; a message binds its ``sender`` and ``author_id``, a consent its ``referral_id``).

``<field>`` is the model field's name without ``sealed_``. Renaming a sealed field, a part type
(``sealed_as``) or the key context therefore needs a data migration that re-seals (see
``cases/migrations/0004_reseal_parts.py``). Every sealed field is declared in ``sealed_fields`` with its kind
(text, json or bytes); an undeclared field cannot be sealed.

Caching: a record's plain data key is kept on the instance (never pickled) for as long as its ``key_id`` and
``wrapped_key`` are the ones it was unwrapped from; a refresh or a re-wrap that changes them, or crypto-shredding,
makes the next use unwrap again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, Literal, Self

from django.apps import apps
from django.db import models, transaction

from weerbaar.core import crypto

Kind = Literal["text", "json", "bytes"]
_EMPTY: dict[str, Any] = {"text": "", "json": {}, "bytes": b""}
_CACHE = "_sealing_data_key"


class SealingError(Exception):
    """A programming error: an undeclared field, a part without a primary key, the wrong key holder."""


class Sealed(models.Model):
    """What records and parts share: declared sealed fields, their associated data, seal and open."""

    # The model field name of each sealed value and its kind: {"sealed_text": "text"}.
    sealed_fields: ClassVar[Mapping[str, Kind]] = {}

    class Meta:
        abstract = True

    def seal_context(self, under: SealedRecord | None = None) -> str:
        """The associated data every field of this row starts with (without the field)."""
        raise NotImplementedError

    def key_holder(self, under: SealedRecord | None = None, *, check: bool = False) -> SealedRecord:
        raise NotImplementedError

    def aad(self, field: str, *, under: SealedRecord | None = None) -> str:
        """The associated data of one sealed field of this row."""
        self._kind(field)
        return f"{self.seal_context(under)}|{field.removeprefix('sealed_')}{self.bound_columns()}"

    def bound_columns(self) -> str:
        """Plain columns bound into the associated data of every sealed field, after the field."""
        return ""

    def seal(self, field: str, value: Any, *, under: SealedRecord | None = None) -> None:
        """Seal ``value`` into ``field`` (not saved); None empties a nullable field."""
        kind = self._kind(field)
        if value is None:
            setattr(self, field, None)
            return
        key, aad = self.key_holder(under, check=True).data_key(), self.aad(field, under=under)
        if kind == "text":
            blob = crypto.seal_text(key, value, aad=aad)
        elif kind == "json":
            blob = crypto.seal_json(key, value, aad=aad)
        else:
            blob = crypto.seal(key, bytes(value), aad=aad)
        setattr(self, field, blob)

    def open(self, field: str, *, under: SealedRecord | None = None) -> Any:
        """The plain value of ``field``: "" / {} / b"" when empty; DecryptionError when it does not belong here."""
        kind = self._kind(field)
        blob = getattr(self, field)
        if not blob:
            return type(_EMPTY[kind])()
        key, aad = self.key_holder(under).data_key(), self.aad(field, under=under)
        if kind == "text":
            return crypto.open_text(key, bytes(blob), aad=aad)
        if kind == "json":
            return crypto.open_json(key, bytes(blob), aad=aad)
        return crypto.open_sealed(key, bytes(blob), aad=aad)

    @classmethod
    def _kind(cls, field: str) -> Kind:
        try:
            return cls.sealed_fields[field]
        except KeyError:
            raise SealingError(f"{cls.__name__}.{field} is not a declared sealed field") from None


class SealedRecord(Sealed):
    """A record with a data key of its own: a key holder for ``weerbaar keys rotate|check``."""

    key_id = models.CharField(max_length=32)
    wrapped_key = models.BinaryField()

    # "case": the key context is "<key_prefix>:<value of key_identifier>"
    key_prefix: ClassVar[str]
    # a field fixed for the record's life and set before its key is made; it names the record in messages
    key_identifier: ClassVar[str] = "reference"
    # "case", "council request", "call": how ``weerbaar keys`` names these records
    key_label: ClassVar[str]
    # The main key holder (cases): ``keys check`` lists per key-encryption key how many use it, ``keys rotate``
    # reports its batches; the audit entry of a batch is of type "<key_prefix>_keys".
    key_usage_reported: ClassVar[bool] = False

    class Meta:
        abstract = True

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state.pop(_CACHE, None)  # a plain data key never leaves the process
        return state

    def key_context(self) -> str:
        return f"{self.key_prefix}:{getattr(self, self.key_identifier)}"

    def seal_context(self, under: SealedRecord | None = None) -> str:
        return self.key_context()

    def key_holder(self, under: SealedRecord | None = None, *, check: bool = False) -> SealedRecord:
        return self

    def give_data_key(self) -> None:
        """Give a new record a fresh data key (its identifier must be set: the key is bound to it)."""
        data_key = crypto.new_data_key()
        wrapped = crypto.wrap_data_key(data_key, context=self.key_context())
        self.key_id, self.wrapped_key = wrapped.key_id, wrapped.wrapped
        self.__dict__[_CACHE] = (self.key_context(), wrapped, data_key)

    def data_key(self) -> bytes:
        """The plain data key (DecryptionError when it does not unwrap), cached while the wrapped key is unchanged."""
        if not self.key_id:
            raise SealingError(f"{self.key_context()} has no data key")
        state = (self.key_context(), crypto.WrappedKey(self.key_id, bytes(self.wrapped_key)))
        cached = self.__dict__.get(_CACHE)
        if cached is not None and cached[:2] == state:
            return cached[2]
        key = crypto.unwrap_data_key(state[1], context=state[0])
        self.__dict__[_CACHE] = (*state, key)
        return key

    def rewrap_key(self) -> bool:
        """Re-wrap the data key under the newest key-encryption key, in place; True when it changed (then save)."""
        current = crypto.WrappedKey(self.key_id, bytes(self.wrapped_key))
        newest = crypto.rewrap_data_key(current, context=self.key_context())
        if newest.key_id == current.key_id:
            return False
        self.key_id, self.wrapped_key = newest.key_id, newest.wrapped
        return True

    def seal_blob(self, part: str, data: bytes) -> bytes:
        """Seal content kept outside the database (a file) with associated data ``<key context>|<part>``."""
        return crypto.seal(self.data_key(), data, aad=f"{self.key_context()}|{part}")

    def open_blob(self, part: str, blob: bytes) -> bytes:
        return crypto.open_sealed(self.data_key(), blob, aad=f"{self.key_context()}|{part}")


class SealedPart(Sealed):
    """A row sealed under another record's data key, with associated data naming this row and field."""

    # The path to the key holder: "case", or "plan.case" through another row.
    sealed_under: ClassVar[str] = "case"
    # The part's type in its associated data: fixed, also when the model is renamed or moved.
    sealed_as: ClassVar[str]
    # Plain columns, fixed for the row's life, bound into the associated data of every sealed field: those whose
    # change would re-attribute or redirect the content (an author, the partner or referral it is for). A code path
    # that changes one must re-seal the row's fields in the same transaction.
    sealed_binds: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def key_holder(self, under: SealedRecord | None = None, *, check: bool = False) -> SealedRecord:
        """The record whose key seals this row. ``under`` saves loading it: when sealing it must be that record
        (``check``); when opening a wrong one cannot do harm, its key and context make the open fail."""
        if under is not None and not check:
            return under
        *hops, last = self.sealed_under.split(".")
        row: models.Model = self
        for hop in hops:
            row = getattr(row, hop)
        if under is None:
            holder = getattr(row, last)
            if holder is None:
                raise SealingError(f"{type(self).__name__} {self.pk} has no {self.sealed_under} to seal under")
            return holder
        if getattr(row, f"{last}_id") != under.pk:
            raise SealingError(f"{type(self).__name__} {self.pk} is not under {under.key_context()}")
        return under

    def seal_context(self, under: SealedRecord | None = None) -> str:
        if self.pk is None:
            raise SealingError(f"a {self.sealed_as} is sealed once it has its id (use create_sealed)")
        return f"{self.key_holder(under).key_context()}|{self.sealed_as}:{self.pk}"

    def bound_columns(self) -> str:
        return "".join(f"|{column}={getattr(self, column)}" for column in self.sealed_binds)

    @classmethod
    def create_sealed(cls, *, sealed: Mapping[str, Any], under: SealedRecord | None = None, **fields: Any) -> Self:
        """Create a row and seal ``sealed`` ({field: plain value}) into it once it has its id: one transaction."""
        for field in sealed:
            cls._kind(field)
        with transaction.atomic():
            row = cls.objects.create(**fields)  # type: ignore[attr-defined]  # abstract: each concrete model has objects
            for field, value in sealed.items():
                row.seal(field, value, under=under)
            row.save(update_fields=list(sealed))
        return row


def sealed_records() -> Iterable[type[SealedRecord]]:
    """Every concrete SealedRecord model (the key holders), in the order of INSTALLED_APPS."""
    return [model for model in apps.get_models() if issubclass(model, SealedRecord)]


def sealed_models() -> Iterable[type[Sealed]]:
    """Every concrete model with sealed fields (records and parts)."""
    return [model for model in apps.get_models() if issubclass(model, Sealed)]
