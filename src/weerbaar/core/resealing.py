"""Re-sealing sealed values under new associated data, for data migrations.

A data migration that changes what a sealed value's associated data names (see ``core.sealing``) opens
every value with the old associated data and seals it again with the new one, under the same data key.
This module is the walk both directions of such a migration share; the associated data itself (old and
new) is written out in the migration, frozen as it was at that moment. It uses only the crypto primitives
and the migration's historical models, never today's models.

Rules, the same on SQLite and PostgreSQL (the migration runs in one transaction):

- A value that already opens with the target associated data is left as it is (running twice is harmless).
- A value that opens with neither was unreadable before and stays so: it is left as it is and counted.
- A case whose key id is not configured stops the migration: put the key-encryption key back first, or its
  content would be left behind under the old associated data.
- A case whose key does not unwrap with a configured key (crypto-shredded) is skipped: nothing of it can be
  read, before or after.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.db.models import F

from weerbaar.core import crypto

logger = logging.getLogger("weerbaar.sealing")

# (row, field name) -> the associated data after "case:<reference>|"
AadOf = Callable[[Any, str], str]
BATCH = 500


class MissingKey(Exception):
    pass


def reseal_under_cases(
    apps: Any, label: str, *, case_path: str, fields: tuple[str, ...], source: AadOf, target: AadOf
) -> dict[str, int]:
    """Re-seal ``fields`` of every row of the historical model ``label`` ("cases.CaseNote"), found under its
    case through ``case_path`` ("case", "plan__case"), from the ``source`` associated data to the ``target``;
    returns counts: resealed, unchanged, unreadable, shredded (values of cases whose key is destroyed)."""
    model = apps.get_model(label)
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
                counts["shredded"] += sum(1 for name in fields if getattr(row, name))
                continue
            if _reseal_row(row, fields, context, data_key, source, target, counts):
                changed.append(row)
        if changed:
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
