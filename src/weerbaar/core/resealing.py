"""Re-sealing sealed values under new associated data, for data migrations.

A data migration that changes what a sealed value's associated data names (see ``core.sealing``) opens
every value with the old associated data and seals it again with the new one, under the same data key.
This module is the walk both directions of such a migration share; the associated data itself (old and
new) is written out in the migration, frozen as it was at that moment. It uses only the crypto primitives
and the migration's historical models, never today's models.

Rules, the same on SQLite and PostgreSQL (the migration runs in one transaction):

- A value that already opens with the target associated data is left as it is (running twice is harmless).
- A case whose key id is not configured stops the migration: put the key-encryption key back first, or its
  content would be left behind under the old associated data.
- A case whose key does not unwrap with the configured key of its id, and a value that opens with neither the
  old nor the new associated data, also stop it (``Unreadable``, naming the record type and id, never content):
  no case is destroyed on purpose today, so this is a wrong key under the right id or a damaged row, and going
  on would leave content the application can no longer read. Only an operator who has checked that the rows
  are beyond repair sets ``WEERBAAR_RESEAL_SKIP_UNREADABLE=1``: they are then skipped, counted and logged.

``weerbaar keys reseal`` runs the same walk on the live models after the migrations (``reseal_live``): it repairs
rows an old-code process wrote with the old associated data during a rolling deploy.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F

from weerbaar.core import crypto

logger = logging.getLogger("weerbaar.sealing")

# (row, field name) -> the associated data after "case:<reference>|"
AadOf = Callable[[Any, str], str]
BATCH = 500
SKIP_UNREADABLE = "WEERBAAR_RESEAL_SKIP_UNREADABLE"


class MissingKey(Exception):
    pass


class Unreadable(Exception):
    """A case key that does not unwrap or a value that opens with neither associated data."""


def skip_unreadable() -> bool:
    """The operator's explicit override: skip (count and log) what cannot be read instead of stopping."""
    return os.environ.get(SKIP_UNREADABLE, "").strip().lower() in {"1", "true", "yes"}


def _refuse(what: str) -> Unreadable:
    return Unreadable(
        f"{what}. Nothing was re-sealed. Check that WEERBAAR_KEY_ENCRYPTION_KEYS holds the right key under each "
        f"key id and migrate again; only when these rows are known to be beyond repair, set {SKIP_UNREADABLE}=1 "
        "to skip them (they are logged) and run again."
    )


def reseal_under_cases(
    apps: Any,
    label: str,
    *,
    case_path: str,
    fields: tuple[str, ...],
    source: AadOf,
    target: AadOf,
    write: bool = True,
    strict: bool | None = None,
) -> dict[str, int]:
    """Re-seal ``fields`` of every row of the historical model ``label`` ("cases.CaseNote"), found under its
    case through ``case_path`` ("case", "plan__case"), from the ``source`` associated data to the ``target``;
    returns counts: resealed, unchanged, unreadable, shredded (values of cases whose key does not unwrap).

    ``strict`` (default: unless ``WEERBAAR_RESEAL_SKIP_UNREADABLE`` is set) raises ``Unreadable`` at the first
    value that cannot be read; ``write=False`` only counts (what ``resealed`` would be)."""
    if strict is None:
        strict = not skip_unreadable()
    model = apps.get_model(label)
    kind = label.rsplit(".", 1)[-1]
    case_model = apps.get_model("cases", "Case")
    counts = {"resealed": 0, "unchanged": 0, "unreadable": 0, "shredded": 0}
    # The ids first, then the rows batch by batch: no cursor stays open over a table that is being written.
    ids = list(
        model.objects.annotate(sealing_case_id=F(case_path))
        .filter(sealing_case_id__isnull=False)
        .order_by("sealing_case_id", "pk")
        .values_list("sealing_case_id", "pk")
    )
    keys: dict[Any, tuple[str, bytes | None]] = {}  # the current case only: one key in memory at a time
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        loaded = model.objects.in_bulk([pk for _, pk in batch])
        changed = []
        for case_id, pk in batch:
            if case_id not in keys:
                keys.clear()
                keys[case_id] = _case_key(case_model.objects.get(pk=case_id))
            context, data_key = keys[case_id]
            row = loaded[pk]
            if data_key is None:
                if strict:
                    raise _refuse(
                        f"re-sealing {kind} {pk}: the data key of its case (id {case_id}) does not unwrap with "
                        "the configured key-encryption key of its key id"
                    )
                logger.warning(
                    "re-sealing %s %s: skipped, the data key of case id %s does not unwrap", kind, pk, case_id
                )
                counts["shredded"] += sum(1 for name in fields if getattr(row, name))
                continue
            before = counts["unreadable"]
            if _reseal_row(row, fields, context, data_key, source, target, counts):
                changed.append(row)
            if counts["unreadable"] > before:
                if strict:
                    raise _refuse(
                        f"re-sealing {kind} {pk}: a sealed value opens with neither the old nor the new associated data"
                    )
                logger.warning("re-sealing %s %s: skipped, a sealed value opens with neither associated data", kind, pk)
        if changed and write:
            model.objects.bulk_update(changed, list(fields))
    if counts["unreadable"] or counts["shredded"]:
        logger.warning("re-sealing %s: %s", label, counts)
    return counts


