"""``weerbaar retention``: what the retention policy makes due, and destroying the approved lists.

- ``plan``: prints every closed case due for destruction today (or by ``--date``), with the result and the
  dates that make it due, and which of them are held, then the tombstones of destroyed cases whose metadata
  period has passed, then the cases whose contact details are due to be erased on their own (contact period
  shorter than the content period); changes nothing; exit status 0.
- ``apply``: destroys the cases of the lists that both a coordinator and the privacy officer approved, through
  ``weerbaar.destruction.services.case_destroy``, and erases the contact details that are due (as the daily job
  does); ``--dry-run`` prints what would go and changes nothing.
Only references, dates and outcomes are printed: never content.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from weerbaar.retention import selectors, services


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date must be YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = (
        "Retention: plan (what is due and why) and apply (destroy the approved destruction lists, erase the "
        "contact details that are due)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{plan,apply}")
        plan = sub.add_parser("plan", help="Print the closed cases due for destruction and why; changes nothing.")
        plan.add_argument("--date", default="", help="The day to plan for (YYYY-MM-DD); default today.")
        apply = sub.add_parser(
            "apply", help="Destroy the cases of the approved destruction lists; erase the contact details due."
        )
        apply.add_argument("--dry-run", action="store_true", help="Print what would be destroyed; change nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "plan":
            self.handle_plan(_day(options["date"]) if options["date"] else timezone.localdate())
        else:
            self.handle_apply(dry_run=options["dry_run"])

    def handle_plan(self, today: date) -> None:
        due = selectors.due_cases(today)
        listed = selectors.case_ids_on_open_lists()
        for case in due:
            state = "legal hold" if case.held else ("on a list" if case.case_id in listed else "to be proposed")
            self.stdout.write(
                f"{case.reference}  {case.result:<16} closed {case.closed_on}  "
                f"contact until {case.dates.contact_until}  content until {case.dates.content_until}  "
                f"metadata until {case.dates.metadata_until}  -> {state}"
            )
        held = sum(case.held for case in due)
        self.stdout.write(f"{len(due)} case(s) due by {today}; {held} under legal hold (kept).")
        tombstones = selectors.tombstones_due(today)
        for tombstone in tombstones:
            self.stdout.write(
                f"{tombstone.reference}  {tombstone.result:<16} destroyed  "
                f"metadata until {tombstone.metadata_until}  -> metadata to be erased"
            )
        self.stdout.write(
            f"{len(tombstones)} tombstone(s) whose metadata period has passed by {today} "
            "(the daily job retention_lists erases it)."
        )
        contacts = selectors.contact_erasures_due(today)
        for case in contacts:
            state = "legal hold" if case.held else "contact details to be erased"
            self.stdout.write(
                f"{case.reference}  {case.result:<16} closed {case.closed_on}  "
                f"contact until {case.dates.contact_until}  content until {case.dates.content_until}  -> {state}"
            )
        held_contacts = sum(case.held for case in contacts)
        self.stdout.write(
            f"{len(contacts)} case(s) whose contact details are due by {today}; {held_contacts} under legal hold "
            "(kept). The daily job retention_lists erases them; the case stays until its content date."
        )

    def handle_apply(self, *, dry_run: bool) -> None:
        try:
            applied, verdicts = services.destruction_lists_apply(dry_run=dry_run)
        except ImportError:
            raise CommandError("Destruction (weerbaar.destruction) is not installed; nothing was destroyed.") from None
        for verdict in verdicts:
            what = "destroy" if verdict.destroy else f"skip ({verdict.because})"
            prefix = "would " if dry_run else ""
            self.stdout.write(f"list {verdict.item.destruction_list_id}  {verdict.item.reference}  {prefix}{what}")
        verb = "would be destroyed" if dry_run else "destroyed"
        self.stdout.write(
            f"{applied.lists} approved list(s): {applied.destroyed} case(s) {verb}, {applied.skipped} skipped."
        )
        contacts = services.contact_details_erase(dry_run=dry_run)
        for case in contacts:
            self.stdout.write(f"{case.reference}  {'would erase' if dry_run else 'erased'} contact details")
        verb = "would be erased" if dry_run else "erased"
        self.stdout.write(f"{len(contacts)} case(s): contact details {verb}.")
