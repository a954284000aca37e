"""``weerbaar keys rotate|check|retire|reseal``: key-encryption-key rotation for the records' data keys, retiring an
old key once nothing needs it, and repair of sealed values still under old associated data.

Every concrete ``core.sealing.SealedRecord`` (cases, council requests, calls …) holds a data key of its own,
wrapped by a key-encryption key; the command walks them all (``sealed_records()``), importing no app.

``rotate`` re-wraps every record's data key under the newest key-encryption key
(the first one in ``WEERBAAR_KEY_ENCRYPTION_KEYS``), in batches with one
transaction and one audit entry per batch, so an interrupted run can simply be
started again. Content itself is not re-encrypted: only the small wrapped
key changes. ``check`` proves every key still unwraps with the configured
keys, and shows which key ids the cases use.

``retire KEY_ID`` decides whether an old key may leave ``WEERBAAR_KEY_ENCRYPTION_KEYS`` (the setting lives in the
secret store; the command cannot and does not change it). It refuses — with the reason, an exit status per reason
and an audit entry ``keys.retirement_refused`` — while the key is the newest (status 2), while any record's data
key is wrapped under it (status 3: run ``keys rotate``), or while anything registered in ``core.keyusers`` needs or
may need it (status 4: a kept backup whose key note names it, or one without a note). Otherwise it records
``keys.retired`` and says what to do next.

``reseal`` runs the walk of every re-seal data migration (``core.resealing.reseal_live``, found through
Django's migration loader, on the live models): values an old-code process wrote with the old associated data
during a rolling deploy are re-sealed with the new; values already re-sealed are left alone, so it can be run
again. ``--dry-run`` only counts. A key that does not unwrap or a value that opens with neither associated data
stops it with nothing changed (``WEERBAAR_RESEAL_SKIP_UNREADABLE=1`` skips them instead).
"""

from __future__ import annotations

from collections import Counter
from typing import Any, NoReturn

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from weerbaar.core.audit import audit_record
from weerbaar.core.crypto import DecryptionError, key_ids, newest_key_id
from weerbaar.core.keyusers import key_users
from weerbaar.core.resealing import MissingKey, Unreadable, reseal_live
from weerbaar.core.sealing import SealedRecord, sealed_records

CLI_ACTOR = "cli"

# Exit statuses of ``keys retire`` (1 stays Django's for other errors, 2 argparse's for a wrong command line).
RETIRE_NEWEST = 2
RETIRE_IN_USE = 3
RETIRE_NEEDED_ELSEWHERE = 4


def _save_keys(model: type[SealedRecord], records: list[SealedRecord]) -> None:
    """Write the re-wrapped keys of one batch: one UPDATE per record by primary key, sent as one batch (the ORM's
    ``bulk_update`` builds a CASE expression per field that costs more CPU than the re-wrapping itself)."""
    if not records:
        return
    meta, quote = model._meta, connection.ops.quote_name
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {quote(meta.get_field('key_id').column)} = %s, "  # noqa: S608 - our names
        f"{quote(meta.get_field('wrapped_key').column)} = %s WHERE {quote(meta.pk.column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(record.key_id, bytes(record.wrapped_key), record.pk) for record in records])


