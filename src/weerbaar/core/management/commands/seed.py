"""``weerbaar seed [--demo]``: every app's reference data (``core.seed``), and in debug every app's demo data
(``core.demo``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.core.demo import demo_data_load
from weerbaar.core.seed import seed_steps


class Command(BaseCommand):
    help = "Load reference data (associations, contact directory, provinces, municipalities); idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--demo", action="store_true", help="Also add fictional staff and cases (debug only).")

    def handle(self, *args: Any, **options: Any) -> None:
        for step in seed_steps():
            self.stdout.write(step.load())
        if options["demo"]:
            if not settings.DEBUG:
                raise CommandError("Demo data is only allowed with WEERBAAR_DEBUG=1; it must never reach production.")
            self.stdout.write(demo_data_load())
