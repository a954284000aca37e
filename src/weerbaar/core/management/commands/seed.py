"""``weerbaar seed [--demo] [--synthetic N [--seed S] [--years Y] [--force]]``: every app's reference data
(``core.seed``), in debug every app's demo data (``core.demo``), and N synthetic cases made in bulk for benchmarks
and demonstrations (``core.synthetic``; refused in production settings unless ``--force``)."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.core.demo import demo_data_load
from weerbaar.core.seed import seed_steps
from weerbaar.core.synthetic import SyntheticRefused, synthetic_load


class Command(BaseCommand):
    help = "Load reference data (associations, contact directory, provinces, municipalities); idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--demo", action="store_true", help="Also add fictional staff and cases (debug only).")
        parser.add_argument(
            "--synthetic",
            type=int,
            metavar="N",
            help="Also add N synthetic cases with incidents, made in bulk, for benchmarks (debug only unless --force).",
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed of --synthetic (default 2026).")
        parser.add_argument("--years", type=int, default=3, help="--synthetic cases came in over this many years.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Allow --synthetic without WEERBAAR_DEBUG=1 (a bench database; never a production one).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for step in seed_steps():
            self.stdout.write(step.load())
        if options["demo"]:
            if not settings.DEBUG:
                raise CommandError("Demo data is only allowed with WEERBAAR_DEBUG=1; it must never reach production.")
            self.stdout.write(demo_data_load())
        if options["synthetic"] is not None:
            self._synthetic(options)

    def _synthetic(self, options: dict[str, Any]) -> None:
        count, years = options["synthetic"], options["years"]
        if count < 1 or years < 1:
            raise CommandError("--synthetic and --years need a positive number.")
        started = time.perf_counter()
        try:
            run = synthetic_load(count, seed=options["seed"], years=years, force=options["force"])
        except SyntheticRefused as exc:
            raise CommandError(str(exc)) from None
        made = ", ".join(f"{number} {kind}" for kind, number in run.made.items())
        self.stdout.write(f"Synthetic data added in {time.perf_counter() - started:.1f} s: {made}.")
        self.stdout.write("Synthetic cases are fictional: never load them into a production database.")