class Command(BaseCommand):
    help = "Rotate (re-wrap) or check the per-case data keys against the configured key-encryption keys."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{rotate,check,retire,reseal}")
        rotate = sub.add_parser("rotate", help="Re-wrap every case key under the newest key-encryption key.")
        rotate.add_argument("--batch-size", type=int, default=500)
        sub.add_parser("check", help="Verify that every case key unwraps.")
        retire = sub.add_parser(
            "retire",
            help="Check that nothing (no record, no kept backup) needs an old key-encryption key any more, and record "
            "its retirement; refused, with the reason, while anything does.",
        )
        retire.add_argument("key_id", metavar="KEY_ID")
        reseal = sub.add_parser(
            "reseal", help="Re-seal values still under old associated data (rows written by old code); idempotent."
        )
        reseal.add_argument("--dry-run", action="store_true", help="Only count what would be re-sealed.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "rotate":
            newest = next(iter(settings.KEY_ENCRYPTION_KEYS))
            for model in sealed_records():
                self.rotate(model, newest, max(1, options["batch_size"]))
        elif options["subcommand"] == "reseal":
            self.handle_reseal(dry_run=options["dry_run"])
        elif options["subcommand"] == "retire":
            self.handle_retire(options["key_id"])
        else:
            self.handle_check()

    def handle_reseal(self, *, dry_run: bool) -> None:
        try:
            results = reseal_live(dry_run=dry_run)
        except (MissingKey, Unreadable) as exc:
            raise CommandError(str(exc)) from exc
        total: Counter[str] = Counter()
        for migration, label, counts in results:
            total.update(counts)
            resealed = "to re-seal" if dry_run else "re-sealed"
            self.stdout.write(
                f"{label} ({migration}): {counts['resealed']} {resealed}, {counts['unchanged']} already re-sealed, "
                f"{counts['unreadable']} unreadable, {counts['shredded']} under a key that does not unwrap"
            )
        if dry_run:
            self.stdout.write(f"Dry run: {total['resealed']} value(s) would be re-sealed; nothing was changed.")
            if total["unreadable"] or total["shredded"]:
                raise CommandError(
                    f"{total['unreadable'] + total['shredded']} value(s) cannot be read: a real run refuses unless "
                    "WEERBAAR_RESEAL_SKIP_UNREADABLE=1 "
                    "(the log names them by record type and id)."
                )
            return
        if total["resealed"]:
            audit_record(
                actor=CLI_ACTOR,
                action="keys.resealed",
                object_type="sealed_parts",
                object_id="reseal",
                details={"resealed": total["resealed"], "skipped": total["unreadable"] + total["shredded"]},
            )
        self.stdout.write(f"Re-sealed {total['resealed']} value(s); {total['unchanged']} already were.")

    def rotate(self, model: type[SealedRecord], newest: str, batch_size: int) -> None:
        """Re-wrap the keys of one kind of record that are not under ``newest`` yet, batch by batch."""
        # attr-defined below: SealedRecord is abstract, so its type has no ``objects``; every concrete model has.
        label = model.key_label
        total = model.objects.count()  # type: ignore[attr-defined]
        rewrapped = batches = 0
        last_pk = 0
        while True:
            with transaction.atomic():
                batch = list(
                    model.objects.select_for_update()  # type: ignore[attr-defined]
                    .filter(pk__gt=last_pk)
                    .exclude(key_id=newest)
                    .only("pk", model.key_identifier, "key_id", "wrapped_key")
                    .order_by("pk")[:batch_size]
                )
                if not batch:
                    break
                from_ids = Counter(record.key_id for record in batch)
                try:
                    changed = [record for record in batch if record.rewrap_key()]
                except DecryptionError as exc:
                    raise CommandError(
                        f"A {label} key in this batch could not be unwrapped ({exc}); nothing in the batch was "
                        "changed. Keep every old key in WEERBAAR_KEY_ENCRYPTION_KEYS until rotation is done; "
                        f"`weerbaar keys check` names the {label}s."
                    ) from exc
                _save_keys(model, changed)
                span = {"firstId": batch[0].pk, "lastId": batch[-1].pk}
                if model.key_usage_reported:
                    object_type = f"{model.key_prefix}_keys"
                    details = {f"{model.key_prefix}s": len(changed), "fromKeyIds": dict(from_ids), **span}
                else:
                    object_type, details = model._meta.label, {"count": len(changed), **span}
                audit_record(
                    actor=CLI_ACTOR, action="keys.rewrapped", object_type=object_type, object_id=newest, details=details
                )
            rewrapped += len(changed)
            batches += 1
            last_pk = batch[-1].pk
        if model.key_usage_reported:
            self.stdout.write(
                f"Re-wrapped {rewrapped} {label} key(s) under {newest!r} in {batches} batch(es); "
                f"{total - rewrapped} of {total} already used it."
            )
        else:
            self.stdout.write(f"Re-wrapped {rewrapped} {label} key(s) under {newest!r}.")

    def handle_retire(self, key_id: str) -> None:
        configured = key_ids()
        if key_id == newest_key_id():
            self._refuse_retirement(
                key_id,
                RETIRE_NEWEST,
                f"{key_id!r} is the newest key-encryption key: every new data key is wrapped under it. Put a new key "
                "first in WEERBAAR_KEY_ENCRYPTION_KEYS, restart every web node and worker, run `weerbaar keys rotate`, "
                "then retire this one.",
                {"reason": "newest"},
            )
        records: dict[str, int] = {}
        for model in sealed_records():
            count = model.objects.filter(key_id=key_id).count()  # type: ignore[attr-defined]
            if count:
                records[model.key_label] = count
        if records:
            listed = ", ".join(f"{count} {label}(s)" for label, count in records.items())
            remedy = (
                "Run `weerbaar keys rotate` (every process must have the new key first), then retire it again."
                if key_id in configured
                else "It is not configured, so their content cannot be read: put the key back from the secret store, "
                "then run `weerbaar keys rotate`."
            )
            self._refuse_retirement(
                key_id,
                RETIRE_IN_USE,
                f"{listed} still use key-encryption key {key_id!r}. {remedy}",
                {"reason": "records", "records": records},
            )
        checked = []
        for user in key_users():
            use = user.find(key_id)
            checked.append(use.checked)
            if use.needs:
                shown = "; ".join(use.needs[:10]) + (f"; and {len(use.needs) - 10} more" if len(use.needs) > 10 else "")
                self._refuse_retirement(
                    key_id,
                    RETIRE_NEEDED_ELSEWHERE,
                    f"key-encryption key {key_id!r} is still needed ({user.name}): {shown}. {use.advice}".rstrip(),
                    {"reason": user.name, "count": len(use.needs)},
                )
        audit_record(
            actor=CLI_ACTOR,
            action="keys.retired",
            object_type="key_encryption_key",
            object_id=key_id,
            details={"configured": key_id in configured},
        )
        self.stdout.write(f"Nothing needs key-encryption key {key_id!r} any more:")
        self.stdout.write("- no record (" + ", ".join(model.key_label for model in sealed_records()) + ") uses it;")
        for line in checked:
            self.stdout.write(f"- {line}.")
        if key_id in configured:
            self.stdout.write(
                "Remove it from WEERBAAR_KEY_ENCRYPTION_KEYS and restart every web node and worker. Destroy the key "
                "itself only when no backup copy kept elsewhere (off-site) needs it: their .keys.json notes name "
                "their keys."
            )
        else:
            self.stdout.write(
                "It is not configured (WEERBAAR_KEY_ENCRYPTION_KEYS holds " + ", ".join(configured) + "); its "
                "retirement is recorded."
            )

    def _refuse_retirement(self, key_id: str, status: int, message: str, details: dict[str, Any]) -> NoReturn:
        audit_record(
            actor=CLI_ACTOR,
            action="keys.retirement_refused",
            object_type="key_encryption_key",
            object_id=key_id,
            details=details,
        )
        raise CommandError(f"Not retired: {message}", returncode=status)

    def handle_check(self) -> None:
        configured = list(settings.KEY_ENCRYPTION_KEYS)
        used: Counter[str] = Counter()  # by every kind of record: a key id still in use must stay
        problems: list[str] = []
        for model in sealed_records():
            label = model.key_label
            usage: Counter[str] = Counter()
            broken: list[str] = []
            checked = 0
            records = (
                model.objects.only("pk", model.key_identifier, "key_id", "wrapped_key")  # type: ignore[attr-defined]
                .order_by("pk")
                .iterator(chunk_size=1000)
            )
            for record in records:
                checked += 1
                usage[record.key_id] += 1
                try:
                    record.data_key()
                except DecryptionError:
                    broken.append(str(getattr(record, model.key_identifier)))
            used.update(usage)
            if model.key_usage_reported:
                listed = ", ".join(f"{key_id}: {usage.get(key_id, 0)}" for key_id in configured) or "-"
                self.stdout.write(f"Key-encryption keys (newest first) and {label}s using them: {listed}")
            if broken:
                shown = ", ".join(broken[:20]) + (" ..." if len(broken) > 20 else "")
                problems.append(f"{len(broken)} of {checked} {label} key(s) do not unwrap: {shown}")
            else:
                self.stdout.write(f"All {checked} {label} keys unwrap.")
        unknown = sorted(set(used) - set(configured))
        if unknown:
            self.stdout.write(f"Key ids in use but not configured: {', '.join(unknown)}")
        unused = [key_id for key_id in configured[1:] if not used.get(key_id)]
        if unused:
            self.stdout.write(
                f"No record uses {', '.join(unused)}: `weerbaar keys retire KEY_ID` checks the kept backups too."
            )
        if problems:
            raise CommandError("; ".join(problems))
