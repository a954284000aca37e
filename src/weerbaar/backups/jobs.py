"""The scheduled backup (registered with the kernel's scheduler in ``apps.py``).

Every ``WEERBAAR_BACKUP_EVERY_HOURS`` (default 24) it writes ``weerbaar-backup-<UTC moment>.age`` into
``WEERBAAR_BACKUP_DIR``, encrypted to the keys in ``WEERBAAR_BACKUP_RECIPIENTS``, and keeps the newest
``WEERBAAR_BACKUP_KEEP`` (default 7). Without a directory and a recipient it does nothing (and says so).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from weerbaar.backups.archive import backup_create, backups_prune
from weerbaar.core.jobs import Job


def scheduled_backup(now: datetime) -> dict[str, Any]:
    if not settings.BACKUP_DIR or not settings.BACKUP_RECIPIENTS:
        return {"skipped": 1}
    directory, recipients = Path(settings.BACKUP_DIR), settings.BACKUP_RECIPIENTS
    name = f"weerbaar-backup-{now.astimezone(UTC):%Y%m%dT%H%M%SZ}.age"
    summary = backup_create(directory / name, list(recipients), now=now)
    removed = backups_prune(directory, settings.BACKUP_KEEP)
    return {"written": 1, "bytes": summary.size, "removed": len(removed)}


JOBS = (
    Job(
        "backup",
        timedelta(hours=settings.BACKUP_EVERY_HOURS),
        scheduled_backup,
        _(
            "Een versleutelde reservekopie van de database, de bewijsstukken en het controlepunt van het "
            "auditlogboek; alleen de nieuwste kopieën blijven bewaard."
        ),
        _("elke dag"),
        title=_("Reservekopie maken"),
        position=900,
    ),
)
