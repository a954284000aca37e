"""``weerbaar escalate``: mark unclaimed cases past their respond-by moment as escalated (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from weerbaar.cases.services import cases_escalate_overdue


class Command(BaseCommand):
    help = "Escalate unclaimed cases past their deadline to the coordinators; safe to run as often as you like."

    def handle(self, *args: Any, **options: Any) -> None:
        count = cases_escalate_overdue()
        self.stdout.write(f"Escalated {count} overdue case(s).")
