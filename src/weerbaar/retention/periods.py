"""The pure part of retention: what a closed case's result is, the built-in periods, and date arithmetic.

A case's *result* is its outcome (what the work came to) or, for a case closed without work, its close reason.
A case is destroyed (crypto-shredded) on its content date. When its contact date comes earlier, the contact
details are erased on their own on that day (``destruction.services.case_contact_erase``): no part is kept longer
than its period. The metadata date is how long the destruction's tombstone (reference, year, role, association,
outcome, dates) may be kept.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.cases.choices import CloseReason, Outcome
from weerbaar.core.errors import InvalidInput

MAX_MONTHS = 1200  # a hundred years: anything longer is a typing error
FIELDS = ("contact_months", "content_months", "metadata_months")
PARAMS = {"contact_months": "contactMonths", "content_months": "contentMonths", "metadata_months": "metadataMonths"}

# Result code -> label. Close reasons first (closed without work), then the outcomes of worked cases.
RESULTS: dict[str, Any] = {
    CloseReason.DUPLICATE.value: CloseReason.DUPLICATE.label,
    CloseReason.NOT_IN_SCOPE.value: CloseReason.NOT_IN_SCOPE.label,
    CloseReason.WITHDRAWN.value: CloseReason.WITHDRAWN.label,
    Outcome.UNREACHABLE.value: gettext_lazy("Geen contact gekregen (niet bereikbaar)"),
    Outcome.ADVISED.value: Outcome.ADVISED.label,
    Outcome.REFERRED.value: Outcome.REFERRED.label,
    Outcome.COMPLAINT_FILED.value: Outcome.COMPLAINT_FILED.label,
    Outcome.NO_FURTHER_HELP.value: Outcome.NO_FURTHER_HELP.label,
    Outcome.OTHER.value: Outcome.OTHER.label,
}
UNKNOWN_RESULT = Outcome.OTHER.value  # a closed case that recorded neither (closed before outcomes existed)


@dataclass(frozen=True)
class Periods:
    contact_months: int
    content_months: int
    metadata_months: int

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in FIELDS}


# The built-in policy, used for every result that has no rule in the database (the privacy officer changes it
# on the retention page). Duplicates and requests outside the team's task go soon; worked cases are kept two
# years after closing (a new incident often follows within that time), their tombstone seven.
DEFAULTS: dict[str, Periods] = {
    CloseReason.DUPLICATE.value: Periods(1, 1, 12),
    CloseReason.NOT_IN_SCOPE.value: Periods(6, 6, 24),
    CloseReason.WITHDRAWN.value: Periods(6, 6, 24),
    Outcome.UNREACHABLE.value: Periods(12, 12, 60),
    Outcome.ADVISED.value: Periods(24, 24, 84),
    Outcome.REFERRED.value: Periods(24, 24, 84),
    Outcome.COMPLAINT_FILED.value: Periods(24, 24, 84),
    Outcome.NO_FURTHER_HELP.value: Periods(24, 24, 84),
    Outcome.OTHER.value: Periods(24, 24, 84),
}


def case_result(outcome: str, close_reason: str) -> str:
    """The result a closed case is kept by: its outcome, else its close reason, else ``other``."""
    if outcome in RESULTS:
        return outcome
    if close_reason in RESULTS:
        return close_reason
    return UNKNOWN_RESULT


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months; the 31st becomes the last day of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class CaseDates:
    contact_until: date
    content_until: date
    metadata_until: date

    @property
    def destroy_on(self) -> date:
        """The day the case (its content, and the contact details with it) is due for destruction."""
        return self.content_until

    @property
    def contact_erase_on(self) -> date | None:
        """The day the contact details are erased on their own: the contact date when it comes before the
        content date; None when both end on the same day (the destruction takes the contact details too)."""
        return self.contact_until if self.contact_until < self.content_until else None

    def contact_erase_due(self, today: date) -> bool:
        """Whether the contact details are due to be erased on their own by ``today``."""
        return self.contact_erase_on is not None and self.contact_erase_on <= today


def case_dates(closed_on: date, periods: Periods) -> CaseDates:
    return CaseDates(
        add_months(closed_on, periods.contact_months),
        add_months(closed_on, periods.content_months),
        add_months(closed_on, periods.metadata_months),
    )


def validate_periods(raw: dict[str, Any]) -> Periods:
    """Whole numbers of months, 0..1200; contact ≤ content ≤ metadata. InvalidInput names each bad field."""
    values: dict[str, int] = {}
    problems: list[dict[str, str]] = []
    for name in FIELDS:
        value = raw.get(name)
        text = str(value).strip() if value is not None else ""
        if isinstance(value, bool) or not text.isascii() or not text.isdigit():
            problems.append({"name": PARAMS[name], "reason": _("Vul een heel aantal maanden in (0 of meer).")})
            continue
        number = int(text)
        if number > MAX_MONTHS:
            problems.append({"name": PARAMS[name], "reason": _("Ten hoogste %(max)s maanden.") % {"max": MAX_MONTHS}})
            continue
        values[name] = number
    if not problems:
        if values["contact_months"] > values["content_months"]:
            problems.append(
                {
                    "name": PARAMS["contact_months"],
                    "reason": _("Contactgegevens worden niet langer bewaard dan de inhoud van de zaak."),
                }
            )
        if values["content_months"] > values["metadata_months"]:
            problems.append(
                {
                    "name": PARAMS["metadata_months"],
                    "reason": _("Metagegevens worden minstens zo lang bewaard als de inhoud van de zaak."),
                }
            )
    if problems:
        raise InvalidInput(_("Controleer de bewaartermijnen."), invalid_params=problems)
    return Periods(**values)