def _case_key(case: Any) -> tuple[str, bytes | None]:
    context = f"case:{case.reference}"
    if case.key_id not in settings.KEY_ENCRYPTION_KEYS:
        raise MissingKey(
            f"case {case.reference} uses key-encryption key {case.key_id!r}, which is not configured: "
            "put it back in WEERBAAR_KEY_ENCRYPTION_KEYS and migrate again"
        )
    try:
        return context, crypto.unwrap_data_key(crypto.WrappedKey(case.key_id, bytes(case.wrapped_key)), context=context)
    except crypto.DecryptionError:
        return context, None


def _reseal_row(
    row: Any,
    fields: tuple[str, ...],
    context: str,
    data_key: bytes,
    source: AadOf,
    target: AadOf,
    counts: dict[str, int],
) -> bool:
    changed = False
    for name in fields:
        blob = getattr(row, name)
        if not blob:
            continue
        blob = bytes(blob)
        new_aad = f"{context}|{target(row, name)}"
        try:
            crypto.open_sealed(data_key, blob, aad=new_aad)
            counts["unchanged"] += 1
            continue
        except crypto.DecryptionError:
            pass
        try:
            plain = crypto.open_sealed(data_key, blob, aad=f"{context}|{source(row, name)}")
        except crypto.DecryptionError:
            counts["unreadable"] += 1
            continue
        setattr(row, name, crypto.seal(data_key, plain, aad=new_aad))
        counts["resealed"] += 1
        changed = True
    return changed


def rewrite_json_under_cases(
    apps: Any,
    label: str,
    *,
    case_path: str,
    field: str,
    aad: AadOf,
    change: Callable[[Any, dict[str, Any]], None],
    columns: tuple[str, ...] = (),
) -> int:
    """For a migration that moves plain columns into a sealed json value (or back): open ``field`` of every row of
    the historical model ``label`` under its case's data key with the associated data ``aad`` gives, let
    ``change(row, value)`` edit the value and the row's ``columns`` in place, and seal the value again with the same
    associated data. Returns the number of rows written. A key that is not configured (``MissingKey``), a key that
    does not unwrap or a value that does not open (``Unreadable``) stop it: nothing may be lost on the way."""
    model = apps.get_model(label)
    case_model = apps.get_model("cases", "Case")
    ids = list(
        model.objects.annotate(sealing_case_id=F(case_path))
        .order_by("sealing_case_id", "pk")
        .values_list("sealing_case_id", "pk")
    )
    keys: dict[Any, tuple[str, bytes | None]] = {}
    written = 0
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        loaded = model.objects.in_bulk([pk for _, pk in batch])
        for case_id, pk in batch:
            if case_id not in keys:
                keys.clear()
                keys[case_id] = _case_key(case_model.objects.get(pk=case_id))
            context, data_key = keys[case_id]
            if data_key is None:
                raise _refuse(f"rewriting {label} {pk}: the data key of its case (id {case_id}) does not unwrap")
            row = loaded[pk]
            full_aad = f"{context}|{aad(row, field)}"
            blob = getattr(row, field)
            try:
                value = crypto.open_json(data_key, bytes(blob), aad=full_aad) if blob else {}
            except crypto.DecryptionError:
                raise _refuse(f"rewriting {label} {pk}: its sealed value does not open") from None
            change(row, value)
            setattr(row, field, crypto.seal_json(data_key, value, aad=full_aad))
        model.objects.bulk_update([loaded[pk] for _, pk in batch], [field, *columns])
        written += len(batch)
    return written


