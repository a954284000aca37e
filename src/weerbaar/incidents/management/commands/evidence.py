"""``weerbaar evidence verify``: prove every stored original still matches the SHA-256 recorded on arrival."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.incidents.services import evidence_verify_all


class Command(BaseCommand):
    help = (
        "Evidence vault tools. `evidence verify` decrypts every stored original, compares size and SHA-256 with "
        "what was recorded on arrival, and exits non-zero naming each file that is missing, unreadable or changed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{verify}")
        sub.add_parser("verify", help="Re-check every stored original against its hash (chain of custody).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "verify":
            self.handle_verify()

    def handle_verify(self) -> None:
        report = evidence_verify_all()
        for reference, number, problem in report.failed or []:
            # Case reference and exhibit number only: never a file name or content.
            self.stderr.write(f"{reference} exhibit {number}: {problem}")
        if not report.ok:
            raise CommandError(
                f"Evidence check FAILED: {len(report.failed or [])} of {report.checked} files do not match their hash."
            )
        self.stdout.write(f"Evidence intact: {report.checked} files match their SHA-256")
