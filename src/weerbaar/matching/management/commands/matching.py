"""``weerbaar matching enable|disable|run|rotate|status``: switch repeat-perpetrator matching on or off, run the
nightly job once, or tokenise every identifier again under the newest matching key epoch."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from weerbaar.core.errors import DomainError

ACTOR = "system:cli"


class Command(BaseCommand):
    help = (
        "Repeat-perpetrator matching (docs/matching.md). `enable` / `disable` switch it (off by default; settle the "
        "DPIA first, docs/security.md); `run` runs the nightly job once; `rotate` re-tokenises every identifier from "
        "its sealed value under the first epoch of WEERBAAR_MATCHING_KEYS; `status` says whether it is on."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{enable,disable,run,rotate,status}")
        sub.add_parser("enable", help="Switch matching on (needs WEERBAAR_MATCHING_KEYS).")
        sub.add_parser("disable", help="Switch matching off: no entries, no job.")
        sub.add_parser("run", help="Run the matching job once now.")
        sub.add_parser("rotate", help="Re-tokenise every identifier under the newest key epoch.")
        sub.add_parser("status", help="Say whether matching is on.")

    def handle(self, *args: Any, **options: Any) -> None:
        from weerbaar.matching import services

        command = options["subcommand"]
        try:
            if command in {"enable", "disable"}:
                changed = services.matching_switch(actor=ACTOR, enabled=command == "enable")
                state = "on" if command == "enable" else "off"
                self.stdout.write(f"Matching is {state}" + ("" if changed else " (it already was)") + ".")
            elif command == "run":
                result = services.matching_run(timezone.now())
                if not result["enabled"]:
                    self.stdout.write("Matching is off: nothing to do.")
                else:
                    self.stdout.write(f"Pairs found: {result['pairs']}; new matches proposed: {result['proposed']}.")
            elif command == "rotate":
                result = services.tokens_rotate(actor=ACTOR)
                self.stdout.write(
                    f"Re-tokenised {result['tokens']} tokens of {result['cases']} cases; "
                    f"dropped {result['dropped']} tokens of older epochs."
                )
            else:
                self.stdout.write("Matching is on." if services.matching_enabled() else "Matching is off.")
        except DomainError as exc:
            raise CommandError(exc.message) from exc
