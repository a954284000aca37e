"""``weerbaar backup create|verify|restore``: encrypted backups that come back (docs/operations.md, Backups)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.backups.archive import BackupError, Summary, backup_create, backup_restore, backup_verify, keys_needed
from weerbaar.backups.database import DatabaseToolError


class Command(BaseCommand):
    help = (
        "Encrypted backups. `backup create` writes one age-encrypted archive (database, evidence store, audit "
        "checkpoint, manifest); `backup verify` opens it and checks every hash; `backup restore` brings it back "
        "into an empty target and proves it (audit log, deletion ledger, evidence hashes)."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{create,verify,restore}")
        create = sub.add_parser("create", help="Write one encrypted archive.")
        create.add_argument("--to", required=True, type=Path, metavar="FILE", help="Where to write the archive.")
        create.add_argument(
            "--recipient",
            action="append",
            required=True,
            metavar="AGE_PUBLIC_KEY",
            help="An age public key (age1…) the archive is encrypted to; may be given more than once.",
        )
        for name, text in (
            ("verify", "Decrypt and check the manifest and every hash; restore nothing."),
            ("restore", "Restore into an EMPTY data directory and database, then verify it."),
        ):
            command = sub.add_parser(name, help=text)
            command.add_argument("file", type=Path, metavar="FILE")
            command.add_argument(
                "--identity", required=True, type=Path, metavar="AGE_KEY_FILE", help="The age private key file."
            )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["subcommand"] == "create":
                summary = backup_create(options["to"], options["recipient"])
                self._describe("Backup written", summary)
            elif options["subcommand"] == "verify":
                summary = backup_verify(options["file"], options["identity"])
                self._describe("Backup intact", summary)
            else:
                summary = backup_restore(options["file"], options["identity"])
                self._describe("Backup restored", summary)
                self.stdout.write(f"Audit log intact: {summary.audit_entries} entries")
                self.stdout.write(f"Evidence files matching their SHA-256: {summary.evidence_checked}")
                self.stdout.write(f"Destroyed again from the deletion ledger: {len(summary.destroyed_again)}")
        except BackupError as exc:
            raise CommandError(f"backup {options['subcommand']}: {exc}", returncode=exc.code) from exc
        except DatabaseToolError as exc:
            raise CommandError(f"backup {options['subcommand']}: {exc}", returncode=1) from exc

    def _describe(self, title: str, summary: Summary) -> None:
        manifest = summary.manifest
        counts = manifest["counts"]
        self.stdout.write(f"{title}: {summary.path} ({summary.size} bytes)")
        self.stdout.write(
            f"Made {manifest['createdAt']} from {manifest['databaseVendor']}: {counts['cases']} cases, "
            f"{counts['evidence']} evidence records, {counts['evidenceFiles']} evidence files, "
            f"{counts['auditEntries']} audit entries"
        )
        needed = keys_needed(manifest)
        if needed is None:
            self.stdout.write("Key-encryption keys it needs: not recorded (a backup made before manifests named them)")
        else:
            missing = [key_id for key_id in needed if key_id not in settings.KEY_ENCRYPTION_KEYS]
            self.stdout.write(
                f"Key-encryption keys it needs: {', '.join(needed) or 'none'}"
                + (f" (not configured here: {', '.join(missing)})" if missing else "")
            )
