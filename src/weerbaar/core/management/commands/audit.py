"""``weerbaar audit verify`` and ``weerbaar audit checkpoint``: prove the audit log is intact, anchor its head."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.core import clock
from weerbaar.core.audit import AuditIntegrityError, Expectation, audit_verify


def _expectation(text: str) -> Expectation:
    try:
        return Expectation.parse(text)
    except ValueError as exc:
        raise CommandError(f"--expect {text!r}: {exc}") from exc


class Command(BaseCommand):
    help = (
        "Audit log tools. `audit verify` exits 0 when the chain, its MACs, its head and every checkpoint agree, "
        "non-zero naming the first problem. `audit checkpoint` writes a signed checkpoint of the head."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{verify,checkpoint}")
        verify = sub.add_parser(
            "verify", help="Walk the whole chain: links, hashes, MACs, the head, the checkpoints, expected heads."
        )
        verify.add_argument(
            "--expect",
            action="append",
            default=[],
            metavar="SEQUENCE:HASH",
            help="A chain head recorded elsewhere (an earlier 'Chain head' line); that entry must still be there "
            "with that hash. May be given more than once.",
        )
        verify.add_argument(
            "--no-checkpoints",
            action="store_true",
            help="Do not read the checkpoint file (e.g. a restored copy checked on another machine).",
        )
        sub.add_parser("checkpoint", help="Append a signed checkpoint of the head now (also done every 5 minutes).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "verify":
            self.handle_verify([_expectation(text) for text in options["expect"]], not options["no_checkpoints"])
        elif options["subcommand"] == "checkpoint":
            self.handle_checkpoint()

    def handle_verify(self, expect: list[Expectation], use_checkpoints: bool) -> None:
        result = audit_verify(expect=expect, use_checkpoints=use_checkpoints)
        if not result.ok:
            raise CommandError(
                f"Audit log BROKEN at entry {result.first_broken_sequence}: {result.reason} "
                f"({result.checked} entries before it are intact)."
            )
        self.stdout.write(f"Audit log intact: {result.checked} entries")
        if result.checked:
            # Keep this line somewhere else (a ticket, a log server): `--expect` it later.
            self.stdout.write(f"Chain head: entry {result.head_sequence}, sha256 {result.head_hash}")
        if use_checkpoints:
            self.stdout.write(f"Checkpoints agreeing: {result.checkpoints}")

    def handle_checkpoint(self) -> None:
        from weerbaar.core.audit_checkpoints import checkpoint_write

        try:
            summary = checkpoint_write(now=clock.now(), force=True)
        except AuditIntegrityError as exc:
            raise CommandError(f"Audit log head does not check out, no checkpoint written: {exc}") from exc
        if summary["written"]:
            self.stdout.write(f"Checkpoint written: entry {summary['sequence']}")
        else:
            self.stdout.write("The log is empty: no checkpoint written.")
