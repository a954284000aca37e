from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.directory.services import reference_data_load


class Command(BaseCommand):
    help = "Load reference data (associations, contact directory, provinces, municipalities); idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--demo", action="store_true", help="Also add fictional staff and cases (debug only).")

    def handle(self, *args: Any, **options: Any) -> None:
        result = reference_data_load()
        self.stdout.write(
            f"Reference data: {result.associations} associations, {result.contacts} contacts, "
            f"{result.provinces} provinces, {result.municipalities} municipalities."
        )
        from weerbaar.guidance.advice_services import advice_texts_seed

        self.stdout.write(f"Standard advice texts: {advice_texts_seed()} added (only when there were none).")
        if options["demo"]:
            if not settings.DEBUG:
                raise CommandError("Demo data is only allowed with WEERBAAR_DEBUG=1; it must never reach production.")
            from weerbaar.core.demo import demo_data_load

            summary = demo_data_load()
            self.stdout.write(summary)
