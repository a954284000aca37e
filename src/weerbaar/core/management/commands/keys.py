"""``weerbaar keys rotate|check``: key-encryption-key rotation for the per-case data keys.

``rotate`` re-wraps every case's data key under the newest key-encryption key
(the first one in ``WEERBAAR_KEY_ENCRYPTION_KEYS``), in batches with one
transaction and one audit entry per batch, so an interrupted run can simply be
started again. Case content itself is not re-encrypted: only the small wrapped
key changes. ``check`` proves every case key still unwraps with the configured
keys, and shows which key ids are in use (a key id no case uses can be removed).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from weerbaar.cases.models import Case
from weerbaar.cases.sealing import case_data_key, case_rewrap_key
from weerbaar.core.audit import audit_record
from weerbaar.core.crypto import DecryptionError
from weerbaar.core.keyholders import KeyHolder, key_holders

CLI_ACTOR = "cli"


class Command(BaseCommand):
    help = "Rotate (re-wrap) or check the per-case data keys against the configured key-encryption keys."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{rotate,check}")
        rotate = sub.add_parser("rotate", help="Re-wrap every case key under the newest key-encryption key.")
        rotate.add_argument("--batch-size", type=int, default=500)
        sub.add_parser("check", help="Verify that every case key unwraps.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "rotate":
            self.handle_rotate(max(1, options["batch_size"]))
        else:
            self.handle_check()

    def handle_rotate(self, batch_size: int) -> None:
        newest = next(iter(settings.KEY_ENCRYPTION_KEYS))
        total = Case.objects.count()
        rewrapped = batches = 0
        last_pk = 0
        while True:
            with transaction.atomic():
                batch = list(
                    Case.objects.select_for_update()
                    .filter(pk__gt=last_pk)
                    .exclude(key_id=newest)
                    .only("pk", "reference", "key_id", "wrapped_key")
                    .order_by("pk")[:batch_size]
                )
                if not batch:
                    break
                from_ids = Counter(case.key_id for case in batch)
                try:
                    changed = [case for case in batch if case_rewrap_key(case)]
                except DecryptionError as exc:
                    raise CommandError(
                        f"A case key in this batch could not be unwrapped ({exc}); nothing in the batch was changed. "
                        "Keep every old key in WEERBAAR_KEY_ENCRYPTION_KEYS until rotation is done; "
                        "`weerbaar keys check` names the cases."
                    ) from exc
                Case.objects.bulk_update(changed, ["key_id", "wrapped_key"])
                audit_record(
                    actor=CLI_ACTOR,
                    action="keys.rewrapped",
                    object_type="case_keys",
                    object_id=newest,
                    details={
                        "cases": len(changed),
                        "fromKeyIds": dict(from_ids),
                        "firstId": batch[0].pk,
                        "lastId": batch[-1].pk,
                    },
                )
            rewrapped += len(changed)
            batches += 1
            last_pk = batch[-1].pk
        self.stdout.write(
            f"Re-wrapped {rewrapped} case key(s) under {newest!r} in {batches} batch(es); "
            f"{total - rewrapped} of {total} already used it."
        )
        for holder in key_holders():
            self.rotate_holder(holder, newest, batch_size)

    def rotate_holder(self, holder: KeyHolder, newest: str, batch_size: int) -> None:
        """The same re-wrapping for another model with data keys of its own (see ``core.keyholders``)."""
        model = apps.get_model(holder.model)
        rewrapped = 0
        last_pk = 0
        while True:
            with transaction.atomic():
                batch = list(
                    model.objects.select_for_update()
                    .filter(pk__gt=last_pk)
                    .exclude(key_id=newest)
                    .only("pk", holder.identifier, "key_id", "wrapped_key")
                    .order_by("pk")[:batch_size]
                )
                if not batch:
                    break
                try:
                    changed = [item for item in batch if holder.rewrap(item)]
                except DecryptionError as exc:
                    raise CommandError(
                        f"A {holder.label} key in this batch could not be unwrapped ({exc}); nothing in the batch "
                        "was changed. Keep every old key in WEERBAAR_KEY_ENCRYPTION_KEYS until rotation is done."
                    ) from exc
                model.objects.bulk_update(changed, ["key_id", "wrapped_key"])
                audit_record(
                    actor=CLI_ACTOR,
                    action="keys.rewrapped",
                    object_type=holder.model,
                    object_id=newest,
                    details={"count": len(changed), "firstId": batch[0].pk, "lastId": batch[-1].pk},
                )
            rewrapped += len(changed)
            last_pk = batch[-1].pk
        self.stdout.write(f"Re-wrapped {rewrapped} {holder.label} key(s) under {newest!r}.")

    def handle_check(self) -> None:
        used: Counter[str] = Counter()
        broken: list[str] = []
        checked = 0
        for case in (
            Case.objects.only("pk", "reference", "key_id", "wrapped_key").order_by("pk").iterator(chunk_size=1000)
        ):
            checked += 1
            used[case.key_id] += 1
            try:
                case_data_key(case)
            except DecryptionError:
                broken.append(case.reference)
        configured = list(settings.KEY_ENCRYPTION_KEYS)
        usage = ", ".join(f"{key_id}: {used.get(key_id, 0)}" for key_id in configured) or "-"
        self.stdout.write(f"Key-encryption keys (newest first) and cases using them: {usage}")
        unknown = sorted(set(used) - set(configured))
        if unknown:
            self.stdout.write(f"Key ids in use but not configured: {', '.join(unknown)}")
        unused = [key_id for key_id in configured[1:] if not used.get(key_id)]
        if unused:
            self.stdout.write(f"No case uses {', '.join(unused)}: safe to remove after a backup.")
        broken_other = [problem for holder in key_holders() if (problem := self.check_holder(holder))]
        if broken:
            shown = ", ".join(broken[:20]) + (" ..." if len(broken) > 20 else "")
            raise CommandError(f"{len(broken)} of {checked} case key(s) do not unwrap: {shown}")
        if broken_other:
            raise CommandError("; ".join(broken_other))
        self.stdout.write(f"All {checked} case keys unwrap.")

    def check_holder(self, holder: KeyHolder) -> str:
        """Check another model's data keys; returns a problem description, or "" when all unwrap."""
        model = apps.get_model(holder.model)
        broken: list[str] = []
        checked = 0
        for item in model.objects.only("pk", holder.identifier, "key_id", "wrapped_key").order_by("pk").iterator():
            checked += 1
            try:
                holder.unwrap(item)
            except DecryptionError:
                broken.append(str(getattr(item, holder.identifier)))
        if broken:
            return f"{len(broken)} of {checked} {holder.label} key(s) do not unwrap: {', '.join(broken[:20])}"
        self.stdout.write(f"All {checked} {holder.label} keys unwrap.")
        return ""
