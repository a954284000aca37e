"""Upload quotas: how much evidence one case holds, and how much its office holder may add in a day.

Checked twice: before the file is examined (so a refused upload costs no image decoding) and again under the
case's row lock, just before storing (so parallel uploads cannot pass a quota together). The limits are
settings (``WEERBAAR_EVIDENCE_*``, see docs/incidents.md):

* per case: ``EVIDENCE_MAX_CASE_BYTES`` and ``EVIDENCE_MAX_CASE_FILES`` in total, whoever added them;
* per office holder: ``EVIDENCE_HOLDER_DAILY_FILES`` files and ``EVIDENCE_HOLDER_DAILY_BYTES`` in any 24 hours.
  Anyone with a help request is an office holder here, so this is what bounds an anonymous sender; advisors
  are bounded by the case limits only.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Min, Sum
from django.utils.translation import gettext as _

from weerbaar.cases.models import Case
from weerbaar.core import clock
from weerbaar.core.errors import RateLimited
from weerbaar.incidents import files
from weerbaar.incidents.choices import Recorder

WINDOW = timedelta(hours=24)


def _mb(size: int) -> int:
    return size // 1_048_576


def check_upload_quota(case: Case, *, by_office_holder: bool, size: int) -> None:
    """Refuse a file of ``size`` bytes that would take the case or its office holder past a quota."""
    totals = case.evidence.aggregate(total=Sum("size"), count=Count("id"))
    used, count = totals["total"] or 0, totals["count"] or 0
    case_bytes, case_files = int(settings.EVIDENCE_MAX_CASE_BYTES), int(settings.EVIDENCE_MAX_CASE_FILES)
    if used + size > case_bytes:
        raise files.refused(
            _(
                "Er is niet genoeg ruimte meer in deze zaak (%(used)s van %(max)s MB gebruikt). "
                "Overleg met uw adviseur welke bestanden echt nodig zijn."
            )
            % {"used": _mb(used), "max": _mb(case_bytes)}
        )
    if count + 1 > case_files:
        raise files.refused(
            _(
                "Deze zaak heeft het maximum van %(max)s bestanden bereikt. "
                "Overleg met uw adviseur welke bestanden echt nodig zijn."
            )
            % {"max": case_files}
        )
    if not by_office_holder:
        return
    now = clock.now()
    recent = case.evidence.filter(recorded_by=Recorder.OFFICE_HOLDER, uploaded_at__gt=now - WINDOW).aggregate(
        total=Sum("size"), count=Count("id"), first=Min("uploaded_at")
    )
    day_files, day_bytes = int(settings.EVIDENCE_HOLDER_DAILY_FILES), int(settings.EVIDENCE_HOLDER_DAILY_BYTES)
    if (recent["count"] or 0) + 1 > day_files or (recent["total"] or 0) + size > day_bytes:
        first = recent["first"] or now
        retry_after = max(60, int((first + WINDOW - now).total_seconds()) + 1)
        raise RateLimited(
            _(
                "U heeft vandaag al veel bestanden toegevoegd (maximaal %(files)s bestanden of %(mb)s MB per 24 uur). "
                "Probeer het later opnieuw, of bespreek met uw adviseur hoe u de rest kunt aanleveren."
            )
            % {"files": day_files, "mb": _mb(day_bytes)},
            retry_after=retry_after,
        )
