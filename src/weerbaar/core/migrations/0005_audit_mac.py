"""Every audit entry (and the head) gets a MAC under the audit key; existing entries are MAC-ed here.

MAC-ing at upgrade vouches for the log as it stands: run ``weerbaar audit verify`` before upgrading
(docs/operations.md, "Upgrading to the MAC-ed audit log"). The hash chain is still checked as before, so
an entry that was already broken stays broken.
"""

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def _mac(purpose: bytes, message: str) -> str:
    # Kept here, not imported: a migration must not change when core/audit.py does (same formulas).
    return hmac.new(settings.AUDIT_KEY, purpose + b"\n" + message.encode(), hashlib.sha256).hexdigest()


def mac_existing(apps: Any, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    AuditEntry = apps.get_model("core", "AuditEntry")
    AuditHead = apps.get_model("core", "AuditHead")
    batch = []
    for entry in AuditEntry.objects.filter(mac="").only("id", "entry_hash").iterator(chunk_size=2000):
        entry.mac = _mac(b"weerbaar-audit-entry", entry.entry_hash)
        batch.append(entry)
        if len(batch) >= 2000:
            AuditEntry.objects.bulk_update(batch, ["mac"])
            batch = []
    AuditEntry.objects.bulk_update(batch, ["mac"])
    for head in AuditHead.objects.all():
        head.mac = _mac(b"weerbaar-audit-head", f"{head.sequence}:{head.entry_hash}")
        head.save(update_fields=["mac"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_job_runs"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="mac",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.AddField(
            model_name="audithead",
            name="mac",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.RunPython(mac_existing, migrations.RunPython.noop),
    ]
