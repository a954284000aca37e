"""One way to write a moment for office holders: "maandag 7 december om 09:00" (English: "Monday 7 December at
09:00"), with the year only when it is not this year. The receipt, the acute screen, the next steps of the API
and the phone intake all write their moments with ``moment_text``."""

from __future__ import annotations

from datetime import datetime

from django.utils import dateformat
from django.utils.translation import gettext as _

from weerbaar.core import clock


def moment_text(moment: datetime, *, now: datetime | None = None) -> str:
    """The weekday, day, month (year if not this year) and clock time of ``moment`` in Europe/Amsterdam."""
    local = moment.astimezone(clock.AMSTERDAM)
    this_year = (now or clock.now()).astimezone(clock.AMSTERDAM).year
    day = dateformat.format(local, "l j F" if local.year == this_year else "l j F Y")
    return _("%(day)s om %(time)s") % {"day": day, "time": local.strftime("%H:%M")}