def part_aad(sealed_as: str, binds: tuple[str, ...] = ()) -> AadOf:
    """The associated data of a part's field as ``core.sealing.SealedPart`` wrote it in December 2026, after
    ``case:<reference>|``: ``<sealed_as>:<pk>|<field without sealed_>`` and ``|<column>=<value>`` per bound
    column. Frozen: a later change of the format gets a function of its own."""

    def aad(row: Any, name: str) -> str:
        bound = "".join(f"|{column}={getattr(row, column)}" for column in binds)
        return f"{sealed_as}:{row.pk}|{name.removeprefix('sealed_')}{bound}"

    return aad


def fixed_aad(names: Mapping[str, str]) -> AadOf:
    """Associated data that named only the field, the same for every row ({field name: name in the AAD})."""
    return lambda row, name: names[name]


def open_record_json(row: Any, *, key_prefix: str, identifier: str, field: str) -> Any:
    """A record's own json field, opened on a historical model (without ``SealedRecord``'s methods) in a data
    migration: key context ``<key_prefix>:<identifier>``, associated data ``<context>|<field>`` as today."""
    context = f"{key_prefix}:{getattr(row, identifier)}"
    key = crypto.unwrap_data_key(crypto.WrappedKey(row.key_id, bytes(row.wrapped_key)), context=context)
    return crypto.open_json(key, bytes(getattr(row, field)), aad=f"{context}|{field.removeprefix('sealed_')}")


class _LiveModels:
    """The live app registry under the names a re-seal migration was written with: a model is found by its table
    (``cases.Task`` is the to-dos app's ``Todo`` now, on the same table ``cases_task``)."""

    def __init__(self) -> None:
        from django.apps import apps

        self._by_table = {model._meta.db_table: model for model in apps.get_models()}

    def get_model(self, app_label: str, model_name: str | None = None) -> Any:
        if model_name is None:
            app_label, model_name = app_label.split(".")
        return self._by_table[f"{app_label}_{model_name.lower()}"]


def reseal_parts() -> Iterable[tuple[str, tuple[Any, ...]]]:
    """Every re-seal migration's parts: ("<app>.<migration>", (model, path to the case, fields, old, new)), found
    through the migration loader (a re-seal migration names its parts ``RESEAL_PARTS``)."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    for (app_label, name), migration in sorted(loader.disk_migrations.items()):
        module = importlib.import_module(type(migration).__module__)
        for part in getattr(module, "RESEAL_PARTS", ()):
            yield f"{app_label}.{name}", part


def reseal_live(*, dry_run: bool = False) -> list[tuple[str, str, dict[str, int]]]:
    """The walk of every re-seal migration, on the live models (``weerbaar keys reseal``): re-seals what an old-code
    process wrote with the old associated data; idempotent. One transaction: a refusal (``Unreadable``,
    ``MissingKey``) changes nothing. Returns (migration, model, counts) per part."""
    live = _LiveModels()
    results = []
    with transaction.atomic():
        for migration, (label, case_path, fields, old, new) in reseal_parts():
            counts = reseal_under_cases(
                live,
                label,
                case_path=case_path,
                fields=fields,
                source=old,
                target=new,
                write=not dry_run,
                strict=False if dry_run else None,
            )
            results.append((migration, live.get_model(label)._meta.label, counts))
    return results
